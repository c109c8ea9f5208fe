// `kubeprep cluster -plan=plan.json -out=bundle.zip [-layout=kubeadm|cfssl] [-locale=en|zh-CN] [-passphrase-file=FILE]`:
// the cluster plan screen's "Generate" + "Download .zip", from a plan.json. Problems in the plan are
// printed each with its field and what is allowed; lint findings are printed as warnings (or errors) and do not
// stop the bundle. `-example` prints the plan every missing key is taken from. -locale (read by
// main.ts) is also the language of the zip's README and scripts.
import { certificateSet, defaultPlan, generateCluster, LAYOUTS, lintPlan, nodeScripts, parsePlanJson, planToJson, validatePlan } from '../lib/cluster';
import { clusterBundleFiles } from '../lib/bundle/cluster-layout';
import { encryptBundleKeys } from '../lib/bundle/encrypt-keys';
import { zipBundleFiles } from '../lib/bundle/zip';
import { utcMinute } from '../lib/bundle/cluster-readme';
import { KubeprepError } from '../lib/errors';
import { describeWarning, lintWhyKey, lintFixKey } from '../lib/i18n';
import { choiceFlag, parseFlags } from './flags';
import { readTextInput, writeOutputFile, writeStderr, writeStdout } from './io';
import { readPassphrase } from './renew';
import { cliLocale, logLine, reportError, say } from './report';
import { cliKeySource } from './rsa-keys';

export async function clusterCommand(args: string[]): Promise<number> {
  try {
    if (args.includes('-h') || args.includes('--help')) {
      writeStdout(say('cli.usage.cluster'));
      return 0;
    }
    const flags = parseFlags(args, { values: ['plan', 'out', 'layout', 'passphrase-file'], booleans: ['example'] });
    if (flags.booleans['example']) {
      writeStdout(planToJson(defaultPlan()));
      return 0;
    }
    const planPath = flags.values['plan'];
    const out = flags.values['out'];
    if (!planPath || !out) throw new KubeprepError('cli.missing-flags', { allowed: '-plan, -out', params: { command: 'cluster', flags: '-plan, -out' } });
    const layout = choiceFlag(flags.values, 'layout', LAYOUTS, 'kubeadm');
    const locale = cliLocale();

    const passphrase = await readPassphrase(flags.values['passphrase-file']);
    const { plan, errors: typeErrors } = parsePlanJson(await readTextInput(planPath));
    const result = validatePlan(plan);
    const errors = [...typeErrors, ...(result.ok ? [] : result.errors)];
    if (errors.length > 0 || !result.ok) {
      for (const error of errors) reportError(error, 'cli.cluster.in-plan', { plan: planPath });
      return 1;
    }
    for (const finding of lintPlan(result.resolved, certificateSet(result.resolved))) {
      writeStderr(
        logLine(finding.severity === 'error' ? 'ERROR' : 'WARNING', say('cli.cluster.finding', {
          finding: describeWarning(locale, finding),
          field: finding.field ?? '-',
          why: { key: lintWhyKey(finding.code), params: finding.params ?? {} },
          fix: { key: lintFixKey(finding.code), params: finding.params ?? {} },
        })),
      );
    }
    if (!nodeScripts(result.resolved, {})) {
      writeStderr(logLine('WARNING', say('cluster.bundle.noNodeScripts', { minor: result.resolved.minorVersion })));
    }
    const started = Date.now();
    const generated = await generateCluster(result.resolved, { keys: cliKeySource() });
    for (const { certificate, warning } of generated.warnings) {
      writeStderr(logLine('WARNING', say('cluster.certificate-warning', { certificate, warning: describeWarning(locale, warning) })));
    }
    const files = clusterBundleFiles(generated, layout, locale);
    await writeOutputFile(out, await zipBundleFiles(passphrase === undefined ? files : await encryptBundleKeys(files, passphrase, { locale, readme: 'README.md' })), 0o600);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    writeStderr(logLine('INFO', say('cli.cluster.wrote', { out, cas: generated.set.cas.length, certificates: generated.set.certificates.length, layout, seconds })));
    writeStderr(logLine('INFO', say('cluster.bundle.tokenExpires', {
      id: generated.bootstrapToken.id, date: utcMinute(generated.tokenExpires), ttl: result.resolved.plan.bootstrapTokenTtl,
    })));
    return 0;
  } catch (error) {
    return reportError(error, 'cli.cluster.failed');
  }
}
