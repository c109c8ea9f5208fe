// The cluster plan screen's state: the plan and layout (persisted: they hold no secret), its validation,
// certificate set and lint, all derived; and, in `clusterSession`, the generated bundle with its private
// keys, in memory only, dropped when the plan it was made from changes.
import {
  certificateSet, defaultPlan, LAYOUTS, lintPlan, parsePlanJson, planFromJson, planToJson, validatePlan,
  type ClusterPlan, type GeneratedCluster, type Layout,
} from '../../lib/cluster';
import { asKubeprepError, type KubeprepError } from '../../lib/errors';
import { loadEngine } from '../common/engine';
import { nextTask } from '../../lib/next-task';
import { startKeysNow, takeKeys } from '../common/key-pool.svelte';
import type { KeyTaker } from '../../lib/pki/key-pool';
import { persisted } from '../common/persisted.svelte';
import { beginUserWork } from '../common/user-work';

function validPlan(saved: unknown): ClusterPlan | null {
  return typeof saved === 'object' && saved !== null ? planFromJson(saved).plan : null;
}

function validLayout(saved: unknown): Layout | null {
  return (LAYOUTS as readonly unknown[]).includes(saved) ? (saved as Layout) : null;
}

class ClusterScreenState {
  #plan = persisted('kubeprep.cluster.plan', validPlan, defaultPlan);
  #layout = persisted<Layout>('kubeprep.cluster.layout', validLayout, () => 'kubeadm');
  /** Problems from the last import (wrong JSON types), shown until the next import. */
  importErrors = $state<KubeprepError[]>([]);

  get plan(): ClusterPlan {
    return this.#plan.current;
  }
  set plan(plan: ClusterPlan) {
    this.#plan.current = plan;
  }
  get layout(): Layout {
    return this.#layout.current;
  }
  set layout(layout: Layout) {
    this.#layout.current = layout;
  }

  // Validated from a plain copy: read through the state's deep proxy, validation and the certificate set
  // (which keeps references into the plan) spent most of their time in proxy traps.
  validation = $derived(validatePlan($state.snapshot(this.plan) as ClusterPlan));
  errors = $derived(this.validation.ok ? [] : this.validation.errors);
  resolved = $derived(this.validation.ok ? this.validation.resolved : null);
  set = $derived(this.resolved ? certificateSet(this.resolved) : null);
  findings = $derived(this.resolved && this.set ? lintPlan(this.resolved, this.set) : []);

  /** The first error at a field path (`controlPlane[1].ip`), for the message under the input. */
  errorAt(field: string): KubeprepError | undefined {
    return this.errors.find((e) => e.field === field);
  }

  importJson(text: string): void {
    const { plan, errors } = parsePlanJson(text);
    this.plan = plan;
    this.importErrors = errors;
  }

  reset(): void {
    this.plan = defaultPlan();
    this.importErrors = [];
  }
}

export const cluster = new ClusterScreenState();

export interface GeneratedBundle {
  generated: GeneratedCluster;
  /** plan.json of the plan it was made from. */
  made: string;
  certificates: number;
  seconds: string;
  /** How many of its keys the key pool had ready before the click. */
  keys: { prepared: number; total: number };
}

/** What this tab generated from the plan: keys included, never saved. */
class ClusterSession {
  bundle = $state.raw<GeneratedBundle | null>(null);
  busy = $state(false);
  progress = $state('');
  failure = $state.raw<KubeprepError | null>(null);
  /** The bundle, while it still matches the plan on screen. */
  current = $derived(this.bundle !== null && this.bundle.made === planToJson(cluster.plan) ? this.bundle : null);

  async generate(): Promise<void> {
    const resolved = cluster.resolved;
    if (!resolved || this.busy) return;
    this.busy = true;
    this.failure = null;
    this.bundle = null;
    const made = planToJson(cluster.plan);
    const started = performance.now();
    let keys: KeyTaker | undefined;
    const ended = beginUserWork();
    try {
      startKeysNow(); // keys are made while the engine loads, if it has not yet
      const { generateCluster } = await loadEngine();
      keys = takeKeys();
      const generated = await generateCluster(resolved, { keys: keys.take, onProgress: (done, total) => (this.progress = `${done}/${total}`) });
      await nextTask(); // the bundle's first render in a task of its own, not after the last signature's
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const certificates = generated.set.certificates.length + generated.set.cas.length;
      this.bundle = { generated, made, certificates, seconds, keys: { prepared: keys.prepared, total: keys.total } };
    } catch (error) {
      this.failure = asKubeprepError(error);
    } finally {
      keys?.release();
      ended();
      this.busy = false;
      this.progress = '';
    }
  }
}

export const clusterSession = new ClusterSession();
