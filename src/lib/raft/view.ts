// What the UI draws of a running simulation: plain data, copied, so a component can keep it while the
// engine moves on. Message positions are fractions of the flight, so any renderer can interpolate.
import type { RaftSimulation } from './simulation';
import type { MemberView, Message, MessageBody, MessageView, RaftMember, SimulationView } from './types';

export function simulationView(sim: RaftSimulation): SimulationView {
  const leader = sim.currentLeader();
  const { preVote, checkQuorum, leaderNoOp, commitRule } = sim.config;
  return {
    time: sim.time,
    options: { preVote, checkQuorum, leaderNoOp, commitRule },
    members: sim.members.map((m) => memberView(sim, m)),
    messages: sim.messages.map((m) => messageView(sim, m)),
    leader: leader ? { id: leader.id, term: leader.term, commitIndex: leader.commitIndex } : null,
    events: [...sim.events],
  };
}

function memberView(sim: RaftSimulation, m: RaftMember): MemberView {
  const leads = m.up && m.role === 'leader';
  return {
    id: m.id, up: m.up, role: m.role, term: m.term, votedFor: m.votedFor, leaderId: m.leaderId, log: [...m.log], commitIndex: m.commitIndex,
    group: sim.groups[m.id]!, electionTimer: electionTimerFraction(sim, m), electionDeadline: m.electionDeadline,
    inLease: m.up && sim.inLease(m),
    votes: m.role === 'precandidate' || m.role === 'candidate' ? [...m.votes] : [],
    peers: leads
      ? sim.members.filter((p) => p.id !== m.id).map((p) => ({ peer: p.id, nextIndex: m.nextIndex[p.id]!, matchIndex: m.matchIndex[p.id]!, lastHeard: m.lastHeardFrom[p.id]! }))
      : [],
  };
}

/** 0 right after a reset, 1 when the timer fires; drawn as an arc that fills up. */
function electionTimerFraction(sim: RaftSimulation, m: RaftMember): number {
  if (!m.up || m.role === 'leader') return 0;
  const left = m.electionDeadline - sim.time;
  return Math.min(1, Math.max(0, 1 - left / (2 * sim.config.electionTimeoutMs)));
}

function messageView(sim: RaftSimulation, m: Message): MessageView {
  const flight = Math.max(1, m.deliverAt - m.sentAt);
  const ok = m.type === 'RequestVoteReply' || m.type === 'PreVoteReply' ? m.granted : m.type === 'AppendEntriesReply' ? m.success : null;
  return {
    id: m.id, type: m.type, from: m.from, to: m.to, term: m.term, sentAt: m.sentAt, deliverAt: m.deliverAt,
    progress: Math.min(1, Math.max(0, (sim.time - m.sentAt) / flight)),
    doomed: !sim.connected(m.from, m.to) || !sim.members[m.to]!.up,
    ok, entries: m.type === 'AppendEntries' ? m.entries.length : 0,
    body: bodyOf(m),
  };
}

function bodyOf(m: Message): MessageBody {
  switch (m.type) {
    case 'PreVote':
    case 'RequestVote':
      return { type: m.type, lastLogIndex: m.lastLogIndex, lastLogTerm: m.lastLogTerm };
    case 'PreVoteReply':
    case 'RequestVoteReply':
      return { type: m.type, granted: m.granted };
    case 'AppendEntries':
      return { type: m.type, prevLogIndex: m.prevLogIndex, prevLogTerm: m.prevLogTerm, entries: [...m.entries], leaderCommit: m.leaderCommit };
    case 'AppendEntriesReply':
      return { type: m.type, success: m.success, matchIndex: m.matchIndex };
    case 'Propose':
      return { type: m.type, command: m.command };
  }
}
