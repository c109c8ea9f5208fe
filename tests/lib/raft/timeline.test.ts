import { describe, expect, it } from 'vitest';
import { SimulationTimeline, SNAPSHOT_EVERY_MS } from '../../../src/lib/raft/timeline';
import type { SimAction } from '../../../src/lib/raft/types';

const ELECTION = 1000;

/** A run with actions at odd moments, advanced in uneven chunks like animation frames. */
function recordedRun(): SimulationTimeline {
  const timeline = new SimulationTimeline({ members: 5, seed: 99 });
  const script: [number, SimAction][] = [
    [3100, { kind: 'write', member: null, command: 'x=1' }],
    [3350.5, { kind: 'groups', groups: [0, 0, 1, 1, 1] }],
    [3400, { kind: 'write', member: 0, command: 'x=2' }],
    [7000.25, { kind: 'groups', groups: [0, 0, 0, 0, 0] }],
    [7100, { kind: 'stop', member: 2 }],
  ];
  for (const [time, action] of script) {
    while (timeline.time < time) timeline.advanceTo(Math.min(time, timeline.time + 16.7 * 0.25));
    timeline.act(action);
  }
  timeline.advanceTo(12 * ELECTION);
  return timeline;
}

const state = (t: SimulationTimeline) => JSON.stringify(t.sim.view());

describe('simulation timeline', () => {
  it('rebuilds any past moment exactly, from snapshots and the recorded actions', () => {
    const timeline = recordedRun();
    const reference = new Map<number, string>();
    const straight = recordedRun();
    const moments = [0, 1234, 3100, 3350.5, 3399, 5000, 7000.25, 9999, 12 * ELECTION];
    // Record the reference states by seeking forward only on a second copy.
    for (const moment of moments) {
      straight.seek(moment);
      reference.set(moment, state(straight));
    }
    for (const moment of [...moments].reverse()) {
      timeline.seek(moment);
      expect(timeline.time).toBe(moment);
      expect(state(timeline), `at ${moment} ms`).toBe(reference.get(moment));
    }
    // Seeking back to the end reproduces the live run.
    timeline.seek(timeline.end);
    expect(state(timeline)).toBe(state(recordedRun()));
  });

  it('replays the recorded actions when played from the past', () => {
    const timeline = recordedRun();
    const end = state(timeline);
    timeline.seek(2000);
    expect(timeline.replaying).toBe(true);
    expect(timeline.sim.members[2]!.up).toBe(true);
    while (timeline.time < timeline.end) timeline.advanceTo(Math.min(timeline.end, timeline.time + 16.7));
    expect(timeline.replaying).toBe(false);
    expect(state(timeline)).toBe(end);
    expect(timeline.sim.members[2]!.up).toBe(false);
  });

  it('starts a new branch when you act in the past, forgetting the old future', () => {
    const timeline = recordedRun();
    const forks: number[] = [];
    timeline.onFork((time) => forks.push(time));
    timeline.seek(5000);
    timeline.act({ kind: 'stop', member: 4 });
    expect(forks).toEqual([5000]);
    expect(timeline.end).toBe(5000);
    expect(timeline.replaying).toBe(false);
    expect(timeline.history.map((a) => a.action.kind)).toEqual(['write', 'groups', 'write', 'stop']);
    timeline.advanceTo(12 * ELECTION);
    expect(timeline.sim.members[2]!.up).toBe(true); // the old branch's stop of member 3 is gone
    expect(timeline.sim.members[4]!.up).toBe(false);
  });

  it('keeps memory bounded on a long run and still seeks exactly', () => {
    const timeline = new SimulationTimeline({ members: 3, seed: 5 });
    timeline.advanceTo(2000 * SNAPSHOT_EVERY_MS);
    const end = state(timeline);
    timeline.seek(1000);
    timeline.seek(timeline.end);
    expect(state(timeline)).toBe(end);
  });

  it('watches every state with the safety monitor and restores its memory when seeking', () => {
    const timeline = recordedRun();
    expect(timeline.violations).toEqual([]);
    timeline.seek(100);
    expect(timeline.violations).toEqual([]);
  });
});
