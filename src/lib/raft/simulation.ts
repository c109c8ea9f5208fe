// A small deterministic Raft (Ongaro & Ousterhout 2014, Figure 2) for teaching: leader election with
// randomised timeouts, heartbeats, log replication and commit, plus the faults an operator meets —
// stopped members, restarts and network partitions. Time is simulated milliseconds; the UI decides how
// fast it plays. Discrete-event: each call processes the timers and deliveries due, in time order.
import { KubeprepError } from '../errors';
import { quorumFor } from './quorum';
import { randomInt, seededRandom, type Random } from './random';
import { DEFAULT_ELECTION_TIMEOUT_MS, DEFAULT_HEARTBEAT_MS } from './timing';
import type { LogEntry, Message, RaftMember, SimEvent, SimEventCode, SimulationConfig, SimulationView } from './types';
import { simulationView } from './view';

export const MAX_SIM_MEMBERS = 9;
const EVENT_HISTORY = 40;

export const ETCD_TIMING = { heartbeatMs: DEFAULT_HEARTBEAT_MS, electionTimeoutMs: DEFAULT_ELECTION_TIMEOUT_MS } as const;

/** A message as a handler writes it; `send` adds the id, sender and flight times. Omit per union member. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Outgoing = DistributiveOmit<Message, 'id' | 'from' | 'sentAt' | 'deliverAt'>;

export class RaftSimulation {
  readonly config: SimulationConfig;
  readonly members: RaftMember[];
  messages: Message[] = [];
  groups: number[];
  time = 0;
  events: SimEvent[] = [];
  private readonly random: Random;
  private nextMessageId = 1;
  private nextEventSeq = 1;

  constructor(config: Partial<SimulationConfig> & { members: number; seed: number }) {
    this.config = { ...ETCD_TIMING, minLatencyMs: 20, maxLatencyMs: 50, ...config };
    checkSimulationSize(this.config.members);
    this.random = seededRandom(this.config.seed);
    this.members = Array.from({ length: this.config.members }, (_, id) => this.newMember(id));
    this.groups = this.members.map(() => 0);
  }

  get quorum(): number {
    return quorumFor(this.members.length);
  }

  // ---- time ----

  /** The time of the next timer or delivery, or Infinity when nothing is pending. */
  nextEventTime(): number {
    let next = Infinity;
    for (const m of this.messages) next = Math.min(next, m.deliverAt);
    for (const member of this.members) {
      if (!member.up) continue;
      if (member.role === 'leader') next = Math.min(next, member.heartbeatDue, member.checkQuorumDue);
      else next = Math.min(next, member.electionDeadline);
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

  private fireTimers(member: RaftMember): void {
    if (!member.up) return;
    if (member.role !== 'leader') {
      if (member.electionDeadline <= this.time) this.startElection(member);
      return;
    }
    if (member.heartbeatDue <= this.time) this.broadcastAppend(member);
    if (member.checkQuorumDue <= this.time) this.checkQuorum(member);
  }

  // ---- operator actions ----

  stop(id: number): void {
    const member = this.member(id);
    if (!member.up) return;
    member.up = false;
    this.record('raft.sim.event.stopped', { member: id + 1 });
  }

  /** Restart keeps what Raft persists (term, votedFor, log) and forgets the rest, commitIndex included. */
  restart(id: number): void {
    const member = this.member(id);
    if (member.up) return;
    member.up = true;
    member.role = 'follower';
    member.commitIndex = 0;
    member.leaderId = null;
    member.votes = new Set();
    this.resetElectionTimer(member);
    this.record('raft.sim.event.restarted', { member: id + 1 });
  }

  /** Forces an election timeout now (RaftScope's "time out"). */
  timeout(id: number): void {
    const member = this.member(id);
    if (member.up && member.role !== 'leader') this.startElection(member);
  }

  /** Members in the same group can talk; `[0,0,1,1,1]` cuts the first two off from the rest. */
  setGroups(groups: readonly number[]): void {
    if (groups.length !== this.members.length || groups.some((g) => !Number.isInteger(g) || g < 0)) {
      throw new KubeprepError('raft.groups', 'a partition must give every member a group number', {
        field: 'groups',
        allowed: `${this.members.length} whole numbers of 0 or more`,
        params: { members: this.members.length },
      });
    }
    this.groups = [...groups];
    this.record('raft.sim.event.partition', { groups: describeGroups(this.groups) });
  }

  connected(a: number, b: number): boolean {
    return this.groups[a] === this.groups[b];
  }

  /** A client write goes to the current leader (followers forward to it in etcd); refused when there is none. */
  clientWrite(command: string): boolean {
    const leader = this.currentLeader();
    if (!leader) {
      this.record('raft.sim.event.writeRefused', { command });
      return false;
    }
    leader.log.push({ term: leader.term, command });
    leader.matchIndex[leader.id] = leader.log.length;
    this.record('raft.sim.event.write', { command, member: leader.id + 1, index: leader.log.length });
    this.advanceCommit(leader);
    this.broadcastAppend(leader);
    return true;
  }

  /** A copy of the state for drawing: members, messages in flight with their progress, recent events. */
  view(): SimulationView {
    return simulationView(this);
  }

  /** The up leader with the highest term (a cut-off old leader may still think it leads). */
  currentLeader(): RaftMember | null {
    let best: RaftMember | null = null;
    for (const m of this.members) if (m.up && m.role === 'leader' && (!best || m.term > best.term)) best = m;
    return best;
  }

  // ---- elections ----

  private startElection(member: RaftMember): void {
    member.term += 1;
    member.role = 'candidate';
    member.votedFor = member.id;
    member.leaderId = null;
    member.votes = new Set([member.id]);
    this.resetElectionTimer(member);
    this.record('raft.sim.event.timeout', { member: member.id + 1, term: member.term });
    if (member.votes.size >= this.quorum) return this.becomeLeader(member);
    const lastLogIndex = member.log.length;
    const lastLogTerm = member.log[lastLogIndex - 1]?.term ?? 0;
    for (const peer of this.peersOf(member)) {
      this.send(member, peer, { type: 'RequestVote', to: peer, term: member.term, lastLogIndex, lastLogTerm });
    }
  }

  /** Figure 2, RequestVote receiver: one vote per term, only for a log at least as up to date as ours. */
  protected grantsVote(member: RaftMember, request: Extract<Message, { type: 'RequestVote' }>): boolean {
    const lastIndex = member.log.length;
    const lastTerm = member.log[lastIndex - 1]?.term ?? 0;
    const upToDate = request.lastLogTerm > lastTerm || (request.lastLogTerm === lastTerm && request.lastLogIndex >= lastIndex);
    return request.term === member.term && (member.votedFor === null || member.votedFor === request.from) && upToDate;
  }

  private onRequestVote(member: RaftMember, request: Extract<Message, { type: 'RequestVote' }>): void {
    const granted = this.grantsVote(member, request);
    if (granted) {
      member.votedFor = request.from;
      this.resetElectionTimer(member);
    }
    this.send(member, request.from, { type: 'RequestVoteReply', to: request.from, term: member.term, granted });
  }

  private onVoteReply(member: RaftMember, reply: Extract<Message, { type: 'RequestVoteReply' }>): void {
    if (member.role !== 'candidate' || reply.term !== member.term || !reply.granted) return;
    member.votes.add(reply.from);
    if (member.votes.size >= this.quorum) this.becomeLeader(member);
  }

  private becomeLeader(member: RaftMember): void {
    member.role = 'leader';
    member.leaderId = member.id;
    member.nextIndex = this.members.map(() => member.log.length + 1);
    member.matchIndex = this.members.map(() => 0);
    member.lastHeardFrom = this.members.map(() => this.time);
    member.checkQuorumDue = this.time + this.config.electionTimeoutMs;
    // Like etcd, a new leader appends an empty entry: committing it commits everything before it
    // (a leader may only count replicas for entries of its own term, Raft paper §5.4.2).
    member.log.push({ term: member.term, command: null });
    member.matchIndex[member.id] = member.log.length;
    this.record('raft.sim.event.elected', { member: member.id + 1, term: member.term });
    this.advanceCommit(member);
    this.broadcastAppend(member);
  }

  private becomeFollower(member: RaftMember, term: number): void {
    const wasLeader = member.role === 'leader';
    member.term = term;
    member.votedFor = null;
    member.role = 'follower';
    member.leaderId = null;
    // Raft paper, Figure 2: a newer term alone does not reset the election timer (only a granted vote or
    // a current leader's AppendEntries do). Resetting it here let losing candidates keep the one member
    // with the freshest log from ever timing out (found by the property test).
    if (!wasLeader) return;
    this.resetElectionTimer(member);
    this.record('raft.sim.event.stepDown', { member: member.id + 1, term });
  }

  /** etcd's CheckQuorum: a leader that has not heard from a majority for an election timeout steps down. */
  private checkQuorum(leader: RaftMember): void {
    const since = this.time - this.config.electionTimeoutMs;
    const active = this.members.filter((m) => m.id === leader.id || leader.lastHeardFrom[m.id]! >= since).length;
    leader.checkQuorumDue = this.time + this.config.electionTimeoutMs;
    if (active >= this.quorum) return;
    leader.role = 'follower';
    leader.leaderId = null;
    this.resetElectionTimer(leader);
    this.record('raft.sim.event.lostQuorum', { member: leader.id + 1, term: leader.term, active });
  }

  // ---- replication ----

  private broadcastAppend(leader: RaftMember): void {
    leader.heartbeatDue = this.time + this.config.heartbeatMs;
    for (const peer of this.peersOf(leader)) this.sendAppend(leader, peer);
  }

  private sendAppend(leader: RaftMember, peer: number): void {
    const prevLogIndex = leader.nextIndex[peer]! - 1;
    const prevLogTerm = leader.log[prevLogIndex - 1]?.term ?? 0;
    const entries = leader.log.slice(prevLogIndex);
    this.send(leader, peer, { type: 'AppendEntries', to: peer, term: leader.term, prevLogIndex, prevLogTerm, entries, leaderCommit: leader.commitIndex });
  }

  private onAppendEntries(member: RaftMember, request: Extract<Message, { type: 'AppendEntries' }>): void {
    const reply = (success: boolean, matchIndex: number) =>
      this.send(member, request.from, { type: 'AppendEntriesReply', to: request.from, term: member.term, success, matchIndex });
    if (request.term < member.term) return reply(false, member.log.length);
    member.role = 'follower';
    member.leaderId = request.from;
    this.resetElectionTimer(member);
    const prev = request.prevLogIndex;
    if (prev > member.log.length || (prev > 0 && member.log[prev - 1]!.term !== request.prevLogTerm)) {
      return reply(false, Math.min(member.log.length, prev - 1));
    }
    this.appendNewEntries(member, prev, request.entries);
    const lastNew = prev + request.entries.length;
    if (request.leaderCommit > member.commitIndex) member.commitIndex = Math.min(request.leaderCommit, lastNew);
    reply(true, lastNew);
  }

  /** Figure 2, AppendEntries steps 3–4: drop a conflicting suffix, then append what is missing. */
  private appendNewEntries(member: RaftMember, prev: number, entries: readonly LogEntry[]): void {
    entries.forEach((entry, offset) => {
      const index = prev + offset + 1;
      const existing = member.log[index - 1];
      if (existing && existing.term !== entry.term) member.log.length = index - 1;
      if (member.log.length < index) member.log.push(entry);
    });
  }

  private onAppendReply(leader: RaftMember, reply: Extract<Message, { type: 'AppendEntriesReply' }>): void {
    if (leader.role !== 'leader' || reply.term !== leader.term) return;
    leader.lastHeardFrom[reply.from] = this.time;
    const peer = reply.from;
    if (reply.success) {
      leader.matchIndex[peer] = Math.max(leader.matchIndex[peer]!, reply.matchIndex);
      leader.nextIndex[peer] = leader.matchIndex[peer]! + 1;
      this.advanceCommit(leader);
      return;
    }
    // The follower's log does not match at nextIndex−1: back up (to its log end if shorter) and retry.
    leader.nextIndex[peer] = Math.max(leader.matchIndex[peer]! + 1, Math.min(leader.nextIndex[peer]! - 1, reply.matchIndex + 1));
    this.sendAppend(leader, peer);
  }

  /** Commit the highest index of the leader's own term stored on a majority (Raft paper §5.3–5.4). */
  private advanceCommit(leader: RaftMember): void {
    for (let index = leader.log.length; index > leader.commitIndex; index--) {
      if (leader.log[index - 1]!.term !== leader.term) break;
      const stored = leader.matchIndex.filter((match) => match >= index).length;
      if (stored >= this.quorum) {
        this.record('raft.sim.event.committed', { member: leader.id + 1, index, term: leader.term });
        leader.commitIndex = index;
        return;
      }
    }
  }

  // ---- network ----

  private send(from: RaftMember, to: number, body: Outgoing): void {
    const sentAt = this.time;
    const deliverAt = sentAt + randomInt(this.random, this.config.minLatencyMs, this.config.maxLatencyMs + 1);
    // Stamp the fresh literal in place rather than spreading it: spreading the four message shapes was
    // the simulation's hottest line (profiled in the 1000-seed property test).
    this.messages.push(Object.assign(body, { id: this.nextMessageId++, from: from.id, sentAt, deliverAt }) as Message);
  }

  /** Lost when the receiver is stopped or the network between the two is cut at arrival time. */
  private deliver(message: Message): void {
    const member = this.members[message.to]!;
    if (!member.up || !this.connected(message.from, message.to)) return;
    if (message.term > member.term) this.becomeFollower(member, message.term);
    switch (message.type) {
      case 'RequestVote':
        return this.onRequestVote(member, message);
      case 'RequestVoteReply':
        return this.onVoteReply(member, message);
      case 'AppendEntries':
        return this.onAppendEntries(member, message);
      case 'AppendEntriesReply':
        return this.onAppendReply(member, message);
    }
  }

  // ---- helpers ----

  private newMember(id: number): RaftMember {
    const member: RaftMember = {
      id, up: true, term: 0, votedFor: null, log: [], role: 'follower', commitIndex: 0, leaderId: null,
      electionDeadline: 0, votes: new Set(), nextIndex: [], matchIndex: [], lastHeardFrom: [], heartbeatDue: 0, checkQuorumDue: 0,
    };
    this.resetElectionTimer(member);
    return member;
  }

  /** etcd randomises the election timeout in [timeout, 2×timeout) so that split votes are rare. */
  private resetElectionTimer(member: RaftMember): void {
    const timeout = this.config.electionTimeoutMs;
    member.electionDeadline = this.time + randomInt(this.random, timeout, 2 * timeout);
  }

  private peersOf(member: RaftMember): number[] {
    return this.members.filter((m) => m.id !== member.id).map((m) => m.id);
  }

  private member(id: number): RaftMember {
    const member = this.members[id];
    if (!member) {
      throw new KubeprepError('raft.memberId', `there is no member ${id + 1}`, {
        field: 'member',
        allowed: `1 to ${this.members.length}`,
        params: { value: id + 1, max: this.members.length },
      });
    }
    return member;
  }

  private record(code: SimEventCode, params: Record<string, number | string>): void {
    this.events.push({ seq: this.nextEventSeq++, time: this.time, code, params });
    if (this.events.length > EVENT_HISTORY) this.events.splice(0, this.events.length - EVENT_HISTORY);
  }
}

function checkSimulationSize(members: number): void {
  if (!Number.isInteger(members) || members < 1 || members > MAX_SIM_MEMBERS) {
    throw new KubeprepError('raft.simMembers', `the simulation runs 1 to ${MAX_SIM_MEMBERS} members, got ${members}`, {
      field: 'members',
      allowed: `1 to ${MAX_SIM_MEMBERS}`,
      params: { value: String(members), min: 1, max: MAX_SIM_MEMBERS },
    });
  }
}

/** "1,2 | 3,4,5" — 1-based member numbers per group. */
export function describeGroups(groups: readonly number[]): string {
  const byGroup = new Map<number, number[]>();
  groups.forEach((g, id) => byGroup.set(g, [...(byGroup.get(g) ?? []), id + 1]));
  return [...byGroup.keys()].sort((a, b) => a - b).map((g) => byGroup.get(g)!.join(',')).join(' | ');
}
