// shellcheck and `bash -n` on every script for every valid combination of options (both languages).
// Files are checked in batches: one shellcheck process per ~60 files keeps the suite fast.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SCRIPT_NAMES, enumerateOptions, generateScript } from '../../src/lib/scripts';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.shellcheck, TOOLS.bash).length > 0;

describe.skipIf(skip)('generated scripts pass shellcheck and bash -n', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeprep-shellcheck-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const name of SCRIPT_NAMES) {
    it(`${name}: every combination`, () => {
      const combos = enumerateOptions(name);
      const files = combos.map((options, i) => {
        const file = join(dir, `${name}-${i}.sh`);
        writeFileSync(file, generateScript(name, options));
        return file;
      });
      expect(files.length).toBeGreaterThan(5);

      for (const file of files) {
        const syntax = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
        expect(syntax.stderr, `${file}: ${JSON.stringify(combos[files.indexOf(file)])}`).toBe('');
        expect(syntax.status).toBe(0);
      }

      for (let start = 0; start < files.length; start += 60) {
        const batch = files.slice(start, start + 60);
        const result = spawnSync('shellcheck', ['--severity=style', '--shell=bash', '--format=gcc', ...batch], { encoding: 'utf8' });
        expect(result.stdout + result.stderr, `shellcheck findings in ${name}`).toBe('');
        expect(result.status).toBe(0);
      }
    });
  }

  it('is a real check: shellcheck flags an unquoted variable', () => {
    const bad = join(dir, 'bad.sh');
    writeFileSync(bad, '#!/usr/bin/env bash\nrm -rf $1\n');
    expect(() => execFileSync('shellcheck', [bad], { stdio: 'pipe' })).toThrow();
  });
});
