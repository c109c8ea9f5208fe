// A simulation you can scrub back and replay. The run is a pure function of its configuration (the
// seed included) and the operator's actions with their times, so any past moment can be rebuilt: from
// the nearest snapshot before it, replaying the recorded actions. Seeking back and pressing play
// replays the recorded history; a new action there starts a new branch (RaftScope's "fork") and
// forgets the old future. A SafetyMonitor watches every state, and travels with the snapshots.
import { RaftSimulation, type SimulationState } from './simulation';
import { SafetyMonitor, type MonitorState, type Violation } from './safety';
import type { SimulationInput } from './sim-config';
import type { SimAction, SimulationConfig } from './types';

/** Simulated time between snapshots; seeking replays at most this much (times 2 after thinning). */
export const SNAPSHOT_EVERY_MS = 2000;
/** Beyond this many snapshots every other one is dropped, so memory stays bounded on long runs. */
const MAX_SNAPSHOTS = 400;

export interface TimedAction {
  time: number;
  action: SimAction;
}

interface Snapshot {
  time: number;
  /** How many recorded actions had been applied when it was taken. */
  applied: number;
  sim: SimulationState;
  monitor: MonitorState;
}

export class SimulationTimeline {
  readonly sim: RaftSimulation;
  readonly monitor = new SafetyMonitor();
  /** The furthest moment reached on this branch: the right end of the scrubber. */
  end = 0;
  private actions: TimedAction[] = [];
  private applied = 0;
  private snapshots: Snapshot[] = [];
  private forkListeners: ((time: number) => void)[] = [];

  constructor(input: SimulationInput) {
    this.sim = new RaftSimulation(input);
    this.takeSnapshot();
  }

  get config(): SimulationConfig {
    return this.sim.config;
  }

  get time(): number {
    return this.sim.time;
  }

  /** Recorded actions still ahead of the current moment (after seeking back). */
  get replaying(): boolean {
    return this.applied < this.actions.length;
  }

  /** The actions applied up to now on this branch. */
  get history(): readonly TimedAction[] {
    return this.actions.slice(0, this.applied);
  }

  get violations(): readonly Violation[] {
    return this.monitor.violations;
  }

  /** Called with the moment at which a new action discarded the recorded future. */
  onFork(listener: (time: number) => void): void {
    this.forkListeners.push(listener);
  }

  /** Runs to `until`, applying recorded actions at their times and taking snapshots on the way. */
  advanceTo(until: number): void {
    for (;;) {
      const action = this.actions[this.applied];
      const actionAt = action && action.time <= until ? action.time : Infinity;
      const snapshotAt = this.nextSnapshotTime();
      const stop = Math.min(actionAt, snapshotAt <= until ? snapshotAt : Infinity);
      if (stop === Infinity) break;
      this.runEvents(stop);
      // A snapshot at a moment comes before the actions of that moment (`applied` says how many).
      if (stop === snapshotAt) this.takeSnapshot();
      else this.applyRecorded();
    }
    this.runEvents(until);
    this.end = Math.max(this.end, this.time);
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.time + ms);
  }

  /** To the next timer, delivery or recorded action. */
  step(): void {
    const next = Math.min(this.sim.nextEventTime(), this.actions[this.applied]?.time ?? Infinity);
    if (Number.isFinite(next)) this.advanceTo(next);
  }

  /** Applies a new action now and records it; any recorded future is discarded first. */
  act(action: SimAction): boolean {
    const result = this.sim.apply(structuredClone(action));
    this.discardFuture();
    this.actions.push({ time: this.time, action: structuredClone(action) });
    this.applied = this.actions.length;
    this.monitor.observe(this.sim.members, this.time);
    return result;
  }

  /** Forgets recorded actions after now, so that the next advance runs a fresh future. */
  discardFuture(): void {
    if (this.applied === this.actions.length && this.end === this.time) return;
    this.actions.length = this.applied;
    this.snapshots = this.snapshots.filter((s) => s.time <= this.time);
    this.end = this.time;
    for (const listener of this.forkListeners) listener(this.time);
  }

  /** Rebuilds the state at `time` (0 to `end`) from the nearest snapshot and the recorded actions. */
  seek(time: number): void {
    const target = Math.min(Math.max(0, time), this.end);
    let base = this.snapshots[0]!;
    for (const s of this.snapshots) if (s.time <= target) base = s;
    this.sim.restore(base.sim);
    this.monitor.restore(base.monitor);
    this.applied = base.applied;
    this.advanceTo(target);
  }

  private runEvents(until: number): void {
    while (this.sim.nextEventTime() <= until) {
      this.sim.step();
      this.monitor.observe(this.sim.members, this.time);
    }
    this.sim.advanceTo(until);
  }

  private applyRecorded(): void {
    const { action } = this.actions[this.applied]!;
    this.sim.apply(structuredClone(action));
    this.applied += 1;
    this.monitor.observe(this.sim.members, this.time);
  }

  private nextSnapshotTime(): number {
    return this.snapshots[this.snapshots.length - 1]!.time + SNAPSHOT_EVERY_MS;
  }

  private takeSnapshot(): void {
    this.snapshots.push({ time: this.time, applied: this.applied, sim: this.sim.snapshot(), monitor: this.monitor.state() });
    if (this.snapshots.length > MAX_SNAPSHOTS) this.snapshots = this.snapshots.filter((_, i) => i % 2 === 0 || i === this.snapshots.length - 1);
  }
}
