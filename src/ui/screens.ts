// The app's screens, in navigation order. Each screen lives in src/ui/<id>/ and is fetched when first
// opened, so the first paint carries the app's frame and the screen on show only.
import type { Component } from 'svelte';
import type { MessageKey } from '../lib/i18n';
import { loadEngine } from './common/engine';
import { fetchOnce } from './common/fetch-once';

/** A screen, fetched when first opened: only the one on show is part of the first paint. */
export interface Screen {
  id: string;
  label: MessageKey;
  load: () => Promise<Component>;
}

/** Lazily loaded screens: fetched once, on first visit (a failed fetch is tried again on the next). */
export function lazyScreen(load: () => Promise<{ default: Component }>): () => Promise<Component> {
  return fetchOnce(() => load().then((m) => m.default));
}

export const screens: readonly Screen[] = [
  { id: 'pki', label: 'app.nav.pki', load: lazyScreen(() => import('./pki/PkiScreen.svelte')) },
  { id: 'inspect', label: 'app.nav.inspect', load: lazyScreen(() => import('./inspect/InspectScreen.svelte')) },
  { id: 'cluster', label: 'app.nav.cluster', load: lazyScreen(() => import('./cluster/ClusterScreen.svelte')) },
  { id: 'expiry', label: 'app.nav.expiry', load: lazyScreen(() => loadEngine().then(() => import('./expiry/ExpiryScreen.svelte'))) },
  { id: 'raft', label: 'app.nav.raft', load: lazyScreen(() => import('./raft/RaftScreen.svelte')) },
  { id: 'scripts', label: 'app.nav.scripts', load: lazyScreen(() => import('./scripts/ScriptsScreen.svelte')) },
];

export function screenFromHash(hash: string): Screen {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return screens.find((s) => s.id === id) ?? screens[0]!;
}
