// The calculator and zone-planner inputs, shared by the raft screen's sections and kept in localStorage
// so they survive a reload. Only valid values get here: the forms keep the last valid state.
import { loadJson, saveJson } from '../common/storage';
import { summarizeCluster } from '../../lib/raft/quorum';
import { analyzeZones } from '../../lib/raft/zones';

const STORAGE_KEY = 'kubeprep.raft.inputs';

export interface RaftInputs {
  members: number;
  learners: number;
  zones: number[];
}

const DEFAULTS: RaftInputs = { members: 3, learners: 0, zones: [2, 2, 1] };

function isRaftInputs(value: unknown): value is RaftInputs {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<RaftInputs>;
  try {
    summarizeCluster(v.members as number, v.learners as number);
    analyzeZones(v.zones as number[]);
    return true;
  } catch {
    return false;
  }
}

export const raftInputs = $state<RaftInputs>(loadJson(STORAGE_KEY, isRaftInputs) ?? structuredClone(DEFAULTS));

export function saveRaftInputs(): void {
  saveJson(STORAGE_KEY, $state.snapshot(raftInputs));
}
