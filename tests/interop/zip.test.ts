// The bundle zip writer against Info-ZIP's unzip (Debian's unzip), the tool the README tells users to
// run: every CRC checks out (-t), zipinfo shows the modes and methods written, and extracting restores
// the files' bytes and modes (keys 0600, scripts 0755) under their folders.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXECUTABLE, PUBLIC, SECRET, zipBundleFiles } from '../../src/lib/bundle/zip';
import { run } from '../support/cfssl';
import { missingTools } from '../support/tools';

const skip = missingTools({ command: 'unzip', debianPackage: 'unzip' }).length > 0;
const work = mkdtempSync(join(tmpdir(), 'kubeprep-zip-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(skip)('the bundle zip, read by Info-ZIP unzip', () => {
  const random = crypto.getRandomValues(new Uint8Array(2048));
  const files = [
    { path: 'README.md', content: '# bundle\n'.repeat(500), mode: PUBLIC },
    { path: 'pki/etcd/ca-key.pem', content: '-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----\n', mode: SECRET },
    { path: 'scripts/verify.sh', content: '#!/usr/bin/env bash\necho ok\n', mode: EXECUTABLE },
    { path: 'pki/random.bin', content: random, mode: PUBLIC },
  ];
  const zip = join(work, 'bundle.zip');

  it('tests clean and lists the modes and methods written', async () => {
    writeFileSync(zip, await zipBundleFiles(files, new Date('2026-03-04T05:06:08Z')));
    const tested = await run('unzip', ['-t', zip]);
    expect(tested.stdout).toContain('No errors detected');
    expect(tested.code).toBe(0);
    const listed = await run('unzip', ['-Z', zip]);
    expect(listed.code).toBe(0);
    const line = (name: string) => listed.stdout.split('\n').find((l) => l.trimEnd().endsWith(` ${name}`)) ?? '';
    expect(line('README.md')).toMatch(/^-rw-r--r--\s+2\.0 unx\s+4500 .*defN 26-Mar-04 05:06 README\.md$/);
    expect(line('pki/etcd/ca-key.pem')).toMatch(/^-rw-------\s+2\.0 unx/);
    expect(line('scripts/verify.sh')).toMatch(/^-rwxr-xr-x\s+2\.0 unx/);
    expect(line('pki/random.bin')).toMatch(/\sstor\s/);
    expect(line('pki/')).toMatch(/^drwxr-xr-x/);
  });

  it('extracts the same bytes with the same modes', async () => {
    const into = join(work, 'out');
    const extracted = await run('unzip', ['-q', zip, '-d', into]);
    expect(extracted.code).toBe(0);
    for (const file of files) {
      const path = join(into, file.path);
      expect(statSync(path).mode & 0o777, file.path).toBe(file.mode);
      expect(new Uint8Array(readFileSync(path)), file.path).toEqual(typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content);
    }
  });
});
