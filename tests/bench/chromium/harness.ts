// The Chromium bench: the built app in Debian's headless Chromium against the browser's own limit (raw
// WebCrypto for the same keys), the kubeprep command and Debian's cfssl on the same certificate set, in
// interleaved rounds so that a change in the machine's load hits every contender alike.
// Workloads: the guide example (the PKI workspace as a first visit shows it), the default cluster plan
// (RSA) and the same plan with ECDSA P-256 keys. Per workload and round:
//   raw WebCrypto: every key of the set generated at once (Promise.all) and one after another;
//   app: Generate clicked as soon as the screen can take it (cold) and after WARM_MS on the screen,
//        timed in the page from the click to the zip's Blob (Generate, then Download .zip);
//   CLI: the zip's README cfssl commands run with kubeprep (guide), `kubeprep cluster` on the zip's
//        plan.json (plans); cfssl: the same README commands / the zip's cfssl/gencert.sh;
// plus the longest main-thread task (PerformanceObserver "longtask") during load, Generate and Download,
// and the first paint's bytes and first contentful paint of the hosted page and of the single file.
// It works with and without a background key pool in the app: it only clicks what a user clicks.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { preview } from 'vite';
import { launchChromium } from '../../support/browser';
import { certificateSet, parsePlanJson, validatePlan } from '../../../src/lib/cluster';
import { parseCsrJson, type KeySpec } from '../../../src/lib/pki';

export interface BenchOptions {
  /** Rounds per measurement (interleaved). */
  rounds: number;
  /**
   * Cold app runs and raw WebCrypto runs per workload and round (the other contenders: one). RSA key
   * generation time varies from key to key, and the cold ratio compares two sums of 53 of them.
   */
  coldSamples: number;
  /** Time on the screen before the "warm" click. */
  warmMs: number;
  /** Workloads to run. */
  workloads: WorkloadName[];
  /** The built app (index.html, kubeprep.html). */
  dist: string;
  /** The command's launcher (bin/kubeprep.mjs). */
  cli: string;
  /** Progress lines. */
  log: (line: string) => void;
  /** Wait (up to two minutes) for the 1-minute load average to fall to 1 before the first round. */
  settle?: boolean;
}

export const WORKLOADS = ['guide', 'rsa-plan', 'ecdsa-plan'] as const;
export type WorkloadName = (typeof WORKLOADS)[number];

export const CONTENDERS = ['raw-concurrent', 'raw-sequential', 'app-cold', 'app-warm', 'cli', 'cfssl'] as const;
export type Contender = (typeof CONTENDERS)[number];

export interface AppRun {
  /** Click on Generate → the zip's Blob, in the page (ms). */
  total: number;
  generate: number;
  download: number;
  /**
   * Longest main-thread task per phase (ms; 0 when none over 50 ms was reported), when the load's
   * began (ms after navigation start; -1 when none) and what ran in it ('' when none or not known).
   * The task the harness clicks Generate in counts as Generate's, even though it began a moment before
   * the click was timed: all it runs before the click is the harness's own few lines.
   */
  longest: { load: number; generate: number; download: number; loadAt: number; loadWhat: string };
  files: number;
  cold: boolean;
  /**
   * Key generations asked for from the click on: how many, how long WebCrypto's key thread had none to
   * run between the click and the last one's end (ms), and how long after that the zip was ready (ms).
   * What a cold Generate adds to its keys' own time.
   */
  keys: { generated: number; idle: number; afterLast: number };
}

export interface WorkloadResult {
  name: WorkloadName;
  keys: string;
  keyCount: number;
  /** Milliseconds per round, per contender. */
  times: Record<Contender, number[]>;
  app: AppRun[];
  /** Whether the app started Web Workers (a background key pool, if it uses them). */
  workers: boolean;
}

export interface FirstPaint {
  where: 'hosted' | 'single file';
  fcp: number[];
  /** Gzip (-9) bytes of the JavaScript and CSS fetched before the first contentful paint (hosted), or of the whole file. */
  gzipBytes: number;
  rawBytes: number;
  files: string[];
}

export interface BenchResult {
  started: string;
  machine: string;
  cores: number;
  loadBefore: number[];
  loadAfter: number[];
  chromium: string;
  node: string;
  cfssl: string;
  rounds: number;
  coldSamples: number;
  warmMs: number;
  workloads: WorkloadResult[];
  firstPaint: FirstPaint[];
  /** `kubeprep version` and `cfssl version`, wall ms per round. */
  start: { kubeprep: number[]; cfssl: number[] };
}

/**
 * Installed in every page before its scripts: long tasks, clicks and zip Blobs, with page-clock times, and
 * the scripts of every animation frame that blocked input (Long Animation Frames), to say what a long task ran.
 */
const PAGE_PROBE = `(() => {
  const probe = (window.__bench = { longTasks: [], zips: [], keys: [], frames: [] });
  const generateKey = SubtleCrypto.prototype.generateKey;
  SubtleCrypto.prototype.generateKey = function (...args) {
    const key = [performance.now(), -1];
    probe.keys.push(key);
    const made = generateKey.apply(this, args);
    made.then(() => (key[1] = performance.now()), () => {});
    return made;
  };
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) probe.longTasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.blockingDuration <= 0) continue;
        const scripts = e.scripts.map((s) => [s.duration, s.invokerType + ' ' + (s.invoker || '').slice(0, 40) + ' ' + (s.sourceFunctionName || '?') + '@' + (s.sourceURL || '').split('/').pop()]);
        const layout = e.styleAndLayoutStart > 0 ? e.startTime + e.duration - e.styleAndLayoutStart : 0;
        probe.frames.push([e.startTime, e.duration, layout, scripts]);
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
  const create = URL.createObjectURL;
  URL.createObjectURL = function (object) {
    if (object instanceof Blob && object.type === 'application/zip') probe.zips.push([performance.now(), object.size]);
    return create.call(URL, object);
  };
})();`;

/** Resolves once the Generate button is there and enabled (watching the DOM, not polling). */
const GENERATE_ENABLED = `new Promise((done) => {
  const ready = () => [...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Generate' && !b.disabled);
  if (ready()) return done();
  const observer = new MutationObserver(() => { if (ready()) { observer.disconnect(); done(); } });
  observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
})`;

/**
 * Picks ECDSA P-256 in the plan's key algorithm select once it is there, as a user's change does: in a task
 * of its own. Picked from the MutationObserver callback itself, the change (the plan validated again, a new
 * certificate set, the table re-rendered: 5-31 ms here) ran inside the app's task that had just rendered
 * the select, one of the staged first render's, which no user's input event can do.
 */
const PICK_ECDSA = `new Promise((done) => {
  const select = () => {
    const label = [...document.querySelectorAll('label')].find((l) => l.textContent.trim().startsWith('Key algorithm'));
    return label && (label.control ?? label.querySelector('select'));
  };
  const pick = () => setTimeout(() => {
    const control = select();
    control.value = 'ecdsa-256';
    control.dispatchEvent(new Event('input', { bubbles: true }));
    control.dispatchEvent(new Event('change', { bubbles: true }));
    done();
  }, 0);
  if (select()) return pick();
  const observer = new MutationObserver(() => { if (select()) { observer.disconnect(); pick(); } });
  observer.observe(document.documentElement, { subtree: true, childList: true });
})`;

export interface Probe {
  longTasks: [number, number][];
  /** Long animation frames: [start, duration, style and layout, scripts as [duration, what]]. */
  frames: [number, number, number, [number, string][]][];
  zips: [number, number][];
  /** Key generations: [asked, done] (page clock; done -1 until it is). */
  keys: [number, number][];
}

/**
 * WebCrypto's key thread (Chromium runs RSA key generations one after another, first come first served):
 * from the click to the end of the last generation asked for since, the time it had none to run.
 */
function keyThread(keys: [number, number][], clicked: number, zipped: number): AppRun['keys'] {
  const done = keys.filter(([, end]) => end >= 0).sort((a, b) => a[1] - b[1]);
  const after = done.filter(([, end]) => end > clicked);
  if (after.length === 0) return { generated: 0, idle: 0, afterLast: zipped - clicked };
  let idle = 0;
  let free = clicked; // when the thread was last free, from the click on
  for (const [asked, end] of done) {
    if (end <= clicked) continue;
    if (asked > free) idle += asked - free;
    free = Math.max(free, end);
  }
  return { generated: keys.filter(([asked]) => asked >= clicked).length, idle, afterLast: zipped - free };
}

/**
 * Chromium 156 loads the omnibox popup's WebUI (chrome://omnibox-popup.top-chrome, the address bar's
 * suggestion list, and its AI-mode variant) into every new window, headless ones included, where no
 * address bar ever shows it: a renderer of its own that used 0.25-0.6 s of CPU while the measured page
 * loaded, in every context the bench opens (a user's browser does this once per window, not per page).
 * On a 2-core machine it took the measured page's main thread off the CPU, so the bench turns it off.
 * `PreloadTopChromeWebUI` alone left both popups loading (seen with CDP's Target.getTargets); the three
 * `WebUIOmnibox*` features are the popups themselves. runApp checks that no such page is open.
 */
export const BENCH_CHROMIUM_ARGS = ['--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup'];

const BLANK_PATH = '__bench__/blank.html';
const SETTLED_LOAD = 1;
const SETTLE_WAIT_MS = 120_000;

/**
 * The environment the commands run in: this one without the variables that name extra TLS trust, which
 * neither command reads. Node loads NODE_EXTRA_CA_CERTS's file (on the CI and test machines the whole
 * system bundle, 220 kB) at every start, before any of our code: measured, 23 ms for `node -e 0` without
 * it and 61 ms with it. That is a property of the machine, not of kubeprep, and cfssl pays nothing for it.
 */
export const COMMAND_UNSET_ENV = ['NODE_EXTRA_CA_CERTS'] as const;

export function commandEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const name of COMMAND_UNSET_ENV) delete copy[name];
  return copy;
}

function timeCommand(command: string, args: string[], cwd: string): number {
  const env = commandEnv();
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}: ${result.stderr || result.stdout}`);
  return elapsed;
}

interface PreparedWorkload {
  name: WorkloadName;
  specs: KeySpec[];
  hash: string;
  /** The zip the app made in round 0, unpacked: the CLI's and cfssl's inputs. */
  dir: string;
}

/** The key set a cluster plan needs, counted as generateCluster counts it (CAs, certificates, service-account key). */
function clusterKeySpecs(planJson: string): KeySpec[] {
  const { plan } = parsePlanJson(planJson);
  const result = validatePlan(plan);
  if (!result.ok) throw new Error(`the app's plan.json does not validate: ${JSON.stringify(result.errors)}`);
  const set = certificateSet(result.resolved);
  return [
    ...set.cas.map((ca) => parseCsrJson(JSON.stringify(ca.csr), { initca: true }).key),
    ...set.certificates.map((cert) => parseCsrJson(JSON.stringify(cert.csr)).key),
    { algo: 'rsa', size: set.serviceAccount.size },
  ];
}

/** The "same with cfssl" commands of the guide workspace zip's README. */
function readmeCommands(dir: string): string {
  const readme = readFileSync(join(dir, 'README.md'), 'utf8');
  const block = /```sh\n(cfssl gencert -initca[\s\S]*?)```/.exec(readme);
  if (!block) throw new Error('the workspace zip README has no cfssl commands');
  return block[1]!;
}

function describeKeys(specs: KeySpec[]): string {
  const counts = new Map<string, number>();
  for (const spec of specs) {
    const name = spec.algo === 'rsa' ? `RSA-${spec.size}` : spec.algo === 'ecdsa' ? `P-${spec.size}` : 'Ed25519';
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([name, n]) => `${n}× ${name}`).join(' + ');
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const { log } = options;
  if (!existsSync(join(options.dist, 'index.html'))) throw new Error(`${options.dist}/index.html is missing: run \`npm run build\` first`);
  const work = mkdtempSync(join(tmpdir(), 'kubeprep-bench-'));
  const server = await preview({
    configFile: 'vite.config.ts',
    build: { outDir: options.dist },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
    logLevel: 'silent',
  });
  // A build (npm run bench builds first) or a test run just before leaves the load high: wait up to two
  // minutes for the machine to settle, so the first round does not pay for what ran before.
  for (let waited = 0; options.settle && loadavg()[0]! > SETTLED_LOAD && waited < SETTLE_WAIT_MS; waited += 5_000) {
    if (waited === 0) log(`waiting for the 1-minute load average (${loadavg()[0]!.toFixed(2)}) to fall to ${SETTLED_LOAD}`);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('vite preview did not bind a TCP port');
  const url = `http://127.0.0.1:${address.port}/`;
  const browser = await launchChromium(BENCH_CHROMIUM_ARGS);
  const result: BenchResult = {
    started: new Date().toISOString(),
    machine: `${cpus().length}× ${cpus()[0]?.model ?? 'CPU'}`,
    cores: cpus().length,
    loadBefore: loadavg(),
    loadAfter: [],
    chromium: browser.version(),
    node: process.version,
    cfssl: `cfssl ${spawnSync('cfssl', ['version'], { encoding: 'utf8' }).stdout.split('\n')[0]?.replace(/^Version:\s*/, '') ?? '?'}`,
    rounds: options.rounds,
    coldSamples: options.coldSamples,
    warmMs: options.warmMs,
    workloads: [],
    firstPaint: [],
    start: { kubeprep: [], cfssl: [] },
  };
  try {
    const prepared: PreparedWorkload[] = [];
    for (const name of options.workloads) {
      const outcome: WorkloadResult = {
        name,
        keys: '',
        keyCount: 0,
        times: Object.fromEntries(CONTENDERS.map((c) => [c, []])) as unknown as Record<Contender, number[]>,
        app: [],
        workers: false,
      };
      result.workloads.push(outcome);
      prepared.push({ name, specs: [], hash: name === 'guide' ? '#/pki' : '#/cluster', dir: join(work, name) });
    }
    const firstPaint: FirstPaint[] = [
      { where: 'hosted', fcp: [], gzipBytes: 0, rawBytes: 0, files: [] },
      { where: 'single file', fcp: [], gzipBytes: 0, rawBytes: 0, files: [] },
    ];
    result.firstPaint = firstPaint;
    const single = join(options.dist, 'kubeprep.html');

    for (let round = 0; round < options.rounds; round++) {
      log(`round ${round + 1}/${options.rounds} (load ${loadavg()[0]!.toFixed(2)})`);
      await measureFirstPaint(browser, url, firstPaint[0]!, round === 0);
      if (existsSync(single)) await measureFirstPaint(browser, pathToFileURL(resolve(single)).href, firstPaint[1]!, round === 0);
      result.start.kubeprep.push(timeCommand(process.execPath, [resolve(options.cli), 'version'], work));
      result.start.cfssl.push(timeCommand('cfssl', ['version'], work));
      for (const [i, workload] of prepared.entries()) {
        const outcome = result.workloads[i]!;
        // The app first: round 0's first run (a cold one) makes the zip that is the other contenders' input.
        const runs = round % 2 === 0 ? [false, true] : [true, false];
        for (let sample = 1; sample < options.coldSamples; sample++) runs.push(false);
        for (const [n, warm] of runs.entries()) {
          const app = await runApp(browser, url, workload, warm ? options.warmMs : 0, round === 0 && n === 0 ? workload.dir : undefined);
          outcome.times[warm ? 'app-warm' : 'app-cold'].push(app.run.total);
          outcome.app.push(app.run);
          outcome.workers ||= app.workers;
        }
        if (workload.specs.length === 0) {
          workload.specs = workload.name === 'guide' ? guideKeySpecs(workload.dir) : clusterKeySpecs(readFileSync(join(workload.dir, 'plan.json'), 'utf8'));
          outcome.keyCount = workload.specs.length;
          outcome.keys = describeKeys(workload.specs);
        }
        for (let sample = 0; sample < options.coldSamples; sample++) {
          const raw = await rawWebCrypto(browser, url, workload.specs);
          outcome.times['raw-concurrent'].push(raw.concurrent);
          outcome.times['raw-sequential'].push(raw.sequential);
        }
        outcome.times.cli.push(runCli(options.cli, workload, join(work, `cli-${workload.name}-${round}`)));
        outcome.times.cfssl.push(runCfssl(workload, join(work, `cfssl-${workload.name}-${round}`)));
        log(`  ${workload.name}: ${CONTENDERS.map((c) => `${c} ${outcome.times[c].at(-1)!.toFixed(0)}`).join(', ')} ms`);
      }
    }
  } finally {
    result.loadAfter = loadavg();
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
  return result;
}

/** The guide workspace's keys: one per CSR JSON in its zip (the CA's and each request's `key`). */
function guideKeySpecs(dir: string): KeySpec[] {
  return readmeCommands(dir)
    .trim()
    .split('\n')
    .map((line) => /\s(\S+\.json) \| cfssljson/.exec(line)?.[1])
    .filter((file): file is string => file !== undefined)
    .map((file) => parseCsrJson(readFileSync(join(dir, file), 'utf8'), { initca: file.startsWith('ca-csr') }).key);
}

async function measureFirstPaint(browser: Browser, url: string, into: FirstPaint, countBytes: boolean): Promise<void> {
  const context = await browser.newContext({ locale: 'en-US', serviceWorkers: 'block' });
  const page = await context.newPage();
  const bodies = new Map<string, Promise<Buffer>>();
  if (countBytes && url.startsWith('http')) {
    page.on('response', (response) => {
      const type = response.request().resourceType();
      if (type !== 'script' && type !== 'stylesheet') return;
      // Bodies of what loads after the paint are never read, and fail once the context closes.
      const body = response.body();
      body.catch(() => {});
      bodies.set(response.url(), body);
    });
  }
  await page.goto(url);
  const fcp = await page.evaluate(
    () =>
      new Promise<number>((done) => {
        new PerformanceObserver((list) => {
          const entry = list.getEntries().find((e) => e.name === 'first-contentful-paint');
          if (entry) done(entry.startTime);
        }).observe({ type: 'paint', buffered: true });
      }),
  );
  into.fcp.push(fcp);
  if (countBytes) {
    if (url.startsWith('http')) {
      // Only what was asked for before the first contentful paint counts (what a screen loads later does not).
      const early = await page.evaluate(
        (fcpAt) => performance.getEntriesByType('resource').filter((e) => e.startTime <= fcpAt).map((e) => e.name),
        fcp,
      );
      const names = [...bodies.keys()].filter((name) => early.includes(name));
      const contents = await Promise.all(names.map((name) => bodies.get(name)!));
      into.files = names.map((name) => new URL(name).pathname);
      into.rawBytes = contents.reduce((sum, b) => sum + b.length, 0);
      into.gzipBytes = contents.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0);
    } else {
      const file = readFileSync(new URL(url));
      into.files = ['kubeprep.html'];
      into.rawBytes = file.length;
      into.gzipBytes = gzipSync(file, { level: 9 }).length;
    }
  }
  await context.close();
}

/** Fails the bench should a Chromium page of its own (a newer Chromium's preloaded WebUI) share the CPU. */
async function refuseBrowserUiPages(browser: Browser): Promise<void> {
  const session = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await session.send('Target.getTargets')) as { targetInfos: { type: string; url: string }[] };
    const own = targetInfos.filter((t) => t.type === 'browser_ui' || t.url.startsWith('chrome://'));
    if (own.length > 0) throw new Error(`Chromium loaded pages of its own while the app was measured (${own.map((t) => t.url).join(', ')}): add their features to BENCH_CHROMIUM_ARGS`);
  } finally {
    await session.detach();
  }
}

/** Opens the workload's screen in a fresh context, waits WAIT_MS on it, clicks Generate then Download .zip. */
async function runApp(browser: Browser, url: string, workload: PreparedWorkload, waitMs: number, keepZipIn: string | undefined): Promise<{ run: AppRun; workers: boolean }> {
  const context = await browser.newContext({ locale: 'en-US', acceptDownloads: true });
  await context.addInitScript(PAGE_PROBE);
  const page = await context.newPage();
  let workers = false;
  page.on('worker', () => (workers = true));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url + workload.hash);
  await refuseBrowserUiPages(browser);
  // Driven with plain evaluate calls, no locators: a locator makes Playwright inject its 330 kB helper
  // script into the page, evaluated on the page's main thread (16-30 ms of CPU, a long task of up to
  // 0.3 s on a busy machine) and counted as the app's. The selection is what a user's change does.
  if (workload.name === 'ecdsa-plan') await page.evaluate(PICK_ECDSA);
  await page.evaluate(GENERATE_ENABLED);
  if (waitMs > 0) await page.waitForTimeout(waitMs);
  const downloaded = page.waitForEvent('download', { timeout: 600_000 });
  // Both clicks from inside the page, so the time is the app's, not the driver's round trips.
  const phases = await page.evaluate(async () => {
    const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
    const until = (ready: () => boolean) =>
      new Promise<void>((done) => {
        if (ready()) return done();
        const observer = new MutationObserver(() => {
          if (ready()) {
            observer.disconnect();
            done();
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      });
    const probe = (window as unknown as { __bench: Probe }).__bench;
    const clicked = performance.now();
    button('Generate')!.click();
    await until(() => button('Download .zip')?.disabled === false);
    const generated = performance.now();
    const zipsBefore = probe.zips.length;
    button('Download .zip')!.click();
    await new Promise<void>((done) => {
      const poll = () => (probe.zips.length > zipsBefore ? done() : setTimeout(poll, 2));
      poll();
    });
    return { clicked, generated, zipped: probe.zips.at(-1)![0], size: probe.zips.at(-1)![1] };
  });
  const download = await downloaded;
  const zipPath = join(tmpdir(), `kubeprep-bench-${process.pid}-${Date.now()}.zip`);
  await download.saveAs(zipPath);
  const zip = await JSZip.loadAsync(readFileSync(zipPath));
  const files = Object.values(zip.files).filter((f) => !f.dir).length;
  if (keepZipIn) {
    mkdirSync(keepZipIn, { recursive: true });
    execFileSync('unzip', ['-q', '-o', zipPath, '-d', keepZipIn]);
  }
  rmSync(zipPath, { force: true });
  // Let the last long task end before reading them.
  await page.waitForTimeout(100);
  const probe = await page.evaluate(() => (window as unknown as { __bench: Probe }).__bench);
  await context.close();
  if (errors.length > 0) throw new Error(`the app threw on ${workload.name}: ${errors.join('; ')}`);
  // Each task counts in the phase it ended in. The task the harness clicks Generate in began a moment
  // before the click was timed, and is Generate's; the one whose render enables Download also clicks
  // it, and is Download's.
  const within = (from: number, to: number) => probe.longTasks.filter(([start, duration]) => start + duration > from && start + duration <= to);
  const longest = (from: number, to: number) => Math.max(0, ...within(from, to).map(([, d]) => d));
  const loadTask = within(0, phases.clicked).reduce<[number, number]>((best, task) => (task[1] > best[1] ? task : best), [-1, 0]);
  return {
    workers,
    run: {
      total: phases.zipped - phases.clicked,
      generate: phases.generated - phases.clicked,
      download: phases.zipped - phases.generated,
      longest: {
        load: loadTask[1],
        loadAt: loadTask[0],
        loadWhat: loadTask[1] > 0 ? whatRan(probe.frames, loadTask) : '',
        generate: longest(phases.clicked, phases.generated),
        download: longest(phases.generated, Infinity),
      },
      files,
      cold: waitMs === 0,
      keys: keyThread(probe.keys, phases.clicked, phases.zipped),
    },
  };
}

/** The scripts of the long animation frame a long task ran in, longest first (at most three), and its style and layout time. */
export function whatRan(frames: Probe['frames'], [start, duration]: [number, number]): string {
  const frame = frames.find(([at, length]) => at <= start + 1 && at + length >= start + duration - 1);
  if (!frame) return '';
  const [, , layout, scripts] = frame;
  const parts = [...scripts].sort((a, b) => b[0] - a[0]).slice(0, 3).map(([d, what]) => `${what} ${d.toFixed(0)} ms`);
  if (layout >= 1) parts.push(`style and layout ${layout.toFixed(0)} ms`);
  return parts.join('; ');
}

/** The same key set generated by WebCrypto in a page of the app's origin that runs nothing else. */
async function rawWebCrypto(browser: Browser, url: string, specs: KeySpec[]): Promise<{ concurrent: number; sequential: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route(url + BLANK_PATH, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>raw WebCrypto</title>' }));
  await page.goto(url + BLANK_PATH);
  const times = await page.evaluate(async (keys) => {
    const algorithm = (spec: { algo: string; size: number }) =>
      spec.algo === 'rsa'
        ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: spec.size, publicExponent: new Uint8Array([1, 0, 1]) }
        : spec.algo === 'ecdsa'
          ? { name: 'ECDSA', namedCurve: `P-${spec.size}` }
          : { name: 'Ed25519' };
    const one = (spec: { algo: string; size: number }) => crypto.subtle.generateKey(algorithm(spec), true, ['sign', 'verify']);
    let started = performance.now();
    await Promise.all(keys.map(one));
    const concurrent = performance.now() - started;
    started = performance.now();
    for (const spec of keys) await one(spec);
    return { concurrent, sequential: performance.now() - started };
  }, specs);
  await context.close();
  return times;
}

/** A fresh copy of the app zip's inputs (the JSON files and scripts; nothing generated). */
function freshInputs(workload: PreparedWorkload, into: string): string {
  cpSync(workload.dir, into, { recursive: true });
  return into;
}

function runCli(cli: string, workload: PreparedWorkload, into: string): number {
  const dir = freshInputs(workload, into);
  try {
    if (workload.name === 'guide') {
      const commands = readmeCommands(dir).replace(/^cfssl gencert/gm, `"${process.execPath}" "${resolve(cli)}" gencert`);
      return timeCommand('bash', ['-euo', 'pipefail', '-c', commands], dir);
    }
    return timeCommand(process.execPath, [resolve(cli), 'cluster', '-plan', 'plan.json', '-out', 'cli.zip'], dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runCfssl(workload: PreparedWorkload, into: string): number {
  const dir = freshInputs(workload, into);
  try {
    if (workload.name === 'guide') return timeCommand('bash', ['-euo', 'pipefail', '-c', readmeCommands(dir)], dir);
    return timeCommand('bash', [join(dir, 'cfssl', 'gencert.sh')], dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
