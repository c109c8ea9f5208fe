// The app's one key pool (src/lib/pki/key-pool.ts): the screen on show plans it from its inputs, Generate
// takes from it. It starts only once the page has loaded and the screen's staged first render is done
// (screenBuilt), so key generation does not take a CPU core from the first render; the
// engine chunk Generate needs is fetched then too. Keys come from keygen.ts, which needs no engine: a
// Generate clicked before then starts the pool's keys while the engine loads. Leaving the screen, leaving
// the page (pagehide) and "Forget keys" empty it.
import { KeyPool, type KeyPoolStatus, type KeyTaker } from '../../lib/pki/key-pool';
import type { KeySpec } from '../../lib/pki';
import { loadEngine } from './engine';
import { fetchOnce } from './fetch-once';
import { screenBuilt } from './stages.svelte';
import { afterQuiet } from './user-work';

/** Background generations at once: WebCrypto in Chromium makes RSA keys one after another anyway. */
const PARALLEL = 2;

/** Quiet time after a Generate's follow-up work before the pool refills (takeKeys). */
const REFILL_QUIET_MS = 500;

export const keyPoolStatus = $state<KeyPoolStatus>({ planned: 0, ready: 0 });

// keygen.ts, a few kB the first paint does without, is fetched once a screen plans keys (fetching only, no
// key yet): a Generate clicked as soon as it shows then starts its first key at once, not 50-80 ms later
// behind the fetch of the chunk.
const loadKeygen = fetchOnce(() => import('../../lib/pki/keygen'));
const pool = new KeyPool((spec) => loadKeygen().then((module) => module.generateKeyPair(spec)), {
  parallel: PARALLEL,
  onChange: (status) => Object.assign(keyPoolStatus, status),
});

let planned: readonly KeySpec[] = [];
let started = false;

/** Call from a screen's script: keeps the pool planned for `specs()` while the screen is open. */
export function planKeysWhileOpen(specs: () => readonly KeySpec[] | null): void {
  $effect(() => {
    planKeys(specs() ?? []);
  });
  $effect(() => () => {
    planned = [];
    pool.forget();
  });
}

let waiting = false;

function planKeys(specs: readonly KeySpec[]): void {
  planned = specs;
  if (started) pool.plan(specs);
  else if (!waiting) {
    void loadKeygen().catch(() => {}); // a failure is the first key's to report
    waiting = true; // one wait, whatever the edits meanwhile: the pool starts with the plan of that moment
    void screenBuilt().then(() => {
      void loadEngine().catch(() => {}); // Generate reports a failure to load it
      startKeysNow();
    });
  }
}

/** Starts the pool at once if it is waiting for the page to settle: a Generate does, before it waits for the engine. */
export function startKeysNow(): void {
  if (started) return;
  started = true;
  pool.plan(planned);
}

/**
 * A taker for one Generate; release it when the Generate is over. The pool refills for the next one once
 * the work the user waits for after it (the bundle's layout, its zip) has been quiet for a while: a refill
 * key takes a core, and a Generate's follow-up is main-thread work on a 2-core machine.
 */
export function takeKeys(): KeyTaker {
  started = true; // clicked before the page settled: plan now, the click needs the keys
  const taker = pool.taker(); // first: the plan below then starts no refill in front of the Generate's work
  pool.plan(planned);
  const { release } = taker; // idempotent, so a second call that also waits does no harm
  taker.release = () => void afterQuiet(REFILL_QUIET_MS).then(release);
  return taker;
}

/** Drops every pooled key; nothing is generated again until the inputs change or Generate runs. */
export function forgetPooledKeys(): void {
  pool.forget();
}

if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', () => pool.forget());
  // Back from the back/forward cache: the screen is open again, with the same inputs.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && started) pool.plan(planned);
  });
}
