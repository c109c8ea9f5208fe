// The tar reader on archives built byte by byte (tests/support/archives.ts): contents and modes, pax long
// names, links and devices reported as such, large members skipped across chunk boundaries without being
// held, and damage (checksum, truncation) or the size bound ending the walk with a typed error.
import { describe, expect, it } from 'vitest';
import { readTar, type TarEntry } from '../../../src/lib/inventory/tar';
import { tarArchive } from '../../support/archives';

/** A stream handing the bytes over in small odd-sized chunks, as a network or a gunzip would. */
function chunked(bytes: Uint8Array, size = 777): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += size) controller.enqueue(bytes.slice(i, i + size));
      controller.close();
    },
  });
}

async function all(bytes: Uint8Array, limits = { maxFileBytes: 1024 * 1024, maxArchiveBytes: 1024 * 1024 * 1024 }): Promise<TarEntry[]> {
  const out: TarEntry[] = [];
  for await (const entry of readTar(chunked(bytes), limits)) out.push(entry);
  return out;
}

const text = (entry: TarEntry | undefined) => new TextDecoder().decode(entry?.bytes);

describe('readTar', () => {
  it('reads regular files with their contents and modes, and pax long names', async () => {
    const long = `pki/${'a'.repeat(120)}/ca.crt`;
    const entries = await all(tarArchive([
      { path: 'pki', type: 'directory' },
      { path: 'pki/ca.key', content: 'secret', mode: 0o600 },
      { path: long, content: 'long name' },
      { path: 'pki/empty', content: '' },
    ]));
    expect(entries.map((e) => [e.path, e.type, e.mode])).toEqual([['pki', 'directory', 0o755], ['pki/ca.key', 'file', 0o600], [long, 'file', 0o644], ['pki/empty', 'file', 0o644]]);
    expect(text(entries[1])).toBe('secret');
    expect(text(entries[2])).toBe('long name');
    expect(entries[3]!.bytes).toHaveLength(0);
  });

  it('reports links and devices as what they are, with the link target', async () => {
    const entries = await all(tarArchive([
      { path: 'a', type: 'symlink', linkName: '/etc/shadow' },
      { path: 'b', type: 'hardlink', linkName: 'a' },
      { path: 'c', type: 'fifo' },
    ]));
    expect(entries.map((e) => [e.path, e.type, e.linkName, e.bytes])).toEqual([['a', 'symlink', '/etc/shadow', undefined], ['b', 'hardlink', 'a', undefined], ['c', 'other', '', undefined]]);
  });

  it('skips a member over the size limit without holding it, and reads the next one', async () => {
    const big = new Uint8Array(300_000).fill(7);
    const entries = await all(tarArchive([{ path: 'big.bin', content: big }, { path: 'after.crt', content: 'next' }]), { maxFileBytes: 1000, maxArchiveBytes: 10_000_000 });
    expect(entries.map((e) => [e.path, e.size, e.bytes === undefined])).toEqual([['big.bin', 300_000, true], ['after.crt', 4, false]]);
    expect(text(entries[1])).toBe('next');
  });

  it('stops at a damaged header, a truncated archive, and past the archive byte limit', async () => {
    // A damage's reason is a catalogue message (inventory.tar.*); the error's message is its key.
    const good = tarArchive([{ path: 'a.crt', content: 'x'.repeat(600) }, { path: 'b.crt', content: 'y' }]);
    const damaged = good.slice();
    damaged[512 + 1024 + 10] = damaged[512 + 1024 + 10]! ^ 0xff; // inside the second header (after 600 bytes padded to 1024): its checksum no longer matches
    const seen: string[] = [];
    await expect((async () => { for await (const e of readTar(chunked(damaged), { maxFileBytes: 1e6, maxArchiveBytes: 1e9 })) seen.push(e.path); })()).rejects.toThrow(/checksum/);
    expect(seen).toEqual(['a.crt']);
    await expect(all(good.slice(0, 700))).rejects.toThrow(/inventory.tar.truncated/);
    await expect(all(good, { maxFileBytes: 1e6, maxArchiveBytes: 1024 })).rejects.toThrow('1024');
    await expect(all(new TextEncoder().encode('not a tar file at all'.repeat(40)))).rejects.toThrow(/checksum/);
  });
});
