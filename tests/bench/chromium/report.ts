// The Chromium bench's results as the Markdown of BENCHMARKS.md (also printed): medians with min and max,
// the ratios the speed targets are stated in, the longest main-thread tasks, the first paint, the load.
import { BENCH_CHROMIUM_ARGS, COMMAND_UNSET_ENV, type AppRun, type BenchResult, type Contender, type WorkloadResult } from './harness';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const seconds = (ms: number) => (ms / 1000).toFixed(ms < 1000 ? 3 : 2);
const spread = (values: readonly number[]) =>
  values.length === 0 ? 'n/a' : `${seconds(median(values))} s (${seconds(Math.min(...values))}–${seconds(Math.max(...values))})`;
const ratio = (a: readonly number[], b: readonly number[]) => (a.length && b.length ? `${(median(a) / median(b)).toFixed(2)}×` : 'n/a');
const load = (values: readonly number[]) => values.map((v) => v.toFixed(2)).join(' / ');

const LABELS: Record<Contender, string> = {
  'raw-concurrent': 'raw WebCrypto, all keys at once',
  'raw-sequential': 'raw WebCrypto, one after another',
  'app-cold': 'app, click → zip ready (cold)',
  'app-warm': 'app, click → zip ready (after the wait on the screen)',
  cli: 'kubeprep command',
  cfssl: 'Debian cfssl + cfssljson',
};

/** Which run the longest load task was in and when it began, for a look at what ran then. */
function whereInLoad(w: WorkloadResult): string {
  const run = w.app.reduce<AppRun | undefined>((worst, a) => (a.longest.load > (worst?.longest.load ?? 0) ? a : worst), undefined);
  if (!run) return '';
  const what = run.longest.loadWhat ? `; it ran ${run.longest.loadWhat}` : '';
  return ` (${run.cold ? 'a cold run' : 'a warm run'}, ${seconds(run.longest.loadAt)} s after navigation start${what})`;
}

function workloadTable(w: WorkloadResult, warmMs: number): string[] {
  const t = w.times;
  const warmLabel = LABELS['app-warm'].replace('the wait', `${(warmMs / 1000).toFixed(1)} s`);
  const longest = (phase: 'load' | 'generate' | 'download') => Math.max(0, ...w.app.map((a) => a.longest[phase]));
  return [
    `### ${w.name}: ${w.keys} (${w.keyCount} keys)`,
    '',
    '| contender | median (min–max) | vs raw concurrent | vs cfssl |',
    '|---|---|---|---|',
    ...(Object.keys(LABELS) as Contender[]).map(
      (c) => `| ${c === 'app-warm' ? warmLabel : LABELS[c]} | ${spread(t[c])} | ${ratio(t[c], t['raw-concurrent'])} | ${ratio(t[c], t.cfssl)} |`,
    ),
    '',
    `Raw sequential / concurrent: ${ratio(t['raw-sequential'], t['raw-concurrent'])}. ` +
      `App phases (median): Generate ${seconds(median(w.app.map((a) => a.generate)))} s, Download ${seconds(median(w.app.map((a) => a.download)))} s; ` +
      `${w.app[0]?.files ?? 0} files in the zip. Web Workers started by the app: ${w.workers ? 'yes' : 'no'}.`,
    '',
    `Longest main-thread task over all runs (PerformanceObserver "longtask", 0 = none over 50 ms): load ${longest('load').toFixed(0)} ms${whereInLoad(w)}, ` +
      `Generate ${longest('generate').toFixed(0)} ms, Download ${longest('download').toFixed(0)} ms.`,
    '',
    ...coldShare(w),
  ];
}

/**
 * What the app adds to a cold Generate's keys, measured in the page, whatever the keys' own times: only
 * for RSA-only workloads, whose keys WebCrypto makes one after another on its own thread (ECDSA keys are
 * made at once on the calling thread).
 */
function coldShare(w: WorkloadResult): string[] {
  const cold = w.app.filter((a) => a.cold);
  if (cold.length === 0 || /P-|Ed25519/.test(w.keys)) return [];
  const ms = (values: number[]) => `${median(values).toFixed(0)} ms`;
  return [
    `Cold runs, what the app adds to its keys' time (medians of ${cold.length}): ${median(cold.map((a) => a.keys.generated)).toFixed(0)} key generations asked for from the click on; ` +
      `WebCrypto's key thread idle for ${ms(cold.map((a) => a.keys.idle))} between the click and the last one's end; the zip ready ${ms(cold.map((a) => a.keys.afterLast))} after it.`,
    '',
  ];
}

interface Target {
  what: string;
  measured: string;
  met: boolean | undefined;
}

/** The speed targets, each with what was measured (medians) and whether it is met. */
export function targets(result: BenchResult): Target[] {
  const find = (name: string) => result.workloads.find((w) => w.name === name);
  const out: Target[] = [];
  const relative = (what: string, w: WorkloadResult | undefined, a: Contender, b: Contender, limit: number) => {
    const value = w && w.times[a].length && w.times[b].length ? median(w.times[a]) / median(w.times[b]) : undefined;
    out.push({ what, measured: value === undefined ? 'n/a' : `${value.toFixed(2)}×`, met: value === undefined ? undefined : value <= limit });
  };
  const rsa = find('rsa-plan');
  const warm = rsa?.times['app-warm'].length ? median(rsa.times['app-warm']) : undefined;
  out.push({ what: 'RSA plan, after the wait: click → zip ready ≤ 0.3 s', measured: warm === undefined ? 'n/a' : `${seconds(warm)} s`, met: warm === undefined ? undefined : warm <= 300 });
  relative('RSA plan, after the wait: ≤ 0.15× raw concurrent WebCrypto', rsa, 'app-warm', 'raw-concurrent', 0.15);
  relative('RSA plan, after the wait: ≤ 0.1× cfssl', rsa, 'app-warm', 'cfssl', 0.1);
  relative('RSA plan, cold: ≤ 1.1× raw concurrent WebCrypto', rsa, 'app-cold', 'raw-concurrent', 1.1);
  for (const name of ['rsa-plan', 'ecdsa-plan']) {
    const w = find(name);
    const longest = w && w.app.length ? Math.max(...w.app.flatMap((a) => [a.longest.load, a.longest.generate, a.longest.download])) : undefined;
    out.push({ what: `${name}: longest main-thread task (load, Generate, Download) ≤ 50 ms`, measured: longest === undefined ? 'n/a' : `${longest.toFixed(0)} ms`, met: longest === undefined ? undefined : longest <= 50 });
  }
  const hosted = result.firstPaint.find((f) => f.where === 'hosted');
  out.push({ what: 'first paint ≤ 100 kB gzip (JS + CSS, hosted page)', measured: hosted ? `${(hosted.gzipBytes / 1000).toFixed(1)} kB` : 'n/a', met: hosted ? hosted.gzipBytes <= 100_000 : undefined });
  relative('command ≤ 0.6× cfssl on the RSA plan', rsa, 'cli', 'cfssl', 0.6);
  relative('command ≤ 1× cfssl on the guide example', find('guide'), 'cli', 'cfssl', 1);
  return out;
}

export function benchMarkdown(result: BenchResult, build: string): string {
  return [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (tests/bench/chromium/): the built app in headless Chromium, raw WebCrypto,`,
    'the kubeprep command and Debian\'s cfssl on the same certificate set, in interleaved rounds.',
    '',
    `- Build: ${build}`,
    `- Date: ${result.started}; ${result.rounds} round(s), ${result.coldSamples} cold app and raw WebCrypto runs per round; wait on the screen before the warm click: ${(result.warmMs / 1000).toFixed(1)} s`,
    `- Machine: ${result.machine}; load average (1/5/15 min) before ${load(result.loadBefore)}, after ${load(result.loadAfter)}`,
    `- Chromium ${result.chromium} (headless, with \`${BENCH_CHROMIUM_ARGS.join(' ')}\`: see tests/bench/chromium/harness.ts), Node ${result.node}, ${result.cfssl}`,
    // The bench keeps both cores busy itself (Chromium, the command's key generation, cfssl): the load
    // after a run is mostly its own. What says whether something else was running is the load before.
    ...((result.loadBefore[0] ?? 0) > result.cores
      ? ['', `**Not a quiet run**: the load average before the first round was above the ${result.cores} cores, so absolute times are inflated; ratios between contenders of the same round hold better.`]
      : ['', `A quiet run: the 1-minute load average before the first round was ${(result.loadBefore[0] ?? 0).toFixed(2)} on ${result.cores} cores (the value after includes the bench's own work).`]),
    '',
    '## Targets',
    '',
    '| target | measured | met |',
    '|---|---|---|',
    ...targets(result).map((t) => `| ${t.what} | ${t.measured} | ${t.met === undefined ? 'not measured' : t.met ? 'yes' : '**no**'} |`),
    '',
    '## Click → zip ready',
    '',
    ...result.workloads.flatMap((w) => workloadTable(w, result.warmMs)),
    '## First paint',
    '',
    '| page | JS + CSS before first contentful paint (gzip -9) | raw | first contentful paint, median (min–max) |',
    '|---|---|---|---|',
    ...result.firstPaint.map(
      (f) => `| ${f.where} | ${(f.gzipBytes / 1000).toFixed(1)} kB | ${(f.rawBytes / 1000).toFixed(1)} kB | ${f.fcp.length ? spread(f.fcp) : 'n/a'} |`,
    ),
    '',
    `Hosted page files counted: ${result.firstPaint[0]?.files.join(', ') || 'none'}. The single file counts whole (everything is inlined).`,
    '',
    '## Start',
    '',
    `\`kubeprep version\` ${spread(result.start.kubeprep)}, \`cfssl version\` ${spread(result.start.cfssl)} (wall time of the process; both commands run without ${COMMAND_UNSET_ENV.join(', ')}, which only names extra TLS trust and which Node, unlike Go, reads at every start: see commandEnv in harness.ts).`,
    '',
  ].join('\n');
}
