import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dictionary } from '../../../src/lib/i18n';

// Every workspace.* error the code can throw has words in both languages (the UI shows error.<code>).
const SOURCES = [
  ...readdirSync('src/lib/workspace').map((f) => join('src/lib/workspace', f)),
  'src/ui/common/read-file.ts',
  'src/ui/pki/workspace.svelte.ts',
];

describe('workspace error messages', () => {
  it('has en and zh-CN words for every thrown workspace.* code', () => {
    const codes = new Set<string>();
    for (const file of SOURCES) {
      for (const match of readFileSync(file, 'utf8').matchAll(/KubeprepError\(\s*'(workspace\.[a-z-]+)'/g)) codes.add(match[1]!);
    }
    expect(codes.size).toBeGreaterThan(8);
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const code of codes) expect(dictionary(locale)[`error.${code}`], `${locale} error.${code}`).toBeTruthy();
    }
  });
});
