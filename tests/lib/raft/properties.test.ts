// Property test of the simulation: thousands of seeded runs with random stops, restarts, partitions and
// client writes, every intermediate state checked by the SafetyMonitor, and a liveness bound after each
// fault phase. Deliberately broken subclasses show that the same harness catches real bugs.
import { describe, expect, it } from 'vitest';
import { RaftSimulation } from '../../../src/lib/raft/simulation';
import { SafetyMonitor, type Violation } from '../../../src/lib/raft/safety';
import { randomInt, seededRandom, type Random } from '../../../src/lib/raft/random';
import { quorumFor } from '../../../src/lib/raft/quorum';
import type { Message, RaftMember } from '../../../src/lib/raft/types';

const SEEDS = 1000;
const ELECTION_MS = 1000;
const FAULT_PHASE_MS = 6000;
/** A leader must be elected, and a write committed, within this many election timeouts after healing. */
const LIVENESS_TIMEOUTS = 10;
const CYCLES = 2;

type SimulationClass = new (config: { members: number; seed: number }) => RaftSimulation;

interface RunResult {
  violations: Violation[];
  livenessFailures: string[];
  /** Slowest heal-to-commit, in election timeouts. */
  slowestRecovery: number;
}

/** Steps event by event, letting the monitor see every state. */
function runObserved(sim: RaftSimulation, monitor: SafetyMonitor, until: number): void {
  while (sim.nextEventTime() <= until) {
    sim.step();
    monitor.observe(sim.members, sim.time);
  }
  sim.advanceTo(until);
}

function randomFault(sim: RaftSimulation, random: Random): void {
  const n = sim.members.length;
  const pick = randomInt(random, 0, 6);
  const id = randomInt(random, 0, n);
  if (pick === 0) sim.stop(id);
  else if (pick === 1) sim.restart(id);
  else if (pick === 2) sim.setGroups(sim.members.map(() => randomInt(random, 0, 3)));
  else if (pick === 3) sim.setGroups(sim.members.map(() => 0));
  else sim.clientWrite(`w${sim.time}`);
}

/** Heals a random majority: up and connected; the rest are stopped or cut off at random. */
function healMajority(sim: RaftSimulation, random: Random): number[] {
  const n = sim.members.length;
  const ids = sim.members.map((m) => m.id).sort(() => random() - 0.5);
  const majority = ids.slice(0, randomInt(random, quorumFor(n), n + 1));
  const groups = sim.members.map((m) => (majority.includes(m.id) ? 0 : 1 + randomInt(random, 0, 2)));
  sim.setGroups(groups);
  for (const m of sim.members) {
    if (majority.includes(m.id)) sim.restart(m.id);
    else if (random() < 0.5) sim.stop(m.id);
  }
  return majority;
}

function leaderOf(sim: RaftSimulation, majority: readonly number[]): RaftMember | null {
  const inMajority = sim.members.filter((m) => majority.includes(m.id));
  const top = Math.max(...inMajority.map((m) => m.term));
  return inMajority.find((m) => m.role === 'leader' && m.term === top) ?? null;
}

/** After healing: a leader in the majority, then a write it commits, within the bound. */
function checkLiveness(sim: RaftSimulation, monitor: SafetyMonitor, majority: readonly number[]): number | string {
  const healedAt = sim.time;
  const deadline = healedAt + LIVENESS_TIMEOUTS * ELECTION_MS;
  let written: { leader: RaftMember; index: number; term: number } | null = null;
  while (sim.time < deadline) {
    runObserved(sim, monitor, sim.time + 10);
    const leader = leaderOf(sim, majority);
    if (!written && leader && sim.currentLeader() === leader) {
      sim.clientWrite(`probe${sim.time}`);
      written = { leader, index: leader.log.length, term: leader.term };
    }
    if (written && written.leader.commitIndex >= written.index && written.leader.term === written.term) {
      return (sim.time - healedAt) / ELECTION_MS;
    }
    if (written && (written.leader.role !== 'leader' || written.leader.term !== written.term)) written = null;
  }
  return `no committed write within ${LIVENESS_TIMEOUTS} election timeouts of healing majority ${majority.map((i) => i + 1)}`;
}

function runSeed(Simulation: SimulationClass, seed: number): RunResult {
  const random = seededRandom(seed ^ 0x5bd1e995);
  const sim = new Simulation({ members: randomInt(random, 1, 8), seed });
  const monitor = new SafetyMonitor();
  const livenessFailures: string[] = [];
  let slowestRecovery = 0;
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    const faultEnd = sim.time + FAULT_PHASE_MS;
    while (sim.time < faultEnd) {
      runObserved(sim, monitor, sim.time + randomInt(random, 50, 1200));
      randomFault(sim, random);
    }
    const majority = healMajority(sim, random);
    const outcome = checkLiveness(sim, monitor, majority);
    if (typeof outcome === 'string') livenessFailures.push(`seed ${seed}: ${outcome}`);
    else slowestRecovery = Math.max(slowestRecovery, outcome);
  }
  return { violations: monitor.violations, livenessFailures, slowestRecovery };
}

describe('Raft simulation properties over random seeds', () => {
  it(`holds safety and liveness for ${SEEDS} seeds with random stops, restarts and partitions`, () => {
    const violations: string[] = [];
    const livenessFailures: string[] = [];
    let slowest = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const result = runSeed(RaftSimulation, seed);
      violations.push(...result.violations.map((v) => `seed ${seed}: ${v.kind} ${v.detail}`));
      livenessFailures.push(...result.livenessFailures);
      slowest = Math.max(slowest, result.slowestRecovery);
    }
    expect(violations.slice(0, 5)).toEqual([]);
    expect(livenessFailures.slice(0, 5)).toEqual([]);
    expect(slowest).toBeGreaterThan(0);
    expect(slowest).toBeLessThanOrEqual(LIVENESS_TIMEOUTS);
  }, 60_000);
});

/** Votes for anyone in its term, ignoring votedFor: two candidates can both win. */
class VotesTwice extends RaftSimulation {
  protected override grantsVote(member: RaftMember, request: Extract<Message, { type: 'RequestVote' }>): boolean {
    return request.term === member.term;
  }
}

/** Keeps one vote per term but skips the "log at least as up to date" check: a stale leader overwrites commits. */
class IgnoresLogCheck extends RaftSimulation {
  protected override grantsVote(member: RaftMember, request: Extract<Message, { type: 'RequestVote' }>): boolean {
    return request.term === member.term && (member.votedFor === null || member.votedFor === request.from);
  }
}

describe('the property harness catches broken Raft variants', () => {
  /** The first violation of one of `kinds` the harness finds in up to `seeds` runs. */
  const firstViolation = (Simulation: SimulationClass, seeds: number, kinds: string[]) => {
    for (let seed = 1; seed <= seeds; seed++) {
      const found = runSeed(Simulation, seed).violations.find((v) => kinds.includes(v.kind));
      if (found) return found;
    }
    return undefined;
  };

  it('finds two leaders in one term when members vote twice', () => {
    expect(firstViolation(VotesTwice, 300, ['twoLeaders'])).toBeDefined();
  }, 30_000);

  it('finds a lost committed entry when votes ignore log freshness', () => {
    expect(firstViolation(IgnoresLogCheck, 300, ['committedChanged', 'leaderMissingCommitted'])).toBeDefined();
  }, 30_000);
});

describe('SafetyMonitor on hand-made traces', () => {
  const entry = (term: number, command: string | null) => ({ term, command });

  it('reports two leaders in the same term', () => {
    const monitor = new SafetyMonitor();
    monitor.observe([{ id: 0, role: 'leader', term: 3, log: [], commitIndex: 0 }]);
    const found = monitor.observe([{ id: 1, role: 'leader', term: 3, log: [], commitIndex: 0 }]);
    expect(found.map((v) => v.kind)).toEqual(['twoLeaders']);
  });

  it('accepts leaders of different terms and a stale leader of an older term', () => {
    const monitor = new SafetyMonitor();
    const committed = [entry(1, null), entry(2, 'a')];
    expect(monitor.observe([
      { id: 0, role: 'leader', term: 1, log: [entry(1, null)], commitIndex: 0 },
      { id: 1, role: 'leader', term: 2, log: committed, commitIndex: 2 },
    ])).toEqual([]);
  });

  it('reports a committed entry that changed, and a leader that lacks one', () => {
    const monitor = new SafetyMonitor();
    monitor.observe([{ id: 0, role: 'follower', term: 2, log: [entry(1, 'a'), entry(2, 'b')], commitIndex: 2 }]);
    expect(monitor.observe([{ id: 1, role: 'follower', term: 3, log: [entry(1, 'a'), entry(3, 'c')], commitIndex: 2 }]).map((v) => v.kind)).toEqual(['committedChanged']);
    expect(monitor.observe([{ id: 2, role: 'leader', term: 4, log: [entry(1, 'a')], commitIndex: 1 }]).map((v) => v.kind)).toEqual(['leaderMissingCommitted']);
  });
});
