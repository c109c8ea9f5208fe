// etcd's timer flags from the round-trip time between members (etcd tuning guide, v3.5): the heartbeat
// interval should be about the maximum average RTT, the election timeout at least 10× the RTT, and
// the election timeout may not exceed 50 000 ms. Defaults: 100 ms and 1000 ms.
import { KubeprepError } from '../errors';

export const DEFAULT_HEARTBEAT_MS = 100;
export const DEFAULT_ELECTION_TIMEOUT_MS = 1000;
export const MAX_ELECTION_TIMEOUT_MS = 50_000;
export const MAX_RTT_MS = 10_000;

export type TimerNoteCode = 'raft.timing.defaultsFine' | 'raft.timing.raised' | 'raft.timing.tooFar';

export interface TimerAdvice {
  rttMs: number;
  heartbeatMs: number;
  electionTimeoutMs: number;
  note: TimerNoteCode;
  /** The flags to put on every member: all members must use the same values. */
  flags: string;
}

export function suggestTimers(rttMs: number): TimerAdvice {
  if (!Number.isInteger(rttMs) || rttMs < 0 || rttMs > MAX_RTT_MS) {
    throw new KubeprepError('raft.rtt', {
      field: 'rtt',
      allowed: `0–${MAX_RTT_MS} ms`,
      params: { value: String(rttMs), max: MAX_RTT_MS },
    });
  }
  const heartbeatMs = Math.max(DEFAULT_HEARTBEAT_MS, rttMs);
  const wanted = Math.max(DEFAULT_ELECTION_TIMEOUT_MS, 10 * rttMs, 10 * heartbeatMs);
  const electionTimeoutMs = Math.min(MAX_ELECTION_TIMEOUT_MS, wanted);
  const note: TimerNoteCode =
    wanted > MAX_ELECTION_TIMEOUT_MS ? 'raft.timing.tooFar' : heartbeatMs === DEFAULT_HEARTBEAT_MS ? 'raft.timing.defaultsFine' : 'raft.timing.raised';
  return {
    rttMs,
    heartbeatMs,
    electionTimeoutMs,
    note,
    flags: `--heartbeat-interval=${heartbeatMs} --election-timeout=${electionTimeoutMs}`,
  };
}
