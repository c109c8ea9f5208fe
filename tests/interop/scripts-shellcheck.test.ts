// shellcheck and `bash -n` on every script for every combination enumerateOptions yields: every
// combination of the choices that change a script's structure, on every release, at every Kubernetes
// threshold, with the other choices, both languages and the typed fields (empty and filled) rotating
// through all their values. Files are checked in batches (one shellcheck process per 40 files, two at
// a time) and asynchronously, so the worker stays responsive on a busy machine. Run it with Debian
// 13's shellcheck too: tools/with-debian13-tools.sh npx vitest run --project interop tests/interop/scripts-shellcheck.test.ts
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { SCRIPT_NAMES, enumerateOptions, generateScript } from '../../src/lib/scripts';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.shellcheck, TOOLS.bash).length > 0;
const run = promisify(execFile);

interface Outcome {
  code: number;
  output: string;
}

async function outcome(command: string, args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(command, args, { maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

function batches<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/** Runs the tasks two at a time. */
async function twoAtATime<T>(tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  const queue = [...tasks.entries()];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) results[next[0]] = await next[1]();
  };
  await Promise.all([worker(), worker()]);
  return results;
}

const BASH_N = 'for f in "$@"; do bash -n "$f" || { echo "bash -n failed: $f"; exit 1; }; done';

describe.skipIf(skip)('generated scripts pass shellcheck and bash -n', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeprep-shellcheck-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const name of SCRIPT_NAMES) {
    it(`${name}: every combination`, { timeout: 600_000 }, async () => {
      const combos = enumerateOptions(name);
      const files = combos.map((options, i) => {
        const file = join(dir, `${name}-${i}.sh`);
        writeFileSync(file, generateScript(name, options));
        return file;
      });
      expect(files.length).toBeGreaterThan(10);

      const syntax = await outcome('bash', ['-c', BASH_N, 'bash-n', ...files]);
      expect(syntax.output).toBe('');
      expect(syntax.code).toBe(0);

      const checks = await twoAtATime(
        batches(files, 40).map((batch) => () => outcome('shellcheck', ['--severity=style', '--shell=bash', '--format=gcc', ...batch])),
      );
      for (const check of checks) {
        expect(check.output, `shellcheck findings in ${name}`).toBe('');
        expect(check.code).toBe(0);
      }
    });
  }

  it('is a real check: both tools reject broken scripts', async () => {
    const unquoted = join(dir, 'unquoted.sh');
    writeFileSync(unquoted, '#!/usr/bin/env bash\nrm -rf $1\n');
    expect((await outcome('shellcheck', [unquoted])).code).not.toBe(0);
    const broken = join(dir, 'broken.sh');
    writeFileSync(broken, '#!/usr/bin/env bash\nif true; then\n');
    expect((await outcome('bash', ['-c', BASH_N, 'bash-n', broken])).code).not.toBe(0);
  });
});
