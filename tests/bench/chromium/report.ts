// The Chromium bench's results as the Markdown of BENCHMARKS.md (also printed): medians with min and max,
// the ratios the speed targets are stated in, the longest main-thread tasks, the first paint, the load.
import type { BenchResult, Contender, WorkloadResult } from './harness';

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
    `Longest main-thread task over all runs (PerformanceObserver "longtask", 0 = none over 50 ms): load ${longest('load').toFixed(0)} ms, ` +
      `Generate ${longest('generate').toFixed(0)} ms, Download ${longest('download').toFixed(0)} ms.`,
    '',
  ];
}

export function benchMarkdown(result: BenchResult, build: string): string {
  return [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (tests/bench/chromium/): the built app in headless Chromium, raw WebCrypto,`,
    'the kubeprep command and Debian\'s cfssl on the same certificate set, in interleaved rounds.',
    '',
    `- Build: ${build}`,
    `- Date: ${result.started}; ${result.rounds} round(s); wait on the screen before the warm click: ${(result.warmMs / 1000).toFixed(1)} s`,
    `- Machine: ${result.machine}; load average (1/5/15 min) before ${load(result.loadBefore)}, after ${load(result.loadAfter)}`,
    `- Chromium ${result.chromium}, Node ${result.node}, ${result.cfssl || 'cfssl (version unknown)'}`,
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
    `\`kubeprep version\` ${spread(result.start.kubeprep)}, \`cfssl version\` ${spread(result.start.cfssl)} (wall time of the process).`,
    '',
  ].join('\n');
}
