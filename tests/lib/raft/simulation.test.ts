import { describe, expect, it } from 'vitest';
import { RaftSimulation, describeGroups } from '../../../src/lib/raft/simulation';
import { RAFT_MODES, type RaftMode } from '../../../src/lib/raft/sim-config';

const ELECTION = 1000;

function leaders(sim: RaftSimulation) {
  return sim.members.filter((m) => m.up && m.role === 'leader');
}

function electedSim(members = 5, seed = 7, mode: RaftMode = 'etcd35'): RaftSimulation {
  const sim = new RaftSimulation({ members, seed, ...RAFT_MODES[mode] });
  sim.advanceBy(4 * ELECTION);
  return sim;
}

/** Cuts one follower off for `ms`, heals, and reports what the leader went through. */
function isolateFollower(sim: RaftSimulation, ms: number) {
  const leader = sim.currentLeader()!;
  const before = { id: leader.id, term: leader.term };
  const follower = sim.members.find((m) => m.role === 'follower')!;
  sim.setGroups(sim.members.map((m) => (m.id === follower.id ? 1 : 0)));
  sim.advanceBy(ms);
  const isolatedTerm = follower.term;
  sim.setGroups(sim.members.map(() => 0));
  let withoutThatLeader = 0;
  for (let t = 0; t < 4 * ELECTION; t += 10) {
    sim.advanceBy(10);
    const now = sim.currentLeader();
    if (!now || now.id !== before.id || now.term !== before.term) withoutThatLeader += 10;
  }
  return { before, isolatedTerm, withoutThatLeader, after: sim.currentLeader() };
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
    // PreVote: the first to time out asks first, without raising its term.
    expect(sim.members.filter((m) => m.role === 'precandidate')).toHaveLength(1);
    expect(sim.members.every((m) => m.term === 0)).toBe(true);
  });

  it('a single member leads itself and commits alone', () => {
    const sim = electedSim(1);
    expect(sim.clientWrite('solo')).toBe(true);
    expect(sim.members[0]!.commitIndex).toBe(2);
  });

  it('refuses sizes, delays, partitions and messages it cannot run', () => {
    expect(() => new RaftSimulation({ members: 0, seed: 1 })).toThrow(expect.objectContaining({ code: 'raft.sim-members', field: 'members' }));
    expect(() => new RaftSimulation({ members: 3, seed: 1, minLatencyMs: 0 })).toThrow(expect.objectContaining({ code: 'raft.sim-latency', field: 'latency' }));
    expect(() => new RaftSimulation({ members: 3, seed: 1, minLatencyMs: 50, maxLatencyMs: 20 })).toThrow(expect.objectContaining({ code: 'raft.sim-latency' }));
    expect(() => new RaftSimulation({ members: 3, seed: 1 }).dropMessage(99)).toThrow(
      expect.objectContaining({ code: 'raft.message-id', field: 'message', params: { value: 99 } }),
    );
    expect(() => new RaftSimulation({ members: 3, seed: 1 }).setGroups([0, 1])).toThrow(expect.objectContaining({ code: 'raft.groups' }));
    expect(describeGroups([1, 1, 0, 0, 0])).toBe('3,4,5 | 1,2');
  });
});

describe('Raft as etcd 3.5+ runs it: PreVote and CheckQuorum', () => {
  it('starts with etcd defaults: PreVote, CheckQuorum, the empty entry, the current-term commit rule', () => {
    expect(new RaftSimulation({ members: 3, seed: 1 }).config).toMatchObject({ preVote: true, checkQuorum: true, leaderNoOp: true, commitRule: 'currentTerm' });
  });

  it('an isolated follower does not raise its term and does not depose the leader when it returns', () => {
    const sim = electedSim();
    const { before, isolatedTerm, withoutThatLeader, after } = isolateFollower(sim, 5 * ELECTION);
    expect(isolatedTerm).toBe(before.term);
    expect(withoutThatLeader).toBe(0);
    expect(after).toMatchObject({ id: before.id, term: before.term });
  });

  it('without PreVote (etcd 3.4, the paper) the returning follower deposes the healthy leader', () => {
    for (const mode of ['etcd34', 'paper'] as const) {
      const sim = electedSim(5, 7, mode);
      const { before, isolatedTerm, withoutThatLeader, after } = isolateFollower(sim, 5 * ELECTION);
      expect(isolatedTerm, mode).toBeGreaterThan(before.term + 1);
      expect(withoutThatLeader, mode).toBeGreaterThan(0);
      expect(after!.term, mode).toBeGreaterThan(before.term);
    }
  });

  it('"time out" on a follower does not depose a leader the others still hear', () => {
    const sim = electedSim();
    const leader = { id: sim.currentLeader()!.id, term: sim.currentLeader()!.term };
    const follower = sim.members.find((m) => m.role === 'follower')!;
    sim.timeout(follower.id);
    expect(follower.role).toBe('precandidate');
    sim.advanceBy(3 * ELECTION);
    expect(sim.currentLeader()).toMatchObject(leader);
    expect(sim.members.every((m) => m.term === leader.term)).toBe(true);
    expect(sim.events.filter((e) => e.code === 'raft.sim.event.ignoredVote').length).toBeGreaterThan(0);
  });

  it('in the paper\'s basic Raft, "time out" on a follower deposes the leader at once', () => {
    const sim = electedSim(5, 7, 'paper');
    const leader = sim.currentLeader()!;
    const term = leader.term;
    sim.timeout(sim.members.find((m) => m.role === 'follower')!.id);
    sim.advanceBy(ELECTION / 2);
    expect(sim.currentLeader()!.term).toBeGreaterThan(term);
  });

  it('CheckQuorum makes a cut-off leader step down; without it the leader keeps leading alone', () => {
    for (const [mode, stepsDown] of [['etcd35', true], ['paper', false]] as const) {
      const sim = electedSim(5, 7, mode);
      const leader = sim.currentLeader()!;
      sim.setGroups(sim.members.map((m) => (m.id === leader.id ? 1 : 0)));
      sim.advanceBy(4 * ELECTION);
      expect(leader.role === 'leader', mode).toBe(!stepsDown);
    }
  });

  it('the empty entry on election can be switched off', () => {
    const on = electedSim();
    expect(on.currentLeader()!.log).toEqual([{ term: on.currentLeader()!.term, command: null }]);
    const off = new RaftSimulation({ members: 5, seed: 7, leaderNoOp: false });
    off.advanceBy(4 * ELECTION);
    expect(off.currentLeader()!.log).toEqual([]);
    // Without it the leader commits nothing until an entry of its own term is on a majority.
    off.clientWrite('a');
    off.advanceBy(300);
    expect(off.members.every((m) => m.commitIndex === 1)).toBe(true);
  });
});

describe('operator actions beyond stop and restart', () => {
  it('a client write to a stale leader is appended there and never committed', () => {
    const stale = electedSim();
    const cut = stale.currentLeader()!;
    stale.setGroups(stale.members.map((m) => (m.id === cut.id ? 1 : 0)));
    expect(stale.clientWriteTo(cut.id, 'lost')).toBe(true);
    stale.advanceBy(ELECTION / 2);
    expect(cut.log.at(-1)).toEqual({ term: cut.term, command: 'lost' });
    expect(cut.commitIndex).toBeLessThan(cut.log.length);
  });

  it('a follower forwards a client write to its leader; a member without a leader refuses it', () => {
    const sim = electedSim();
    const leader = sim.currentLeader()!;
    const follower = sim.members.find((m) => m.role === 'follower')!;
    expect(sim.clientWriteTo(follower.id, 'via-follower')).toBe(true);
    expect(sim.messages.some((m) => m.type === 'Propose' && m.to === leader.id)).toBe(true);
    sim.advanceBy(300);
    expect(leader.log.map((e) => e.command)).toContain('via-follower');
    expect(leader.commitIndex).toBe(leader.log.length);

    const fresh = new RaftSimulation({ members: 3, seed: 2 });
    expect(fresh.clientWriteTo(1, 'nobody')).toBe(false);
    expect(fresh.events.at(-1)).toMatchObject({ code: 'raft.sim.event.writeRefusedAt', params: { member: 2, command: 'nobody' } });
  });

  it('drops a chosen message in flight', () => {
    const sim = electedSim();
    sim.clientWrite('d');
    const append = sim.messages.find((m) => m.type === 'AppendEntries')!;
    sim.dropMessage(append.id);
    expect(sim.messages.some((m) => m.id === append.id)).toBe(false);
    expect(sim.events.at(-1)).toMatchObject({ code: 'raft.sim.event.dropped', params: { type: 'AppendEntries', from: append.from + 1, to: append.to + 1 } });
    // The leader retries with the next heartbeat: the dropped follower still gets the entry.
    sim.advanceBy(400);
    expect(sim.members[append.to]!.log.map((e) => e.command)).toContain('d');
  });

  it('a snapshot restores the exact state, random generator included', () => {
    const a = electedSim();
    const state = a.snapshot();
    a.advanceBy(3 * ELECTION);
    const b = new RaftSimulation({ members: 5, seed: 7 });
    b.restore(state);
    b.advanceBy(3 * ELECTION);
    expect(JSON.stringify(b.view())).toBe(JSON.stringify(a.view()));
  });

  it('shows a leader\'s nextIndex and matchIndex per follower, and a follower\'s lease', () => {
    const sim = electedSim();
    sim.clientWrite('p');
    sim.advanceBy(300);
    const view = sim.view();
    const leader = view.members.find((m) => m.role === 'leader')!;
    expect(leader.peers).toHaveLength(4);
    for (const peer of leader.peers) expect(peer).toMatchObject({ nextIndex: 3, matchIndex: 2 });
    const follower = view.members.find((m) => m.role === 'follower')!;
    expect(follower).toMatchObject({ peers: [], inLease: true, leaderId: leader.id });
  });
});
