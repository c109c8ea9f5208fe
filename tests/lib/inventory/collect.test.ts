// Reading sources into files: the same PKI as files, as a .zip and as a .tar.gz gives the same paths;
// every entry skipped gets one problem naming it (unsafe paths, links, damage, size, count); sizes are
// checked before anything large is read, and a zip member is refused while it inflates past the limit.
import { describe, expect, it } from 'vitest';
import { collectFiles, memorySource, classifyFiles, type SourceEntry } from '../../../src/lib/inventory';
import { gzip, tarArchive, zipArchive, type ArchiveEntry } from '../../support/archives';

const pki: ArchiveEntry[] = [
  { path: 'pki/ca.crt', content: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' },
  { path: 'pki/etcd/server.key', content: 'key', mode: 0o600 },
  { path: 'admin.conf', content: 'apiVersion: v1\nkind: Config\n' },
];
const noPause = { pause: async () => undefined };
const paths = (files: { path: string }[]) => files.map((f) => f.path);
const codes = (problems: { code: string; path: string }[]) => problems.map((p) => `${p.code} ${p.path}`);

describe('collectFiles', () => {
  it('gives the same files for loose files, a zip and a tar.gz, with the archives\' modes', async () => {
    const loose = await collectFiles(pki.map((e) => memorySource(e.path, new TextEncoder().encode(e.content as string))), noPause);
    const zipped = await collectFiles([memorySource('pki.zip', await zipArchive(pki))], noPause);
    const tarred = await collectFiles([memorySource('pki.tgz', gzip(tarArchive(pki)))], noPause);
    expect(paths(loose.files)).toEqual(['admin.conf', 'pki/ca.crt', 'pki/etcd/server.key']);
    expect(paths(zipped.files)).toEqual(paths(loose.files));
    expect(paths(tarred.files)).toEqual(paths(loose.files));
    expect(tarred.files.find((f) => f.path.endsWith('.key'))!.mode).toBe(0o600);
    expect(zipped.files.find((f) => f.path.endsWith('.key'))!.mode).toBe(0o600);
    expect([loose.problems, zipped.problems, tarred.problems]).toEqual([[], [], []]);
  });

  it('refuses ../ and absolute paths and links, one problem each, and keeps the rest', async () => {
    const hostile: ArchiveEntry[] = [
      { path: '../../etc/cron.d/evil', content: 'x' },
      { path: '/etc/evil', content: 'x' },
      { path: 'pki/link.crt', type: 'symlink', linkName: '/etc/shadow' },
      { path: 'pki/./ok.crt', content: 'ok' },
    ];
    const tar = await collectFiles([memorySource('h.tar', tarArchive(hostile))], noPause);
    expect(paths(tar.files)).toEqual(['pki/ok.crt']);
    expect(codes(tar.problems)).toEqual(['inventory.unsafe-path ../../etc/cron.d/evil', 'inventory.unsafe-path /etc/evil', 'inventory.link-skipped pki/link.crt']);
    // JSZip will not write `../` names: write a harmless one of the same length and patch the bytes.
    const zipped = Buffer.from(await zipArchive([{ path: 'xx/xx/etc/cron.d/evil', content: 'x' }, ...hostile.slice(2)]));
    for (let at = zipped.indexOf('xx/xx/'); at >= 0; at = zipped.indexOf('xx/xx/', at + 1)) zipped.write('../../', at, 'latin1');
    const zip = await collectFiles([memorySource('h.zip', new Uint8Array(zipped))], noPause);
    expect(codes(zip.problems)).toEqual(['inventory.unsafe-path ../../etc/cron.d/evil', 'inventory.link-skipped pki/link.crt']);
    expect(paths(zip.files)).toEqual(['pki/ok.crt']);
  });

  it('names a damaged gzip and keeps what was read before the damage', async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ path: `f${i}.txt`, content: `file ${i} `.repeat(2000 + i) }));
    const good = gzip(tarArchive(many));
    const damaged = good.slice();
    for (let i = Math.floor(good.length / 2); i < Math.floor(good.length / 2) + 64; i++) damaged[i] = damaged[i]! ^ 0x5a;
    const read = await collectFiles([memorySource('damaged.tar.gz', damaged)], noPause);
    expect(read.problems.map((p) => p.code)).toEqual(['inventory.corrupt-archive']);
    expect(read.files.length).toBeGreaterThan(0);
    expect(read.files.length).toBeLessThan(40);
    // A deflate stream broken at its first block: the decompressor's own error, named as gzip's.
    const broken = good.slice();
    broken[10] = 0xff;
    const early = await collectFiles([memorySource('broken.tgz', broken)], noPause);
    expect(codes(early.problems)).toEqual(['inventory.corrupt-archive broken.tgz']);
    expect(early.problems[0]!.params.detail).toMatch(/^gzip: /);
  });

  it('skips large files unread, refuses a zip member that inflates past the limit, and notes nested archives', async () => {
    const huge: SourceEntry = {
      path: 'disk.img',
      size: 200 * 1024 * 1024,
      bytes: () => Promise.reject(new Error('read a file it should have skipped')),
      stream: () => new ReadableStream({ start: (c) => { c.enqueue(new Uint8Array(512)); c.close(); } }),
    };
    const bomb = await zipArchive([{ path: 'zeros.pem', content: new Uint8Array(3 * 1024 * 1024) }, { path: 'inner.zip', content: 'x' }]);
    expect(bomb.length).toBeLessThan(10_000);
    const read = await collectFiles([huge, memorySource('bomb.zip', bomb)], noPause);
    expect(codes(read.problems)).toEqual(['inventory.file-too-large disk.img', 'inventory.file-too-large zeros.pem', 'inventory.nested-archive inner.zip']);
    expect(read.problems[0]!.params).toMatchObject({ size: '200.0 MiB', limit: '1.0 MiB' });
  });

  it('stops at the entry limit with one problem, and lists 5,000 unrelated files one message each', async () => {
    const notes = Array.from({ length: 5000 }, (_, i) => memorySource(`notes/n${i}.txt`, new TextEncoder().encode(`note ${i}`)));
    const limited = await collectFiles(notes, { ...noPause, limits: { maxEntries: 100 } });
    expect(limited.files).toHaveLength(100);
    expect(codes(limited.problems)).toEqual(['inventory.too-many-files notes/n100.txt']);
    let progress = 0;
    const all = await collectFiles(notes, { onProgress: (n) => (progress = n) });
    expect(all.files).toHaveLength(5000);
    expect(progress).toBe(5000);
    const classified = classifyFiles(all.files);
    expect(classified.problems).toHaveLength(5000);
    expect(new Set(classified.problems.map((p) => p.code))).toEqual(new Set(['inventory.not-pki']));
  });

  it('reads a source of unknown size (a browser File) up to the limit only', async () => {
    let pulled = 0;
    const endless: SourceEntry = {
      path: 'endless.bin',
      measure: () => 99,
      stream: () => new ReadableStream({ pull: (c) => { pulled += 65536; c.enqueue(new Uint8Array(65536).fill(1)); } }),
    };
    const read = await collectFiles([endless], noPause);
    expect(codes(read.problems)).toEqual(['inventory.file-too-large endless.bin']);
    expect(pulled).toBeLessThan(3 * 1024 * 1024);
  });
});
