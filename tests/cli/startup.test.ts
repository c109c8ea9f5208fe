// The command's start time: `kubeprep version` and the dispatcher load no engine, each command's code
// is a chunk imported when that command runs (src/cli/run.ts). Checked on the built files' import graph,
// not by timing: the bench (`npm run bench`) measures the start time itself.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILT, kubeprep } from './run';

const DIST = resolve('dist-cli');

/** The files FILE imports statically (`import … from "./x.mjs"`), transitively, itself included. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const m of readFileSync(file, 'utf8').matchAll(/^import\s+(?:[^'"]*?\s+from\s+)?"(\.{1,2}\/[^"]+)";?$/gm)) {
    staticClosure(join(dirname(file), m[1]!), seen);
  }
  return seen;
}

/** The chunk that holds PKI.js (its CertificateRevocationList class): the engine's heaviest part. */
function pkijsChunk(): string {
  const dir = join(DIST, 'chunks');
  const found = readdirSync(dir).map((name) => join(dir, name)).filter((path) => readFileSync(path, 'utf8').includes('class CertificateRevocationList'));
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('kubeprep start', () => {
  beforeAll(() => {
    if (!BUILT) throw new Error('dist-cli/kubeprep.mjs is missing: run `npm run build:cli` first');
  });

  it('answers `version` from an entry that statically imports no other chunk', () => {
    expect([...staticClosure(join(DIST, 'kubeprep.mjs'))].map((path) => path.slice(DIST.length + 1))).toEqual(['kubeprep.mjs']);
    const run = kubeprep(['version']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^kubeprep \d+\.\d+\.\d+\n$/);
  });

  it('dispatches without loading PKI.js; the commands that sign import it on use', () => {
    const entry = readFileSync(join(DIST, 'kubeprep.mjs'), 'utf8');
    const runChunk = /import\("\.\/(chunks\/run-[^"]+\.mjs)"\)/.exec(entry)?.[1];
    expect(runChunk).toBeDefined();
    const pkijs = pkijsChunk();
    expect(staticClosure(join(DIST, runChunk!)).has(pkijs)).toBe(false);
    const gencertChunk = readdirSync(join(DIST, 'chunks')).find((name) => name.startsWith('gencert-'));
    expect(gencertChunk).toBeDefined();
    expect(staticClosure(join(DIST, 'chunks', gencertChunk!)).has(pkijs)).toBe(true);
  });
});
