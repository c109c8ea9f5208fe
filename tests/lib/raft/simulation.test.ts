import { describe, expect, it } from 'vitest';
import { RaftSimulation, describeGroups } from '../../../src/lib/raft/simulation';

const ELECTION = 1000;

function leaders(sim: RaftSimulation) {
  return sim.members.filter((m) => m.up && m.role === 'leader');
}

function electedSim(members = 5, seed = 7): RaftSimulation {
  const sim = new RaftSimulation({ members, seed });
  sim.advanceBy(4 * ELECTION);
  return sim;
}

describe('Raft simulation', () => {
  it('starts with etcd timing and no leader, then elects exactly one', () => {
    const sim = new RaftSimulation({ members: 5, seed: 1 });
    expect(sim.config).toMatchObject({ heartbeatMs: 100, electionTimeoutMs: 1000 });
    expect(sim.currentLeader()).toBeNull();
    // No one times out before one election timeout (etcd randomises in [timeout, 2×timeout)).
    sim.advanceBy(ELECTION - 1);
    expect(sim.members.every((m) => m.term === 0)).toBe(true);
    sim.advanceBy(3 * ELECTION);
    expect(leaders(sim)).toHaveLength(1);
    const leader = sim.currentLeader()!;
    expect(sim.members.every((m) => m.term === leader.term)).toBe(true);
    expect(sim.events.some((e) => e.code === 'raft.sim.event.elected')).toBe(true);
  });

  it('replays exactly from the same seed and differs for another', () => {
    const a = electedSim(5, 42);
    const b = electedSim(5, 42);
    const c = electedSim(5, 43);
    expect(JSON.stringify(b.view())).toBe(JSON.stringify(a.view()));
    expect(JSON.stringify(c.view())).not.toBe(JSON.stringify(a.view()));
  });

  it('replicates and commits a client write on every member', () => {
    const sim = electedSim();
    expect(sim.clientWrite('x=1')).toBe(true);
    sim.advanceBy(500);
    for (const m of sim.members) {
      expect(m.log.map((e) => e.command)).toContain('x=1');
      expect(m.commitIndex).toBe(m.log.length);
    }
  });

  it('elects a new leader in a higher term after the leader stops, keeping committed writes', () => {
    const sim = electedSim();
    sim.clientWrite('a');
    sim.advanceBy(300);
    const old = sim.currentLeader()!;
    sim.stop(old.id);
    sim.advanceBy(4 * ELECTION);
    const next = sim.currentLeader()!;
    expect(next.id).not.toBe(old.id);
    expect(next.term).toBeGreaterThan(old.term);
    expect(next.log.map((e) => e.command)).toContain('a');
  });

  it('refuses writes with 3 of 5 stopped and takes them again when one returns', () => {
    const sim = electedSim();
    const others = sim.members.filter((m) => m.role !== 'leader').map((m) => m.id);
    for (const id of others.slice(0, 3)) sim.stop(id);
    sim.advanceBy(3 * ELECTION); // CheckQuorum makes the leader step down
    expect(sim.currentLeader()).toBeNull();
    expect(sim.clientWrite('refused')).toBe(false);
    expect(sim.events.at(-1)?.code).toBe('raft.sim.event.writeRefused');
    sim.restart(others[0]!);
    sim.advanceBy(6 * ELECTION);
    expect(sim.clientWrite('accepted')).toBe(true);
  });

  it('restart keeps term, vote and log but forgets the commit index', () => {
    const sim = electedSim();
    sim.clientWrite('k');
    sim.advanceBy(300);
    const follower = sim.members.find((m) => m.role === 'follower')!;
    const before = { term: follower.term, votedFor: follower.votedFor, log: [...follower.log] };
    expect(follower.commitIndex).toBeGreaterThan(0);
    sim.stop(follower.id);
    sim.restart(follower.id);
    expect(follower).toMatchObject({ ...before, role: 'follower', commitIndex: 0, up: true });
  });

  it('a cut-off old leader cannot commit and rolls back after the split heals', () => {
    const sim = electedSim();
    const old = sim.currentLeader()!;
    const buddy = sim.members.find((m) => m.id !== old.id)!;
    sim.setGroups(sim.members.map((m) => (m.id === old.id || m.id === buddy.id ? 1 : 0)));
    const splitTerm = old.term;
    expect(sim.clientWrite('lost')).toBe(true); // the old leader still believes it leads
    const lostIndex = old.log.length;
    sim.advanceBy(5 * ELECTION);
    expect(old.commitIndex).toBeLessThan(lostIndex);
    expect(old.role).not.toBe('leader'); // CheckQuorum stepped it down
    const majorityLeader = sim.currentLeader()!;
    expect(majorityLeader.id).not.toBe(old.id);
    expect(majorityLeader.term).toBeGreaterThan(splitTerm);
    sim.clientWrite('kept');
    sim.setGroups(sim.members.map(() => 0));
    // The cut-off pair kept raising its term; its return forces one more election (no PreVote here).
    sim.advanceBy(8 * ELECTION);
    for (const m of sim.members) {
      const commands = m.log.map((e) => e.command);
      expect(commands).toContain('kept');
      expect(commands).not.toContain('lost');
    }
  });

  it('draws messages in flight with progress and marks those a partition will drop', () => {
    const sim = electedSim();
    sim.advanceBy(1);
    sim.setGroups(sim.members.map((m) => (m.id === 0 ? 1 : 0)));
    sim.clientWrite('m');
    sim.advanceBy(5);
    const view = sim.view();
    expect(view.messages.length).toBeGreaterThan(0);
    for (const m of view.messages) {
      expect(m.progress).toBeGreaterThanOrEqual(0);
      expect(m.progress).toBeLessThanOrEqual(1);
      expect(m.doomed).toBe(m.from === 0 || m.to === 0);
    }
  });

  it('single step moves to the next event only', () => {
    const sim = new RaftSimulation({ members: 3, seed: 5 });
    const next = sim.nextEventTime();
    sim.step();
    expect(sim.time).toBe(next);
    expect(sim.members.filter((m) => m.role === 'candidate')).toHaveLength(1);
  });

  it('a single member leads itself and commits alone', () => {
    const sim = electedSim(1);
    expect(sim.clientWrite('solo')).toBe(true);
    expect(sim.members[0]!.commitIndex).toBe(2);
  });

  it('refuses sizes and partitions it cannot run', () => {
    expect(() => new RaftSimulation({ members: 0, seed: 1 })).toThrow(expect.objectContaining({ code: 'raft.simMembers' }));
    expect(() => new RaftSimulation({ members: 3, seed: 1 }).setGroups([0, 1])).toThrow(expect.objectContaining({ code: 'raft.groups' }));
    expect(describeGroups([1, 1, 0, 0, 0])).toBe('3,4,5 | 1,2');
  });
});
