import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Three projects: unit (fast, pure), interop (real openssl/cfssl/etcd/kubectl/shellcheck),
// e2e (Debian chromium against the built app); a fourth, bench, exists only under `npm run bench`. `npm test` runs all three, one project after the
// other (groupOrder), so the timing-sensitive e2e checks (Lighthouse) do not share the CPU with interop.
// PKI.js and asn1js (with the helpers they import) as the app bundles them: their ES builds, transformed
// like our own code. Left to Node, their CommonJS builds reach our code through vite-node's interop
// Proxy, which costs more per call than the work itself and misstates every engine benchmark.
const X509_ES_BUILDS = [
  { find: /^pkijs$/, replacement: 'pkijs/build/index.es.js' },
  { find: /^asn1js$/, replacement: 'asn1js/build/index.es.js' },
  { find: /^pvtsutils$/, replacement: 'pvtsutils/build/index.es.js' },
  { find: /^pvutils$/, replacement: 'pvutils/build/utils.es.js' },
  { find: /^bytestreamjs$/, replacement: 'bytestreamjs/build/mjs/index.js' },
];

export default defineConfig({
  plugins: [svelte()],
  resolve: process.env.VITEST ? { conditions: ['browser'], alias: X509_ES_BUILDS } : undefined,
  test: {
    server: { deps: { inline: [/[\\/]node_modules[\\/](pkijs|asn1js|pvtsutils|pvutils|bytestreamjs)[\\/]/] } },
    reporters: ['default', './tests/support/summary-reporter.ts'],
    // The page loads one language's words on demand; tests (like the command line) have both from the start.
    setupFiles: ['./tests/support/catalogues.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          // Some unit tests start the CLI as a child process; on a loaded 2-core machine three starts
          // can take more than vitest's default 5 s. Nothing here is timed: speed is the bench's job.
          testTimeout: 30_000,
          include: ['tests/lib/**/*.test.ts', 'tests/ui/**/*.test.ts', 'tests/cli/**/*.test.ts'],
          benchmark: { include: ['tests/bench/**/*.bench.ts'] },
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'interop',
          sequence: { groupOrder: 1 },
          include: ['tests/interop/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          poolOptions: { forks: { singleFork: true } },
        },
      },
      // `npm run bench` only (KUBEPREP_BENCH=1): the Chromium bench, minutes long, never part of `npm test`.
      ...(process.env.KUBEPREP_BENCH === '1'
        ? [{ extends: true as const, test: { name: 'bench', include: ['tests/bench/chromium/run-bench.ts'], environment: 'node' as const, testTimeout: 3_600_000, disableConsoleIntercept: true } }]
        : []),
      {
        extends: true,
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
