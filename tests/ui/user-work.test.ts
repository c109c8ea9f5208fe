import { describe, expect, it } from 'vitest';
import { beginUserWork, noUserWork, quietFor } from '../../src/ui/common/user-work';

const settledWithin = async (promise: Promise<void>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

describe('user work (the service worker\'s first install waits for it)', () => {
  it('is pending while any piece runs, ends once the last one does, and counts quiet time after it', async () => {
    await expect(settledWithin(noUserWork(), 20)).resolves.toBe(true);
    const generate = beginUserWork();
    const download = beginUserWork();
    expect(quietFor()).toBe(0);
    const waited = noUserWork();
    generate();
    generate(); // ending twice is ending once: the download still runs
    expect(quietFor()).toBe(0);
    await expect(settledWithin(waited, 20)).resolves.toBe(false);
    download();
    await expect(settledWithin(waited, 20)).resolves.toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(quietFor()).toBeGreaterThanOrEqual(25);
    beginUserWork()();
    expect(quietFor()).toBeLessThan(25); // a piece that began and ended just now resets the quiet time
  });
});
