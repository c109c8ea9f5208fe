// `kubeprep check-expiration DIR|ZIP|TAR|FILE...`: the expiry report of the Expiry and renewal screen on
// the command line: one row per certificate (kubeconfigs' embedded ones included, kubelet's too), sorted by
// time left, with kubeadm's name and residual time where the file is one of kubeadm's; `-o json` for
// scripts. Files skipped are named on stderr with the reason.
import { collectFiles, type InventoryProblem } from '../lib/inventory';
import { isLocale, LOCALES, translate, type Locale, type MessageKey } from '../lib/i18n';
import { analyzeInventory, expiryReport, reportTable, useRenewalMessages, type Analysis, type ReportRow } from '../lib/renewal';
import { parseFlags, reportError, UsageError } from './flags';
import { writeStderr, writeStdout } from './io';
import { diskSources } from './sources';

const USAGE = `Usage: kubeprep check-expiration [-o text|json] [-now=TIME] [-locale=en|zh-CN] DIR|ZIP|TAR|FILE...

  DIR      a folder as it lies on a node (/etc/kubernetes, /var/lib/kubelet/pki, a cfssl output folder)
  ZIP/TAR  an archive of one (.zip, .tar, .tar.gz), such as a kubeprep cluster bundle
  FILE     single certificates (PEM, DER or base64) and kubeconfigs
  -o       text (a table sorted by time left, the default) or json
  -now     report as of this time (RFC 3339, e.g. 2027-01-01T00:00:00Z) instead of now
  -locale  language of the headings and messages: en (the default) or zh-CN
`;

/** Reads the inputs (folders and archives on disk) and analyses them. */
export async function readInputs(paths: readonly string[], signing: readonly string[] = []): Promise<Analysis> {
  const sources = async function* (list: readonly string[]) {
    for (const path of list) yield* diskSources(path);
  };
  const main = await collectFiles(sources(paths), { pause: async () => undefined });
  const extra = await collectFiles(sources(signing), { pause: async () => undefined });
  const analysis = await analyzeInventory(main.files, extra.files);
  analysis.problems.unshift(...main.problems, ...extra.problems);
  return analysis;
}

export function problemText(locale: Locale, problem: { code: string; params: Record<string, string | number> }): string {
  return translate(locale, `error.${problem.code}` as MessageKey, problem.params);
}

export function parseNow(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(date.getTime())) throw new UsageError(`-now: "${text}" is not an RFC 3339 time such as 2027-01-01T00:00:00Z`);
  return date;
}

export function chooseLocale(value: string | undefined): Locale {
  const locale = value ?? 'en';
  if (!isLocale(locale)) throw new UsageError(`-locale: "${locale}" is not one of ${LOCALES.join(', ')}`);
  return locale;
}

function leftCell(locale: Locale, row: ReportRow): string {
  if (row.status === 'expired') return `${row.residual} ${translate(locale, 'renewal.status.expired', { days: Math.ceil(-row.msLeft / 86_400_000) })}`;
  if (row.status === 'not-yet-valid') return translate(locale, 'renewal.status.not-yet-valid', { date: row.notBefore });
  return row.status === 'soon' ? `${row.residual} !` : row.residual;
}

function printProblems(locale: Locale, problems: readonly InventoryProblem[]): void {
  for (const problem of problems) writeStderr(`${problem.severity === 'error' ? 'skipped' : 'note'}: ${problemText(locale, problem)}\n`);
}

export async function checkExpirationCommand(args: string[]): Promise<number> {
  try {
    if (args.includes('-h') || args.includes('--help')) {
      writeStdout(USAGE);
      return 0;
    }
    useRenewalMessages();
    const flags = parseFlags(args, { values: ['o', 'now', 'locale'] });
    const output = flags.values['o'] ?? 'text';
    if (output !== 'text' && output !== 'json') throw new UsageError(`-o: "${output}" is not text or json`);
    if (flags.positionals.length === 0) throw new UsageError(`name a folder, an archive or files\n\n${USAGE}`);
    const locale = chooseLocale(flags.values['locale']);
    const now = parseNow(flags.values['now']);
    const analysis = await readInputs(flags.positionals);
    const rows = expiryReport(analysis, now);
    if (output === 'json') {
      const problems = analysis.problems.map((p) => ({ path: p.path, code: p.code, severity: p.severity, message: problemText(locale, p) }));
      writeStdout(`${JSON.stringify({ now: now.toISOString(), certificates: rows, keyPairs: analysis.keyPairs, problems }, null, 2)}\n`);
      return 0;
    }
    const t = (key: MessageKey) => translate(locale, key).toUpperCase();
    writeStdout(
      reportTable(
        rows,
        { path: t('renewal.column.path'), cn: t('renewal.column.cn'), issuer: t('renewal.column.issuer'), kind: t('renewal.column.kind'), notBefore: t('renewal.column.not-before'), notAfter: t('renewal.column.not-after'), left: t('renewal.column.left'), caKey: t('renewal.column.ca-key'), kubeadm: t('renewal.column.kubeadm') },
        { kind: (k) => translate(locale, `renewal.kind.${k}`), caKey: (k) => translate(locale, `renewal.ca-key.${k}`), left: (r) => leftCell(locale, r) },
      ),
    );
    for (const pair of analysis.keyPairs) writeStdout(`${translate(locale, pair.matches ? 'renewal.key-pair.match' : 'renewal.key-pair.alone', { path: pair.path })}\n`);
    printProblems(locale, analysis.problems);
    return 0;
  } catch (error) {
    return reportError(error, 'kubeprep check-expiration: ');
  }
}
