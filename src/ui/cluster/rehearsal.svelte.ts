// The cluster screen rehearses its Generate once per page, when nobody is waiting for anything
// (src/lib/bundle/rehearse.ts says why): after the page has settled, after the service worker's first
// install (both would share the CPU with it), and after a second with no Generate, layout or zip under way.
// A Generate clicked meanwhile stops it at its next certificate or step, and makes it unnecessary: that
// Generate runs the engine's code itself. A rehearsal shows in the browser's performance panel only, as
// User Timing: a mark where it starts and a measure ("kubeprep rehearsal: done" or ": stopped") to its end.
import { rehearseClusterBundle, type RehearsalOutcome } from '../../lib/bundle/rehearse';
import { loadEngine } from '../common/engine';
import { i18n } from '../common/i18n.svelte';
import { serviceWorkerInstalled } from '../common/offline.svelte';
import { pageSettled, quietAndIdle } from '../common/stages.svelte';
import { quietTime } from '../common/user-work';
import { scriptOptions } from '../scripts/scripts-options.svelte';
import { cluster, clusterSession } from './cluster.svelte';

/** No Generate, layout or zip for this long before a rehearsal starts (as before the worker's install). */
const QUIET_MS = 1000;

const MARK = 'kubeprep rehearsal';

/** Once per page: a Generate, or a rehearsal that ran to the end, has run the engine's code. */
let rehearsed = false;

/** Call from a component's script: rehearses once the page is idle while the component is mounted. */
export function rehearseWhileOpen(): void {
  $effect(() => {
    let closed = false;
    void rehearseWhenIdle(() => closed);
    return () => {
      closed = true;
    };
  });
}

function engineHasRun(): boolean {
  return rehearsed || clusterSession.busy || clusterSession.bundle !== null;
}

async function rehearseWhenIdle(closed: () => boolean): Promise<void> {
  await pageSettled();
  // main.ts registers the worker from its own pageSettled().then, queued before this one (it runs at the
  // page's start): serviceWorkerInstalled() already follows that registration here.
  await serviceWorkerInstalled();
  if (quietTime() < QUIET_MS) await quietAndIdle(QUIET_MS); // a Generate came meanwhile
  const plan = cluster.resolved;
  if (closed() || engineHasRun() || !plan) return;
  performance.mark(MARK);
  let outcome: RehearsalOutcome;
  try {
    const engine = await loadEngine();
    outcome = await rehearseClusterBundle(plan, cluster.layout, i18n.locale, $state.snapshot(scriptOptions.current), {
      generate: engine.generateCluster,
      newKey: engine.generateKeyPair,
      stop: () => closed() || quietTime() === 0,
    });
  } catch {
    return; // the engine failed to load, or the plan cannot be issued: a Generate will say so, in words
  }
  performance.measure(`${MARK}: ${outcome}`, MARK);
  if (outcome === 'done') rehearsed = true;
}
