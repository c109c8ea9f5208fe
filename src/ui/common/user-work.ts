// Work the user is waiting for: a Generate, the layout of its bundle, a zip being built for download.
// Background work that can wait does not start while some is under way: the service worker's first
// download of every file of the build (stages.svelte.ts pageSettled) and the key pool's refill after a
// Generate (key-pool.svelte.ts). On a 2-core machine that first install took 0.6 s of CPU across the
// service worker's thread and the browser's network threads, and a Generate clicked as soon as the screen
// showed shared the cores with it: its main-thread tasks took three times their CPU time in wall time.
let running = 0;
let waiting: (() => void)[] = [];
/** performance.now() when some began or ended last; -Infinity before any. */
let lastChange = Number.NEGATIVE_INFINITY;

/** Marks work the user waits for as under way; call the returned function (once) when it is over. */
export function beginUserWork(): () => void {
  running++;
  lastChange = performance.now();
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    lastChange = performance.now();
    if (--running > 0) return;
    const resolve = waiting;
    waiting = [];
    for (const done of resolve) done();
  };
}

/** Runs `work` marked as work the user waits for, until it settles. */
export async function asUserWork<T>(work: () => Promise<T>): Promise<T> {
  const ended = beginUserWork();
  try {
    return await work();
  } finally {
    ended();
  }
}

/** Milliseconds without any work the user waits for: 0 while some runs. */
export function quietTime(): number {
  return running > 0 ? 0 : performance.now() - lastChange;
}

/** Resolves once no work the user waits for is under way (at once if none is). */
export function noUserWork(): Promise<void> {
  return running === 0 ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve));
}

/**
 * Resolves once no work the user waits for has run for `ms` (counted from the call at the earliest):
 * a Generate is followed by its layout and its zip, with a task or two between them.
 */
export async function afterQuiet(ms: number): Promise<void> {
  const from = performance.now();
  for (;;) {
    await noUserWork();
    const wait = ms - Math.min(quietTime(), performance.now() - from);
    if (wait <= 0) return;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
