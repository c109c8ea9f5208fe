/// <reference types="vite/client" />
import { mount } from 'svelte';
import App from './ui/App.svelte';
import SecureContextGate from './ui/common/SecureContextGate.svelte';
import { i18n } from './ui/common/i18n.svelte';
import { hasWebCrypto, registerServiceWorker } from './ui/common/offline.svelte';
import './ui/common/app.css';

// The saved or browser-chosen language, for screen readers and hyphenation before anyone switches it.
document.documentElement.lang = i18n.locale;
const target = document.getElementById('app');
// Without WebCrypto nothing useful works: explain that up front instead of failing on the first click.
if (target) mount(hasWebCrypto() ? App : SecureContextGate, { target });

// The service worker is what makes the hosted page work offline; the dev server has none to offer.
if (import.meta.env.PROD) {
  registerServiceWorker().catch((error: unknown) => console.warn('kubeprep: service worker registration failed', error));
}
