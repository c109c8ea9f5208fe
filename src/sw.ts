// The service worker: precaches every file of the build, then answers own-origin GETs from that cache
// first, so after one visit the app starts and works with the network gone. Built by
// build/service-worker.ts, which prepends VERSION and PRECACHE (the build's file list) and emits
// dist/sw.js as a classic script. A new build has a new VERSION, hence a new cache; the page offers the
// reload (src/ui/common/offline.svelte.ts) and the old cache is dropped once the new worker activates.
declare const self: ServiceWorkerGlobalScope;
declare const VERSION: string;
declare const PRECACHE: readonly string[];

const CACHE_PREFIX = 'kubeprep-';
const CACHE = CACHE_PREFIX + VERSION;
const SHELL = 'index.html';

self.addEventListener('install', (event) => {
  // cache: 'reload' skips the HTTP cache, so a stale index.html from before the deploy is not precached.
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((path) => new Request(path, { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

// The page asks for this when the person clicks "reload" on the new-version notice; never on its own,
// because a page of the old version may still need files only the old cache has.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(cacheFirst(request, url));
});

async function cacheFirst(request: Request, url: URL): Promise<Response> {
  const cache = await caches.open(CACHE);
  const navigation = request.mode === 'navigate';
  // ignoreVary: hosts send `Vary: Origin` (vite preview does), and module scripts are requested with an
  // Origin header that the precaching request lacked; a built file is the same bytes for every origin.
  const cached =
    (await cache.match(request, { ignoreSearch: navigation, ignoreVary: true })) ?? (navigation ? await shellFor(cache, url) : undefined);
  if (cached) return cached;
  try {
    return await fetch(request);
  } catch (error) {
    // Offline and not precached: a navigation inside the scope still gets the app (routing is by hash).
    const shell = navigation ? await cache.match(SHELL, { ignoreVary: true }) : undefined;
    if (shell) return shell;
    throw error;
  }
}

/** The scope's directory URL (`…/kubeprep/`) is the app itself: it was precached as index.html. */
async function shellFor(cache: Cache, url: URL): Promise<Response | undefined> {
  return url.pathname.endsWith('/') && url.href.startsWith(self.registration.scope) ? cache.match(SHELL, { ignoreVary: true }) : undefined;
}

export {};
