// Reactive locale for the UI. The choice persists in localStorage (it is not a secret).
import { clausesIn, isLocale, listIn, localeFromLanguages, translate, type Locale, type MessageKey, type MessageParams } from '../../lib/i18n';
import { loadCatalogue } from '../../lib/i18n/catalogue';
import { persisted } from './persisted.svelte';

function browserLocale(): Locale {
  return typeof navigator === 'undefined' ? 'en' : localeFromLanguages(navigator.languages ?? [navigator.language]);
}

const chosen = persisted<Locale>('kubeprep.locale', (saved) => (isLocale(saved) ? saved : null), browserLocale);

export const i18n = {
  get locale(): Locale {
    return chosen.current;
  },
};

/** Switches once the language's words are in (fetched on first use; the page keeps the old ones until then). */
export async function setLocale(locale: Locale): Promise<void> {
  await loadCatalogue(locale);
  chosen.current = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** The words of the language on show, before the first paint. */
export function loadShownCatalogue(): Promise<void> {
  return loadCatalogue(chosen.current);
}

/** Reactive lookup: reads i18n.locale, so templates that call it re-render on a language switch. */
export function t(key: MessageKey, params?: MessageParams): string {
  return translate(i18n.locale, key, params);
}

/** Reactive list and clause joins in the page language (`、` and `；` in Chinese). */
export function list(items: readonly string[]): string {
  return listIn(i18n.locale, items);
}

export function clauses(items: readonly string[]): string {
  return clausesIn(i18n.locale, items);
}
