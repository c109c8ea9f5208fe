// `kubeprep renew -in=DIR|ZIP|TAR -out=ZIP [-days=N] [-expiry=8760h] [-rotate-keys]`: the renewal of the
// Expiry and renewal screen on the command line. Renews every certificate that can be renewed (all of
// them, as `kubeadm certs renew all`, or those expiring within -days), keeping subject, SANs and usages,
// with the CA keys found in the input (or in -signing); writes a zip with the input's paths, README.md
// (restart order) and verify.sh under kubeprep-renewal/. CAs are never renewed: the reason is printed.
import { readFile } from 'node:fs/promises';
import { zipBundleFiles } from '../lib/bundle/zip';
import { encryptBundleKeys } from '../lib/bundle/encrypt-keys';
import { translate } from '../lib/i18n';
import { expiryReport, renewalBundleFiles, renewRows, RENEWAL_DIR, useRenewalMessages } from '../lib/renewal';
import { chooseLocale, parseNow, problemText, readInputs } from './check-expiration';
import { logLine, parseFlags, reportError, UsageError } from './flags';
import { writeOutputFile, writeStderr, writeStdout } from './io';

const USAGE = `Usage: kubeprep renew -in=DIR|ZIP|TAR -out=ZIP [-days=N] [-expiry=8760h] [-rotate-keys] [flags]

  -in               the cluster's files: a folder (/etc/kubernetes), a .zip or a .tar[.gz]
  -out              the zip to write (mode 0600): the same paths and names as the input, renewed files
                    changed, plus ${RENEWAL_DIR}/README.md (restart order) and ${RENEWAL_DIR}/verify.sh
  -days             renew only what expires within N days (expired ones included); default: everything
  -expiry           the new validity, a Go duration (default 8760h, one year)
  -rotate-keys      new keys of the same type (default: keep each key; the public keys do not change)
  -signing          a folder, archive or file with CA certificates and keys to sign with, when the CA
                    keys are not in -in (they are not written to -out)
  -passphrase-file  encrypt every private key file in the zip (PKCS#8, AES-256-CBC, PBKDF2-SHA256)
                    with the passphrase on this file's first line
  -now              renew as of this time (RFC 3339) instead of now
  -locale           language of README.md and messages: en (the default) or zh-CN
`;

export async function readPassphrase(path: string | undefined): Promise<string | undefined> {
  if (path === undefined) return undefined;
  return (await readFile(path, 'utf8')).split(/\r?\n/)[0]!;
}

export async function renewCommand(args: string[]): Promise<number> {
  try {
    if (args.includes('-h') || args.includes('--help')) {
      writeStdout(USAGE);
      return 0;
    }
    useRenewalMessages();
    const flags = parseFlags(args, { values: ['in', 'out', 'days', 'expiry', 'signing', 'passphrase-file', 'now', 'locale'], booleans: ['rotate-keys'] });
    const input = flags.values['in'];
    const out = flags.values['out'];
    if (!input || !out) throw new UsageError(`-in and -out are required\n\n${USAGE}`);
    const locale = chooseLocale(flags.values['locale']);
    const now = parseNow(flags.values['now']);
    const daysText = flags.values['days'];
    if (daysText !== undefined && !/^\d+$/.test(daysText)) throw new UsageError(translate(locale, 'error.renewal.invalid-days', { value: daysText }));
    const expiry = flags.values['expiry'] ?? '8760h';
    const rotateKeys = flags.booleans['rotate-keys'] ?? false;
    const passphrase = await readPassphrase(flags.values['passphrase-file']);

    const analysis = await readInputs([input], flags.values['signing'] ? [flags.values['signing']] : []);
    for (const problem of analysis.problems) if (problem.severity === 'error') writeStderr(`skipped: ${problemText(locale, problem)}\n`);
    const report = expiryReport(analysis, now);
    // Within the window (everything without -days): the rows to renew, and the blocked ones so their reason
    // is printed; a CA is named only when it is itself inside the window.
    const window = daysText === undefined ? Infinity : Number(daysText) * 86_400_000;
    const candidates = report.filter((r) => (r.status !== 'ok' && r.status !== 'soon') || r.msLeft < window).filter((r) => r.kind !== 'ca' || daysText !== undefined);
    const result = await renewRows(analysis, candidates.map((r) => r.id), { expiry, rotateKeys, now });
    for (const problem of result.problems) writeStderr(logLine('WARNING', problemText(locale, problem)));
    if (result.renewed.length === 0) {
      writeStderr(logLine('ERROR', translate(locale, 'error.renewal.nothing-selected')));
      return 1;
    }
    let files = renewalBundleFiles(analysis, result, { locale, expiry, rotateKeys, now });
    if (passphrase !== undefined) files = await encryptBundleKeys(files, passphrase, { locale, readme: `${RENEWAL_DIR}/README.md` });
    await writeOutputFile(out, await zipBundleFiles(files, now), 0o600);
    writeStderr(logLine('INFO', translate(locale, 'renewal.renew.done', { count: result.renewed.length, files: result.changed.size }) + ` → ${out}`));
    return 0;
  } catch (error) {
    return reportError(error, 'kubeprep renew: ');
  }
}
