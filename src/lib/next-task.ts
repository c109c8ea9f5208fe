// Yielding to the browser between pieces of work, so no single task holds the main thread for long: a
// batch of signatures started together would otherwise run every job's synchronous part (building and
// encoding the certificate) in one task. scheduler.yield() (https://wicg.github.io/scheduling-apis/)
// resumes ahead of other queued tasks; setTimeout is the fallback elsewhere, Node included.
type Scheduler = { yield?: () => Promise<void> };

export async function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') await scheduler.yield();
  else await new Promise((resolve) => setTimeout(resolve, 0));
  sliceStart = now();
}

/** Work between two yields: well under the 50 ms of a long task, long enough not to yield per signature. */
export const SLICE_MS = 20;

/**
 * When the current slice began: the last resumption after a yield. A task that began otherwise (a
 * WebCrypto result arriving) began after that, so the time since is an overestimate: yielding early, never late.
 */
let sliceStart = Number.NEGATIVE_INFINITY;
const now = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

/**
 * A yield only when the current slice of work has run for SLICE_MS (shared by every job under way):
 * yielding after each small step costs more than the step, since every yield lets a frame render and
 * every resumption waits for its turn.
 */
export function yieldIfDue(): Promise<void> | undefined {
  return now() - sliceStart >= SLICE_MS ? nextTask() : undefined;
}

/**
 * run() for every item, `lanes` at a time, with a yieldIfDue() before each: the synchronous part of each
 * item (building and encoding a certificate) runs in slices of about SLICE_MS, while a few items keep
 * WebCrypto busy. Rejects with the first failure, as Promise.all does.
 */
export async function eachInSlices<T>(items: readonly T[], run: (item: T, index: number) => Promise<void>, lanes = 4): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      await yieldIfDue();
      await run(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
}
