import { describe, expect, it } from 'vitest';
import { analyzePartition, type MemberStatus } from '../../../src/lib/raft/partition';

const members = (spec: string): MemberStatus[] =>
  // "A+ A- B+" = on side A up, on side A down, on side B up
  spec.split(' ').map((s) => ({ side: s[0] as 'A' | 'B', up: s[1] === '+' }));

describe('failure and partition analysis', () => {
  it('refuses writes when 3 of 5 are stopped', () => {
    const result = analyzePartition(members('A+ A+ A- A- A-'));
    expect(result.quorum).toBe(3);
    expect(result.writable).toBe(false);
    expect(result.sides[0]).toMatchObject({ up: 2, canElect: false, canCommit: false, reason: 'raft.reason.tooFewUp', serializableReads: true });
    expect(result.sides[1]).toMatchObject({ members: 0, reason: 'raft.reason.empty', serializableReads: false });
  });

  it('keeps writing with 2 of 5 stopped', () => {
    const result = analyzePartition(members('A+ A+ A+ A- A-'));
    expect(result.writable).toBe(true);
    expect(result.sides[0]).toMatchObject({ canElect: true, canCommit: true, reason: 'raft.reason.majority' });
  });

  it('gives the majority side of a 2|3 split the leader', () => {
    const result = analyzePartition(members('A+ A+ B+ B+ B+'));
    expect(result.sides[0]).toMatchObject({ canCommit: false, reason: 'raft.reason.minority' });
    expect(result.sides[1]).toMatchObject({ canCommit: true, reason: 'raft.reason.majority' });
  });

  it('stops both halves of a 3|3 split of six', () => {
    const result = analyzePartition(members('A+ A+ A+ B+ B+ B+'));
    expect(result.writable).toBe(false);
    expect(result.sides.map((s) => s.reason)).toEqual(['raft.reason.half', 'raft.reason.half']);
    expect(result.sides[0].params).toMatchObject({ up: 3, quorum: 4, total: 6 });
  });

  it('counts stopped members in the denominator', () => {
    // 4 of 7 up and connected: still a majority of the configured 7.
    expect(analyzePartition(members('A+ A+ A+ A+ A- B- B-')).sides[0].canCommit).toBe(true);
    expect(analyzePartition(members('A+ A+ A+ A- A- B- B-')).sides[0].canCommit).toBe(false);
  });

  it('refuses an empty or oversized membership', () => {
    expect(() => analyzePartition([])).toThrow(expect.objectContaining({ code: 'raft.members' }));
    expect(() => analyzePartition(members(Array(16).fill('A+').join(' ')))).toThrow(expect.objectContaining({ code: 'raft.members' }));
  });
});
