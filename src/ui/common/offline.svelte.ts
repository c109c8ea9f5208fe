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

/** Registers dist/sw.js next to index.html (its scope is that folder, whatever the sub-path). */
export async function registerServiceWorker(): Promise<void> {
  if (isSingleFile || !('serviceWorker' in navigator) || location.protocol === 'file:') return;
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
