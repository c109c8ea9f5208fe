// `kubeprep cluster -plan=plan.json -out=bundle.zip [-layout=kubeadm|cfssl] [-locale=en|zh-CN]`: the cluster plan screen's
// "Generate" + "Download .zip", from a plan.json. Problems in the plan are printed each with its field
// and what is allowed; lint findings are printed as warnings and do not stop the bundle.
import { generateCluster, certificateSet, lintPlan, LAYOUTS, parsePlanJson, validatePlan, type Layout } from '../lib/cluster';
import { clusterBundleFiles } from '../lib/bundle/cluster-layout';
import { encryptBundleKeys } from '../lib/bundle/encrypt-keys';
import { zipBundleFiles } from '../lib/bundle/zip';
import { readPassphrase } from './renew';
import { isLocale, LOCALES } from '../lib/i18n';
import { describeError, logLine, parseFlags, reportError, UsageError } from './flags';
import { readTextInput, writeOutputFile, writeStderr, writeStdout } from './io';

const USAGE = `Usage: kubeprep cluster -plan=plan.json -out=bundle.zip [-layout=kubeadm|cfssl] [-locale=en|zh-CN] [-passphrase-file=FILE]

  -plan    the cluster plan (export it from the app's Cluster plan screen, or write it by hand;
           missing keys take the example's defaults). "-" reads standard input.
  -out     the zip to write (mode 0600: it holds private keys)
  -layout  kubeadm (/etc/kubernetes/pki/*.crt|.key, the default) or cfssl (/etc/kubernetes/ssl/*.pem)
  -locale  the language of the zip's README.md: en (the default) or zh-CN, as the app writes it
  -passphrase-file  encrypt every private key file (PKCS#8, AES-256-CBC, PBKDF2-SHA256) with the
           passphrase on this file's first line; README.md says how to decrypt them
`;

export async function clusterCommand(args: string[]): Promise<number> {
  try {
    if (args.includes('-h') || args.includes('--help')) {
      writeStdout(USAGE);
      return 0;
    }
    const flags = parseFlags(args, { values: ['plan', 'out', 'layout', 'locale', 'passphrase-file'] });
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
      for (const error of errors) writeStderr(`${planPath}: ${describeError(error)}\n`);
      return 1;
    }
    for (const finding of lintPlan(result.resolved, certificateSet(result.resolved))) {
      writeStderr(logLine('WARNING', `${finding.message}${finding.field ? ` (${finding.field})` : ''}: ${finding.why} Fix: ${finding.fix}`));
    }
    const started = Date.now();
    const generated = await generateCluster(result.resolved);
    for (const warning of generated.warnings) writeStderr(logLine('WARNING', warning));
    const files = clusterBundleFiles(generated, layout, locale);
    await writeOutputFile(out, await zipBundleFiles(passphrase === undefined ? files : await encryptBundleKeys(files, passphrase, { locale, readme: 'README.md' })), 0o600);
    writeStderr(logLine('INFO', `wrote ${out}: ${generated.set.cas.length} CA(s), ${generated.set.certificates.length} certificates, layout ${layout}, in ${((Date.now() - started) / 1000).toFixed(1)} s`));
    return 0;
  } catch (error) {
    return reportError(error, 'kubeprep cluster: ');
  }
}
