// Archives for tests, made here so a test can say exactly what is in them: hostile paths, links, long
// names, damaged checksums. tarArchive writes POSIX ustar (with a pax header for names over 100 bytes,
// as GNU tar and bsdtar do); zipArchive uses JSZip with Unix permissions.
import { gzipSync } from 'node:zlib';
import JSZip from 'jszip';

export interface ArchiveEntry {
  path: string;
  content?: Uint8Array | string;
  type?: 'file' | 'directory' | 'symlink' | 'hardlink' | 'fifo';
  linkName?: string;
  mode?: number;
}

const encoder = new TextEncoder();

function field(block: Uint8Array, offset: number, length: number, value: string): void {
  block.set(encoder.encode(value).subarray(0, length), offset);
}

function octal(value: number, length: number): string {
  return value.toString(8).padStart(length - 1, '0') + '\0';
}

const FLAGS = { file: '0', hardlink: '1', symlink: '2', fifo: '6', directory: '5' } as const;

function header(name: string, size: number, flag: string, mode: number, linkName = ''): Uint8Array {
  const block = new Uint8Array(512);
  field(block, 0, 100, name);
  field(block, 100, 8, octal(mode, 8));
  field(block, 108, 8, octal(0, 8));
  field(block, 116, 8, octal(0, 8));
  field(block, 124, 12, octal(size, 12));
  field(block, 136, 12, octal(1_700_000_000, 12));
  field(block, 148, 8, '        ');
  field(block, 156, 1, flag);
  field(block, 157, 100, linkName);
  field(block, 257, 6, 'ustar\0');
  field(block, 263, 2, '00');
  let sum = 0;
  for (const b of block) sum += b;
  field(block, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return block;
}

function padded(bytes: Uint8Array): Uint8Array[] {
  const rest = bytes.length % 512;
  return rest === 0 ? [bytes] : [bytes, new Uint8Array(512 - rest)];
}

export function tarArchive(entries: readonly ArchiveEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const entry of entries) {
    const content = typeof entry.content === 'string' ? encoder.encode(entry.content) : entry.content ?? new Uint8Array();
    const type = entry.type ?? 'file';
    if (encoder.encode(entry.path).length > 100) {
      const record = (key: string, value: string) => {
        const body = ` ${key}=${value}\n`;
        let length = body.length + 1;
        while (String(length).length + body.length !== length) length = String(length).length + body.length;
        return `${length}${body}`;
      };
      const pax = encoder.encode(record('path', entry.path));
      parts.push(header('PaxHeader', pax.length, 'x', 0o644), ...padded(pax));
    }
    const size = type === 'file' ? content.length : 0;
    parts.push(header(entry.path.slice(0, 100), size, FLAGS[type], entry.mode ?? (type === 'directory' ? 0o755 : 0o644), entry.linkName));
    if (size > 0) parts.push(...padded(content));
  }
  parts.push(new Uint8Array(1024));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function gzip(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(gzipSync(bytes));
}

export async function zipArchive(entries: readonly ArchiveEntry[]): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const entry of entries) {
    if (entry.type === 'symlink') zip.file(entry.path, entry.linkName ?? '', { unixPermissions: 0o120777 });
    else zip.file(entry.path, entry.content ?? '', { unixPermissions: entry.mode ?? 0o644 });
  }
  return zip.generateAsync({ type: 'uint8array', platform: 'UNIX', compression: 'DEFLATE' });
}
