import { describe, expect, it } from 'vitest';
import { fetchOnce } from '../../src/ui/common/fetch-once';

describe('fetchOnce (screens, the engine and key generation are loaded through it)', () => {
  it('asks once and hands every caller the same result', async () => {
    let calls = 0;
    const load = fetchOnce(async () => ({ n: ++calls }));
    const [a, b] = await Promise.all([load(), load()]);
    expect(await load()).toBe(a);
    expect(b).toBe(a);
    expect(calls).toBe(1);
  });

  it('forgets a failure, so the next call tries again, and keeps the first success', async () => {
    let calls = 0;
    const load = fetchOnce(async () => {
      calls++;
      if (calls === 1) throw new Error('offline');
      return calls;
    });
    await expect(load()).rejects.toThrow('offline');
    expect(await load()).toBe(2);
    expect(await load()).toBe(2);
    expect(calls).toBe(2);
  });
});
