// How this copy of the app runs: hosted (with a service worker that keeps it working offline) or as the
// single file kubeprep.html (marked by the build with <html data-single-file>, no worker possible there),
// and whether a newer hosted version is waiting to take over.

/** True in dist/kubeprep.html. */
export const isSingleFile = typeof document !== 'undefined' && document.documentElement.hasAttribute('data-single-file');

/** WebCrypto exists only in secure contexts (https, http://localhost, file://); see SecureContextGate. */
export function hasWebCrypto(): boolean {
  return globalThis.crypto?.subtle !== undefined;
}

export const update = $state<{ waiting: ServiceWorker | null }>({ waiting: null });

/** Longest wait for a worker's install in serviceWorkerInstalled (a first install took 0.6 s of CPU on a 2-core machine). */
const INSTALL_WAIT_MS = 10_000;

let installed: Promise<void> = Promise.resolve();

/**
 * Resolves once the worker registered by registerServiceWorker has installed (or failed to), at once when
 * none was registered (the single file, the dev server): background work that can wait for it does not
 * share the CPU with its first download of every file of the build.
 */
export function serviceWorkerInstalled(): Promise<void> {
  return installed;
}

/** Registers dist/sw.js next to index.html (its scope is that folder, whatever the sub-path). */
export function registerServiceWorker(): Promise<void> {
  if (isSingleFile || !('serviceWorker' in navigator) || location.protocol === 'file:') return Promise.resolve();
  const registering = register();
  installed = registering.then(
    (installing) => (installing ? untilInstalled(installing) : undefined),
    () => {},
  );
  return registering.then(() => {});
}

function untilInstalled(worker: ServiceWorker): Promise<void> {
  return new Promise<void>((resolve) => {
    const over = () => {
      if (worker.state === 'installing') return;
      worker.removeEventListener('statechange', over);
      resolve();
    };
    worker.addEventListener('statechange', over);
    setTimeout(resolve, INSTALL_WAIT_MS);
    over();
  });
}

/** The worker installing now, if any. */
async function register(): Promise<ServiceWorker | null> {
  const registration = await navigator.serviceWorker.register('./sw.js');
  // A worker already installed and waiting from an earlier visit, or one that installs now: only an
  // update when some older worker controls this page (the very first install is not news).
  if (registration.waiting && navigator.serviceWorker.controller) update.waiting = registration.waiting;
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed' && navigator.serviceWorker.controller) update.waiting = installing;
    });
  });
  return registration.installing;
}

/** Lets the waiting worker take over, then reloads into the new version once it controls the page. */
export function applyUpdate(): void {
  const waiting = update.waiting;
  if (!waiting) return;
  navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
  waiting.postMessage({ type: 'SKIP_WAITING' });
}

export function dismissUpdate(): void {
  update.waiting = null;
}
