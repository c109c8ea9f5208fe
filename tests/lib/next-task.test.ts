// Slicing work for the main thread (src/lib/next-task.ts): what runs, how many at once, when it yields.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eachInSlices, nextTask, SLICE_MS, yieldIfDue } from '../../src/lib/next-task';

describe('yieldIfDue', () => {
  afterEach(() => vi.restoreAllMocks());

  it('yields once a slice has run SLICE_MS since the last resumption, not before', async () => {
    let clock = 1_000;
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    await nextTask(); // a slice begins at 1000
    expect(yieldIfDue()).toBeUndefined();
    clock += SLICE_MS - 1;
    expect(yieldIfDue()).toBeUndefined();
    clock += 1;
    const pause = yieldIfDue();
    expect(pause).toBeInstanceOf(Promise);
    await pause; // resumed: a new slice
    expect(yieldIfDue()).toBeUndefined();
  });
});

describe('eachInSlices', () => {
  it('runs every item once, at most `lanes` at a time, and waits for all', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await eachInSlices(Array.from({ length: 10 }, (_, i) => i), async (item) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(item);
      running--;
    }, 3);
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(most).toBe(3);
    expect(running).toBe(0);
  });

  it('rejects with the first failure', async () => {
    const failure = new Error('item 2');
    await expect(eachInSlices([1, 2, 3], async (item) => {
      if (item === 2) throw failure;
    })).rejects.toBe(failure);
  });

  it('does nothing for no items', async () => {
    let calls = 0;
    await eachInSlices([], async () => {
      calls++;
    });
    expect(calls).toBe(0);
  });
});
