// The cluster plan screen's state: the plan (persisted in localStorage — it holds no secret), its
// validation, certificate set and lint, all derived; and the generated bundle, kept in memory only
// because it holds private keys.
import {
  certificateSet, defaultPlan, lintPlan, parsePlanJson, planFromJson, validatePlan,
  type ClusterPlan, type Layout,
} from '../../lib/cluster';
import type { KubeprepError } from '../../lib/errors';
import { loadSetting, saveJson, saveSetting } from '../common/storage';

const PLAN_KEY = 'kubeprep.cluster.plan';
const LAYOUT_KEY = 'kubeprep.cluster.layout';

function loadPlan(): ClusterPlan {
  const raw = loadSetting(PLAN_KEY);
  if (raw === null) return defaultPlan();
  try {
    return planFromJson(JSON.parse(raw)).plan;
  } catch {
    return defaultPlan();
  }
}

class ClusterScreenState {
  plan = $state<ClusterPlan>(loadPlan());
  layout = $state<Layout>(loadSetting(LAYOUT_KEY) === 'cfssl' ? 'cfssl' : 'kubeadm');
  /** Problems from the last import (wrong JSON types), shown until the next import. */
  importErrors = $state<KubeprepError[]>([]);

  validation = $derived(validatePlan(this.plan));
  errors = $derived(this.validation.ok ? [] : this.validation.errors);
  resolved = $derived(this.validation.ok ? this.validation.resolved : null);
  set = $derived(this.resolved ? certificateSet(this.resolved) : null);
  findings = $derived(this.resolved && this.set ? lintPlan(this.resolved, this.set) : []);

  /** The first error at a field path (`controlPlane[1].ip`), for the message under the input. */
  errorAt(field: string): KubeprepError | undefined {
    return this.errors.find((e) => e.field === field);
  }

  save(): void {
    saveJson(PLAN_KEY, $state.snapshot(this.plan));
    saveSetting(LAYOUT_KEY, this.layout);
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
