// Three guided scenarios with narration: a leader election; a partition that heals and rolls back a
// write the cut-off leader never committed (The Secret Lives of Data's A,B | C,D,E); and Figure 8 of the
// Raft paper (Ongaro & Ousterhout 2014, §5.4.2), which shows why a leader may count replicas only for
// entries of its own term — and why etcd's new leader appends an empty entry. Each step acts on the
// simulation and returns the narration (an i18n key and its values) describing what happened.
import { ETCD_OPTIONS } from './sim-config';
import type { SimulationInput } from './sim-config';
import type { ScenarioContext } from './scenario-player';
import type { RaftOptions } from './types';

export type ScenarioId = 'election' | 'partition' | 'figure8';

/** The switches a scenario lets you change; the others stay at etcd's defaults. */
export type ScenarioOptions = Pick<RaftOptions, 'leaderNoOp' | 'commitRule'>;

export type NarrationKey =
  | 'raft.scenario.election.intro'
  | 'raft.scenario.election.preVote'
  | 'raft.scenario.election.elected'
  | 'raft.scenario.election.noop'
  | 'raft.scenario.election.reelected'
  | 'raft.scenario.partition.intro'
  | 'raft.scenario.partition.committed'
  | 'raft.scenario.partition.split'
  | 'raft.scenario.partition.staleWrite'
  | 'raft.scenario.partition.newLeader'
  | 'raft.scenario.partition.healed'
  | 'raft.scenario.figure8.intro'
  | 'raft.scenario.figure8.start'
  | 'raft.scenario.figure8.a'
  | 'raft.scenario.figure8.b'
  | 'raft.scenario.figure8.cNoop'
  | 'raft.scenario.figure8.cWaits'
  | 'raft.scenario.figure8.cUnsafe'
  | 'raft.scenario.figure8.dRefused'
  | 'raft.scenario.figure8.dSafe'
  | 'raft.scenario.figure8.dLost';

export interface Narration {
  key: NarrationKey;
  params: Record<string, number | string>;
}

export type ScenarioStep = (ctx: ScenarioContext, options: ScenarioOptions) => Narration;

export interface ScenarioDefinition {
  id: ScenarioId;
  config(options: ScenarioOptions): SimulationInput;
  intro(): Narration;
  steps: ScenarioStep[];
}

const MEMBERS = 5;
const say = (key: NarrationKey, params: Record<string, number | string> = {}): Narration => ({ key, params });
const etcd = (seed: number, options: Partial<ScenarioOptions> = {}): SimulationInput => ({ members: MEMBERS, seed, ...ETCD_OPTIONS, ...options });

/** The up member that leads with the highest term, as a 1-based number (0 when there is none). */
function leaderNumber(ctx: ScenarioContext): number {
  const leader = ctx.sim.currentLeader();
  return leader ? leader.id + 1 : 0;
}

function hasCommand(ctx: ScenarioContext, id: number, command: string): boolean {
  return ctx.member(id).log.some((e) => e.command === command);
}

function indexOf(ctx: ScenarioContext, id: number, command: string): number {
  return ctx.member(id).log.findIndex((e) => e.command === command) + 1;
}

/** Every up member holds `command` at the same index and has committed it. */
function committedEverywhere(ctx: ScenarioContext, command: string): boolean {
  const up = ctx.sim.members.filter((m) => m.up);
  return up.every((m) => {
    const index = m.log.findIndex((e) => e.command === command) + 1;
    return index > 0 && m.commitIndex >= index;
  });
}

const ELECTION: ScenarioDefinition = {
  id: 'election',
  config: () => etcd(11),
  intro: () => say('raft.scenario.election.intro', { members: MEMBERS }),
  steps: [
    (ctx) => {
      ctx.runUntil(() => ctx.sim.members.some((m) => m.role === 'precandidate'), 5000);
      const first = ctx.sim.members.find((m) => m.role === 'precandidate')!;
      return say('raft.scenario.election.preVote', { member: first.id + 1, term: first.term + 1, current: first.term });
    },
    (ctx) => {
      ctx.runUntil(() => ctx.sim.currentLeader() !== null, 5000);
      const leader = ctx.sim.currentLeader()!;
      return say('raft.scenario.election.elected', { member: leader.id + 1, term: leader.term, quorum: ctx.sim.quorum, members: MEMBERS });
    },
    (ctx) => {
      const leader = ctx.sim.currentLeader()!;
      ctx.runUntil(() => ctx.sim.members.every((m) => m.commitIndex >= 1), 2000);
      return say('raft.scenario.election.noop', { member: leader.id + 1, index: 1 });
    },
    (ctx) => {
      const old = ctx.sim.currentLeader()!;
      ctx.act({ kind: 'stop', member: old.id });
      ctx.runUntil(() => leaderNumber(ctx) !== 0, 10_000);
      const next = ctx.sim.currentLeader()!;
      return say('raft.scenario.election.reelected', { old: old.id + 1, member: next.id + 1, term: next.term });
    },
  ],
};

/** Members 1 and 2 end up on the minority side with the old leader (the narration names them). */
const MINORITY = [0, 1];

const PARTITION: ScenarioDefinition = {
  id: 'partition',
  config: () => etcd(23),
  intro: () => say('raft.scenario.partition.intro', { members: MEMBERS }),
  steps: [
    (ctx) => {
      ctx.elect(0);
      ctx.act({ kind: 'write', member: 0, command: 'x=1' });
      ctx.runUntil(() => committedEverywhere(ctx, 'x=1'), 2000);
      return say('raft.scenario.partition.committed', { member: 1, term: ctx.member(0).term, command: 'x=1' });
    },
    (ctx) => {
      ctx.act({ kind: 'groups', groups: ctx.sim.members.map((m) => (MINORITY.includes(m.id) ? 1 : 0)) });
      ctx.wait(200);
      return say('raft.scenario.partition.split');
    },
    (ctx) => {
      ctx.act({ kind: 'write', member: 0, command: 'x=2' });
      ctx.wait(300);
      const stored = ctx.sim.members.filter((m) => m.log.some((e) => e.command === 'x=2')).length;
      return say('raft.scenario.partition.staleWrite', { member: 1, command: 'x=2', index: indexOf(ctx, 0, 'x=2'), stored, quorum: ctx.sim.quorum });
    },
    (ctx) => {
      const oldTerm = ctx.member(0).term;
      const majorityLeader = () => ctx.sim.members.find((m) => !MINORITY.includes(m.id) && m.role === 'leader' && m.term > oldTerm);
      ctx.runUntil(() => majorityLeader() !== undefined && ctx.member(0).role !== 'leader', 10_000);
      const leader = majorityLeader()!;
      ctx.act({ kind: 'write', member: leader.id, command: 'x=3' });
      ctx.runUntil(() => leader.commitIndex >= indexOf(ctx, leader.id, 'x=3'), 2000);
      return say('raft.scenario.partition.newLeader', { member: leader.id + 1, term: leader.term, command: 'x=3', old: 1 });
    },
    (ctx) => {
      ctx.act({ kind: 'groups', groups: ctx.sim.members.map(() => 0) });
      ctx.runUntil(() => committedEverywhere(ctx, 'x=3') && !ctx.sim.members.some((m) => hasCommand(ctx, m.id, 'x=2')), 5000);
      const leader = ctx.sim.currentLeader()!;
      return say('raft.scenario.partition.healed', { member: leader.id + 1, term: leader.term, dropped: 'x=2', kept: 'x=3' });
    },
  ],
};

/**
 * Figure 8's steps for five members playing the paper's S1–S5: `roles[0]` is S1 and so on. The guided
 * scenario uses members 1–5 in order; the property test draws random roles, seeds and modes.
 */
export function figure8Steps(roles: readonly number[]): ScenarioStep[] {
  const [S1, S2, S3, S4, S5] = roles as [number, number, number, number, number];
  /** Group numbers by role: `together` share group 0, the others get a group each. */
  const groups = (together: readonly number[]) => {
    const result = roles.map(() => 0);
    roles.forEach((id, i) => (result[id] = together.includes(id) ? 0 : i + 1));
    return result;
  };
  const everyone = [S1, S2, S3, S4, S5];
  return [
    (ctx) => {
      ctx.elect(S1);
      ctx.act({ kind: 'write', member: S1, command: 'a' });
      ctx.runUntil(() => committedEverywhere(ctx, 'a'), 2000);
      return say('raft.scenario.figure8.start', { term: ctx.member(S1).term, index: indexOf(ctx, S1, 'a') });
    },
    // (a) S1 replicates X to S2 only, then crashes.
    (ctx) => {
      ctx.act({ kind: 'groups', groups: groups([S1, S2]) });
      ctx.act({ kind: 'write', member: S1, command: 'X' });
      ctx.runUntil(() => hasCommand(ctx, S2, 'X'), 1000);
      ctx.act({ kind: 'stop', member: S1 });
      ctx.drain();
      return say('raft.scenario.figure8.a', { term: ctx.member(S1).term, index: indexOf(ctx, S1, 'X') });
    },
    // (b) S5 wins the next term with votes from S3, S4 and itself (S2's log is fresher), appends Y
    // while cut off, and crashes.
    (ctx) => {
      ctx.act({ kind: 'groups', groups: groups(everyone) });
      ctx.elect(S5);
      ctx.act({ kind: 'groups', groups: groups([S1, S2, S3, S4]) });
      ctx.act({ kind: 'write', member: S5, command: 'Y' });
      ctx.act({ kind: 'stop', member: S5 });
      ctx.drain();
      return say('raft.scenario.figure8.b', { term: ctx.member(S5).term, index: indexOf(ctx, S5, 'Y') });
    },
    // (c) S1 restarts, wins with S2 and S3, and copies X to S3: X is on a majority.
    (ctx, options) => {
      ctx.act({ kind: 'restart', member: S1 });
      ctx.act({ kind: 'groups', groups: groups([S1, S2, S3]) });
      ctx.elect(S1);
      ctx.runUntil(() => hasCommand(ctx, S3, 'X') && ctx.member(S3).log.length === ctx.member(S1).log.length, 1000);
      ctx.wait(300);
      const s1 = ctx.member(S1);
      const index = indexOf(ctx, S1, 'X');
      const params = { term: s1.term, xTerm: s1.log[index - 1]?.term ?? 0, index, commit: s1.commitIndex, noop: s1.log.length };
      if (options.leaderNoOp) return say('raft.scenario.figure8.cNoop', params);
      return say(options.commitRule === 'countReplicas' ? 'raft.scenario.figure8.cUnsafe' : 'raft.scenario.figure8.cWaits', params);
    },
    // (d) S1 crashes, S5 returns and campaigns first.
    (ctx, options) => {
      const noopTerm = ctx.member(S1).term;
      const yTerm = ctx.member(S5).log[indexOf(ctx, S5, 'Y') - 1]?.term ?? 0;
      ctx.act({ kind: 'stop', member: S1 });
      ctx.act({ kind: 'restart', member: S5 });
      ctx.act({ kind: 'groups', groups: groups([S2, S3, S4, S5]) });
      ctx.drain();
      const s5Won = ctx.elect(S5, 3);
      ctx.runUntil(() => leaderNumber(ctx) !== 0, 10_000);
      ctx.wait(500);
      const params = { member: leaderNumber(ctx), term: ctx.sim.currentLeader()?.term ?? 0, yTerm, noopTerm };
      if (!s5Won) return say('raft.scenario.figure8.dRefused', params);
      return say(options.commitRule === 'countReplicas' ? 'raft.scenario.figure8.dLost' : 'raft.scenario.figure8.dSafe', params);
    },
  ];
}

const FIGURE8: ScenarioDefinition = {
  id: 'figure8',
  config: (options) => etcd(8, options),
  intro: () => say('raft.scenario.figure8.intro'),
  steps: figure8Steps([0, 1, 2, 3, 4]),
};

export const SCENARIOS: readonly ScenarioDefinition[] = [ELECTION, PARTITION, FIGURE8];
