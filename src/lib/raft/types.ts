// The data of the Raft simulation: members, messages and the views the UI draws. Names follow the
// Raft paper (Ongaro & Ousterhout 2014, Figure 2); indexes are 1-based like the paper's log.

export type Role = 'follower' | 'candidate' | 'leader';

export interface LogEntry {
  term: number;
  /** A client write, or null for the empty entry a new leader appends (etcd does this on election). */
  command: string | null;
}

export interface RaftMember {
  id: number;
  up: boolean;
  /** Persistent (survive a restart): currentTerm, votedFor, log. */
  term: number;
  votedFor: number | null;
  log: LogEntry[];
  /** Volatile: lost on restart. */
  role: Role;
  commitIndex: number;
  leaderId: number | null;
  electionDeadline: number;
  votes: Set<number>;
  /** Leader only. */
  nextIndex: number[];
  matchIndex: number[];
  lastHeardFrom: number[];
  heartbeatDue: number;
  checkQuorumDue: number;
}

interface MessageBase {
  id: number;
  from: number;
  to: number;
  term: number;
  sentAt: number;
  deliverAt: number;
}

export type Message = MessageBase &
  (
    | { type: 'RequestVote'; lastLogIndex: number; lastLogTerm: number }
    | { type: 'RequestVoteReply'; granted: boolean }
    | { type: 'AppendEntries'; prevLogIndex: number; prevLogTerm: number; entries: LogEntry[]; leaderCommit: number }
    | { type: 'AppendEntriesReply'; success: boolean; matchIndex: number }
  );

export type MessageType = Message['type'];

export interface SimulationConfig {
  members: number;
  seed: number;
  /** etcd defaults (tuning guide): --heartbeat-interval 100, --election-timeout 1000 (ms). */
  heartbeatMs: number;
  electionTimeoutMs: number;
  /** One-way network delay range. Kept well under the heartbeat, as etcd's tuning guide asks. */
  minLatencyMs: number;
  maxLatencyMs: number;
}

export type SimEventCode =
  | 'raft.sim.event.timeout'
  | 'raft.sim.event.elected'
  | 'raft.sim.event.stepDown'
  | 'raft.sim.event.lostQuorum'
  | 'raft.sim.event.committed'
  | 'raft.sim.event.write'
  | 'raft.sim.event.writeRefused'
  | 'raft.sim.event.stopped'
  | 'raft.sim.event.restarted'
  | 'raft.sim.event.partition';

export interface SimEvent {
  seq: number;
  time: number;
  code: SimEventCode;
  params: Record<string, number | string>;
}

export interface MemberView {
  id: number;
  up: boolean;
  role: Role;
  term: number;
  votedFor: number | null;
  log: readonly LogEntry[];
  commitIndex: number;
  group: number;
  /** 0 when the election timer was just reset, 1 when it fires; 0 for leaders and stopped members. */
  electionTimer: number;
}

export interface MessageView {
  id: number;
  type: MessageType;
  from: number;
  to: number;
  term: number;
  /** How far along its flight the message is, 0..1. */
  progress: number;
  /** The network between the two ends is cut (partition) or the receiver is stopped: it will be lost. */
  doomed: boolean;
  /** For replies: granted / success. */
  ok: boolean | null;
  entries: number;
}

export interface SimulationView {
  time: number;
  members: MemberView[];
  messages: MessageView[];
  leader: { id: number; term: number; commitIndex: number } | null;
  events: readonly SimEvent[];
}
