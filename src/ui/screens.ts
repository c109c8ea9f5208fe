// The app's screens, in navigation order. Each screen lives in src/ui/<id>/ and is loaded here once.
import type { Component } from 'svelte';
import type { MessageKey } from '../lib/i18n';
import PkiScreen from './pki/PkiScreen.svelte';
import InspectScreen from './inspect/InspectScreen.svelte';
import ClusterScreen from './cluster/ClusterScreen.svelte';
import RaftScreen from './raft/RaftScreen.svelte';
import ScriptsScreen from './scripts/ScriptsScreen.svelte';

export interface Screen {
  id: string;
  label: MessageKey;
  component: Component;
}

export const screens: readonly Screen[] = [
  { id: 'pki', label: 'app.nav.pki', component: PkiScreen },
  { id: 'inspect', label: 'app.nav.inspect', component: InspectScreen },
  { id: 'cluster', label: 'app.nav.cluster', component: ClusterScreen },
  { id: 'raft', label: 'app.nav.raft', component: RaftScreen },
  { id: 'scripts', label: 'app.nav.scripts', component: ScriptsScreen },
];

export function screenFromHash(hash: string): Screen {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return screens.find((s) => s.id === id) ?? screens[0]!;
}
