import { describe, expect, it } from 'vitest';
import { afterQuiet, asUserWork, beginUserWork, noUserWork, quietTime } from '../../src/ui/common/user-work';

const settledWithin = async (promise: Promise<void>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

describe('user work (the service worker\'s first install waits for it)', () => {
  it('is pending while any piece runs, ends once the last one does, and counts quiet time after it', async () => {
    await expect(settledWithin(noUserWork(), 20)).resolves.toBe(true);
    const generate = beginUserWork();
    const download = beginUserWork();
    expect(quietTime()).toBe(0);
    const waited = noUserWork();
    generate();
    generate(); // ending twice is ending once: the download still runs
    expect(quietTime()).toBe(0);
    await expect(settledWithin(waited, 20)).resolves.toBe(false);
    download();
    await expect(settledWithin(waited, 20)).resolves.toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(quietTime()).toBeGreaterThanOrEqual(25);
    beginUserWork()();
    expect(quietTime()).toBeLessThan(25); // a piece that began and ended just now resets the quiet time
  });

  it('afterQuiet waits for that long without any, counted from the call at the earliest', async () => {
    const started = performance.now();
    const quiet = afterQuiet(60);
    const generate = beginUserWork();
    await new Promise((resolve) => setTimeout(resolve, 40));
    generate(); // quiet from here on
    await expect(settledWithin(quiet, 40)).resolves.toBe(false);
    await quiet;
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
  });

  it('asUserWork marks its work until it settles, a failure included', async () => {
    let finish!: () => void;
    const work = asUserWork(() => new Promise<void>((resolve) => (finish = resolve)));
    expect(quietTime()).toBe(0);
    finish();
    await work;
    await expect(settledWithin(noUserWork(), 20)).resolves.toBe(true);
    await expect(asUserWork(() => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    await expect(settledWithin(noUserWork(), 20)).resolves.toBe(true);
  });
});
