// `npm run bench`: runs the Chromium bench (harness.ts) and writes BENCHMARKS.md. Environment:
//   (a full run first waits up to two minutes for the 1-minute load average to fall to 1)
//   KUBEPREP_BENCH_QUICK=1   one round, a 0.5 s wait, the guide and ECDSA workloads, BENCHMARKS.md untouched
//                            (a check that the harness runs; its numbers mean nothing);
//   KUBEPREP_BENCH_ROUNDS    rounds (default 5: RSA key generation times vary so much that three rounds
//                            moved the cold ratio by ±15% from one run to the next);
//   KUBEPREP_BENCH_COLD_SAMPLES cold app runs and raw WebCrypto runs per workload and round (default 3):
//                            the cold ratio compares two sums of 53 RSA key generation times, each of which
//                            varies widely (one RSA-2048 key took 20-200 ms); fifteen of each narrow it;
//   KUBEPREP_BENCH_DIST / KUBEPREP_BENCH_CLI   another build's dist/ and bin/kubeprep.mjs;
//   KUBEPREP_BENCH_BUILD     what the build is called in the file (default: this checkout's git describe);
//   KUBEPREP_BENCH_OUT       where to write the Markdown (default BENCHMARKS.md);
//   KUBEPREP_BENCH_WORKLOADS comma-separated workloads to run (guide, rsa-plan, ecdsa-plan; default all).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { runBench, WORKLOADS, type WorkloadName } from './harness';
import { benchMarkdown } from './report';

const env = process.env;
const quick = env.KUBEPREP_BENCH_QUICK === '1';

function describeBuild(): string {
  try {
    return `this checkout, ${execFileSync('git', ['describe', '--always', '--dirty'], { encoding: 'utf8' }).trim()}`;
  } catch {
    return 'this checkout';
  }
}

function workloadsFrom(list: string): WorkloadName[] {
  const names = list.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(WORKLOADS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`KUBEPREP_BENCH_WORKLOADS: unknown ${unknown.join(', ')}; allowed: ${WORKLOADS.join(', ')}`);
  return names as WorkloadName[];
}

it('runs the Chromium bench', async () => {
  const result = await runBench({
    rounds: quick ? 1 : Number(env.KUBEPREP_BENCH_ROUNDS ?? 5),
    coldSamples: quick ? 1 : Number(env.KUBEPREP_BENCH_COLD_SAMPLES ?? 3),
    warmMs: quick ? 500 : 5000,
    workloads: env.KUBEPREP_BENCH_WORKLOADS ? workloadsFrom(env.KUBEPREP_BENCH_WORKLOADS) : quick ? ['guide', 'ecdsa-plan'] : [...WORKLOADS],
    dist: env.KUBEPREP_BENCH_DIST ?? 'dist',
    cli: env.KUBEPREP_BENCH_CLI ?? 'bin/kubeprep.mjs',
    log: (line) => process.stdout.write(`${line}\n`),
    settle: !quick,
  });
  const markdown = benchMarkdown(result, env.KUBEPREP_BENCH_BUILD ?? describeBuild());
  process.stdout.write(`\n${markdown}\n`);
  const out = env.KUBEPREP_BENCH_OUT ?? (quick ? undefined : 'BENCHMARKS.md');
  if (out) writeFileSync(out, markdown);
  const per = (c: string) => (c === 'app-cold' || c.startsWith('raw-') ? result.rounds * result.coldSamples : result.rounds);
  expect(result.workloads.every((w) => Object.entries(w.times).every(([c, t]) => t.length === per(c)))).toBe(true);
});
