// Text the renewal tools write into files: the same bytes whatever the locale data of the browser or Node
// that writes them (kubeadm's EXPIRES column, the README's iteration count).
import { describe, expect, it } from 'vitest';
import { kubeadmDate } from '../../../src/lib/renewal';
import { encryptedKeysSection } from '../../../src/lib/bundle/encrypt-keys';

describe("kubeadm's EXPIRES dates", () => {
  it("spell every month as Go's time package does, in UTC", () => {
    const months = Array.from({ length: 12 }, (_, m) => kubeadmDate(new Date(Date.UTC(2026, m, 1, 23, 5))).slice(0, 3));
    expect(months).toEqual(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
    expect(kubeadmDate(new Date(Date.UTC(2027, 8, 3, 7, 9)))).toBe('Sep 03, 2027 07:09 UTC');
  });
});

describe("the encrypted keys' README section", () => {
  it.each([
    [600_000, '600,000'],
    [1_000_000, '1,000,000'],
    [999, '999'],
  ])('groups %i as %s in both languages', (iterations, shown) => {
    for (const locale of ['en', 'zh-CN'] as const) {
      expect(encryptedKeysSection(locale, iterations, 'pki/etcd/server.key'), locale).toContain(shown);
    }
  });
});
