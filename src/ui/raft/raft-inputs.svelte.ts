// The calculator and zone-planner inputs, shared by the raft screen's sections and kept in localStorage
// so they survive a reload. Only valid values get here: the forms keep the last valid state.
import { loadJson, saveJson } from '../common/storage';
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
function loadInputs(): RaftInputs {
  const saved = loadJson(STORAGE_KEY, (v): v is object => typeof v === 'object' && v !== null);
  const merged: unknown = { ...structuredClone(DEFAULTS), ...saved };
  return isRaftInputs(merged) ? merged : structuredClone(DEFAULTS);
}

export const raftInputs = $state<RaftInputs>(loadInputs());

export function saveRaftInputs(): void {
  saveJson(STORAGE_KEY, $state.snapshot(raftInputs));
}
