// Replacing a dead member, step by step (etcd FAQ): remove the dead member first, then add the
// replacement, and start it with an empty data dir and --initial-cluster-state=existing (etcd runtime
// reconfiguration guide). Adding first raises the quorum while the dead member still counts, so a
// replacement that fails to start leaves no majority; etcd's strict-reconfig-check refuses such an add.
// A membership change is itself a Raft entry that needs a majority: with one of one or two members dead
// there is none, `member remove` times out, and only a restart of the dead member or disaster recovery
// (snapshot restore, --force-new-cluster) helps.
import { KubeprepError } from '../errors';
import { checkMemberCount, MAX_MEMBERS, quorumFor } from './quorum';

/** The smallest cluster whose majority survives one dead member: a plan exists from here on. */
export const MIN_REPLACEABLE_MEMBERS = 3;

export type MembershipStepCode =
  | 'raft.replace.step.start'
  | 'raft.replace.step.remove'
  | 'raft.replace.step.add'
  | 'raft.replace.step.started';

export interface MembershipStep {
  code: MembershipStepCode;
  /** Voting members in the configuration after this step. */
  members: number;
  /** Members actually running. */
  up: number;
  quorum: number;
  hasQuorum: boolean;
}

export interface ReplacementPlan {
  removeFirst: MembershipStep[];
  addFirst: MembershipStep[];
}

/**
 * The two orders of replacing one dead member of `members`. Throws `raft.members` outside 1–15 and
 * `raft.replaceWithoutQuorum` for 1 or 2 members, where the survivors cannot commit the removal.
 */
export function replaceDeadMember(members: number): ReplacementPlan {
  checkMemberCount(members);
  checkReplaceable(members);
  const n = members;
  const start = step('raft.replace.step.start', n, n - 1);
  return {
    removeFirst: [start, step('raft.replace.step.remove', n - 1, n - 1), step('raft.replace.step.add', n, n - 1), step('raft.replace.step.started', n, n)],
    addFirst: [start, step('raft.replace.step.add', n + 1, n - 1), step('raft.replace.step.started', n + 1, n), step('raft.replace.step.remove', n, n)],
  };
}

function checkReplaceable(members: number): void {
  if (members >= MIN_REPLACEABLE_MEMBERS) return;
  const up = members - 1;
  const quorum = quorumFor(members);
  throw new KubeprepError('raft.replace-without-quorum', {
    field: 'members',
    allowed: `${MIN_REPLACEABLE_MEMBERS}–${MAX_MEMBERS}`,
    params: { members, up, quorum, min: MIN_REPLACEABLE_MEMBERS },
  });
}

function step(code: MembershipStepCode, members: number, up: number): MembershipStep {
  const quorum = quorumFor(members);
  return { code, members, up, quorum, hasQuorum: members > 0 && up >= quorum };
}
