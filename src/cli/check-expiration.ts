// `kubeprep check-expiration DIR|ZIP|TAR|FILE...`: the expiry report of the Expiry and renewal screen on
// the command line: one row per certificate (kubeconfigs' embedded ones included, kubelet's too), sorted by
// time left, with kubeadm's name and residual time where the file is one of kubeadm's; `-o json` for
// scripts. Files skipped are named on stderr with the reason.
import { collectFiles, type InventoryProblem } from '../lib/inventory';
import { KubeprepError, type ErrorCode } from '../lib/errors';
import { errorKey, translate, type Locale, type MessageKey, type MessageParams } from '../lib/i18n';
import { analyzeInventory, DAY_MS, expiryReport, reportTable, useRenewalMessages, type Analysis, type ReportRow } from '../lib/renewal';
import { choiceFlag, parseFlags } from './flags';
import { writeStderr, writeStdout } from './io';
import { cliLocale, reportError, say } from './report';
import { diskSources } from './sources';

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

export function problemText(locale: Locale, problem: { code: ErrorCode; params: MessageParams }): string {
  return translate(locale, errorKey(problem.code), problem.params);
}

export function parseNow(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(date.getTime())) {
    throw new KubeprepError('cli.invalid-time', { field: '-now', allowed: '2027-01-01T00:00:00Z', params: { flag: 'now', value: text } });
  }
  return date;
}

function leftCell(locale: Locale, row: ReportRow): string {
  if (row.status === 'expired') return `${row.residual} ${translate(locale, 'renewal.status.expired', { days: Math.ceil(-row.msLeft / DAY_MS) })}`;
  if (row.status === 'not-yet-valid') return translate(locale, 'renewal.status.not-yet-valid', { date: row.notBefore });
  return row.status === 'soon' ? `${row.residual} !` : row.residual;
}

function printProblems(locale: Locale, problems: readonly InventoryProblem[]): void {
  for (const problem of problems) writeStderr(`${say(problem.severity === 'error' ? 'cli.inventory.skipped' : 'cli.inventory.note', { problem: problemText(locale, problem) })}\n`);
}

export async function checkExpirationCommand(args: string[]): Promise<number> {
  try {
    if (args.includes('-h') || args.includes('--help')) {
      writeStdout(say('cli.usage.check-expiration'));
      return 0;
    }
    useRenewalMessages();
    const flags = parseFlags(args, { values: ['o', 'now'] });
    const output = choiceFlag(flags.values, 'o', ['text', 'json'] as const, 'text');
    if (flags.positionals.length === 0) {
      throw new KubeprepError('cli.wrong-arguments', { params: { command: 'check-expiration', expected: { key: 'cli.arguments.check-expiration' } } });
    }
    const locale = cliLocale();
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
    return reportError(error, 'cli.check-expiration.failed');
  }
}
