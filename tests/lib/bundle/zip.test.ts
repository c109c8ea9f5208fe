// The bundle zip writer (src/lib/bundle/zip.ts), read back by JSZip (the reader the app itself uses for
// inventories): names, contents, modes, the date, folders, and deflate where it helps.
import { afterEach, describe, expect, it, vi } from 'vitest';
import JSZip from 'jszip';
import { crc32, EXECUTABLE, PUBLIC, SECRET, zipBundleFiles } from '../../../src/lib/bundle/zip';

const WHEN = new Date('2026-03-04T05:06:08Z');

/** Method of each entry, from the central directory (JSZip does not say). */
function methods(zip: Uint8Array): Map<string, number> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.byteLength - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  let at = view.getUint32(end + 16, true);
  const found = new Map<string, number>();
  for (let i = 0; i < view.getUint16(end + 10, true); i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(at + 28, true);
    found.set(new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)), view.getUint16(at + 10, true));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return found;
}

describe('zipBundleFiles', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('writes what JSZip reads back: contents, modes, one date, folders', async () => {
    const binary = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) & 0xff);
    const text = 'apiVersion: v1\n'.repeat(200);
    const zip = await zipBundleFiles(
      [
        { path: 'README.md', content: text, mode: PUBLIC },
        { path: 'pki/etcd/ca-key.pem', content: '-----BEGIN PRIVATE KEY-----\n', mode: SECRET },
        { path: 'scripts/verify.sh', content: '#!/usr/bin/env bash\n', mode: EXECUTABLE },
        { path: 'pki/etcd/ca.der', content: binary, mode: PUBLIC },
        { path: 'empty.txt', content: '', mode: PUBLIC },
        { path: '节点/说明.txt', content: '中文', mode: PUBLIC },
      ],
      WHEN,
    );
    const read = await JSZip.loadAsync(zip);
    expect(Object.keys(read.files)).toEqual(['README.md', 'pki/', 'pki/etcd/', 'pki/etcd/ca-key.pem', 'scripts/', 'scripts/verify.sh', 'pki/etcd/ca.der', 'empty.txt', '节点/', '节点/说明.txt']);
    expect(await read.file('README.md')!.async('string')).toBe(text);
    expect(await read.file('pki/etcd/ca.der')!.async('uint8array')).toEqual(binary);
    expect(await read.file('empty.txt')!.async('string')).toBe('');
    expect(await read.file('节点/说明.txt')!.async('string')).toBe('中文');
    expect(read.file('pki/etcd/ca-key.pem')!.unixPermissions).toBe(0o100600);
    expect(read.file('scripts/verify.sh')!.unixPermissions).toBe(0o100755);
    expect(read.file('README.md')!.unixPermissions).toBe(0o100644);
    expect(read.files['pki/']!.dir).toBe(true);
    expect(read.files['pki/']!.unixPermissions).toBe(0o40755);
    // JSZip reads the DOS date as local time; the writer wrote UTC fields (2-second resolution).
    const date = read.file('README.md')!.date;
    expect([date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds()]).toEqual([2026, 2, 4, 5, 6, 8]);
  });

  it('deflates what shrinks and stores what does not', async () => {
    const random = crypto.getRandomValues(new Uint8Array(4096));
    const zip = await zipBundleFiles([
      { path: 'repeats.txt', content: 'x'.repeat(10_000), mode: PUBLIC },
      { path: 'random.bin', content: random, mode: PUBLIC },
    ]);
    expect(methods(zip)).toEqual(new Map([['repeats.txt', 8], ['random.bin', 0]]));
    expect(zip.byteLength).toBeLessThan(10_000);
    expect(await (await JSZip.loadAsync(zip)).file('random.bin')!.async('uint8array')).toEqual(random);
  });

  it('deflates a text the bundle holds several times once, and every copy reads back', async () => {
    const Real = globalThis.CompressionStream;
    let made = 0;
    vi.stubGlobal('CompressionStream', class extends Real {
      constructor(format: CompressionFormat) {
        super(format);
        made++;
      }
    });
    const ca = '-----BEGIN CERTIFICATE-----\n' + 'MIIB'.repeat(300) + '\n-----END CERTIFICATE-----\n';
    const other = 'kind: Config\n'.repeat(50);
    const files = [
      { path: 'node-1/ca.pem', content: ca, mode: PUBLIC },
      { path: 'node-2/ca.pem', content: ca, mode: PUBLIC },
      { path: 'node-2/kubelet.conf', content: other, mode: SECRET },
      { path: 'node-3/ca.pem', content: ca, mode: PUBLIC },
    ];
    const zip = await zipBundleFiles(files, WHEN);
    expect(made).toBe(2);
    const read = await JSZip.loadAsync(zip);
    for (const file of files) expect(await read.file(file.path)!.async('string')).toBe(file.content);
    expect([...methods(zip)].filter(([name]) => name.endsWith('ca.pem')).map(([, method]) => method)).toEqual([8, 8, 8]);
  });

  it('stores every file where the platform has no CompressionStream, and the zip still reads', async () => {
    vi.stubGlobal('CompressionStream', undefined);
    const zip = await zipBundleFiles([{ path: 'a/b.txt', content: 'y'.repeat(5000), mode: SECRET }]);
    expect(methods(zip)).toEqual(new Map([['a/', 0], ['a/b.txt', 0]]));
    expect(await (await JSZip.loadAsync(zip)).file('a/b.txt')!.async('string')).toBe('y'.repeat(5000));
  });

  it('computes zip\'s CRC-32 (the check value of "123456789" is CBF43926)', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});
