// A reader that closes the pipe early: the command ends quietly, with the status a shell shows for a
// process killed by SIGPIPE (Go's cfssl dies that way), not with Node's EPIPE stack trace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, BUILT } from './run';

describe('kubeprep writing into a closed pipe', () => {
  let dir: string;
  beforeAll(() => {
    if (!BUILT) throw new Error('dist-cli/kubeprep.mjs is missing: run `npm run build:cli` first');
    dir = mkdtempSync(join(tmpdir(), 'kubeprep-pipe-'));
    writeFileSync(join(dir, 'ca-csr.json'), JSON.stringify({ CN: 'pipe test CA', key: { algo: 'ecdsa', size: 256 } }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits with status 141 and says nothing when the reader is gone before its output', () => {
    // `true` exits at once without reading: the certificate, made after it, meets a pipe with no reader.
    const script = `"${process.execPath}" "${BIN}" gencert -initca ca-csr.json 2>stderr.txt | true; echo "\${PIPESTATUS[0]}"; cat stderr.txt`;
    const run = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('141\n');
  });
});
