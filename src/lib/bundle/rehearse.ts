// A rehearsal of a cluster Generate: the plan's certificates, their layout and the zip, made once with
// throwaway keys and dropped. A page's first Generate runs the engine's code (PKI.js, asn1js, the layout,
// JSZip) for the first time: V8 compiles each function when it is first called and optimises it only once
// it has run a while. In Chromium 156 on a 2-core machine the default RSA plan's click → zip, with every
// key already pooled, took 0.30 s (median of 10; 0.28-0.31) the first time in a page and 0.22 s
// (0.21-0.28) once a rehearsal had run, interleaved; the keys were not the difference, the engine's first run was.
// The cluster screen rehearses once the page is idle (src/ui/cluster/rehearsal.svelte.ts). Nothing made
// here is kept, shown or stored: the keys are the rehearsal's own, never a pool's, and go with it.
import type { GeneratedCluster, GenerateClusterOptions, Layout, ResolvedPlan } from '../cluster';
import type { Locale } from '../i18n';
import type { KeySpec } from '../pki/csr';
import type { KeyPair, KeySource } from '../pki/keygen';
import { keySpecId } from '../pki/key-pool';
import type { ScriptOptions } from '../scripts';
import { clusterBundleFilesInSlices } from './cluster-layout';
import { zipBundleFiles } from './zip';
import { nextTask } from '../next-task';

export interface Rehearsal {
  /** The engine's generateCluster (the page loads the engine on demand, so it is passed in). */
  generate: (plan: ResolvedPlan, options: GenerateClusterOptions) => Promise<GeneratedCluster>;
  /** Makes the rehearsal's throwaway keys: one per rehearsalKeySpec, used for every certificate that asks for it. */
  newKey: KeySource;
  /** Asked before each key and each step: true ends the rehearsal there (a Generate was clicked). */
  stop: () => boolean;
}

export type RehearsalOutcome = 'done' | 'stopped';

/** The RSA size a rehearsal signs with at most: a 4096-bit key takes a second or more to make. */
const REHEARSAL_RSA_BITS = 2048;

/** The key a rehearsal uses where the plan asks for `spec`: the same algorithm, so the same code runs. */
export function rehearsalKeySpec(spec: KeySpec): KeySpec {
  return spec.algo === 'rsa' ? { algo: 'rsa', size: Math.min(spec.size, REHEARSAL_RSA_BITS) } : { ...spec };
}

/** Thrown through generateCluster by the key source once stop() says so; nothing else throws it. */
class Stopped {}

export async function rehearseClusterBundle(
  plan: ResolvedPlan,
  layout: Layout,
  locale: Locale,
  scriptOptions: Partial<ScriptOptions>,
  rehearsal: Rehearsal,
): Promise<RehearsalOutcome> {
  const keys = new Map<string, Promise<KeyPair>>();
  const key: KeySource = (spec) => {
    if (rehearsal.stop()) return Promise.reject(new Stopped());
    const wanted = rehearsalKeySpec(spec);
    const id = keySpecId(wanted);
    let made = keys.get(id);
    if (!made) keys.set(id, (made = rehearsal.newKey(wanted)));
    // Each certificate starts in a task of its own. A step of the engine's first run took up to 30-40 ms,
    // and lanes chained through keys already made ran several in one task: long tasks of 50-62 ms in 3 of
    // 8 page loads, none in 18 once each key came a task later.
    return nextTask().then(() => made);
  };
  let generated: GeneratedCluster;
  try {
    generated = await rehearsal.generate(plan, { keys: key });
  } catch (error) {
    if (error instanceof Stopped) return 'stopped';
    throw error;
  }
  if (rehearsal.stop()) return 'stopped';
  const files = await clusterBundleFilesInSlices(generated, layout, locale, scriptOptions);
  if (rehearsal.stop()) return 'stopped';
  await zipBundleFiles(files);
  return 'done';
}
