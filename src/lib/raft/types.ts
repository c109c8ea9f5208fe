// The data of the Raft simulation: members, messages and the views the UI draws. Names follow the
// Raft paper (Ongaro & Ousterhout 2014, Figure 2) and etcd's raft package (go.etcd.io/raft, raft.go);
// indexes are 1-based like the paper's log.

/** `precandidate` is etcd's StatePreCandidate: asking whether it could win before raising its term. */
export type Role = 'follower' | 'precandidate' | 'candidate' | 'leader';

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
  /** When this member last heard from the leader it follows (AppendEntries); null when it follows none. */
  lastLeaderContact: number | null;
  electionDeadline: number;
  /** Members that granted this (pre-)candidate's current request, itself included. */
  votes: number[];
  /** Members that refused it; a (pre-)candidate that a majority refuses gives up (etcd raft poll). */
  refusals: number[];
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

/** The fields of each message type, without the envelope. */
export type MessageBody =
  | { type: 'PreVote'; lastLogIndex: number; lastLogTerm: number }
  | { type: 'PreVoteReply'; granted: boolean }
  | { type: 'RequestVote'; lastLogIndex: number; lastLogTerm: number }
  | { type: 'RequestVoteReply'; granted: boolean }
  | { type: 'AppendEntries'; prevLogIndex: number; prevLogTerm: number; entries: LogEntry[]; leaderCommit: number }
  | { type: 'AppendEntriesReply'; success: boolean; matchIndex: number }
  /** A client write a follower forwards to the leader it knows (etcd MsgProp). */
  | { type: 'Propose'; command: string };

export type Message = MessageBase & MessageBody;

export type MessageType = Message['type'];

/** How the members run Raft: etcd's switches, plus one deliberately unsafe rule for teaching. */
export interface RaftOptions {
  /** etcd `--pre-vote`: true by default from etcd 3.5, false in 3.4 (etcd-io/etcd CHANGELOG-3.5). */
  preVote: boolean;
  /** etcd always runs its raft with CheckQuorum (etcdserver raft config `CheckQuorum: true`). */
  checkQuorum: boolean;
  /** A new leader appends an empty entry (etcd raft `becomeLeader`; Raft paper §8). */
  leaderNoOp: boolean;
  /**
   * `currentTerm`: a leader counts replicas only for entries of its own term (Raft paper §5.4.2).
   * `countReplicas`: the rule Figure 8 of the paper shows to be unsafe — for the Figure 8 lesson only.
   */
  commitRule: 'currentTerm' | 'countReplicas';
}

export interface SimulationConfig extends RaftOptions {
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
  | 'raft.sim.event.preVote'
  | 'raft.sim.event.preVoteLost'
  | 'raft.sim.event.ignoredVote'
  | 'raft.sim.event.elected'
  | 'raft.sim.event.stepDown'
  | 'raft.sim.event.lostQuorum'
  | 'raft.sim.event.committed'
  | 'raft.sim.event.write'
  | 'raft.sim.event.writeRefused'
  | 'raft.sim.event.writeRefusedAt'
  | 'raft.sim.event.forwarded'
  | 'raft.sim.event.proposalDropped'
  | 'raft.sim.event.rolledBack'
  | 'raft.sim.event.dropped'
  | 'raft.sim.event.timersSpread'
  | 'raft.sim.event.stopped'
  | 'raft.sim.event.restarted'
  | 'raft.sim.event.partition';

export interface SimEvent {
  seq: number;
  time: number;
  code: SimEventCode;
  params: Record<string, number | string>;
}

/** What a leader knows about one peer (Raft paper Figure 2, "volatile state on leaders"). */
export interface PeerProgress {
  peer: number;
  nextIndex: number;
  matchIndex: number;
  /** Last time the leader heard a reply from this peer; CheckQuorum counts these. */
  lastHeard: number;
}

export interface MemberView {
  id: number;
  up: boolean;
  role: Role;
  term: number;
  votedFor: number | null;
  leaderId: number | null;
  log: readonly LogEntry[];
  commitIndex: number;
  group: number;
  /** 0 when the election timer was just reset, 1 when it fires; 0 for leaders and stopped members. */
  electionTimer: number;
  /** Simulated time at which the election timer fires (followers and candidates). */
  electionDeadline: number;
  /** CheckQuorum's lease: it heard from a leader within an election timeout, so it ignores vote requests. */
  inLease: boolean;
  /** A (pre-)candidate's granted votes, itself included. */
  votes: readonly number[];
  /** A leader's view of each peer; empty for the others. */
  peers: readonly PeerProgress[];
}

export interface MessageView {
  id: number;
  type: MessageType;
  from: number;
  to: number;
  term: number;
  sentAt: number;
  deliverAt: number;
  /** How far along its flight the message is, 0..1. */
  progress: number;
  /** The network between the two ends is cut (partition) or the receiver is stopped: it will be lost. */
  doomed: boolean;
  /** For replies: granted / success. */
  ok: boolean | null;
  entries: number;
  /** The type's own fields (log position, entries, commit index, command), for the message list. */
  body: MessageBody;
}

export interface SimulationView {
  time: number;
  options: RaftOptions;
  members: MemberView[];
  messages: MessageView[];
  leader: { id: number; term: number; commitIndex: number } | null;
  events: readonly SimEvent[];
}

/** One operator action; the timeline records these with their time to rebuild any past state. */
export type SimAction =
  | { kind: 'stop'; member: number }
  | { kind: 'restart'; member: number }
  | { kind: 'timeout'; member: number }
  | { kind: 'groups'; groups: number[] }
  /** `member` null: to the current leader (what a client library does after finding it). */
  | { kind: 'write'; member: number | null; command: string }
  | { kind: 'drop'; message: number }
  /** RaftScope's "spread timers": `member` times out first, everyone else as late as possible. */
  | { kind: 'spreadTimers'; member: number };
