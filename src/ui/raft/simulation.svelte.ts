// Playback of the Raft simulation: the engine (src/lib/raft) runs in simulated milliseconds on a
// timeline that can be scrubbed back; this controller advances it from requestAnimationFrame at the
// chosen speed, only while the section is on screen and the tab is visible, routes every operator
// action through the timeline (so it can be replayed), runs the guided scenarios, and publishes a fresh
// view for the components.
import { ETCD_OPTIONS, RAFT_MODES, modeOf, type RaftMode } from '../../lib/raft/sim-config';
import { SimulationTimeline } from '../../lib/raft/timeline';
import { ScenarioPlayer } from '../../lib/raft/scenario-player';
import type { Narration, ScenarioId } from '../../lib/raft/scenarios';
import type { Violation } from '../../lib/raft/safety';
import type { RaftOptions, SimAction, SimulationView } from '../../lib/raft/types';

/** Display scale: 0.25 means one second of cluster time takes four seconds on screen. */
export const SPEEDS = [0.05, 0.1, 0.25, 0.5, 1] as const;
/** A long pause (tab in the background, a debugger) must not fast-forward the cluster. */
const MAX_FRAME_MS = 100;

/** The seed is the only random input; crypto.getRandomValues is the project's one source of randomness. */
export function freshSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000;
}

export interface ScenarioState {
  id: ScenarioId;
  position: number;
  count: number;
  finished: boolean;
  narration: Narration;
}

export class SimulationController {
  members = $state(5);
  seed = $state(freshSeed());
  speed = $state<number>(0.25);
  playing = $state(false);
  options = $state<RaftOptions>({ ...ETCD_OPTIONS });
  /** The member whose details are shown. */
  selected = $state<number>(0);
  view = $state.raw<SimulationView>(null as unknown as SimulationView);
  end = $state(0);
  replaying = $state(false);
  violations = $state.raw<readonly Violation[]>([]);
  scenario = $state.raw<ScenarioState | null>(null);
  private timeline: SimulationTimeline;
  private player: ScenarioPlayer | null = null;
  private visible = true;
  private frame = 0;
  private lastFrame: number | null = null;

  constructor() {
    this.timeline = this.freshTimeline();
    this.refresh();
  }

  get mode(): RaftMode | null {
    return modeOf(this.view.options);
  }

  reset(members = this.members, seed = this.seed): void {
    this.members = members;
    this.seed = seed;
    this.player = null;
    this.timeline = this.freshTimeline();
    this.selected = Math.min(this.selected, members - 1);
    this.refresh();
  }

  setMode(mode: RaftMode): void {
    Object.assign(this.options, RAFT_MODES[mode]);
    this.reset();
  }

  /** The empty entry and the commit rule; inside the Figure 8 scenario they restart it. */
  setOption(change: Partial<Pick<RaftOptions, 'leaderNoOp' | 'commitRule'>>): void {
    Object.assign(this.options, change);
    if (this.player?.definition.id === 'figure8') this.startScenario('figure8');
    else this.reset();
  }

  play(): void {
    this.playing = true;
    this.schedule();
  }

  pause(): void {
    this.playing = false;
    this.cancel();
  }

  /** Jump to the next timer, message delivery or recorded action. */
  step(): void {
    this.pause();
    this.timeline.step();
    this.refresh();
  }

  seek(time: number): void {
    this.pause();
    this.timeline.seek(time);
    this.refresh();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) this.schedule();
    else this.cancel();
  }

  select(id: number): void {
    this.selected = id;
  }

  toggleMember(id: number): void {
    this.act(this.view.members[id]?.up ? { kind: 'stop', member: id } : { kind: 'restart', member: id });
  }

  timeout(id: number): void {
    this.act({ kind: 'timeout', member: id });
  }

  /** Side 0 or 1 for one member: a two-way split, like the failure explorer's A/B. */
  setSide(id: number, side: number): void {
    this.act({ kind: 'groups', groups: this.view.members.map((m) => (m.id === id ? side : m.group)) });
  }

  heal(): void {
    this.act({ kind: 'groups', groups: this.view.members.map(() => 0) });
  }

  /** A client write to the current leader (`member` null) or to a chosen member. */
  write(member: number | null = null): boolean {
    const written = this.timeline.history.filter((a) => a.action.kind === 'write').length;
    return this.act({ kind: 'write', member, command: `x=${written + 1}` });
  }

  drop(message: number): void {
    this.act({ kind: 'drop', message });
  }

  startScenario(id: ScenarioId): void {
    this.pause();
    const { leaderNoOp, commitRule } = this.options;
    this.player = new ScenarioPlayer(id, id === 'figure8' ? { leaderNoOp, commitRule } : {});
    this.timeline = this.player.timeline;
    this.members = this.timeline.config.members;
    this.refresh();
  }

  nextStep(): void {
    this.player?.next();
    this.refresh();
  }

  exitScenario(): void {
    this.pause();
    Object.assign(this.options, ETCD_OPTIONS);
    this.reset();
  }

  destroy(): void {
    this.pause();
  }

  private act(action: SimAction): boolean {
    const result = this.timeline.act(action);
    this.refresh();
    return result;
  }

  private freshTimeline(): SimulationTimeline {
    return new SimulationTimeline({ members: this.members, seed: this.seed, ...$state.snapshot(this.options) });
  }

  private refresh(): void {
    this.view = this.timeline.sim.view();
    this.end = this.timeline.end;
    this.replaying = this.timeline.replaying;
    this.violations = [...this.timeline.violations];
    const player = this.player;
    this.scenario = player
      ? { id: player.definition.id, position: player.position, count: player.stepCount, finished: player.finished, narration: player.narration() }
      : null;
  }

  private schedule(): void {
    if (this.frame !== 0 || !this.playing || !this.visible || typeof requestAnimationFrame === 'undefined') return;
    this.lastFrame = null;
    this.frame = requestAnimationFrame(this.tick);
  }

  private cancel(): void {
    if (this.frame !== 0) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private tick = (now: number): void => {
    this.frame = 0;
    if (!this.playing || !this.visible) return;
    const elapsed = this.lastFrame === null ? 0 : Math.min(MAX_FRAME_MS, now - this.lastFrame);
    this.lastFrame = now;
    this.timeline.advanceBy(elapsed * this.speed);
    this.refresh();
    this.frame = requestAnimationFrame(this.tick);
  };
}
