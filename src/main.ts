/// <reference types="vite/client" />
import { mount } from 'svelte';
import App from './ui/App.svelte';
import SecureContextGate from './ui/common/SecureContextGate.svelte';
import { i18n, loadShownCatalogue } from './ui/common/i18n.svelte';
import { screenFromHash } from './ui/screens';
import { hasWebCrypto, registerServiceWorker } from './ui/common/offline.svelte';
import { pageSettled } from './ui/common/stages.svelte';
import { nextTask } from './lib/next-task';
import './ui/common/app.css';

// The saved or browser-chosen language, for screen readers and hyphenation before anyone switches it.
document.documentElement.lang = i18n.locale;
const target = document.getElementById('app');
// The screen on show is fetched while its words are: neither waits for the other. Asked for from a task of
// its own, not in this module's evaluation (one of the page's longest tasks): the import inserts the
// screen's style sheets, and it inserted a preload link per chunk too before vite.config.ts turned
// modulePreload off, 10-20 ms in all.
void nextTask().then(() => screenFromHash(location.hash).load()).catch(() => {}); // App shows the failure when it asks again
// Without WebCrypto nothing useful works: explain that up front instead of failing on the first click.
// Should the words fail to arrive, the page still shows (with message keys): never a blank page.
if (target) void loadShownCatalogue().catch(() => {}).then(() => mount(hasWebCrypto() ? App : SecureContextGate, { target }));

// The service worker is what makes the hosted page work offline; the dev server has none to offer. It is
// registered once the first screen is built: its first install downloads every file of the build (2.4 MB),
// which on a 2-core machine took CPU from the first render.
if (import.meta.env.PROD) {
  void pageSettled()
    .then(registerServiceWorker)
    .catch((error: unknown) => console.warn('kubeprep: service worker registration failed', error));
}
