import { describe, expect, it } from 'vitest';
import { replaceDeadMember } from '../../../src/lib/raft/membership';

const rows = (steps: { members: number; up: number; quorum: number; hasQuorum: boolean }[]) =>
  steps.map((s) => [s.members, s.up, s.quorum, s.hasQuorum]);

describe('replacing a dead member', () => {
  it('3 members: removing first keeps quorum at every step', () => {
    expect(rows(replaceDeadMember(3).removeFirst)).toEqual([
      [3, 2, 2, true],
      [2, 2, 2, true],
      [3, 2, 2, true],
      [3, 3, 2, true],
    ]);
  });

  it('3 members: adding first needs 3 of 4 with only 2 running (etcd FAQ example)', () => {
    expect(rows(replaceDeadMember(3).addFirst)).toEqual([
      [3, 2, 2, true],
      [4, 2, 3, false],
      [4, 3, 3, true],
      [3, 3, 2, true],
    ]);
  });

  it('5 members: adding first still works but with no margin left', () => {
    const [, added] = replaceDeadMember(5).addFirst;
    expect(added).toMatchObject({ members: 6, up: 4, quorum: 4, hasQuorum: true });
  });

  it('refuses sizes outside 1–15', () => {
    expect(() => replaceDeadMember(0)).toThrow(expect.objectContaining({ code: 'raft.members' }));
  });

  it('refuses 1 and 2 members: the survivors cannot commit the removal (member remove times out)', () => {
    for (const members of [1, 2]) {
      expect(() => replaceDeadMember(members)).toThrow(
        expect.objectContaining({ code: 'raft.replace-without-quorum', field: 'members', allowed: '3–15', params: { members, up: members - 1, quorum: members, min: 3 } }),
      );
    }
  });
});
