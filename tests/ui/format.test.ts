import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/lib/i18n';
import { daysUntil, formatDateIn } from '../../src/ui/common/format';

describe('dates in the UI (written by hand: the first Intl.DateTimeFormat of a page costs Chromium a long task)', () => {
  // Every month, midnight, noon and the hours around them, single- and double-digit days and minutes,
  // across the years certificates live in.
  const dates: Date[] = [];
  for (let year = 1999; year <= 2101; year += 17) {
    for (let month = 0; month < 12; month++) {
      for (const [day, hour, minute] of [[1, 0, 0], [9, 0, 5], [10, 11, 59], [28, 12, 0], [15, 12, 30], [31, 13, 7], [5, 23, 59], [20, 9, 45]] as const) {
        dates.push(new Date(Date.UTC(year, month, day, hour, minute, 42)));
      }
    }
  }

  it.each(LOCALES)('writes what Intl writes for %s, medium date and short time, in UTC', (locale) => {
    const intl = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
    // ICU 72 and later put a narrow no-break space before AM/PM; Chromium (and Node 20's ICU) write a space.
    for (const date of dates) expect(formatDateIn(locale, date), date.toISOString()).toBe(intl.format(date).replace(/\u202f/g, ' '));
  });

  it('counts whole days, negative once past', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    expect(daysUntil('2026-12-01T11:59:59Z', now)).toBe(0);
    expect(daysUntil('2026-12-01T12:00:00Z', now)).toBe(1);
    expect(daysUntil('2026-11-30T11:59:59Z', now)).toBe(-1);
  });
});
