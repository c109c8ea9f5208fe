// The X.509 engine (PKI.js, asn1js and all that is built on them) is not part of the first paint: it is
// fetched the first time a screen needs it (Generate, Inspect, loading an existing CA) and kept. The
// screens reach it only through loadEngine(); a static import of engine-exports.ts, or of an engine
// function through a src/lib barrel, would pull it back into the first paint (the e2e Inspect test and
// `npm run bench` watch for that).
import { KubeprepError } from '../../lib/errors';
import { nextTask } from '../../lib/next-task';
import { fetchOnce } from './fetch-once';

export type Engine = typeof import('./engine-exports');

let loaded: Engine | undefined;

/**
 * The engine's chunks evaluated one task each (vite.config.ts): the X.509 libraries, the RE2 matcher, then
 * the engine itself, whose imports of the first two are then already evaluated.
 */
async function importEngine(): Promise<Engine> {
  await import('./engine-x509-prelude');
  await nextTask();
  await import('./engine-re2-prelude');
  await nextTask();
  return import('./engine-exports');
}

/** The engine, fetched once; a failed fetch (offline before the worker cached it) is tried again next time. */
export const loadEngine: () => Promise<Engine> = fetchOnce(() =>
  importEngine().then(
    (module) => (loaded = module),
    (error: unknown) => {
      // The browser's words for a failed import ("Failed to fetch dynamically imported module") are
      // neither translated nor helpful: say what happened and what to do.
      throw new KubeprepError('common.engine-unavailable', { cause: error });
    },
  ),
);

/**
 * The engine, for code that only runs once loadEngine() has resolved: a screen fetched after the engine
 * (screens.ts) calls it synchronously, and imports no engine module itself, so no chunk is shared.
 */
export function loadedEngine(): Engine {
  // Screens that call this are fetched only after loadEngine() resolved: a bug otherwise.
  if (!loaded) throw new KubeprepError('common.internal', { params: { detail: 'loadedEngine' } });
  return loaded;
}
