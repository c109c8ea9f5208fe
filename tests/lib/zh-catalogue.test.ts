// The whole zh-CN catalogue reads as Chinese: full-width ，：；？（） next to Chinese characters (GB/T
// 15834), one word per concept as docs/glossary.zh-CN.md says, and none of the words the glossary
// rejects. Every area counts, the lazily loaded ones too.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addMessages, clausesIn, dictionary, listIn, translate, type MessageKey } from '../../src/lib/i18n';
import { useRenewalMessages } from '../../src/lib/renewal/messages';
import * as inventory from '../../src/lib/i18n/messages/inventory';

useRenewalMessages();
addMessages(inventory);

const HALF_WIDTH_BESIDE_HAN = /[\p{Script=Han}] ?[,:;?()]|[,:;?()] ?[\p{Script=Han}]/u;

interface GlossaryRow { en: string; zh: string; rejected: string[] }

function readGlossary(text = readFileSync('docs/glossary.zh-CN.md', 'utf8')): GlossaryRow[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('|') && !line.startsWith('|--') && !line.startsWith('| en |'))
    .map((line) => {
      const [en, zh, note] = line.split('|').slice(1, 4).map((cell) => cell.trim());
      // `not: A, B.`: the rejected alternatives run to the first full stop.
      const rejected = /\bnot: ([^.]+)\./.exec(note ?? '')?.[1]!.split(',').map((w) => w.trim()).filter((w) => w !== '') ?? [];
      return { en: en!, zh: zh!, rejected };
    });
}

const zh = dictionary('zh-CN');
const glossary = readGlossary();
const zhOf = (en: string): string => {
  const row = glossary.find((r) => r.en === en);
  if (!row) throw new Error(`the glossary has no row for ${en}`);
  return row.zh;
};

describe('the zh-CN catalogue', () => {

  it('puts full-width punctuation, not , : ; ? ( ), next to Chinese characters (lazily loaded areas too)', () => {
    expect(zh['renewal.column.issuer']).toBeTruthy();
    const offenders = Object.entries(zh).filter(([, text]) => HALF_WIDTH_BESIDE_HAN.test(text.replace(/\{\w+\}/g, 'x')));
    expect(offenders).toEqual([]);
  });

  it('the punctuation check catches what it is for', () => {
    for (const bad of ['原因:', '控制平面节点 (3)', '失败;重试', '删除?']) expect(HALF_WIDTH_BESIDE_HAN.test(bad), bad).toBe(true);
    for (const good of ['原因：', 'IPv4,IPv6 两个', 'system:masters 绕过', '删除？']) expect(HALF_WIDTH_BESIDE_HAN.test(good), good).toBe(false);
  });

  it('reads the glossary: rows, words and rejected alternatives', () => {
    expect(glossary.length).toBeGreaterThan(50);
    expect(readGlossary('| en | zh-CN | note |\n|---|---|---|\n| subject | 主体 | not: 主题, 使用者. Why. |\n')).toEqual([{ en: 'subject', zh: '主体', rejected: ['主题', '使用者'] }]);
    const rejected = glossary.flatMap((r) => r.rejected);
    for (const word of ['主题', '签发者', '使用者', '证书请求', 'CA 模式', '仲裁', '续签', '密码']) expect(rejected).toContain(word);
  });

  it('never uses a word the glossary rejects', () => {
    const found = glossary.flatMap((row) =>
      row.rejected.flatMap((word) => Object.entries(zh).filter(([, text]) => text.includes(word)).map(([key, text]) => `${key}: ${word} (${row.en} is ${row.zh}): ${text}`)),
    );
    expect(found).toEqual([]);
  });

  it('gives each concept its glossary word where the concept is labelled', () => {
    const labels: [string, MessageKey, 'is' | 'contains'][] = [
      ['subject', 'workspace.result.subject', 'is'],
      ['subject', 'workspace.form.names', 'contains'],
      ['subject', 'error.pki.missing-subject', 'contains'],
      ['issuer', 'workspace.result.issuer', 'is'],
      ['issuer', 'renewal.column.issuer', 'is'],
      ['issuer', 'inspect.chain-ok', 'contains'],
      ['used by', 'cluster.table.usedBy', 'is'],
      ['trust model', 'cluster.field.trustModel', 'is'],
      ['trust model', 'cluster.bundle.readme.generated', 'contains'],
      ['certificate signing request', 'inspect.kind.csr', 'is'],
      ['certificate signing request', 'pki.what.csr', 'contains'],
      ['certificate signing request', 'workspace.bundle.readme.file-csr', 'contains'],
      ['copy (to the clipboard)', 'common.copy', 'is'],
      ['duplicate (a request)', 'workspace.request.duplicate', 'is'],
      ['profile', 'workspace.config.profile', 'contains'],
      ['profile', 'workspace.form.profile', 'contains'],
      ['usages', 'workspace.config.usages', 'contains'],
      ['Fix (lint advice)', 'common.fix', 'contains'],
      ['bootstrap token', 'cluster.kubelet.tls-bootstrap', 'contains'],
    ];
    for (const [term, key, how] of labels) {
      if (how === 'is') expect(zh[key], `${key} (${term})`).toBe(zhOf(term));
      else expect(zh[key], `${key} (${term})`).toContain(zhOf(term));
    }
    // Copy and Duplicate are two buttons: two words.
    expect(zh['common.copy']).not.toBe(zh['workspace.request.duplicate']);
  });

  it('counts certificates with 张, never 个', () => {
    const found = Object.entries(zh).filter(([, text]) => /(\{\w+\}|\d)\s*个证书/.test(text));
    expect(found).toEqual([]);
    expect(zh['workspace.chain.label']).toContain(`{count} ${zhOf('certificates (counted)')}证书`);
  });

  it('joins lists with 、 and clauses with ； in Chinese, with , and ; in English', () => {
    expect(listIn('zh-CN', ['rhel', 'centos'])).toBe(`rhel${zhOf('list separator')}centos`);
    expect(listIn('en', ['rhel', 'centos'])).toBe('rhel, centos');
    expect(clausesIn('zh-CN', ['甲', '乙'])).toBe('甲；乙');
    expect(clausesIn('en', ['a', 'b'])).toBe('a; b');
    expect(translate('zh-CN', 'common.labelled', { label: '第 1 块', value: '证书' })).toBe('第 1 块：证书');
    expect(translate('zh-CN', 'common.aside', { text: '控制平面节点', aside: 3 })).toBe('控制平面节点（3）');
  });
});
