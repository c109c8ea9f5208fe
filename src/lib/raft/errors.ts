// Every refusal of src/lib/raft is a KubeprepError whose code is listed here once; each has its words
// under `error.<code>` in src/lib/i18n/messages/raft.ts.
export const RAFT_ERROR_CODES = [
  'raft.members',
  'raft.learners',
  'raft.not-integer',
  'raft.zone-count',
  'raft.zone-members',
  'raft.zones-empty',
  'raft.zones-too-many',
  'raft.sim-members',
  'raft.sim-latency',
  'raft.groups',
  'raft.member-id',
  'raft.message-id',
  'raft.scenario',
  'raft.replace-without-quorum',
  'raft.rtt',
] as const;
export type RaftErrorCode = (typeof RAFT_ERROR_CODES)[number];
