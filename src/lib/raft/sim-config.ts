// The simulation's settings: etcd's timers and Raft switches, the three modes the panel offers, and the
// checks that refuse a configuration the simulation cannot run.
import { KubeprepError } from '../errors';
import { DEFAULT_ELECTION_TIMEOUT_MS, DEFAULT_HEARTBEAT_MS } from './timing';
import type { RaftOptions, SimulationConfig } from './types';

export const MAX_SIM_MEMBERS = 9;
/** Message delays beyond this are not a network any more; the property test goes to 4 election timeouts. */
export const MAX_SIM_LATENCY_MS = 60_000;

export const ETCD_TIMING = { heartbeatMs: DEFAULT_HEARTBEAT_MS, electionTimeoutMs: DEFAULT_ELECTION_TIMEOUT_MS } as const;

/** How etcd 3.5 and later run Raft: PreVote on (`--pre-vote` default), CheckQuorum on, empty entry on election. */
export const ETCD_OPTIONS: RaftOptions = { preVote: true, checkQuorum: true, leaderNoOp: true, commitRule: 'currentTerm' };

export type RaftMode = 'etcd35' | 'etcd34' | 'paper';

/**
 * etcd 3.5+: PreVote and CheckQuorum. etcd 3.4: `--pre-vote` defaulted to false, CheckQuorum on.
 * paper: the basic algorithm of the Raft paper's Figure 2, neither extension.
 */
export const RAFT_MODES: Record<RaftMode, Pick<RaftOptions, 'preVote' | 'checkQuorum'>> = {
  etcd35: { preVote: true, checkQuorum: true },
  etcd34: { preVote: false, checkQuorum: true },
  paper: { preVote: false, checkQuorum: false },
};

export function modeOf(options: Pick<RaftOptions, 'preVote' | 'checkQuorum'>): RaftMode | null {
  const found = (Object.keys(RAFT_MODES) as RaftMode[]).find(
    (mode) => RAFT_MODES[mode].preVote === options.preVote && RAFT_MODES[mode].checkQuorum === options.checkQuorum,
  );
  return found ?? null;
}

export type SimulationInput = Partial<SimulationConfig> & { members: number; seed: number };

/** Fills in etcd's defaults and refuses what the simulation cannot run, with `raft.simMembers` / `raft.simLatency`. */
export function simulationConfig(input: SimulationInput): SimulationConfig {
  const config: SimulationConfig = { ...ETCD_TIMING, ...ETCD_OPTIONS, minLatencyMs: 20, maxLatencyMs: 50, ...input };
  checkSimulationSize(config.members);
  checkLatency(config.minLatencyMs, config.maxLatencyMs);
  return config;
}

function checkSimulationSize(members: number): void {
  if (!Number.isInteger(members) || members < 1 || members > MAX_SIM_MEMBERS) {
    throw new KubeprepError('raft.sim-members', {
      field: 'members',
      allowed: `1–${MAX_SIM_MEMBERS}`,
      params: { value: String(members), min: 1, max: MAX_SIM_MEMBERS },
    });
  }
}

/** At least 1 ms, so that nothing sent at a moment is delivered at that same moment (replay relies on it). */
function checkLatency(min: number, max: number): void {
  const whole = (n: number) => Number.isInteger(n) && n >= 1 && n <= MAX_SIM_LATENCY_MS;
  if (!whole(min) || !whole(max) || max < min) {
    throw new KubeprepError('raft.sim-latency', {
      field: 'latency',
      allowed: `1 ≤ min ≤ max ≤ ${MAX_SIM_LATENCY_MS} ms`,
      params: { min: String(min), max: String(max), limit: MAX_SIM_LATENCY_MS },
    });
  }
}
