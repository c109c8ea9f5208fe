// Runs a guided scenario one step at a time on a timeline, the way The Secret Lives of Data narrates
// Raft. Every step acts through the timeline, so its actions are recorded like a person's: scrubbing
// back shows the narration of the steps done by then, "next" after scrubbing back replays the recorded
// step, and an action of one's own in the past forks the run and drops the steps after it.
import { KubeprepError } from '../errors';
import type { RaftMember, SimAction } from './types';
import type { RaftSimulation } from './simulation';
import { SimulationTimeline } from './timeline';
import { SCENARIOS, type Narration, type ScenarioDefinition, type ScenarioId, type ScenarioOptions } from './scenarios';

/** What a scenario step may do: act, wait and watch. */
export class ScenarioContext {
  constructor(private readonly timeline: SimulationTimeline) {}

  get sim(): RaftSimulation {
    return this.timeline.sim;
  }

  member(id: number): RaftMember {
    return this.timeline.sim.members[id]!;
  }

  act(action: SimAction): boolean {
    return this.timeline.act(action);
  }

  wait(ms: number): void {
    this.timeline.advanceBy(ms);
  }

  /** Steps event by event until `done` holds or `limitMs` passed; answers whether it held. */
  runUntil(done: () => boolean, limitMs: number): boolean {
    const deadline = this.timeline.time + limitMs;
    while (!done()) {
      if (this.timeline.sim.nextEventTime() > deadline) {
        this.timeline.advanceTo(deadline);
        return done();
      }
      this.timeline.step();
    }
    return true;
  }

  /**
   * Makes `id` the first to time out (RaftScope's spread timers) until it leads; a few tries at most.
   * Each try ends before the others' spread timers fire (two election timeouts).
   */
  elect(id: number, tries = 4): boolean {
    const timeout = this.timeline.config.electionTimeoutMs;
    for (let attempt = 0; attempt < tries; attempt++) {
      if (this.isLeader(id)) return true;
      this.act({ kind: 'spreadTimers', member: id });
      if (this.runUntil(() => this.isLeader(id), 1.5 * timeout)) return true;
    }
    return this.isLeader(id);
  }

  isLeader(id: number): boolean {
    const m = this.member(id);
    return m.up && m.role === 'leader';
  }

  /** Lets every message in flight arrive or be lost, so a new partition starts clean. */
  drain(): void {
    this.wait(this.timeline.config.maxLatencyMs + 1);
  }
}

interface StepRecord {
  /** When the step finished on the timeline. */
  end: number;
  narration: Narration;
}

export class ScenarioPlayer {
  readonly definition: ScenarioDefinition;
  readonly options: ScenarioOptions;
  readonly timeline: SimulationTimeline;
  private done: StepRecord[] = [];

  constructor(id: ScenarioId, options: Partial<ScenarioOptions> = {}) {
    const definition = SCENARIOS.find((s) => s.id === id);
    if (!definition) {
      throw new KubeprepError('raft.scenario', {
        field: 'scenario',
        allowed: SCENARIOS.map((s) => s.id).join(', '),
        params: { value: String(id) },
      });
    }
    this.definition = definition;
    this.options = { leaderNoOp: true, commitRule: 'currentTerm', ...options };
    this.timeline = new SimulationTimeline(definition.config(this.options));
    this.timeline.onFork((time) => (this.done = this.done.filter((step) => step.end <= time)));
  }

  get stepCount(): number {
    return this.definition.steps.length;
  }

  /** Steps finished at or before the timeline's current moment. */
  get position(): number {
    return this.done.filter((step) => step.end <= this.timeline.time).length;
  }

  get finished(): boolean {
    return this.position === this.stepCount;
  }

  /** The narration for where the timeline is now: the intro before the first step. */
  narration(): Narration {
    const position = this.position;
    return position === 0 ? this.definition.intro() : this.done[position - 1]!.narration;
  }

  /** Runs the next step, or replays it when it was recorded on this branch and we scrubbed back. */
  next(): void {
    const position = this.position;
    const recorded = this.done[position];
    if (recorded) return this.timeline.seek(recorded.end);
    const step = this.definition.steps[position];
    if (!step) return;
    this.timeline.discardFuture();
    const narration = step(new ScenarioContext(this.timeline), this.options);
    // Steps must end at distinct moments, or scrubbing could not tell them apart.
    const previous = this.done[this.done.length - 1]?.end ?? 0;
    if (this.timeline.time <= previous) this.timeline.advanceTo(previous + 1);
    this.done.push({ end: this.timeline.time, narration });
  }

  /** Runs every remaining step (tests, and "skip to the end"). */
  runToEnd(): void {
    while (!this.finished) this.next();
  }
}
