// Words for the simulation's data, shared by the table, the detail view and the message list.
import { t } from '../common/i18n.svelte';
import type { LogEntry, MemberView, MessageView } from '../../lib/raft/types';

export function stateWord(m: MemberView): string {
  return m.up ? t(`raft.sim.role.${m.role}`) : t('raft.member.down');
}

export function commandWord(entry: LogEntry): string {
  return entry.command ?? t('raft.sim.emptyEntry');
}

/** The last few entries, "term:command", committed ones marked with ✓. */
export function shortLog(log: readonly LogEntry[], commitIndex: number, shown = 6): string {
  if (log.length === 0) return t('raft.sim.none');
  const first = Math.max(0, log.length - shown);
  const entries = log.slice(first).map((entry, i) => {
    const text = t('raft.sim.logEntry', { term: entry.term, command: commandWord(entry) });
    return first + i + 1 <= commitIndex ? `${text}✓` : text;
  });
  return [...(first > 0 ? [t('raft.sim.logMore')] : []), ...entries].join(' ');
}

/** A message's own fields in words: the log position of a vote request, the entries of an append... */
export function messageContent(m: MessageView): string {
  const body = m.body;
  switch (body.type) {
    case 'PreVote':
    case 'RequestVote':
      return t('raft.msg.body.vote', { index: body.lastLogIndex, term: body.lastLogTerm });
    case 'PreVoteReply':
    case 'RequestVoteReply':
      return t(body.granted ? 'raft.msg.body.granted' : 'raft.msg.body.refused');
    case 'AppendEntries':
      return t('raft.msg.body.append', { prev: body.prevLogIndex, prevTerm: body.prevLogTerm, entries: body.entries.length, commit: body.leaderCommit });
    case 'AppendEntriesReply':
      return body.success ? t('raft.msg.body.appendOk', { match: body.matchIndex }) : t('raft.msg.body.appendFailed', { next: body.matchIndex + 1 });
    case 'Propose':
      return t('raft.msg.body.propose', { command: body.command });
  }
}
