// The zip every bundle is written as (PKWARE APPNOTE.TXT 6.3.10, https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT):
// - "made by" UNIX (4.4.2) with the mode in the high half of the external attributes, so `unzip` restores
//   each entry's mode (cfssljson writes keys 0600; scripts must stay executable);
// - one DOS date for every entry (4.4.6), written from the UTC fields as JSZip did before this writer;
// - a folder entry (mode 0755) before the first file in each folder, as JSZip made them;
// - each file deflated (method 8) by the platform's CompressionStream('deflate-raw') (native zlib in
//   browsers and in Node), or stored (method 0) where it is missing or deflating does not make it smaller;
// - general purpose bit 11 when a name is not ASCII (UTF-8 names, appendix D).
// Why not JSZip, which reads archives elsewhere (src/lib/inventory/collect.ts): its pure-JavaScript
// deflate and stream machinery took 0.4–1 s of main-thread time for a 193-file cluster bundle in Chromium,
// and CompressionStream does the same in a few milliseconds with nothing to download.
import { KubeprepError } from '../errors';
import { yieldIfDue } from '../next-task';

export interface BundleFile {
  path: string;
  content: string;
  /** Unix permission bits. */
  mode: number;
}

/** A file written as the bytes it was read as (a renewal zip carries DER and every other input unchanged). */
export interface BinaryBundleFile {
  path: string;
  content: Uint8Array;
  mode: number;
}

export const PUBLIC = 0o644;
export const SECRET = 0o600;
export const EXECUTABLE = 0o755;

const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const DIRECTORY_MODE = 0o755;
/** Version 2.0 (deflate, folders), made by UNIX (3). */
const VERSION_NEEDED = 20;
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED;
const UTF8_NAMES = 0x0800;
/** Beyond these the format needs Zip64 records, which this writer does not write. */
const MAX_ENTRIES = 0xffff;
const MAX_BYTES = 0xffffffff;

interface Entry {
  name: Uint8Array;
  /** General purpose flags: UTF8_NAMES for a name that is not ASCII. */
  flags: number;
  mode: number;
  directory: boolean;
  crc: number;
  size: number;
  method: 0 | 8;
  data: Uint8Array;
  offset: number;
}

export async function zipBundleFiles(files: readonly (BundleFile | BinaryBundleFile)[], now = new Date()): Promise<Uint8Array> {
  const utf8 = new TextEncoder();
  const entries: Entry[] = [];
  const folders = new Set<string>();
  // A cluster bundle holds the same text many times (each node's folder has the CA certificates, 193 files
  // with 139 different contents): each text is encoded, checksummed and deflated once.
  const packed = new Map<string, Promise<Packed>>();
  const pack = (content: string | Uint8Array): Promise<Packed> => {
    if (typeof content !== 'string') return packBytes(content);
    let done = packed.get(content);
    if (!done) packed.set(content, (done = packBytes(utf8.encode(content))));
    return done;
  };
  const named = (name: string) => {
    const bytes = utf8.encode(name);
    return { name: bytes, flags: bytes.some((b) => b >= 0x80) ? UTF8_NAMES : 0 };
  };
  for (const file of files) {
    const parts = file.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = `${parts.slice(0, i).join('/')}/`;
      if (folders.has(folder)) continue;
      folders.add(folder);
      entries.push({ ...named(folder), mode: S_IFDIR | DIRECTORY_MODE, directory: true, crc: 0, size: 0, method: 0, data: new Uint8Array(0), offset: 0 });
    }
    const { crc, size, method, data } = await pack(file.content);
    entries.push({ ...named(file.path), mode: S_IFREG | (file.mode & 0o7777), directory: false, crc, size, method, data, offset: 0 });
    await yieldIfDue(); // files are deflated one after another, in slices that yield to the browser
  }
  return assemble(entries, dosDateTime(now));
}

interface Packed {
  crc: number;
  size: number;
  method: 0 | 8;
  data: Uint8Array;
}

async function packBytes(bytes: Uint8Array): Promise<Packed> {
  const deflated = await deflateRaw(bytes);
  const smaller = deflated !== undefined && deflated.length < bytes.length;
  return { crc: crc32(bytes), size: bytes.length, method: smaller ? 8 : 0, data: smaller ? deflated : bytes };
}

/** Raw DEFLATE (RFC 1951) by the platform, or undefined where it has none. */
async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array | undefined> {
  if (typeof CompressionStream !== 'function' || bytes.length === 0) return undefined;
  let stream: CompressionStream;
  try {
    stream = new CompressionStream('deflate-raw');
  } catch {
    return undefined; // a browser that knows only 'gzip' and 'deflate' (Safari before 16.4)
  }
  const writer = stream.writable.getWriter();
  // WebCrypto-style typings accept ArrayBuffer-backed views only; a SharedArrayBuffer view is copied.
  const chunk = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  void writer.write(chunk).catch(() => {}); // a failure surfaces through the readable side below
  void writer.close().catch(() => {});
  return new Uint8Array(await new Response(stream.readable).arrayBuffer());
}

function assemble(entries: Entry[], { time, date }: { time: number; date: number }): Uint8Array {
  if (entries.length > MAX_ENTRIES) throw new KubeprepError('common.internal', { params: { detail: `zip: ${entries.length} entries` } });
  let offset = 0;
  for (const entry of entries) {
    entry.offset = offset;
    offset += 30 + entry.name.length + entry.data.length;
  }
  const directoryStart = offset;
  const directorySize = entries.reduce((sum, entry) => sum + 46 + entry.name.length, 0);
  const total = directoryStart + directorySize + 22;
  if (total > MAX_BYTES) throw new KubeprepError('common.internal', { params: { detail: `zip: ${total} bytes` } });
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  const u16 = (value: number) => {
    view.setUint16(at, value, true);
    at += 2;
  };
  const u32 = (value: number) => {
    view.setUint32(at, value >>> 0, true);
    at += 4;
  };
  const bytes = (value: Uint8Array) => {
    out.set(value, at);
    at += value.length;
  };
  // The fields both headers share, from "version needed to extract" to "extra field length".
  const shared = (entry: Entry) => {
    u16(VERSION_NEEDED);
    u16(entry.flags);
    u16(entry.method);
    u16(time);
    u16(date);
    u32(entry.crc);
    u32(entry.data.length);
    u32(entry.size);
    u16(entry.name.length);
    u16(0); // extra field length
  };
  for (const entry of entries) {
    u32(0x04034b50); // local file header (4.3.7)
    shared(entry);
    bytes(entry.name);
    bytes(entry.data);
  }
  for (const entry of entries) {
    u32(0x02014b50); // central directory header (4.3.12)
    u16(VERSION_MADE_BY);
    shared(entry);
    u16(0); // comment length
    u16(0); // disk number start
    u16(0); // internal attributes
    u32((entry.mode << 16) | (entry.directory ? 0x10 : 0)); // external: Unix mode, MS-DOS directory bit
    u32(entry.offset);
    bytes(entry.name);
  }
  u32(0x06054b50); // end of central directory (4.3.16)
  u16(0);
  u16(0);
  u16(entries.length);
  u16(entries.length);
  u32(directorySize);
  u32(directoryStart);
  u16(0); // comment length
  return out;
}

/** MS-DOS time and date (2-second resolution, years 1980–2107), from the UTC fields. */
function dosDateTime(when: Date): { time: number; date: number } {
  const year = Math.min(Math.max(when.getUTCFullYear(), 1980), 2107);
  return {
    time: (when.getUTCHours() << 11) | (when.getUTCMinutes() << 5) | (when.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((when.getUTCMonth() + 1) << 5) | when.getUTCDate(),
  };
}

let crcTable: Uint32Array | undefined;

/** CRC-32 as zip uses it (ISO 3309, reflected polynomial 0xEDB88320). */
export function crc32(bytes: Uint8Array): number {
  const table = (crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  }));
  let crc = -1;
  // An index loop: for…of over a Uint8Array runs several times slower until V8 has optimised it.
  for (let i = 0, n = bytes.length; i < n; i++) crc = table[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
