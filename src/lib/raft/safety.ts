// Watches a Raft run for the safety properties of the Raft paper (Figure 3): Election Safety (at most
// one leader per term), Leader Completeness (a leader holds every entry committed before it) and
// State Machine Safety (no two members ever hold different entries at a committed index). The property
// test feeds it every state of thousands of seeded runs; it works on any trace of member states, so a
// hand-made trace can show that it catches a violation.
import type { LogEntry, Role } from './types';

export interface ObservedMember {
  id: number;
  role: Role;
  term: number;
  log: readonly LogEntry[];
  commitIndex: number;
}

export type ViolationKind = 'twoLeaders' | 'committedChanged' | 'leaderMissingCommitted';

export interface Violation {
  kind: ViolationKind;
  time: number;
  /** What was seen, as key=value pairs, for test failures and to report each violation once; the UI words it from `kind` and `params`. */
  detail: string;
  params: Record<string, number>;
}

/** The monitor's memory as plain data, so the timeline can snapshot and restore it. */
export interface MonitorState {
  leaderOfTerm: Map<number, number>;
  committed: LogEntry[];
  committedInTerm: number[];
  violations: Violation[];
}

export class SafetyMonitor {
  private leaderOfTerm = new Map<number, number>();
  /** Every entry known to be committed, by index; must never change. */
  private committed: LogEntry[] = [];
  /**
   * The term in which each index was first seen committed (the observer's term then). It is never
   * below the term of the leader that committed it, so checking only leaders of later terms cannot
   * raise a false alarm on a cut-off leader that is still in an older term.
   */
  private committedInTerm: number[] = [];
  violations: Violation[] = [];

  state(): MonitorState {
    const { leaderOfTerm, committed, committedInTerm, violations } = this;
    return structuredClone({ leaderOfTerm, committed, committedInTerm, violations });
  }

  restore(state: MonitorState): void {
    Object.assign(this, structuredClone(state));
  }

  observe(members: readonly ObservedMember[], time = 0): Violation[] {
    const before = this.violations.length;
    for (const m of members) this.checkLeader(m, time);
    for (const m of members) this.checkCommittedPrefix(m, time);
    for (const m of members) if (m.role === 'leader') this.checkLeaderCompleteness(m, time);
    return this.violations.slice(before);
  }

  private checkLeader(m: ObservedMember, time: number): void {
    if (m.role !== 'leader') return;
    const known = this.leaderOfTerm.get(m.term);
    if (known === undefined) this.leaderOfTerm.set(m.term, m.id);
    else if (known !== m.id) {
      this.report('twoLeaders', time, `leaders=${known + 1},${m.id + 1} term=${m.term}`, { first: known + 1, second: m.id + 1, term: m.term });
    }
  }

  /** What a member has committed must agree with everything committed anywhere before. */
  private checkCommittedPrefix(m: ObservedMember, time: number): void {
    for (let index = 1; index <= m.commitIndex; index++) {
      const entry = m.log[index - 1];
      if (!entry) {
        this.report('committedChanged', time, `member=${m.id + 1} commit=${m.commitIndex} log=${m.log.length}`, { member: m.id + 1, index });
        return;
      }
      const known = this.committed[index - 1];
      if (!known) {
        this.committed[index - 1] = entry;
        this.committedInTerm[index - 1] = m.term;
      }
      else if (!sameEntry(known, entry)) {
        this.report('committedChanged', time, `index=${index} member=${m.id + 1} entry=${show(entry)} committed=${show(known)}`, { member: m.id + 1, index });
        return;
      }
    }
  }

  private checkLeaderCompleteness(m: ObservedMember, time: number): void {
    this.committed.forEach((known, i) => {
      const entry = m.log[i];
      // Only leaders of later terms must hold it; a stale leader of an older term may lag.
      if (m.term > this.committedInTerm[i]! && (!entry || !sameEntry(entry, known))) {
        this.report('leaderMissingCommitted', time, `leader=${m.id + 1} term=${m.term} missing=${i + 1} committed=${show(known)}`, { member: m.id + 1, term: m.term, index: i + 1 });
      }
    });
  }

  /** Each violation once: the broken state stays visible on every later step. */
  private report(kind: ViolationKind, time: number, detail: string, params: Record<string, number>): void {
    if (this.violations.some((v) => v.kind === kind && v.detail === detail)) return;
    this.violations.push({ kind, time, detail, params });
  }
}

function sameEntry(a: LogEntry, b: LogEntry): boolean {
  return a === b || (a.term === b.term && a.command === b.command);
}

/** An entry as term/command (`3/put-x`, `3/-` for a leader's empty entry). */
function show(e: LogEntry): string {
  return `${e.term}/${e.command ?? '-'}`;
}
