// The calculator and zone-planner inputs, shared by the raft screen's sections and persisted so they
// survive a reload. Only valid values get here: the forms keep the last valid state.
import { persisted } from '../common/persisted.svelte';
import { summarizeCluster } from '../../lib/raft/quorum';
import { analyzeZones } from '../../lib/raft/zones';
import { suggestTimers } from '../../lib/raft/timing';

const STORAGE_KEY = 'kubeprep.raft.inputs';

export interface RaftInputs {
  members: number;
  learners: number;
  zones: number[];
  /** Round-trip time between the farthest members, for the timer advice. */
  rttMs: number;
}

const DEFAULTS: RaftInputs = { members: 3, learners: 0, zones: [2, 2, 1], rttMs: 1 };

function isRaftInputs(value: unknown): value is RaftInputs {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<RaftInputs>;
  try {
    summarizeCluster(v.members as number, v.learners as number);
    analyzeZones(v.zones as number[]);
    suggestTimers(v.rttMs as number);
    return true;
  } catch {
    return false;
  }
}

/** Saved inputs over the defaults, so a value saved before a field existed still loads. */
function validInputs(saved: unknown): RaftInputs | null {
  if (typeof saved !== 'object' || saved === null) return null;
  const merged: unknown = { ...structuredClone(DEFAULTS), ...saved };
  return isRaftInputs(merged) ? merged : null;
}

/** Changed in place (never replaced), so this stays the persisted object. */
export const raftInputs = persisted(STORAGE_KEY, validInputs, () => structuredClone(DEFAULTS)).current;
