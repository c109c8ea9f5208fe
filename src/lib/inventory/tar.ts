// A small, bounded tar reader over a byte stream (POSIX.1-1988 ustar, POSIX.1-2001 pax and GNU long
// names: the formats GNU tar, bsdtar and busybox write). It walks the archive header by header and hands
// over the contents of regular files only; a file larger than the caller wants is skipped without being
// held, so a 200 MB tarball costs a pass over its bytes, not 200 MB of memory. Links, devices and
// directories are reported as what they are. A header whose checksum is wrong ends the walk: what follows
// cannot be trusted to be where the header says.
//   Format: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/pax.html (ustar Interchange
//   Format, pax Header Block); GNU extensions: https://www.gnu.org/software/tar/manual/html_node/Standard.html

import { messageRef, type MessageRef } from '../i18n/params';

const BLOCK = 512;

export type TarEntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

export interface TarEntry {
  path: string;
  type: TarEntryType;
  size: number;
  mode: number;
  /** The link's target (links only). */
  linkName: string;
  /** The contents, when the entry is a regular file no larger than `maxFileBytes`. */
  bytes?: Uint8Array;
}

/** A damaged or foreign archive; REF is the catalogue's words for what is wrong (messages/inventory.ts). */
export class TarFormatError extends Error {
  constructor(readonly ref: MessageRef) {
    super(ref.key);
  }
}
export class TarLimitError extends Error {}

/** Reads exact byte counts from a stream of chunks, or skips them without keeping them. */
class ChunkReader {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private ended = false;
  consumed = 0;

  constructor(
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
    private readonly maxBytes: number,
  ) {}

  private async pull(): Promise<boolean> {
    if (this.ended) return false;
    const { value, done } = await this.reader.read();
    if (done) {
      this.ended = true;
      return false;
    }
    if (value.length > 0) {
      this.chunks.push(value);
      this.buffered += value.length;
    }
    return true;
  }

  /** Exactly `n` bytes, or null at the end of the stream (a shorter rest is a truncated archive). */
  async read(n: number): Promise<Uint8Array | null> {
    while (this.buffered < n) if (!(await this.pull())) break;
    if (this.buffered === 0) return null;
    if (this.buffered < n) throw new TarFormatError(messageRef('inventory.tar.truncated-at', { have: this.buffered, need: n }));
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const first = this.chunks[0]!;
      const take = Math.min(first.length, n - filled);
      out.set(first.subarray(0, take), filled);
      filled += take;
      if (take === first.length) this.chunks.shift();
      else this.chunks[0] = first.subarray(take);
    }
    this.advance(n);
    return out;
  }

  /** Exactly `n` bytes that must be there (an entry's data). */
  async need(n: number): Promise<Uint8Array> {
    const bytes = n === 0 ? new Uint8Array() : await this.read(n);
    if (!bytes) throw new TarFormatError(messageRef('inventory.tar.truncated'));
    return bytes;
  }

  async skip(n: number): Promise<void> {
    let left = n;
    while (left > 0) {
      if (this.buffered === 0 && !(await this.pull())) throw new TarFormatError(messageRef('inventory.tar.truncated'));
      const first = this.chunks[0];
      if (!first) continue;
      const take = Math.min(first.length, left);
      if (take === first.length) this.chunks.shift();
      else this.chunks[0] = first.subarray(take);
      left -= take;
      this.advance(take);
    }
  }

  private advance(n: number): void {
    this.buffered -= n;
    this.consumed += n;
    if (this.consumed > this.maxBytes) throw new TarLimitError(String(this.maxBytes));
  }

  async cancel(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}

const decoder = new TextDecoder();

function text(block: Uint8Array, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const nul = field.indexOf(0);
  return decoder.decode(nul < 0 ? field : field.subarray(0, nul));
}

/** Octal digits (space or NUL terminated), or GNU's base-256 form for sizes over 8 GiB. */
function numeric(block: Uint8Array, start: number, length: number): number {
  if (block[start]! & 0x80) {
    let value = block[start]! & 0x7f;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + block[i]!;
    return value;
  }
  const digits = text(block, start, length).trim();
  if (digits === '') return 0;
  if (!/^[0-7]+$/.test(digits)) throw new TarFormatError(messageRef('inventory.tar.not-octal', { digits }));
  return parseInt(digits, 8);
}

function checksumMatches(block: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  const written = text(block, 148, 8).trim();
  return /^[0-7]+$/.test(written) && sum === parseInt(written, 8);
}

/** pax records: "LEN key=value\n" repeated (the pax utility's "pax Header Block"). */
function paxRecords(bytes: Uint8Array): Record<string, string> {
  const records: Record<string, string> = {};
  const all = decoder.decode(bytes);
  let at = 0;
  while (at < all.length) {
    const space = all.indexOf(' ', at);
    const length = parseInt(all.slice(at, space), 10);
    if (space < 0 || !(length > 0)) break;
    const record = all.slice(space + 1, at + length - 1);
    const eq = record.indexOf('=');
    if (eq > 0) records[record.slice(0, eq)] = record.slice(eq + 1);
    at += length;
  }
  return records;
}

const TYPES: Record<string, TarEntryType> = { '0': 'file', '\0': 'file', '7': 'file', '5': 'directory', '2': 'symlink', '1': 'hardlink' };

function padded(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}

/**
 * Every entry of the tar stream, in order. Regular files up to `maxFileBytes` come with their bytes;
 * reading stops with TarLimitError once `maxArchiveBytes` have gone by, and with TarFormatError at a
 * damaged header or a truncated archive. The stream is cancelled when the walk stops early.
 */
export async function* readTar(stream: ReadableStream<Uint8Array>, limits: { maxFileBytes: number; maxArchiveBytes: number }): AsyncGenerator<TarEntry> {
  const input = new ChunkReader(stream.getReader(), limits.maxArchiveBytes);
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> = {};
  let globalPax: Record<string, string> = {};
  try {
    for (;;) {
      const header = await input.read(BLOCK);
      if (!header || header.every((b) => b === 0)) return; // end-of-archive blocks (or a bare end)
      if (!checksumMatches(header)) throw new TarFormatError(messageRef('inventory.tar.checksum'));
      const flag = String.fromCharCode(header[156]!);
      const size = numeric(header, 124, 12);
      if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
        // Metadata for the next entry: small by nature; a huge one is a damaged or hostile archive.
        if (size > limits.maxFileBytes) throw new TarFormatError(messageRef('inventory.tar.huge-header', { size }));
        const body = (await input.need(padded(size))).subarray(0, size);
        if (flag === 'x') pax = paxRecords(body);
        else if (flag === 'g') globalPax = { ...globalPax, ...paxRecords(body) };
        else if (flag === 'L') longName = text(body, 0, body.length);
        else longLink = text(body, 0, body.length);
        continue;
      }
      const ustar = text(header, 257, 6).startsWith('ustar');
      const prefix = ustar ? text(header, 345, 155) : '';
      const name = pax['path'] ?? globalPax['path'] ?? longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
      const linkName = pax['linkpath'] ?? longLink ?? text(header, 157, 100);
      const realSize = pax['size'] !== undefined ? Number(pax['size']) : size;
      pax = {};
      longName = undefined;
      longLink = undefined;
      const type = TYPES[flag] ?? 'other';
      const entry: TarEntry = { path: name, type, size: type === 'file' ? realSize : 0, mode: numeric(header, 100, 8) & 0o7777, linkName };
      // Only regular files carry data here (a hard link's size field is 0 in practice; skip what it says).
      const dataBytes = type === 'file' || type === 'other' ? padded(realSize) : 0;
      if (type === 'file' && realSize <= limits.maxFileBytes) {
        entry.bytes = (await input.need(dataBytes)).subarray(0, realSize);
      } else if (dataBytes > 0) {
        await input.skip(dataBytes);
      }
      yield entry;
    }
  } finally {
    await input.cancel();
  }
}
