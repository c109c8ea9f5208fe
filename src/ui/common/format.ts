// Dates and durations in the user's language.
import { i18n } from './i18n.svelte';

export function formatDate(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return date.toLocaleString(i18n.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
}

/** Whole days from NOW to DATE (negative when past). */
export function daysUntil(iso: string | Date, now = new Date()): number {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return Math.floor((date.getTime() - now.getTime()) / 86_400_000);
}
