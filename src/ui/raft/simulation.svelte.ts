// Playback of the Raft simulation: the engine (src/lib/raft/simulation.ts) runs in simulated
// milliseconds; this controller advances it from requestAnimationFrame at the chosen speed, only while
// the section is on screen and the tab is visible, and publishes a fresh view for the components.
import { RaftSimulation } from '../../lib/raft/simulation';
import type { SimulationView } from '../../lib/raft/types';

/** Display scale: 0.25 means one second of cluster time takes four seconds on screen. */
export const SPEEDS = [0.05, 0.1, 0.25, 0.5, 1] as const;
/** A long pause (tab in the background, a debugger) must not fast-forward the cluster. */
const MAX_FRAME_MS = 100;

/** The seed is the only random input; crypto.getRandomValues is the project's one source of randomness. */
export function freshSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000;
}

export class SimulationController {
  members = $state(5);
  seed = $state(freshSeed());
  speed = $state<number>(0.25);
  playing = $state(false);
  view = $state.raw<SimulationView>(null as unknown as SimulationView);
  private sim: RaftSimulation;
  private visible = true;
  private frame = 0;
  private lastFrame: number | null = null;
  private writes = 0;

  constructor() {
    this.sim = new RaftSimulation({ members: this.members, seed: this.seed });
    this.view = this.sim.view();
  }

  reset(members = this.members, seed = this.seed): void {
    this.members = members;
    this.seed = seed;
    this.writes = 0;
    this.sim = new RaftSimulation({ members, seed });
    this.refresh();
  }

  play(): void {
    this.playing = true;
    this.schedule();
  }

  pause(): void {
    this.playing = false;
    this.cancel();
  }

  /** Jump to the next timer or message delivery. */
  step(): void {
    this.pause();
    this.sim.step();
    this.refresh();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) this.schedule();
    else this.cancel();
  }

  toggleMember(id: number): void {
    if (this.sim.members[id]?.up) this.sim.stop(id);
    else this.sim.restart(id);
    this.refresh();
  }

  timeout(id: number): void {
    this.sim.timeout(id);
    this.refresh();
  }

  /** Side 0 or 1 for one member: a two-way split, like the failure explorer's A/B. */
  setSide(id: number, side: number): void {
    this.sim.setGroups(this.sim.groups.map((g, i) => (i === id ? side : g)));
    this.refresh();
  }

  heal(): void {
    this.sim.setGroups(this.sim.groups.map(() => 0));
    this.refresh();
  }

  write(): boolean {
    const accepted = this.sim.clientWrite(`x=${this.writes + 1}`);
    if (accepted) this.writes += 1;
    this.refresh();
    return accepted;
  }

  destroy(): void {
    this.pause();
  }

  private refresh(): void {
    this.view = this.sim.view();
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
    this.sim.advanceBy(elapsed * this.speed);
    this.refresh();
    this.frame = requestAnimationFrame(this.tick);
  };
}
