// Quorum arithmetic for an etcd (Raft) cluster. "n" is the number of *voting* members in the configured
// membership: dead members count, learners do not (etcd design-learner: a learner does not vote and
// does not count toward quorum). Facts: etcd FAQ "What is failure tolerance?" (etcd.io/docs/v3.5/faq).
import { KubeprepError } from '../errors';

export const MIN_MEMBERS = 1;
export const MAX_MEMBERS = 15;
export const MAX_LEARNERS = 15;

/** Majority of a cluster of n voting members: floor(n/2)+1 (etcd writes "(n/2)+1", integer division). */
export function quorumFor(members: number): number {
  return Math.floor(members / 2) + 1;
}

/** How many voting members may fail while a majority remains: n − quorum = floor((n−1)/2). */
export function failuresTolerated(members: number): number {
  return members - quorumFor(members);
}

export interface QuorumRow {
  members: number;
  quorum: number;
  tolerated: number;
}

/** etcd's FAQ table, one row per size. The FAQ prints 1 to 9; the calculator goes to 15. */
export function quorumTable(from = 1, to = 9): QuorumRow[] {
  const rows: QuorumRow[] = [];
  for (let members = from; members <= to; members++) {
    rows.push({ members, quorum: quorumFor(members), tolerated: failuresTolerated(members) });
  }
  return rows;
}

export type SizeAdviceCode =
  | 'raft.advice.single'
  | 'raft.advice.two'
  | 'raft.advice.even'
  | 'raft.advice.large'
  | 'raft.advice.learners';

export interface SizeAdvice {
  code: SizeAdviceCode;
  params: Record<string, number>;
}

/** The summary sentence, worded for no, one or several tolerated failures. */
export type SummaryCode = 'raft.calc.summary.none' | 'raft.calc.summary.one' | 'raft.calc.summary.other';

export interface QuorumSummary extends QuorumRow {
  learners: number;
  summary: SummaryCode;
  /** What the guide's "n/2 may fail" rule would claim; differs from `tolerated` for every even n. */
  halfRuleClaim: number;
  advice: SizeAdvice[];
}

/** Everything the calculator shows for n voting members and some learners. */
export function summarizeCluster(members: number, learners = 0): QuorumSummary {
  checkMemberCount(members);
  checkLearnerCount(learners);
  const row = { members, quorum: quorumFor(members), tolerated: failuresTolerated(members) };
  const summary: SummaryCode = row.tolerated === 0 ? 'raft.calc.summary.none' : row.tolerated === 1 ? 'raft.calc.summary.one' : 'raft.calc.summary.other';
  return { ...row, learners, summary, halfRuleClaim: Math.floor(members / 2), advice: sizeAdvice(row, learners) };
}

function sizeAdvice(row: QuorumRow, learners: number): SizeAdvice[] {
  const advice: SizeAdvice[] = [];
  const { members, quorum, tolerated } = row;
  if (members === 1) advice.push({ code: 'raft.advice.single', params: {} });
  if (members === 2) advice.push({ code: 'raft.advice.two', params: {} });
  if (members % 2 === 0) {
    // etcd FAQ: going to the next even size raises the majority by one, not the tolerance.
    advice.push({ code: 'raft.advice.even', params: { members, quorum, tolerated, smaller: members - 1 } });
  }
  // etcd FAQ: a cluster "probably should" not exceed seven members.
  if (members > 7) advice.push({ code: 'raft.advice.large', params: { members } });
  // etcd 3.4 and 3.5 allow one learner, a fixed limit; only etcd 3.6 has a flag to raise it (--max-learners,
  // added as --experimental-max-learners in etcd PR #13377 for 3.6).
  if (learners > 1) advice.push({ code: 'raft.advice.learners', params: { learners } });
  return advice;
}

/** Throws `raft.members` unless n is an integer from 1 to 15. */
export function checkMemberCount(members: number, field = 'members'): void {
  if (!Number.isInteger(members) || members < MIN_MEMBERS || members > MAX_MEMBERS) {
    throw new KubeprepError('raft.members', {
      field,
      allowed: `${MIN_MEMBERS}–${MAX_MEMBERS}`,
      params: { value: String(members), min: MIN_MEMBERS, max: MAX_MEMBERS },
    });
  }
}

/** Throws `raft.learners` unless the learner count is an integer from 0 to 15. */
export function checkLearnerCount(learners: number, field = 'learners'): void {
  if (!Number.isInteger(learners) || learners < 0 || learners > MAX_LEARNERS) {
    throw new KubeprepError('raft.learners', {
      field,
      allowed: `0–${MAX_LEARNERS}`,
      params: { value: String(learners), min: 0, max: MAX_LEARNERS },
    });
  }
}

/**
 * Reads a count typed by a person ("5", " 7 "): digits only, so "5.5", "-1", "1e1" and "" are refused
 * with `raft.notInteger` instead of being rounded into something they did not mean.
 */
export function parseCount(text: string, field: string): number {
  const trimmed = text.trim();
  if (!/^\d{1,6}$/.test(trimmed)) {
    throw new KubeprepError('raft.not-integer', {
      field,
      allowed: '0–999999',
      params: { value: text, field },
    });
  }
  return Number(trimmed);
}
