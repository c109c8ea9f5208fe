// The app's screens, in navigation order. Each screen lives in src/ui/<id>/ and is loaded here once.
import type { Component } from 'svelte';
import type { MessageKey } from '../lib/i18n';
import { loadEngine } from './common/engine';
import PkiScreen from './pki/PkiScreen.svelte';
import InspectScreen from './inspect/InspectScreen.svelte';
import ClusterScreen from './cluster/ClusterScreen.svelte';
import RaftScreen from './raft/RaftScreen.svelte';
import ScriptsScreen from './scripts/ScriptsScreen.svelte';

/** A screen in the first paint (`component`), or one fetched when first opened (`load`: its code and words stay out of it). */
export type Screen = { id: string; label: MessageKey } & ({ component: Component; load?: undefined } | { component?: undefined; load: () => Promise<Component> });

/** Lazily loaded screens: fetched once, on first visit. */
export function lazyScreen(load: () => Promise<{ default: Component }>): () => Promise<Component> {
  let loaded: Promise<Component> | undefined;
  return () => (loaded ??= load().then((m) => m.default).catch((error: unknown) => {
    loaded = undefined; // offline before the service worker stored it: let a later visit retry
    throw error;
  }));
}

export const screens: readonly Screen[] = [
  { id: 'pki', label: 'app.nav.pki', component: PkiScreen },
  { id: 'inspect', label: 'app.nav.inspect', component: InspectScreen },
  { id: 'cluster', label: 'app.nav.cluster', component: ClusterScreen },
  { id: 'expiry', label: 'app.nav.expiry', load: lazyScreen(() => loadEngine().then(() => import('./expiry/ExpiryScreen.svelte'))) },
  { id: 'raft', label: 'app.nav.raft', component: RaftScreen },
  { id: 'scripts', label: 'app.nav.scripts', component: ScriptsScreen },
];

export function screenFromHash(hash: string): Screen {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return screens.find((s) => s.id === id) ?? screens[0]!;
}
