// A small deterministic Raft (Ongaro & Ousterhout 2014, Figure 2) for teaching, run the way etcd runs it:
// PreVote, CheckQuorum and the empty entry on election are switches (go.etcd.io/raft, raft.go), on by
// default like etcd 3.5+. Leader election with randomised timeouts, heartbeats, log replication and
// commit, plus the faults an operator meets — stopped members, restarts, partitions, lost messages.
// The clock, the network and the timers it runs on are SimulatedCluster (network.ts); this class is what
// the members do when a timer fires or a message arrives, and what an operator can do to them.
import { SimulatedCluster } from './network';
import type { Message, RaftMember, SimAction, SimulationView } from './types';
import { simulationView } from './view';

export { MAX_SIM_MEMBERS, ETCD_TIMING, ETCD_OPTIONS } from './sim-config';
export { describeGroups, type SimulationState } from './network';

type VoteRequest = Extract<Message, { type: 'RequestVote' | 'PreVote' }>;
type VoteReply = Extract<Message, { type: 'RequestVoteReply' | 'PreVoteReply' }>;

export class RaftSimulation extends SimulatedCluster {
  protected fireTimers(member: RaftMember): void {
    if (!member.up) return;
    if (member.role !== 'leader') {
      if (member.electionDeadline <= this.time) this.campaign(member);
      return;
    }
    if (member.heartbeatDue <= this.time) this.broadcastAppend(member);
    if (this.config.checkQuorum && member.checkQuorumDue <= this.time) this.checkQuorum(member);
  }

  // ---- operator actions ----

  /** Applies one recorded action; `write` answers whether a member took the write. */
  apply(action: SimAction): boolean {
    switch (action.kind) {
      case 'stop': this.stop(action.member); return true;
      case 'restart': this.restart(action.member); return true;
      case 'timeout': this.timeout(action.member); return true;
      case 'groups': this.setGroups(action.groups); return true;
      case 'write': return action.member === null ? this.clientWrite(action.command) : this.clientWriteTo(action.member, action.command);
      case 'drop': this.dropMessage(action.message); return true;
      case 'spreadTimers': this.spreadTimers(action.member); return true;
    }
  }

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
    this.forgetVolatileState(member);
    this.resetElectionTimer(member);
    this.record('raft.sim.event.restarted', { member: id + 1 });
  }

  protected forgetVolatileState(member: RaftMember): void {
    member.role = 'follower';
    member.commitIndex = 0;
    member.leaderId = null;
    member.lastLeaderContact = null;
    member.votes = [];
    member.refusals = [];
  }

  /** Forces an election timeout now (RaftScope's "time out"); with PreVote this starts a pre-vote. */
  timeout(id: number): void {
    const member = this.member(id);
    if (member.up && member.role !== 'leader') this.campaign(member);
  }

  /** RaftScope's "spread timers": `id` times out after one election timeout, the others as late as allowed. */
  spreadTimers(id: number): void {
    this.member(id);
    const timeout = this.config.electionTimeoutMs;
    for (const m of this.members) m.electionDeadline = this.time + (m.id === id ? timeout : 2 * timeout - 1);
    this.record('raft.sim.event.timersSpread', { member: id + 1 });
  }

  /** A client write to the current leader (a client finds it; followers forward in etcd); refused without one. */
  clientWrite(command: string): boolean {
    const leader = this.currentLeader();
    if (!leader) {
      this.record('raft.sim.event.writeRefused', { command });
      return false;
    }
    this.appendAsLeader(leader, command);
    return true;
  }

  /**
   * A client write sent to one member. A leader appends it — even a stale leader cut off from the
   * majority, which can never commit it. A follower forwards it to the leader it knows (etcd MsgProp);
   * a member that knows no leader refuses it.
   */
  clientWriteTo(id: number, command: string): boolean {
    const member = this.member(id);
    if (member.up && member.role === 'leader') {
      this.appendAsLeader(member, command);
      return true;
    }
    if (member.up && member.role === 'follower' && member.leaderId !== null) {
      this.send(member, { type: 'Propose', to: member.leaderId, term: 0, command });
      this.record('raft.sim.event.forwarded', { member: id + 1, leader: member.leaderId + 1, command });
      return true;
    }
    this.record('raft.sim.event.writeRefusedAt', { member: id + 1, command });
    return false;
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

  /** CheckQuorum's lease (etcd raft Step): it heard from a leader within an election timeout. */
  inLease(member: RaftMember): boolean {
    if (!this.config.checkQuorum || member.leaderId === null) return false;
    if (member.role === 'leader') return true;
    return member.lastLeaderContact !== null && this.time - member.lastLeaderContact < this.config.electionTimeoutMs;
  }

  // ---- elections ----

  private campaign(member: RaftMember): void {
    if (this.config.preVote) this.startPreVote(member);
    else this.startElection(member);
  }

  /** etcd becomePreCandidate: ask for votes for term+1 without raising the term or casting a vote. */
  private startPreVote(member: RaftMember): void {
    member.role = 'precandidate';
    this.startPolling(member);
    this.record('raft.sim.event.preVote', { member: member.id + 1, term: member.term + 1, current: member.term });
    if (member.votes.length >= this.quorum) return this.startElection(member);
    this.requestVotes(member, 'PreVote', member.term + 1);
  }

  private startElection(member: RaftMember): void {
    member.term += 1;
    member.role = 'candidate';
    member.votedFor = member.id;
    this.startPolling(member);
    this.record('raft.sim.event.timeout', { member: member.id + 1, term: member.term });
    if (member.votes.length >= this.quorum) return this.becomeLeader(member);
    this.requestVotes(member, 'RequestVote', member.term);
  }

  private startPolling(member: RaftMember): void {
    member.leaderId = null;
    member.lastLeaderContact = null;
    member.votes = [member.id];
    member.refusals = [];
    this.resetElectionTimer(member);
  }

  private requestVotes(member: RaftMember, type: 'PreVote' | 'RequestVote', term: number): void {
    const lastLogIndex = member.log.length;
    const lastLogTerm = member.log[lastLogIndex - 1]?.term ?? 0;
    for (const peer of this.peersOf(member)) this.send(member, { type, to: peer, term, lastLogIndex, lastLogTerm });
  }

  /**
   * Figure 2, RequestVote receiver, as etcd's raft Step writes it: one vote per term, none while it
   * follows a leader of this term, and only for a log at least as up to date as ours. A pre-vote for a
   * later term is granted on the log alone: it changes nothing here.
   */
  protected grantsVote(member: RaftMember, request: VoteRequest): boolean {
    if (request.term < member.term) return false;
    const canVote =
      member.votedFor === request.from ||
      (member.votedFor === null && member.leaderId === null) ||
      (request.type === 'PreVote' && request.term > member.term);
    return canVote && logUpToDate(member, request);
  }

  private onVoteRequest(member: RaftMember, request: VoteRequest): void {
    const granted = this.grantsVote(member, request);
    if (granted && request.type === 'RequestVote') {
      member.votedFor = request.from;
      this.resetElectionTimer(member);
    }
    // etcd: a granted reply carries the request's term, a refusal our own (so the asker can catch up).
    const term = granted ? request.term : member.term;
    const type = request.type === 'PreVote' ? 'PreVoteReply' : 'RequestVoteReply';
    this.send(member, { type, to: request.from, term, granted });
  }

  /** Replies of this member's current poll only: a pre-vote grant carries term+1, the rest our term. */
  protected countsVoteReply(member: RaftMember, reply: VoteReply): boolean {
    if (reply.type === 'PreVoteReply' && reply.granted) return reply.term === member.term + 1;
    return reply.term === member.term;
  }

  private onVoteReply(member: RaftMember, reply: VoteReply): void {
    const pre = reply.type === 'PreVoteReply';
    if (member.role !== (pre ? 'precandidate' : 'candidate') || !this.countsVoteReply(member, reply)) return;
    const tally = reply.granted ? member.votes : member.refusals;
    if (!tally.includes(reply.from)) tally.push(reply.from);
    if (member.votes.length >= this.quorum) return pre ? this.startElection(member) : this.becomeLeader(member);
    if (member.refusals.length >= this.quorum) {
      // etcd: a poll that a majority refused is lost; wait for the next timeout as a follower.
      member.role = 'follower';
      if (pre) this.record('raft.sim.event.preVoteLost', { member: member.id + 1, term: member.term });
    }
  }

  private becomeLeader(member: RaftMember): void {
    member.role = 'leader';
    member.leaderId = member.id;
    member.lastLeaderContact = this.time;
    member.nextIndex = this.members.map(() => member.log.length + 1);
    member.matchIndex = this.members.map(() => 0);
    member.lastHeardFrom = this.members.map(() => this.time);
    member.checkQuorumDue = this.time + this.config.electionTimeoutMs;
    // Like etcd, a new leader appends an empty entry: committing it commits everything before it, since a
    // leader counts replicas only for entries of its own term (Raft paper §5.4.2 and §8).
    if (this.config.leaderNoOp) member.log.push({ term: member.term, command: null });
    member.matchIndex[member.id] = member.log.length;
    this.record('raft.sim.event.elected', { member: member.id + 1, term: member.term });
    this.advanceCommit(member);
    this.broadcastAppend(member);
  }

  private becomeFollower(member: RaftMember, term: number, leaderId: number | null): void {
    const wasLeader = member.role === 'leader';
    member.term = term;
    member.votedFor = null;
    member.role = 'follower';
    member.leaderId = leaderId;
    member.lastLeaderContact = leaderId === null ? null : this.time;
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
    leader.lastLeaderContact = null;
    this.resetElectionTimer(leader);
    this.record('raft.sim.event.lostQuorum', { member: leader.id + 1, term: leader.term, active, total: this.members.length, quorum: this.quorum });
  }

  // ---- replication ----

  private appendAsLeader(leader: RaftMember, command: string): void {
    leader.log.push({ term: leader.term, command });
    leader.matchIndex[leader.id] = leader.log.length;
    this.record('raft.sim.event.write', { command, member: leader.id + 1, index: leader.log.length });
    this.advanceCommit(leader);
    this.broadcastAppend(leader);
  }

  private broadcastAppend(leader: RaftMember): void {
    leader.heartbeatDue = this.time + this.config.heartbeatMs;
    for (const peer of this.peersOf(leader)) this.sendAppend(leader, peer);
  }

  private sendAppend(leader: RaftMember, peer: number): void {
    const prevLogIndex = leader.nextIndex[peer]! - 1;
    const prevLogTerm = leader.log[prevLogIndex - 1]?.term ?? 0;
    const entries = leader.log.slice(prevLogIndex);
    this.send(leader, { type: 'AppendEntries', to: peer, term: leader.term, prevLogIndex, prevLogTerm, entries, leaderCommit: leader.commitIndex });
  }

  private onAppendEntries(member: RaftMember, request: Extract<Message, { type: 'AppendEntries' }>): void {
    const reply = (success: boolean, matchIndex: number) =>
      this.send(member, { type: 'AppendEntriesReply', to: request.from, term: member.term, success, matchIndex });
    // An older leader: the refusal carries our term, so it learns of the newer one and steps down.
    if (request.term < member.term) return reply(false, member.log.length);
    member.role = 'follower';
    member.leaderId = request.from;
    member.lastLeaderContact = this.time;
    this.resetElectionTimer(member);
    const prev = request.prevLogIndex;
    if (prev > member.log.length || (prev > 0 && member.log[prev - 1]!.term !== request.prevLogTerm)) {
      return reply(false, Math.min(member.log.length, prev - 1));
    }
    this.appendNewEntries(member, request);
    const lastNew = prev + request.entries.length;
    if (request.leaderCommit > member.commitIndex) member.commitIndex = Math.max(member.commitIndex, Math.min(request.leaderCommit, lastNew));
    reply(true, lastNew);
  }

  /** Figure 2, AppendEntries steps 3–4: drop a conflicting suffix, then append what is missing. */
  private appendNewEntries(member: RaftMember, request: Extract<Message, { type: 'AppendEntries' }>): void {
    request.entries.forEach((entry, offset) => {
      const index = request.prevLogIndex + offset + 1;
      const existing = member.log[index - 1];
      if (existing && existing.term !== entry.term) {
        member.log.length = index - 1;
        this.record('raft.sim.event.rolledBack', { member: member.id + 1, index, leader: request.from + 1 });
      }
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

  private onPropose(member: RaftMember, proposal: Extract<Message, { type: 'Propose' }>): void {
    if (member.role === 'leader') return this.appendAsLeader(member, proposal.command);
    // etcd drops a proposal that reaches a member which is no longer leader (ErrProposalDropped).
    this.record('raft.sim.event.proposalDropped', { member: member.id + 1, command: proposal.command });
  }

  /**
   * Commit the highest index stored on a majority (Raft paper §5.3). Raft counts replicas only for
   * entries of the leader's own term (§5.4.2); the `countReplicas` rule skips that check, which the
   * paper's Figure 8 shows can commit an entry that a later leader overwrites.
   */
  private advanceCommit(leader: RaftMember): void {
    for (let index = leader.log.length; index > leader.commitIndex; index--) {
      if (this.config.commitRule === 'currentTerm' && leader.log[index - 1]!.term !== leader.term) break;
      const stored = leader.matchIndex.filter((match) => match >= index).length;
      if (stored >= this.quorum) {
        this.record('raft.sim.event.committed', { member: leader.id + 1, index, term: leader.term });
        leader.commitIndex = index;
        return;
      }
    }
  }

  // ---- messages ----

  protected receive(member: RaftMember, message: Message): void {
    if (message.type !== 'Propose' && message.term > member.term && !this.acceptHigherTerm(member, message)) return;
    switch (message.type) {
      case 'PreVote':
      case 'RequestVote':
        return this.onVoteRequest(member, message);
      case 'PreVoteReply':
      case 'RequestVoteReply':
        return this.onVoteReply(member, message);
      case 'AppendEntries':
        return this.onAppendEntries(member, message);
      case 'AppendEntriesReply':
        return this.onAppendReply(member, message);
      case 'Propose':
        return this.onPropose(member, message);
    }
  }

  /**
   * etcd raft Step, `m.Term > r.Term`: inside CheckQuorum's lease a vote request is ignored outright;
   * a pre-vote (and a granted pre-vote reply) never changes our term; anything else makes us a
   * follower of the newer term. Answers whether the message should still be handled.
   */
  private acceptHigherTerm(member: RaftMember, message: Message): boolean {
    const asksForVote = message.type === 'RequestVote' || message.type === 'PreVote';
    if (asksForVote && this.inLease(member)) {
      this.record('raft.sim.event.ignoredVote', { member: member.id + 1, candidate: message.from + 1, leader: member.leaderId! + 1 });
      return false;
    }
    if (message.type === 'PreVote' || (message.type === 'PreVoteReply' && message.granted)) return true;
    this.becomeFollower(member, message.term, message.type === 'AppendEntries' ? message.from : null);
    return true;
  }
}

/** Figure 2 / §5.4.1: the candidate's last entry has a later term, or the same term and an index as high. */
function logUpToDate(member: RaftMember, request: VoteRequest): boolean {
  const lastIndex = member.log.length;
  const lastTerm = member.log[lastIndex - 1]?.term ?? 0;
  return request.lastLogTerm > lastTerm || (request.lastLogTerm === lastTerm && request.lastLogIndex >= lastIndex);
}
