// A chunk (or anything else fetched) asked for once and shared by every caller; a failure is forgotten, so
// a later call tries again (offline before the service worker stored the chunk). The screens, the engine
// and the key pool's key generation are loaded through it.
export function fetchOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}
