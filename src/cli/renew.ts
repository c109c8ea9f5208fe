// `kubeprep renew -in=DIR|ZIP|TAR -out=ZIP [-days=N] [-expiry=8760h] [-rotate-keys]`: the renewal of the
// Expiry and renewal screen on the command line. Renews every certificate that can be renewed (all of
// them, as `kubeadm certs renew all`, or those expiring within -days), keeping subject, SANs and usages,
// with the CA keys found in the input (or in -signing); writes a zip with the input's paths, README.md
// (restart order) and verify.sh under kubeprep-renewal/. CAs are never renewed: the reason is printed.
import { zipBundleFiles } from '../lib/bundle/zip';
import { encryptBundleKeys } from '../lib/bundle/encrypt-keys';
import { KubeprepError } from '../lib/errors';
import { expiryReport, renewalBundleFiles, renewRows, DAY_MS, RENEWAL_DIR, RENEWAL_EXPIRY, useRenewalMessages } from '../lib/renewal';
import { parseNow, problemText, readInputs } from './check-expiration';
import { parseFlags } from './flags';
import { readTextInput, writeOutputFile, writeStderr, writeStdout } from './io';
import { cliLocale, logLine, reportError, say } from './report';
import { cliKeySource } from './rsa-keys';

export async function readPassphrase(path: string | undefined): Promise<string | undefined> {
  if (path === undefined) return undefined;
  return (await readTextInput(path)).split(/\r?\n/)[0]!; // a directory or missing file is named by its path
}

export async function renewCommand(args: string[]): Promise<number> {
  try {
    if (args.includes('-h') || args.includes('--help')) {
      writeStdout(say('cli.usage.renew', { dir: RENEWAL_DIR, expiry: RENEWAL_EXPIRY }));
      return 0;
    }
    useRenewalMessages();
    const flags = parseFlags(args, { values: ['in', 'out', 'days', 'expiry', 'signing', 'passphrase-file', 'now'], booleans: ['rotate-keys'] });
    const input = flags.values['in'];
    const out = flags.values['out'];
    if (!input || !out) throw new KubeprepError('cli.missing-flags', { allowed: '-in, -out', params: { command: 'renew', flags: '-in, -out' } });
    const locale = cliLocale();
    const now = parseNow(flags.values['now']);
    const daysText = flags.values['days'];
    if (daysText !== undefined && !/^\d+$/.test(daysText)) throw new KubeprepError('renewal.invalid-days', { field: '-days', params: { value: daysText } });
    const expiry = flags.values['expiry'] ?? RENEWAL_EXPIRY;
    const rotateKeys = flags.booleans['rotate-keys'] ?? false;
    const passphrase = await readPassphrase(flags.values['passphrase-file']);

    const analysis = await readInputs([input], flags.values['signing'] ? [flags.values['signing']] : []);
    for (const problem of analysis.problems) if (problem.severity === 'error') writeStderr(`${say('cli.inventory.skipped', { problem: problemText(locale, problem) })}\n`);
    const report = expiryReport(analysis, now);
    // Within the window (everything without -days): the rows to renew, and the blocked ones so their reason
    // is printed; a CA is named only when it is itself inside the window.
    const window = daysText === undefined ? Infinity : Number(daysText) * DAY_MS;
    const candidates = report.filter((r) => (r.status !== 'ok' && r.status !== 'soon') || r.msLeft < window).filter((r) => r.kind !== 'ca' || daysText !== undefined);
    const result = await renewRows(analysis, candidates.map((r) => r.id), { expiry, rotateKeys, now, keys: cliKeySource() });
    for (const problem of result.problems) writeStderr(logLine('WARNING', problemText(locale, problem)));
    if (result.renewed.length === 0) {
      writeStderr(logLine('ERROR', say('error.renewal.nothing-selected')));
      return 1;
    }
    let files = renewalBundleFiles(analysis, result, { locale, expiry, rotateKeys, now });
    if (passphrase !== undefined) files = await encryptBundleKeys(files, passphrase, { locale, readme: `${RENEWAL_DIR}/README.md` });
    await writeOutputFile(out, await zipBundleFiles(files, now), 0o600);
    writeStderr(logLine('INFO', say('cli.renew.wrote', { done: { key: 'renewal.renew.done', params: { count: result.renewed.length, files: result.changed.size } }, out })));
    return 0;
  } catch (error) {
    return reportError(error, 'cli.renew.failed');
  }
}
