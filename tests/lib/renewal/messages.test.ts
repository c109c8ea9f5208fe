// The expiry and renewal catalogue (loaded with its screen): both languages have every key and the same
// placeholders, every inventory and renewal code has words, the Chinese puts full-width punctuation next to
// Chinese characters and uses the glossary's words (docs/glossary.zh-CN.md).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as inventory from '../../../src/lib/i18n/messages/inventory';
import * as renewal from '../../../src/lib/i18n/messages/renewal';
import * as common from '../../../src/lib/i18n/messages/common';
import * as pki from '../../../src/lib/i18n/messages/pki';
import { INVENTORY_PROBLEMS } from '../../../src/lib/inventory';
import { CERTIFICATE_KINDS, COMPONENTS, RENEWAL_PROBLEMS } from '../../../src/lib/renewal';

const HALF_WIDTH_BESIDE_HAN = /[\p{Script=Han}][,:;?()]|[,:;?()][\p{Script=Han}]/u;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const areas = { inventory, renewal };
const mine = { ...inventory.zhCN, ...renewal.zhCN, 'common.passphrase.label': common.zhCN['common.passphrase.label'], 'common.passphrase.hint': common.zhCN['common.passphrase.hint'], 'app.nav.expiry': common.zhCN['app.nav.expiry'], 'error.pki.passphrase-too-short': pki.zhCN['error.pki.passphrase-too-short'], 'error.pki.wrong-passphrase': pki.zhCN['error.pki.wrong-passphrase'] };

function glossary(): Map<string, string> {
  return new Map(
    readFileSync('docs/glossary.zh-CN.md', 'utf8').split('\n').filter((l) => l.startsWith('|') && !l.startsWith('|--') && !l.startsWith('| en')).map((l) => {
      const [term, chinese] = l.split('|').slice(1, 3).map((c) => c.trim());
      return [term!, chinese!];
    }),
  );
}

describe('expiry and renewal messages', () => {
  it('have the same keys and placeholders in en and zh-CN, none empty', () => {
    for (const [name, area] of Object.entries(areas)) {
      expect(Object.keys(area.zhCN).sort(), name).toEqual(Object.keys(area.en).sort());
      for (const [key, en] of Object.entries(area.en)) {
        const zh = (area.zhCN as Record<string, string>)[key]!;
        expect(en, key).not.toBe('');
        expect(placeholders(zh), key).toEqual(placeholders(en));
      }
    }
  });

  it('word every code, kind and restart step', () => {
    const en = { ...inventory.en, ...renewal.en } as Record<string, string>;
    for (const code of [...INVENTORY_PROBLEMS, ...RENEWAL_PROBLEMS]) expect(en[`error.${code}`], code).toBeTruthy();
    for (const kind of CERTIFICATE_KINDS) expect(en[`renewal.kind.${kind}`], kind).toBeTruthy();
    for (const step of COMPONENTS) expect(en[`renewal.readme.step.${step}`], step).toBeTruthy();
  });

  it('put full-width punctuation, not , : ; ? ( ), next to Chinese characters', () => {
    const offenders = Object.entries(mine).filter(([, text]) => HALF_WIDTH_BESIDE_HAN.test(text.replace(/\{\w+\}/g, 'x')));
    expect(offenders).toEqual([]);
  });

  it("use the glossary's words: 续期 for renew, 口令 for passphrase, 尚未生效, 颁发者", () => {
    const words = glossary();
    expect(words.get('renew / renewal')).toBe('续期');
    expect(renewal.zhCN['renewal.title']).toContain(words.get('renew / renewal'));
    expect(renewal.zhCN['renewal.status.not-yet-valid']).toContain(words.get('not yet valid'));
    expect(renewal.zhCN['renewal.column.issuer']).toBe(words.get('issuer'));
    expect(common.zhCN['common.passphrase.label']).toContain(words.get('passphrase'));
    expect(pki.zhCN['error.pki.wrong-passphrase']).toContain(words.get('passphrase'));
    const avoided = Object.entries(mine).filter(([, text]) => /续签|更新证书|密码/.test(text));
    expect(avoided).toEqual([]);
  });
});
