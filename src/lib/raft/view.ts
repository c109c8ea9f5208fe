// What the UI draws of a running simulation: plain data, copied, so a component can keep it while the
// engine moves on. Message positions are fractions of the flight, so any renderer can interpolate.
import type { RaftSimulation } from './simulation';
import type { Message, MessageView, RaftMember, SimulationView } from './types';

export function simulationView(sim: RaftSimulation): SimulationView {
  const leader = sim.currentLeader();
  return {
    time: sim.time,
    members: sim.members.map((m) => ({
      id: m.id, up: m.up, role: m.role, term: m.term, votedFor: m.votedFor, log: [...m.log], commitIndex: m.commitIndex,
      group: sim.groups[m.id]!, electionTimer: electionTimerFraction(sim, m),
    })),
    messages: sim.messages.map((m) => messageView(sim, m)),
    leader: leader ? { id: leader.id, term: leader.term, commitIndex: leader.commitIndex } : null,
    events: [...sim.events],
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
  const ok = m.type === 'RequestVoteReply' ? m.granted : m.type === 'AppendEntriesReply' ? m.success : null;
  return {
    id: m.id, type: m.type, from: m.from, to: m.to, term: m.term,
    progress: Math.min(1, Math.max(0, (sim.time - m.sentAt) / flight)),
    doomed: !sim.connected(m.from, m.to) || !sim.members[m.to]!.up,
    ok, entries: m.type === 'AppendEntries' ? m.entries.length : 0,
  };
}
