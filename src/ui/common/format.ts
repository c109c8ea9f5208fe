// Dates and durations in the user's language, in UTC: what Intl.DateTimeFormat(locale, { dateStyle:
// 'medium', timeStyle: 'short', timeZone: 'UTC' }) writes for the two languages of the UI ("Nov 30, 2026,
// 2:17 PM", "2026年11月30日 14:17"), written here instead. The first Intl.DateTimeFormat of a page took
// 24-99 ms in Chromium 156 (ICU loading its data), a long task of its own wherever it fell: in the task
// that rendered the first result card after a Generate. tests/ui/format.test.ts holds this to Intl's output.
import type { Locale } from '../../lib/i18n';
import { i18n } from './i18n.svelte';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `date` in UTC as the UI's language writes a medium date and a short time. */
export function formatDateIn(locale: Locale, date: Date): string {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  const hours = date.getUTCHours();
  const minutes = String(date.getUTCMinutes()).padStart(2, '0');
  if (locale === 'zh-CN') return `${year}年${month + 1}月${day}日 ${String(hours).padStart(2, '0')}:${minutes}`;
  return `${MONTHS[month]} ${day}, ${year}, ${hours % 12 || 12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`;
}

export function formatDate(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return `${formatDateIn(i18n.locale, date)} UTC`;
}

/** Whole days from NOW to DATE (negative when past). */
export function daysUntil(iso: string | Date, now = new Date()): number {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return Math.floor((date.getTime() - now.getTime()) / 86_400_000);
}
