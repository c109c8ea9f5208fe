// `kubeprep cluster -plan=plan.json -out=bundle.zip [-layout=kubeadm|cfssl] [-locale=en|zh-CN] [-passphrase-file=FILE]`: the cluster plan screen's
// "Generate" + "Download .zip", from a plan.json. Problems in the plan are printed each with its field,
// in the words the app shows (the catalogue's, in -locale); lint findings are printed as warnings (or
// errors) and do not stop the bundle. `-example` prints the plan every missing key is taken from.
import {
  certificateSet, defaultPlan, generateCluster, LAYOUTS, lintPlan, nodeScripts, parsePlanJson, planToJson, validatePlan,
  type LintFinding, type Layout,
} from '../lib/cluster';
import { clusterBundleFiles } from '../lib/bundle/cluster-layout';
import { encryptBundleKeys } from '../lib/bundle/encrypt-keys';
import { zipBundleFiles } from '../lib/bundle/zip';
import { readPassphrase } from './renew';
import { utcMinute } from '../lib/bundle/cluster-readme';
import type { KubeprepError } from '../lib/errors';
import { dictionary, isLocale, LOCALES, translate, type Locale, type MessageKey } from '../lib/i18n';
import { describeError, logLine, parseFlags, reportError, UsageError } from './flags';
import { readTextInput, writeOutputFile, writeStderr, writeStdout } from './io';

const USAGE = `Usage: kubeprep cluster -plan=plan.json -out=bundle.zip [-layout=kubeadm|cfssl] [-locale=en|zh-CN] [-passphrase-file=FILE]
       kubeprep cluster -example

  -plan     the cluster plan (export it from the app's Cluster plan screen, or write it by hand).
            Every key it leaves out takes the example's value, so {} is the example itself.
            "-" reads standard input.
  -out      the zip to write (mode 0600: it holds private keys)
  -layout   kubeadm (/etc/kubernetes/pki/*.crt|.key and kubeadm init/join configurations, the default)
            or cfssl (/etc/kubernetes/ssl/*.pem and systemd units for a binary install)
  -locale   the language of the zip's README.md and of these messages: en (the default) or zh-CN
  -passphrase-file  encrypt every private key file (PKCS#8, AES-256-CBC, PBKDF2-SHA256) with the
            passphrase on this file's first line; README.md says how to decrypt them
  -example  print the example plan.json and exit
`;

/** A plan error in the app's words: `field: sentence` from the catalogue, the engine's text otherwise. */
function describePlanError(error: KubeprepError, locale: Locale): string {
  const key = `error.${error.code}`;
  if (!(key in dictionary(locale))) return describeError(error);
  const params = { ...error.params, field: error.field ?? '', ...(error.allowed === undefined ? {} : { allowed: error.allowed }) };
  const text = translate(locale, key as MessageKey, params);
  return error.field && !text.startsWith(error.field) ? `${error.field}: ${text}` : text;
}

function describeFinding(finding: LintFinding, locale: Locale): string {
  const t = (suffix: string) => translate(locale, `${finding.code}${suffix}` as MessageKey, finding.params);
  return `${t('')}${finding.field ? ` (${finding.field})` : ''}: ${t('.why')} ${translate(locale, 'common.fix')}: ${t('.fix')}`;
}

export async function clusterCommand(args: string[]): Promise<number> {
  try {
    if (args.includes('-h') || args.includes('--help')) {
      writeStdout(USAGE);
      return 0;
    }
    const flags = parseFlags(args, { values: ['plan', 'out', 'layout', 'locale', 'passphrase-file'], booleans: ['example'] });
    if (flags.booleans['example']) {
      writeStdout(planToJson(defaultPlan()));
      return 0;
    }
    const planPath = flags.values['plan'];
    const out = flags.values['out'];
    if (!planPath || !out) throw new UsageError(`-plan and -out are required\n\n${USAGE}`);
    const layout = (flags.values['layout'] ?? 'kubeadm') as Layout;
    if (!LAYOUTS.includes(layout)) throw new UsageError(`-layout: "${layout}" is not one of ${LAYOUTS.join(', ')}`);
    const locale = flags.values['locale'] ?? 'en';
    if (!isLocale(locale)) throw new UsageError(`-locale: "${locale}" is not one of ${LOCALES.join(', ')}`);

    const passphrase = await readPassphrase(flags.values['passphrase-file']);
    const { plan, errors: typeErrors } = parsePlanJson(await readTextInput(planPath));
    const result = validatePlan(plan);
    const errors = [...typeErrors, ...(result.ok ? [] : result.errors)];
    if (errors.length > 0 || !result.ok) {
      for (const error of errors) writeStderr(`${planPath}: ${describePlanError(error, locale)}\n`);
      return 1;
    }
    for (const finding of lintPlan(result.resolved, certificateSet(result.resolved))) {
      writeStderr(logLine(finding.severity === 'error' ? 'ERROR' : 'WARNING', describeFinding(finding, locale)));
    }
    if (!nodeScripts(result.resolved, {})) {
      writeStderr(logLine('WARNING', translate(locale, 'cluster.bundle.noNodeScripts', { minor: result.resolved.minorVersion })));
    }
    const started = Date.now();
    const generated = await generateCluster(result.resolved);
    for (const warning of generated.warnings) writeStderr(logLine('WARNING', warning));
    const files = clusterBundleFiles(generated, layout, locale);
    await writeOutputFile(out, await zipBundleFiles(passphrase === undefined ? files : await encryptBundleKeys(files, passphrase, { locale, readme: 'README.md' })), 0o600);
    writeStderr(logLine('INFO', `wrote ${out}: ${generated.set.cas.length} CA(s), ${generated.set.certificates.length} certificates, layout ${layout}, in ${((Date.now() - started) / 1000).toFixed(1)} s`));
    writeStderr(logLine('INFO', translate(locale, 'cluster.bundle.tokenExpires', {
      id: generated.bootstrapToken.id, date: utcMinute(generated.tokenExpires), ttl: result.resolved.plan.bootstrapTokenTtl,
    })));
    return 0;
  } catch (error) {
    return reportError(error, 'kubeprep cluster: ');
  }
}
