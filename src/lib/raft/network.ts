// The simulated cluster under the Raft members: a clock of simulated milliseconds, a network that delays
// each message by a seeded random amount and loses it when a partition or a stopped receiver is in the
// way at arrival, the election timers, and the event log. Everything that changes is plain data, so a
// snapshot (for the timeline) is a structured clone. What the members do with timers and messages is
// the protocol's business: src/lib/raft/simulation.ts.
import { KubeprepError } from '../errors';
import { quorumFor } from './quorum';
import { nextRandom, randomState, type RandomState } from './random';
import { simulationConfig, type SimulationInput } from './sim-config';
import type { Message, MessageBody, RaftMember, SimEvent, SimEventCode, SimulationConfig } from './types';

const EVENT_HISTORY = 40;

/** A message as a handler writes it; `send` adds the id, sender and flight times. */
export type Outgoing = MessageBody & { to: number; term: number };

/** Everything that changes while the simulation runs, as plain data: a snapshot for the timeline. */
export interface SimulationState {
  members: RaftMember[];
  messages: Message[];
  groups: number[];
  time: number;
  events: SimEvent[];
  rng: RandomState;
  nextMessageId: number;
  nextEventSeq: number;
}

export abstract class SimulatedCluster {
  readonly config: SimulationConfig;
  members: RaftMember[];
  messages: Message[] = [];
  groups: number[];
  time = 0;
  events: SimEvent[] = [];
  private rng: RandomState;
  private nextMessageId = 1;
  private nextEventSeq = 1;

  constructor(input: SimulationInput) {
    this.config = simulationConfig(input);
    this.rng = randomState(this.config.seed);
    this.members = Array.from({ length: this.config.members }, (_, id) => this.newMember(id));
    this.groups = this.members.map(() => 0);
  }

  get quorum(): number {
    return quorumFor(this.members.length);
  }

  snapshot(): SimulationState {
    const { members, messages, groups, time, events, rng, nextMessageId, nextEventSeq } = this;
    return structuredClone({ members, messages, groups, time, events, rng, nextMessageId, nextEventSeq });
  }

  restore(state: SimulationState): void {
    Object.assign(this, structuredClone(state));
  }

  // ---- time ----

  /** The time of the next timer or delivery, or Infinity when nothing is pending. */
  nextEventTime(): number {
    let next = Infinity;
    for (const m of this.messages) next = Math.min(next, m.deliverAt);
    for (const member of this.members) {
      if (!member.up) continue;
      if (member.role !== 'leader') next = Math.min(next, member.electionDeadline);
      else next = Math.min(next, member.heartbeatDue, this.config.checkQuorum ? member.checkQuorumDue : Infinity);
    }
    return next;
  }

  /** Processes everything due up to `until` and moves the clock there. */
  advanceTo(until: number): void {
    for (let next = this.nextEventTime(); next <= until; next = this.nextEventTime()) this.processAt(next);
    this.time = Math.max(this.time, until);
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.time + ms);
  }

  /** Single step: jumps to the next timer or delivery and handles just that moment. */
  step(): void {
    const next = this.nextEventTime();
    if (Number.isFinite(next)) this.processAt(next);
  }

  private processAt(time: number): void {
    this.time = Math.max(this.time, time);
    const due: Message[] = [];
    const pending: Message[] = [];
    for (const m of this.messages) (m.deliverAt <= this.time ? due : pending).push(m);
    if (due.length > 0) {
      this.messages = pending;
      due.sort((a, b) => a.deliverAt - b.deliverAt || a.id - b.id);
      for (const message of due) this.deliver(message);
    }
    for (const member of this.members) this.fireTimers(member);
  }

  /** What a member does when one of its timers is due. */
  protected abstract fireTimers(member: RaftMember): void;

  /** What a member does with a message that reached it. */
  protected abstract receive(member: RaftMember, message: Message): void;

  /** Members in the same group can talk; `[0,0,1,1,1]` cuts the first two off from the rest. */
  setGroups(groups: readonly number[]): void {
    if (groups.length !== this.members.length || groups.some((g) => !Number.isInteger(g) || g < 0)) {
      throw new KubeprepError('raft.groups', {
        field: 'groups',
                params: { members: this.members.length },
      });
    }
    this.groups = [...groups];
    this.record('raft.sim.event.partition', { groups: describeGroups(this.groups) });
  }

  connected(a: number, b: number): boolean {
    return this.groups[a] === this.groups[b];
  }

  /** Loses one message in flight (RaftScope's "drop"). */
  dropMessage(id: number): void {
    const index = this.messages.findIndex((m) => m.id === id);
    const message = this.messages[index];
    if (!message) {
      throw new KubeprepError('raft.message-id', {
        field: 'message',
        params: { value: id },
      });
    }
    this.messages.splice(index, 1);
    this.record('raft.sim.event.dropped', { type: message.type, from: message.from + 1, to: message.to + 1 });
  }

  // ---- network ----

  protected send(from: RaftMember, body: Outgoing): void {
    const sentAt = this.time;
    const deliverAt = sentAt + this.randomInt(this.config.minLatencyMs, this.config.maxLatencyMs + 1);
    // Stamp the fresh literal in place rather than spreading it: spreading the message shapes was the
    // simulation's hottest line (profiled in the 1000-seed property test).
    this.messages.push(Object.assign(body, { id: this.nextMessageId++, from: from.id, sentAt, deliverAt }) as Message);
  }

  /** Lost when the receiver is stopped or the network between the two is cut at arrival time. */
  private deliver(message: Message): void {
    const member = this.members[message.to]!;
    if (member.up && this.connected(message.from, message.to)) this.receive(member, message);
  }

  // ---- helpers ----

  private newMember(id: number): RaftMember {
    const member: RaftMember = {
      id, up: true, term: 0, votedFor: null, log: [], role: 'follower', commitIndex: 0, leaderId: null, lastLeaderContact: null,
      electionDeadline: 0, votes: [], refusals: [], nextIndex: [], matchIndex: [], lastHeardFrom: [], heartbeatDue: 0, checkQuorumDue: 0,
    };
    this.resetElectionTimer(member);
    return member;
  }

  /** etcd randomises the election timeout in [timeout, 2×timeout) so that split votes are rare. */
  protected resetElectionTimer(member: RaftMember): void {
    const timeout = this.config.electionTimeoutMs;
    member.electionDeadline = this.time + this.randomInt(timeout, 2 * timeout);
  }

  private randomInt(min: number, max: number): number {
    return min + Math.floor(nextRandom(this.rng) * (max - min));
  }

  protected peersOf(member: RaftMember): number[] {
    return this.members.filter((m) => m.id !== member.id).map((m) => m.id);
  }

  protected member(id: number): RaftMember {
    const member = this.members[id];
    if (!member) {
      throw new KubeprepError('raft.member-id', {
        field: 'member',
        allowed: `1–${this.members.length}`,
        params: { value: id + 1, max: this.members.length },
      });
    }
    return member;
  }

  protected record(code: SimEventCode, params: Record<string, number | string>): void {
    this.events.push({ seq: this.nextEventSeq++, time: this.time, code, params });
    if (this.events.length > EVENT_HISTORY) this.events.splice(0, this.events.length - EVENT_HISTORY);
  }
}

/** "1,2 | 3,4,5" — 1-based member numbers per group. */
export function describeGroups(groups: readonly number[]): string {
  const byGroup = new Map<number, number[]>();
  groups.forEach((g, id) => byGroup.set(g, [...(byGroup.get(g) ?? []), id + 1]));
  return [...byGroup.keys()].sort((a, b) => a - b).map((g) => byGroup.get(g)!.join(',')).join(' | ');
}
