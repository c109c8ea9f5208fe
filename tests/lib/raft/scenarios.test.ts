// Each guided scenario driven to its described end state, and the player's replay and fork rules.
import { describe, expect, it } from 'vitest';
import { ScenarioPlayer } from '../../../src/lib/raft/scenario-player';
import type { RaftSimulation } from '../../../src/lib/raft/simulation';

const commands = (sim: RaftSimulation, id: number) => sim.members[id]!.log.map((e) => e.command);
const committedCommands = (sim: RaftSimulation, id: number) => {
  const m = sim.members[id]!;
  return m.log.slice(0, m.commitIndex).map((e) => e.command);
};
const upIds = (sim: RaftSimulation) => sim.members.filter((m) => m.up).map((m) => m.id);

function finished(id: 'election' | 'partition' | 'figure8', options = {}) {
  const player = new ScenarioPlayer(id, options);
  const narrations = [player.narration().key];
  while (!player.finished) {
    player.next();
    narrations.push(player.narration().key);
  }
  return { player, sim: player.timeline.sim, narrations };
}

describe('guided scenarios reach their described end state', () => {
  it('leader election: pre-vote, election, committed empty entry, re-election after the leader stops', () => {
    const { player, sim, narrations } = finished('election');
    expect(narrations).toEqual([
      'raft.scenario.election.intro',
      'raft.scenario.election.preVote',
      'raft.scenario.election.elected',
      'raft.scenario.election.noop',
      'raft.scenario.election.reelected',
    ]);
    const { old, member, term } = player.narration().params as { old: number; member: number; term: number };
    expect(member).not.toBe(old);
    expect(sim.members[old - 1]!.up).toBe(false);
    const leader = sim.currentLeader()!;
    expect(leader.id + 1).toBe(member);
    expect(leader.term).toBe(term);
    expect(term).toBeGreaterThan(1);
    for (const id of upIds(sim)) expect(sim.members[id]!.term).toBe(term);
    expect(player.timeline.violations).toEqual([]);
  });

  it('partition: the cut-off leader\'s write is rolled back, the majority\'s write is kept everywhere', () => {
    const { player, sim, narrations } = finished('partition');
    expect(narrations.at(-1)).toBe('raft.scenario.partition.healed');
    for (const m of sim.members) {
      expect(commands(sim, m.id)).toContain('x=1');
      expect(commands(sim, m.id)).toContain('x=3');
      expect(commands(sim, m.id)).not.toContain('x=2');
      expect(committedCommands(sim, m.id)).toContain('x=3');
    }
    const leader = sim.currentLeader()!;
    expect([2, 3, 4]).toContain(leader.id);
    expect(sim.events.some((e) => e.code === 'raft.sim.event.rolledBack' && e.params.member === 1)).toBe(true);
    // With PreVote the returning pair does not force another election: the term of step 4 holds.
    expect(player.narration().params.term).toBe(leader.term);
    expect(player.timeline.violations).toEqual([]);
  });

  it('Figure 8 as etcd runs it: the empty entry commits X, and member 5 cannot win', () => {
    const { sim, narrations, player } = finished('figure8');
    expect(narrations.slice(-2)).toEqual(['raft.scenario.figure8.cNoop', 'raft.scenario.figure8.dRefused']);
    expect(sim.currentLeader()!.id).not.toBe(4);
    for (const id of upIds(sim)) expect(committedCommands(sim, id)).toContain('X');
    expect(player.timeline.violations).toEqual([]);
  });

  it('Figure 8 without the empty entry: X waits uncommitted on a majority and is safely overwritten by Y', () => {
    const { sim, narrations, player } = finished('figure8', { leaderNoOp: false });
    expect(narrations.slice(-2)).toEqual(['raft.scenario.figure8.cWaits', 'raft.scenario.figure8.dSafe']);
    expect(sim.currentLeader()!.id).toBe(4);
    for (const id of upIds(sim)) {
      expect(commands(sim, id)).not.toContain('X');
      expect(commands(sim, id)).toContain('Y');
    }
    expect(player.timeline.violations).toEqual([]);
  });

  it('Figure 8 with the unsafe commit rule: X is committed, then overwritten, and the checker says so', () => {
    const { sim, narrations, player } = finished('figure8', { leaderNoOp: false, commitRule: 'countReplicas' });
    expect(narrations.slice(-2)).toEqual(['raft.scenario.figure8.cUnsafe', 'raft.scenario.figure8.dLost']);
    expect(sim.currentLeader()!.id).toBe(4);
    expect(player.timeline.violations.map((v) => v.kind)).toContain('committedChanged');
  });
});

describe('scenario player', () => {
  it('shows the narration of the steps done by the moment you scrub to, and replays recorded steps', () => {
    const { player } = finished('partition');
    const last = player.narration();
    player.timeline.seek(0);
    expect(player.position).toBe(0);
    expect(player.narration().key).toBe('raft.scenario.partition.intro');
    player.next();
    expect(player.narration().key).toBe('raft.scenario.partition.committed');
    while (!player.finished) player.next();
    expect(player.narration()).toEqual(last);
  });

  it('an action of your own in the past drops the later steps and runs them afresh', () => {
    const { player } = finished('partition');
    player.timeline.seek(0);
    player.next();
    player.timeline.act({ kind: 'stop', member: 4 });
    expect(player.position).toBe(1);
    player.next();
    expect(player.narration().key).toBe('raft.scenario.partition.split');
    expect(player.timeline.sim.members[4]!.up).toBe(false);
  });

  it('refuses an unknown scenario with a coded error', () => {
    expect(() => new ScenarioPlayer('nope' as 'election')).toThrow(expect.objectContaining({ code: 'raft.scenario', field: 'scenario', allowed: 'election, partition, figure8' }));
  });
});
