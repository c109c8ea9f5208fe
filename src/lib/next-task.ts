// Yielding to the browser between pieces of work, so no single task holds the main thread for long: a
// batch of signatures started together would otherwise run every job's synchronous part (building and
// encoding the certificate) in one task. scheduler.yield() (https://wicg.github.io/scheduling-apis/)
// resumes ahead of other queued tasks; setTimeout is the fallback elsewhere, Node included.
type Scheduler = { yield?: () => Promise<void> };

export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
