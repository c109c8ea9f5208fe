// Replacing a dead member, step by step (etcd FAQ): remove the dead member first, then add the
// replacement. Adding first raises the quorum while the dead member still counts, so a replacement
// that fails to start leaves no majority; etcd's strict-reconfig-check refuses such an add.
import { checkMemberCount, quorumFor } from './quorum';

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

export function replaceDeadMember(members: number): ReplacementPlan {
  checkMemberCount(members);
  const n = members;
  const start = step('raft.replace.step.start', n, n - 1);
  return {
    removeFirst: [start, step('raft.replace.step.remove', n - 1, n - 1), step('raft.replace.step.add', n, n - 1), step('raft.replace.step.started', n, n)],
    addFirst: [start, step('raft.replace.step.add', n + 1, n - 1), step('raft.replace.step.started', n + 1, n), step('raft.replace.step.remove', n, n)],
  };
}

function step(code: MembershipStepCode, members: number, up: number): MembershipStep {
  const quorum = quorumFor(members);
  return { code, members, up, quorum, hasQuorum: members > 0 && up >= quorum };
}
