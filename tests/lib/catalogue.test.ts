// One source for every sentence: no English outside the catalogue (tests/support/english.ts says how
// that is detected), every code with its words in both languages, every catalogue key in use.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CLI_ERROR_CODES, COMMON_ERROR_CODES } from '../../src/lib/errors';
import { CLUSTER_ERROR_CODES, CLUSTER_WARNING_CODES } from '../../src/lib/cluster/errors';
import { dictionary } from '../../src/lib/i18n';
import { PKI_CHAIN_PROBLEMS, PKI_ERROR_CODES, PKI_SUBJECTS, PKI_WARNING_CODES } from '../../src/lib/pki/errors';
import { RAFT_ERROR_CODES } from '../../src/lib/raft/errors';
import { SCRIPTS_ERROR_CODES } from '../../src/lib/scripts/errors';
import { WORKSPACE_ERROR_CODES, WORKSPACE_WARNING_CODES } from '../../src/lib/workspace/errors';
import { INVENTORY_PROBLEMS } from '../../src/lib/inventory/problems';
import { RENEWAL_PROBLEMS } from '../../src/lib/renewal/problems';
import { useRenewalMessages } from '../../src/lib/renewal/messages';
import { englishIn, englishInSvelte, englishInTypeScript, literalHasEnglish } from '../support/english';

const CATALOGUE = join('src', 'lib', 'i18n', 'messages');

function sourceFiles(dir = 'src'): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path === CATALOGUE ? [] : sourceFiles(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

const ERROR_CODES = [...COMMON_ERROR_CODES, ...CLI_ERROR_CODES, ...PKI_ERROR_CODES, ...PKI_CHAIN_PROBLEMS, ...SCRIPTS_ERROR_CODES, ...RAFT_ERROR_CODES, ...CLUSTER_ERROR_CODES, ...WORKSPACE_ERROR_CODES, ...INVENTORY_PROBLEMS, ...RENEWAL_PROBLEMS];
// The expiry and renewal words load with their screen; the catalogue is whole once they are added.
useRenewalMessages();
const LINT_CODES = [...CLUSTER_WARNING_CODES, ...WORKSPACE_WARNING_CODES];
const WARNING_CODES = [...PKI_WARNING_CODES, ...LINT_CODES];

describe('the English detector', () => {
  it('finds sentences in code strings, shell output and comments, and in markup', () => {
    expect(literalHasEnglish('RSA key is too weak')).toBe(true);
    expect(literalHasEnglish(': no CA to sign with')).toBe(true);
    expect(literalHasEnglish('#!/bin/sh\n# Checks every certificate of this bundle against ca.pem')).toBe(true);
    expect(literalHasEnglish('  echo "$name.pem: DOES NOT match the key, check the files"')).toBe(true);
    expect(englishInTypeScript('x.ts', "const m = `${file} is not a text file`;")).toHaveLength(1);
    expect(englishInSvelte('x.svelte', '<button>Generate</button>')).toHaveLength(1);
    expect(englishInSvelte('x.svelte', '<input aria-label="Search all files" />')).toHaveLength(1);
    expect(englishInSvelte('x.svelte', "<p>{ok ? 'It is done' : ''}</p>")).toHaveLength(1);
  });

  it('passes code, names, shell syntax, CSS and declared wire strings', () => {
    for (const text of ['kubeadm:cluster-admins', 'signing.profiles.etcd.expiry', 'TLS Web Server Authentication', 'for node in "${nodes[@]}"; do', '  run systemctl enable --now chronyd', 'error.pki.json-syntax', 'a-z 0-9 -']) {
      expect(literalHasEnglish(text), text).toBe(false);
    }
    expect(englishInTypeScript('x.ts', "const CFSSL_LIST_HEADER = 'Default configurations are available for:';")).toEqual([]);
    expect(englishInSvelte('x.svelte', '<p class="a row is the best">{t(\'x.y\')} SHA-256 ca.pem</p><style>p { color: red; }</style>')).toEqual([]);
  });
});

describe('no user-visible English outside the catalogue', () => {
  it('in any .ts or .svelte file under src/', { timeout: 60_000 }, () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(150);
    const found = files.flatMap(englishIn).map((f) => `${f.file}:${f.line}: ${f.text.trim().slice(0, 100)}`);
    expect(found).toEqual([]);
  });
});

describe('the catalogue', () => {
  const en = dictionary('en');
  const zh = dictionary('zh-CN');

  it('names every code one way: <area>.<kebab-case>', () => {
    for (const code of [...ERROR_CODES, ...WARNING_CODES]) expect(code).toMatch(/^[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it('has words in both languages for every error and warning code, and why/fix for every lint finding', () => {
    const keys = [
      ...ERROR_CODES.map((c) => `error.${c}`),
      ...WARNING_CODES.map((c) => `warning.${c}`),
      ...LINT_CODES.flatMap((c) => [`warning.${c}.why`, `warning.${c}.fix`]),
      ...PKI_SUBJECTS.map((s) => `pki.what.${s}`),
    ];
    for (const key of keys) {
      expect(en[key], `en ${key}`).toBeTruthy();
      expect(zh[key], `zh-CN ${key}`).toBeTruthy();
      // A sentence is translated; a name (pki.what.csr-json: "CSR JSON") may stay as it is.
      if (!key.startsWith('pki.what.')) expect(zh[key], `zh-CN ${key}`).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('uses every key it holds', { timeout: 60_000 }, () => {
    // A key is in use when the code names it (a string literal equal to it), when it is a code's words
    // (above), or when a template literal in the code builds it (`raft.sim.mode.${m}`: the static parts
    // around the substitutions must match and the part before the first must end in a dot).
    const literals = new Set<string>();
    const patterns: RegExp[] = [];
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const file of sourceFiles()) {
      const source = readFileSync(file, 'utf8');
      const scripts = file.endsWith('.svelte') ? [source] : [source];
      for (const text of scripts) {
        const sourceFile = ts.createSourceFile(file, text.replace(/<\/?script[^>]*>/g, ''), ts.ScriptTarget.Latest, true);
        const visit = (node: ts.Node): void => {
          if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literals.add(node.text);
          if (ts.isTemplateExpression(node) && /\.$/.test(node.head.text)) {
            const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
            patterns.push(new RegExp(`^${parts.map(escape).join('[\\w.-]+')}$`));
          }
          ts.forEachChild(node, visit);
        };
        visit(sourceFile);
      }
      // Svelte markup: keys in {t('...')} and template literals outside <script>.
      if (file.endsWith('.svelte')) {
        for (const m of source.matchAll(/'([a-z][\w-]*(?:\.[\w-]+)+)'/g)) literals.add(m[1]!);
        for (const m of source.matchAll(/`([a-z][\w.-]*\.)\$\{[^}]+\}([\w.-]*)`/g)) patterns.push(new RegExp(`^${escape(m[1]!)}[\\w.-]+${escape(m[2]!)}$`));
      }
    }
    const derived = new Set([
      ...ERROR_CODES.map((c) => `error.${c}`),
      ...WARNING_CODES.map((c) => `warning.${c}`),
      ...LINT_CODES.flatMap((c) => [`warning.${c}.why`, `warning.${c}.fix`]),
    ]);
    const unused = Object.keys(en).filter((key) => !literals.has(key) && !derived.has(key) && !patterns.some((p) => p.test(key)));
    expect(unused).toEqual([]);
  });
});
