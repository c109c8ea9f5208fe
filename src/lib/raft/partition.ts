// Which side of a failure or a network split can still elect a leader and commit writes. Both need
// votes/acks from a majority of the *configured* voting membership (etcd FAQ: the denominator is the
// cluster size, not the members still alive), so a side can act iff its up members reach quorum.
import { KubeprepError } from '../errors';
import { MAX_MEMBERS, quorumFor } from './quorum';

export type Side = 'A' | 'B';

export interface MemberStatus {
  up: boolean;
  side: Side;
}

export type SideReasonCode =
  | 'raft.reason.majority'
  | 'raft.reason.empty'
  | 'raft.reason.half'
  | 'raft.reason.minority'
  | 'raft.reason.tooFewUp';

export interface SideVerdict {
  side: Side;
  /** Voting members placed on this side, up or down. */
  members: number;
  up: number;
  quorum: number;
  canElect: boolean;
  canCommit: boolean;
  /** Any up member answers serializable reads from local state, possibly stale (etcd API guarantees). */
  serializableReads: boolean;
  reason: SideReasonCode;
  params: Record<string, number>;
}

export interface PartitionAnalysis {
  total: number;
  quorum: number;
  sides: [SideVerdict, SideVerdict];
  /** True when some side can commit: the cluster as a whole still accepts writes. */
  writable: boolean;
}

export function analyzePartition(members: readonly MemberStatus[]): PartitionAnalysis {
  if (members.length < 1 || members.length > MAX_MEMBERS) {
    throw new KubeprepError('raft.members', {
      field: 'members',
      allowed: `1–${MAX_MEMBERS}`,
      params: { value: String(members.length), min: 1, max: MAX_MEMBERS },
    });
  }
  const total = members.length;
  const quorum = quorumFor(total);
  const sides: [SideVerdict, SideVerdict] = [judgeSide('A', members, total, quorum), judgeSide('B', members, total, quorum)];
  return { total, quorum, sides, writable: sides.some((s) => s.canCommit) };
}

function judgeSide(side: Side, members: readonly MemberStatus[], total: number, quorum: number): SideVerdict {
  const here = members.filter((m) => m.side === side);
  const up = here.filter((m) => m.up).length;
  const hasQuorum = up >= quorum;
  const params = { members: here.length, up, quorum, total, down: here.length - up };
  return {
    side,
    members: here.length,
    up,
    quorum,
    canElect: hasQuorum,
    canCommit: hasQuorum,
    serializableReads: up > 0,
    reason: sideReason(here.length, up, total, quorum),
    params,
  };
}

function sideReason(members: number, up: number, total: number, quorum: number): SideReasonCode {
  if (up >= quorum) return 'raft.reason.majority';
  if (members === 0) return 'raft.reason.empty';
  // Enough members placed here, but some are stopped.
  if (members >= quorum) return 'raft.reason.tooFewUp';
  // A 3|3 split of 6: each side has exactly half, which is never "more than half".
  if (members * 2 === total) return 'raft.reason.half';
  return 'raft.reason.minority';
}
