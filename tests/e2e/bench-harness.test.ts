// The Chromium bench's harness runs (a quick pass: one round with two cold samples, the guide example and
// the ECDSA plan):
// every contender produces a time, the app's zip is real, the key sets are the ones the workloads
// need, the first paint is measured on the hosted page and the single file, and the report has its
// tables. Its timings are not checked here (the bench itself is not a test); that it still works is.
import { describe, expect, it } from 'vitest';
import { DIST_DIR } from '../support/browser';
import { missingTools, TOOLS } from '../support/tools';
import { commandEnv, CONTENDERS, runBench, whatRan } from '../bench/chromium/harness';
import { benchMarkdown } from '../bench/chromium/report';

const skip = missingTools(TOOLS.chromium, TOOLS.cfssl, TOOLS.cfssljson, TOOLS.bash, { command: 'unzip', debianPackage: 'unzip' }).length > 0;

describe.skipIf(skip)('the Chromium bench harness', () => {
  it('measures every contender on the guide example and the ECDSA plan, and writes its tables', async () => {
    const result = await runBench({ rounds: 1, coldSamples: 2, warmMs: 300, workloads: ['guide', 'ecdsa-plan'], dist: DIST_DIR, cli: 'bin/kubeprep.mjs', log: () => {} });

    const [guide, ecdsa] = result.workloads;
    expect(guide!.keys).toBe('3× RSA-2048');
    expect(ecdsa!.keys).toMatch(/^\d+× P-256 \+ 1× RSA-2048$/);
    expect(ecdsa!.keyCount).toBeGreaterThan(30);
    for (const workload of result.workloads) {
      for (const contender of CONTENDERS) {
        // Cold app runs and raw WebCrypto: coldSamples per round.
        expect(workload.times[contender], `${workload.name} ${contender}`).toHaveLength(contender === 'app-cold' || contender.startsWith('raw-') ? 2 : 1);
        for (const time of workload.times[contender]) expect(time, `${workload.name} ${contender}`).toBeGreaterThan(0);
      }
      expect(workload.app).toHaveLength(3);
      expect(workload.app.filter((run) => run.cold)).toHaveLength(2);
      for (const run of workload.app) {
        expect(run.total).toBeCloseTo(run.generate + run.download, 6);
        // The longest load task, if any, began between navigation and the click.
        if (run.longest.load > 0) expect(run.longest.loadAt).toBeGreaterThanOrEqual(0);
        else {
          expect(run.longest.loadAt).toBe(-1);
          expect(run.longest.loadWhat).toBe('');
        }
        expect(run.files).toBeGreaterThan(workload.name === 'guide' ? 5 : 100);
        // The key thread's share: never more than the run itself.
        expect(run.keys.generated).toBeLessThanOrEqual(workload.keyCount); // no key beyond the workload's
        expect(run.keys.afterLast).toBeGreaterThan(0);
        expect(run.keys.idle + run.keys.afterLast).toBeLessThanOrEqual(run.total + 1);
      }
    }
    const [hosted, single] = result.firstPaint;
    expect(hosted!.fcp[0]).toBeGreaterThan(0);
    expect(hosted!.files.some((file) => file.endsWith('.js'))).toBe(true);
    expect(hosted!.gzipBytes).toBeGreaterThan(1000);
    expect(hosted!.gzipBytes).toBeLessThan(hosted!.rawBytes);
    expect(single!.fcp[0]).toBeGreaterThan(0);
    expect(single!.gzipBytes).toBeGreaterThan(hosted!.gzipBytes);
    expect(result.start.kubeprep[0]).toBeGreaterThan(0);

    const markdown = benchMarkdown(result, 'smoke');
    expect(markdown).toMatch(/^### guide: 3× RSA-2048 \(3 keys\)$/m);
    // Where the longest load task was, whenever there was one.
    expect(markdown.match(/^Longest main-thread task over all runs .*: load (0 ms|\d+ ms \(a (cold|warm) run, \d+\.\d+ s after navigation start(; it ran .+)?\)), Generate \d+ ms, Download \d+ ms\.$/gm)).toHaveLength(2);
    // What a cold Generate adds to its keys: for the RSA-only workload, not for the ECDSA plan.
    expect(markdown.match(/^Cold runs, what the app adds to its keys' time \(medians of 2\): \d+ key generations .* idle for \d+ ms .* ready \d+ ms after it\.$/gm)).toHaveLength(1);
    expect(markdown).toMatch(/^\| app, click → zip ready \(cold\) \| \d+\.\d+ s \(/m);
    expect(markdown).toMatch(/^\| single file \| \d+\.\d kB \|/m);
    expect(markdown).toMatch(/^\| command ≤ 1× cfssl on the guide example \| \d+\.\d\d× \| (yes|\*\*no\*\*) \|$/m);
    expect(markdown).toMatch(/^\| RSA plan, cold: ≤ 1\.1× raw concurrent WebCrypto \| n\/a \| not measured \|$/m);
  }, 600_000);
});

describe('what a long load task ran, as the bench names it', () => {
  const frames: Parameters<typeof whatRan>[0] = [
    [100, 40, 0, [[30, 'classic-script  ?@index.js']]],
    [500, 90, 12, [[20, 'user-callback FrameRequestCallback tick@index.js'], [55, 'resolve-promise Window.fetch.then mount@cluster.js'], [3, 'event-listener BUTTON#go.onclick click@index.js'], [1, 'x']]],
  ];

  it("names the scripts of the frame the task ran in, longest first, and the frame's style and layout", () => {
    expect(whatRan(frames, [502, 70])).toBe(
      'resolve-promise Window.fetch.then mount@cluster.js 55 ms; user-callback FrameRequestCallback tick@index.js 20 ms; event-listener BUTTON#go.onclick click@index.js 3 ms; style and layout 12 ms',
    );
  });

  it('says nothing when no frame holds the task', () => {
    expect(whatRan(frames, [300, 60])).toBe('');
  });
});


describe('the environment the bench runs both commands in', () => {
  it('drops NODE_EXTRA_CA_CERTS, which Node reads at every start, and keeps everything else', () => {
    const env = { PATH: '/usr/bin', NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt', LANG: 'C.UTF-8' };
    expect(commandEnv(env)).toEqual({ PATH: '/usr/bin', LANG: 'C.UTF-8' });
    expect(env.NODE_EXTRA_CA_CERTS).toBe('/etc/ssl/certs/ca-certificates.crt');
  });
});
