// Every screen's saved inputs go through persisted(): loaded once (checked by the screen's validate,
// defaults otherwise), saved on every change by one effect, private keys cut out on the way
// (storage.ts). What is generated from them (keys, certificates, bundles) is not persisted: each
// screen keeps it in a session store of its own, in memory only.
import { untrack } from 'svelte';
import { loadValue, parseSaved, saveValue } from './storage';

/** Keys whose last save failed because the browser's storage is full; the app shows a notice while any is. */
export const storageStatus = $state<{ full: string[] }>({ full: [] });

export interface Persisted<T> {
  current: T;
}

/**
 * A reactive box whose `current` survives reloads under KEY. VALIDATE gets what was saved (parsed JSON,
 * or older plain text) and returns the value to use, or null to fall back to DEFAULTS().
 */
export function persisted<T>(key: string, validate: (saved: unknown) => T | null, defaults: () => T): Persisted<T> {
  const saved = loadValue(key);
  const box = $state<Persisted<T>>({ current: (saved === undefined ? null : validate(saved)) ?? defaults() });
  let loaded = true;
  $effect.root(() => {
    $effect(() => {
      const value = $state.snapshot(box.current);
      if (loaded) {
        loaded = false; // what was just loaded (or the defaults) needs no saving
        return;
      }
      const result = saveValue(key, value);
      untrack(() => {
        const others = storageStatus.full.filter((k) => k !== key);
        if (result === 'full' || others.length !== storageStatus.full.length) storageStatus.full = result === 'full' ? [...others, key] : others;
      });
    });
  });
  // Another tab of the app saved under KEY: take its value, so that the next save here does not write
  // over what was typed there (the storage event reaches every other tab of the origin, HTML Living
  // Standard "The storage event"). Setting an unchanged value fires no event, so two tabs settle.
  globalThis.addEventListener?.('storage', (event: StorageEvent) => {
    if (event.key !== key || event.newValue === null || event.storageArea !== globalThis.localStorage) return;
    const adopted = validate(parseSaved(event.newValue));
    if (adopted !== null) box.current = adopted;
  });
  return box;
}
