// The app's one key pool (src/lib/pki/key-pool.ts): the screen on show plans it from its inputs, Generate
// takes from it. It starts only once the page has loaded, the screen's staged first render is done and the
// browser is idle, so neither the engine chunk it needs nor the key generation competes with the first
// paint. Leaving the screen, leaving the
// page (pagehide) and "Forget keys" empty it.
import { KeyPool, type KeyPoolStatus, type KeyTaker } from '../../lib/pki/key-pool';
import type { KeySpec } from '../../lib/pki';
import { loadEngine } from './engine';
import { pageSettled } from './stages.svelte';

/** Background generations at once: WebCrypto in Chromium makes RSA keys one after another anyway. */
const PARALLEL = 2;

export const keyPoolStatus = $state<KeyPoolStatus>({ planned: 0, ready: 0 });

const pool = new KeyPool((spec) => loadEngine().then((engine) => engine.generateKeyPair(spec)), {
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

function planKeys(specs: readonly KeySpec[]): void {
  planned = specs;
  if (started) pool.plan(specs);
  else
    void pageSettled().then(() => {
      started = true;
      pool.plan(planned);
    });
}

/** A taker for one Generate; release it when the Generate is over, and the pool refills for the next one. */
export function takeKeys(): KeyTaker {
  if (!started) started = true; // clicked before the page settled: plan now, the click needs the keys
  const taker = pool.taker(); // first: the plan below then starts no refill in front of the Generate's work
  pool.plan(planned);
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
