import { describe, expect, it } from 'vitest';
import { dictionary, localeFromLanguages, translate } from '../../src/lib/i18n';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n dictionaries', () => {
  const en = dictionary('en');
  const zh = dictionary('zh-CN');

  it('has the same keys in en and zh-CN', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('has no empty string and the same placeholders in both languages', () => {
    for (const key of Object.keys(en)) {
      expect(en[key], key).not.toBe('');
      expect(zh[key], key).not.toBe('');
      expect(placeholders(zh[key]!), key).toEqual(placeholders(en[key]!));
    }
  });

  it('fills placeholders and keeps unknown ones visible', () => {
    expect(translate('en', 'app.title')).toBe('kubeprep');
    expect(translate('en', 'app.title', { x: 1 })).toBe('kubeprep');
  });

  it('picks zh-CN for any Chinese browser language', () => {
    expect(localeFromLanguages(['zh-TW', 'en'])).toBe('zh-CN');
    expect(localeFromLanguages(['fr', 'en-GB'])).toBe('en');
    expect(localeFromLanguages([])).toBe('en');
  });
});
