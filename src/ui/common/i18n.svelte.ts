// Reactive locale for the UI. The choice persists in localStorage (it is not a secret).
import { isLocale, localeFromLanguages, translate, type Locale, type MessageKey, type MessageParams } from '../../lib/i18n';
import { loadSetting, saveSetting } from './storage';

const LOCALE_KEY = 'kubeprep.locale';

function initialLocale(): Locale {
  const saved = loadSetting(LOCALE_KEY);
  if (isLocale(saved)) return saved;
  return typeof navigator === 'undefined' ? 'en' : localeFromLanguages(navigator.languages ?? [navigator.language]);
}

export const i18n = $state<{ locale: Locale }>({ locale: initialLocale() });

export function setLocale(locale: Locale): void {
  i18n.locale = locale;
  saveSetting(LOCALE_KEY, locale);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** Reactive lookup: reads i18n.locale, so templates that call it re-render on a language switch. */
export function t(key: MessageKey, params?: MessageParams): string {
  return translate(i18n.locale, key, params);
}
