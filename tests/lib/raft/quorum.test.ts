import { describe, expect, it } from 'vitest';
import { failuresTolerated, parseCount, quorumFor, quorumTable, summarizeCluster } from '../../../src/lib/raft/quorum';
import { KubeprepError } from '../../../src/lib/errors';

// Copied from the etcd v3.5 FAQ ("What is failure tolerance?"), not computed: cluster size, majority, failure tolerance.
const ETCD_FAQ_TABLE = [
  [1, 1, 0],
  [2, 2, 0],
  [3, 2, 1],
  [4, 3, 1],
  [5, 3, 2],
  [6, 4, 2],
  [7, 4, 3],
  [8, 5, 3],
  [9, 5, 4],
] as const;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof KubeprepError) return e.code;
    throw e;
  }
  return undefined;
}

describe('quorum arithmetic', () => {
  it.each(ETCD_FAQ_TABLE)('size %i: majority %i, tolerates %i (etcd FAQ)', (size, majority, tolerance) => {
    expect(quorumFor(size)).toBe(majority);
    expect(failuresTolerated(size)).toBe(tolerance);
  });

  it('prints the FAQ table row for row', () => {
    expect(quorumTable().map((r) => [r.members, r.quorum, r.tolerated])).toEqual(ETCD_FAQ_TABLE.map((r) => [...r]));
  });

  it('corrects the "6/2 = 3" claim: six members need four and survive two', () => {
    const six = summarizeCluster(6);
    expect(six.quorum).toBe(4);
    expect(six.tolerated).toBe(2);
    expect(six.halfRuleClaim).toBe(3);
    expect(six.advice.map((a) => a.code)).toContain('raft.advice.even');
    expect(six.advice.find((a) => a.code === 'raft.advice.even')?.params).toMatchObject({ smaller: 5, tolerated: 2 });
  });

  it('keeps learners out of the majority', () => {
    const withLearner = summarizeCluster(3, 1);
    expect(withLearner.quorum).toBe(2);
    expect(withLearner.tolerated).toBe(1);
    expect(withLearner.advice).toEqual([]);
    expect(summarizeCluster(3, 2).advice.map((a) => a.code)).toEqual(['raft.advice.learners']);
  });

  it('warns about one, two and more than seven members', () => {
    expect(summarizeCluster(1).advice.map((a) => a.code)).toEqual(['raft.advice.single']);
    expect(summarizeCluster(2).advice.map((a) => a.code)).toEqual(['raft.advice.two', 'raft.advice.even']);
    expect(summarizeCluster(9).advice.map((a) => a.code)).toEqual(['raft.advice.large']);
  });

  it('words the summary for no, one or several tolerated failures (no "1 members")', () => {
    expect([1, 2, 3, 4, 5, 7].map((n) => summarizeCluster(n).summary)).toEqual([
      'raft.calc.summary.none',
      'raft.calc.summary.none',
      'raft.calc.summary.one',
      'raft.calc.summary.one',
      'raft.calc.summary.other',
      'raft.calc.summary.other',
    ]);
    expect(summarizeCluster(5).advice).toEqual([]);
  });

  it('refuses sizes outside 1–15 and broken learner counts with raft.* codes', () => {
    expect(codeOf(() => summarizeCluster(0))).toBe('raft.members');
    expect(codeOf(() => summarizeCluster(16))).toBe('raft.members');
    expect(codeOf(() => summarizeCluster(2.5))).toBe('raft.members');
    expect(codeOf(() => summarizeCluster(-3))).toBe('raft.members');
    expect(codeOf(() => summarizeCluster(3, -1))).toBe('raft.learners');
    expect(codeOf(() => summarizeCluster(3, 0.5))).toBe('raft.learners');
    expect(codeOf(() => summarizeCluster(15))).toBeUndefined();
    try {
      summarizeCluster(16);
    } catch (e) {
      expect(e).toMatchObject({ field: 'members', allowed: '1–15' });
    }
  });

  it('parses typed counts strictly', () => {
    expect(parseCount(' 7 ', 'members')).toBe(7);
    expect(parseCount('6000', 'rtt')).toBe(6000);
    for (const bad of ['', '-1', '2.5', '1e1', 'five', '1234567']) expect(codeOf(() => parseCount(bad, 'members')), bad).toBe('raft.not-integer');
  });
});
