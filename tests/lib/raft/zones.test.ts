import { describe, expect, it } from 'vitest';
import { analyzeZones, spreadEvenly, suggestLayouts } from '../../../src/lib/raft/zones';

const verdicts = (layout: number[]) => analyzeZones(layout).zones.map((z) => z.survivesLoss);

describe('zone planner', () => {
  it('2+1 survives only the loss of the 1-member zone', () => {
    expect(verdicts([2, 1])).toEqual([false, true]);
    expect(analyzeZones([2, 1]).survivesAnyZone).toBe(false);
  });

  it('1+1+1 survives any one zone', () => {
    expect(verdicts([1, 1, 1])).toEqual([true, true, true]);
  });

  it('2+2+1 survives any one zone with 3 left in the worst case', () => {
    const result = analyzeZones([2, 2, 1]);
    expect(result).toMatchObject({ members: 5, quorum: 3, survivesAnyZone: true, worstRemaining: 3 });
  });

  it('3+3 survives neither zone', () => {
    expect(verdicts([3, 3])).toEqual([false, false]);
    expect(analyzeZones([3, 3]).quorum).toBe(4);
  });

  it('2+2+2+1 survives any one zone (7 members, 5 left at worst, 4 needed)', () => {
    expect(verdicts([2, 2, 2, 1])).toEqual([true, true, true, true]);
    expect(analyzeZones([2, 2, 2, 1]).worstRemaining).toBe(5);
  });

  it('3+2+2 and 3+3+1 survive, 3+2 and 2+2 do not', () => {
    expect(analyzeZones([3, 2, 2]).survivesAnyZone).toBe(true);
    expect(analyzeZones([3, 3, 1]).survivesAnyZone).toBe(true);
    expect(verdicts([3, 2])).toEqual([false, true]);
    expect(verdicts([2, 2])).toEqual([false, false]);
  });

  it('suggests the smallest layouts that survive a zone loss', () => {
    expect(suggestLayouts(3)).toEqual([[1, 1, 1], [2, 2, 1], [3, 2, 2], [3, 3, 3]]);
    expect(suggestLayouts(2)).toEqual([]);
    expect(suggestLayouts(5, 7)).toEqual([[1, 1, 1], [1, 1, 1, 1, 1], [2, 2, 1, 1, 1]]);
    for (const zones of [3, 4, 5]) for (const layout of suggestLayouts(zones)) expect(analyzeZones(padTo(layout, zones)).survivesAnyZone).toBe(true);
    expect(spreadEvenly(5, 3)).toEqual([2, 2, 1]);
  });

  it('refuses zones summing to zero, negative or fractional members, and 1 or 6 zones', () => {
    expect(() => analyzeZones([0, 0, 0])).toThrow(expect.objectContaining({ code: 'raft.zones-empty' }));
    expect(() => analyzeZones([2, -1, 1])).toThrow(expect.objectContaining({ code: 'raft.zone-members', field: 'zones[1]' }));
    expect(() => analyzeZones([1.5, 1, 1])).toThrow(expect.objectContaining({ code: 'raft.zone-members' }));
    expect(() => analyzeZones([3])).toThrow(expect.objectContaining({ code: 'raft.zone-count' }));
    expect(() => analyzeZones([1, 1, 1, 1, 1, 1])).toThrow(expect.objectContaining({ code: 'raft.zone-count' }));
    expect(() => analyzeZones([8, 8])).toThrow(expect.objectContaining({ code: 'raft.zones-too-many' }));
  });
});

function padTo(layout: number[], zones: number): number[] {
  return [...layout, ...Array<number>(zones - layout.length).fill(0)];
}
