// Profile times that cannot make a sound certificate: a not_after already passed (without not_before,
// so notBefore is "now"), and dates that do not exist, which JavaScript's Date would roll over.
import { describe, expect, it } from 'vitest';
import { caught } from './support';
import { describeError } from '../../../src/lib/i18n';
import { parseConfigJson, validityFor } from '../../../src/lib/pki';

const NOW = new Date('2026-11-30T00:00:00Z');

function profileWith(times: Record<string, string>) {
  const text = JSON.stringify({ signing: { profiles: { p: { usages: ['server auth'], expiry: '8760h', ...times } } } });
  return parseConfigJson(text).config.profiles['p']!;
}

describe('profile not_after', () => {
  it('refuses a not_after in the past when notBefore would be now, with the time it names', () => {
    const error = caught(() => validityFor(profileWith({ not_after: '2020-01-01T00:00:00Z' }), NOW));
    expect(error.code).toBe('pki.not-after-in-past');
    expect(error.field).toBe('not_after');
    expect(describeError('en', error)).toBe('not_after is 2020-01-01T00:00:00.000Z, which has already passed: the certificate would end before it begins; give a future time or remove not_after');
    expect(describeError('zh-CN', error)).toContain('已经过去');
  });

  it('refuses one inside the backdate window too, and keeps a future one and an explicit past pair', () => {
    expect(caught(() => validityFor(profileWith({ not_after: '2026-11-29T23:58:00Z' }), NOW)).code).toBe('pki.not-after-in-past');
    expect(validityFor(profileWith({ not_after: '2027-01-01T00:00:00Z' }), NOW).notAfter.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    const pair = validityFor(profileWith({ not_before: '2020-01-01T00:00:00Z', not_after: '2020-06-01T00:00:00Z' }), NOW);
    expect([pair.notBefore.toISOString(), pair.notAfter.toISOString()]).toEqual(['2020-01-01T00:00:00.000Z', '2020-06-01T00:00:00.000Z']);
  });
});

describe('profile times that do not exist', () => {
  it.each([
    ['2020-02-30T00:00:00Z', 'day'],
    ['2021-02-29T00:00:00Z', 'day'],
    ['2020-04-31T00:00:00Z', 'day'],
    ['2020-01-00T00:00:00Z', 'day'],
    ['2020-13-01T00:00:00Z', 'month'],
    ['2020-00-10T00:00:00Z', 'month'],
    ['2020-01-01T24:00:00Z', 'hour'],
    ['2020-01-01T00:60:00Z', 'minute'],
    ['2020-01-01T00:00:60Z', 'second'],
  ])('refuses %s: "%s out of range", as Go\'s time.Parse says', (value, part) => {
    const error = caught(() => profileWith({ not_before: value }));
    expect(error.code).toBe('pki.timestamp-out-of-range');
    expect(error.field).toBe('signing.profiles.p.not_before');
    expect(error.params).toMatchObject({ value, part });
    expect(describeError('en', error)).toBe(`signing.profiles.p.not_before: "${value}" has no such ${part} (Go's time.Parse: "${part} out of range")`);
  });

  it('accepts the 29th of February of a leap year and the last second of a day', () => {
    expect(profileWith({ not_before: '2024-02-29T23:59:59Z' }).notBefore?.toISOString()).toBe('2024-02-29T23:59:59.000Z');
  });
});
