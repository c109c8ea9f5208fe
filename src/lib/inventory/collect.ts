// From what the user chose or dropped (files, folders, .zip, .tar, .tar.gz) to the list of small files
// worth reading, each with its path, and one problem per entry that was skipped and why. The same code
// serves the page (File objects) and the command line (files on disk): both hand over SourceEntry values.
// Nothing here blocks for long: archives are read as streams, a pause is taken every few entries so the
// page keeps painting, and every size is checked before the bytes are read.
import type JSZip from 'jszip';
import { DEFAULT_LIMITS, formatBytes, type InventoryLimits } from './limits';
import { isArchiveName, safeRelativePath } from './paths';
import { problem, type InventoryProblem } from './problems';
import { readTar, TarFormatError, TarLimitError } from './tar';
import type { MessageRef } from '../i18n/params';
import { KubeprepError } from '../errors';

/** One file as the page or the command line found it. */
export interface SourceEntry {
  /** Its path relative to what was chosen ("pki/etcd/ca.crt"), or its name. */
  path: string;
  /**
   * Its size, when known for free (files on disk, bytes in memory). A browser File from a file input
   * learns its size by a synchronous look at the disk (2.4 s for 5,000 files in Chromium), so it leaves
   * this out: the reader then reads at most one byte over the limit instead.
   */
  size?: number;
  /** The size at any cost, for the message about a file too large. */
  measure?(): number;
  /** Unix permission bits, when known. */
  mode?: number;
  /** A symbolic link or a device found while walking a folder (its target is not followed). */
  kind?: 'file' | 'symlink' | 'other';
  /** The whole content (used when the size is known and small). */
  bytes?(): Promise<Uint8Array>;
  stream(): ReadableStream<Uint8Array>;
}

export interface InventoryFile {
  path: string;
  bytes: Uint8Array;
  mode?: number;
}

export interface CollectedFiles {
  files: InventoryFile[];
  problems: InventoryProblem[];
  /** Entries looked at (files in folders and archives). */
  entries: number;
}

export interface CollectOptions {
  limits?: Partial<InventoryLimits>;
  /** Called now and then with the number of entries seen. */
  onProgress?: (entries: number) => void;
  /** Lets the caller's event loop run (the page paints, the CLI needs none); a 0 ms timer by default. */
  pause?: () => Promise<void>;
}

const PAUSE_EVERY = 64;

class Collector {
  readonly files = new Map<string, InventoryFile>();
  readonly problems: InventoryProblem[] = [];
  entries = 0;
  kept = 0;
  full = false;

  constructor(
    readonly limits: InventoryLimits,
    private readonly options: CollectOptions,
  ) {}

  /** Counts one entry; false once the entry limit is reached (reported once). */
  async count(path: string): Promise<boolean> {
    if (this.full) return false;
    if (this.entries >= this.limits.maxEntries) {
      this.full = true;
      this.problems.push(problem(path, 'inventory.too-many-files', { limit: this.limits.maxEntries }));
      return false;
    }
    this.entries++;
    if (this.entries % PAUSE_EVERY === 0) {
      this.options.onProgress?.(this.entries);
      await (this.options.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0))))();
    }
    return true;
  }

  keep(raw: string, bytes: Uint8Array, mode?: number): void {
    const path = safeRelativePath(raw);
    if (path === null) {
      this.problems.push(problem(raw, 'inventory.unsafe-path'));
      return;
    }
    if (this.kept + bytes.length > this.limits.maxKeptBytes) {
      this.problems.push(problem(path, 'inventory.too-many-files', { limit: this.limits.maxEntries }));
      this.full = true;
      return;
    }
    const previous = this.files.get(path);
    if (previous && !sameBytes(previous.bytes, bytes)) this.problems.push(problem(path, 'inventory.duplicate-path'));
    if (previous) this.kept -= previous.bytes.length;
    this.kept += bytes.length;
    this.files.set(path, mode === undefined ? { path, bytes } : { path, bytes, mode });
  }

  tooLarge(path: string, size: number): void {
    this.problems.push(problem(path, 'inventory.file-too-large', { size: formatBytes(size), limit: formatBytes(this.limits.maxFileBytes) }));
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What reading a source up to a limit found: all of it, or (over the limit) its first bytes only. */
interface Read {
  bytes?: Uint8Array;
  head: Uint8Array;
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    const take = Math.min(part.length, length - at);
    out.set(part.subarray(0, take), at);
    at += take;
    if (at === length) break;
  }
  return out;
}

/** The content if it is at most `limit` bytes, else its first 512 bytes; never more than limit + 1 read. */
async function readUpTo(entry: SourceEntry, limit: number): Promise<Read> {
  if (entry.size !== undefined && entry.size <= limit && entry.bytes) {
    const bytes = await entry.bytes();
    return { bytes, head: bytes.subarray(0, 512) };
  }
  if (entry.size !== undefined && entry.size > limit) return { head: await readUpTo({ path: entry.path, stream: () => entry.stream() }, 512).then((r) => r.bytes ?? r.head) };
  const reader = entry.stream().getReader();
  const parts: Uint8Array[] = [];
  let length = 0;
  try {
    while (length <= limit) {
      const { value, done } = await reader.read();
      if (done) return { bytes: concat(parts, length), head: concat(parts, Math.min(length, 512)) };
      parts.push(value);
      length += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return { head: concat(parts, Math.min(length, 512)) };
}

function archiveKind(name: string, first: Uint8Array): 'zip' | 'tar' | 'gzip' | null {
  if (first[0] === 0x1f && first[1] === 0x8b) return 'gzip';
  if (first[0] === 0x50 && first[1] === 0x4b && (first[2] === 3 || first[2] === 5)) return 'zip';
  if (first.length >= 262 && new TextDecoder().decode(first.subarray(257, 262)) === 'ustar') return 'tar';
  return isArchiveName(name);
}

async function readTarSource(collector: Collector, entry: SourceEntry, gzip: boolean): Promise<void> {
  const stream = gzip ? entry.stream().pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>) : entry.stream();
  try {
    for await (const member of readTar(stream, collector.limits)) {
      if (!(await collector.count(member.path))) break;
      if (member.type === 'directory') continue;
      if (member.type === 'symlink' || member.type === 'hardlink') collector.problems.push(problem(member.path, 'inventory.link-skipped', { target: member.linkName }));
      else if (member.type === 'other') collector.problems.push(problem(member.path, 'inventory.not-a-file'));
      else if (!member.bytes) collector.tooLarge(member.path, member.size);
      else if (isArchiveName(member.path)) collector.problems.push(problem(member.path, 'inventory.nested-archive'));
      else collector.keep(member.path, member.bytes, member.mode);
    }
  } catch (error) {
    if (error instanceof TarLimitError) collector.problems.push(problem(entry.path, 'inventory.archive-too-large', { limit: formatBytes(collector.limits.maxArchiveBytes) }));
    else collector.problems.push(problem(entry.path, 'inventory.corrupt-archive', { detail: corruption(error, gzip) }));
  }
}

function corruption(error: unknown, gzip: boolean): MessageRef | string {
  if (error instanceof TarFormatError) return error.ref;
  // DecompressionStream rejects with a TypeError whose text differs per browser; the cause is the gzip data.
  return gzip ? `gzip: ${error instanceof Error ? error.message : String(error)}` : String(error);
}

// JSZip keeps the central directory's sizes and can stream a member; neither is in its typings.
type ZipMember = JSZip.JSZipObject & {
  _data?: { uncompressedSize?: number };
  internalStream(type: 'uint8array'): JSZip.JSZipStreamHelper<Uint8Array>;
};

/** One zip member's bytes, refused past `max` while inflating (a small zip can inflate to gigabytes). */
function inflate(member: ZipMember, max: number): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const parts: Uint8Array[] = [];
    let length = 0;
    const helper = member.internalStream('uint8array');
    helper
      .on('data', (chunk: Uint8Array) => {
        length += chunk.length;
        if (length > max) {
          helper.pause();
          resolve(null);
        } else parts.push(chunk);
      })
      .on('error', reject)
      .on('end', () => {
        const out = new Uint8Array(length);
        let at = 0;
        for (const part of parts) {
          out.set(part, at);
          at += part.length;
        }
        resolve(out);
      })
      .resume();
  });
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

async function readZipSource(collector: Collector, entry: SourceEntry, bytes?: Uint8Array): Promise<void> {
  const whole = bytes ?? (await readUpTo(entry, collector.limits.maxZipBytes)).bytes;
  if (!whole) {
    collector.problems.push(problem(entry.path, 'inventory.archive-too-large', { limit: formatBytes(collector.limits.maxZipBytes) }));
    return;
  }
  // Fetched when the first zip is opened: JSZip is not part of the engine chunk.
  const { default: JSZipReader } = await import('jszip').catch((cause: unknown) => {
    throw new KubeprepError('common.engine-unavailable', { cause });
  });
  let zip: JSZip;
  try {
    zip = await JSZipReader.loadAsync(whole);
  } catch (error) {
    collector.problems.push(problem(entry.path, 'inventory.corrupt-archive', { detail: error instanceof Error ? error.message : String(error) }));
    return;
  }
  for (const member of Object.values(zip.files) as ZipMember[]) {
    if (!(await collector.count(member.name))) break;
    if (member.dir) continue;
    // JSZip cleans `../` out of names it loads and keeps the name as written: that one is judged.
    if (member.unsafeOriginalName !== undefined && safeRelativePath(member.unsafeOriginalName) === null) {
      collector.problems.push(problem(member.unsafeOriginalName, 'inventory.unsafe-path'));
      continue;
    }
    const mode = typeof member.unixPermissions === 'number' ? member.unixPermissions : undefined;
    if (mode !== undefined && (mode & S_IFMT) === S_IFLNK) {
      collector.problems.push(problem(member.name, 'inventory.link-skipped', { target: '' }));
      continue;
    }
    const declared = member._data?.uncompressedSize ?? 0;
    if (declared > collector.limits.maxFileBytes) {
      collector.tooLarge(member.name, declared);
      continue;
    }
    if (isArchiveName(member.name)) {
      collector.problems.push(problem(member.name, 'inventory.nested-archive'));
      continue;
    }
    try {
      const bytes = await inflate(member, collector.limits.maxFileBytes);
      if (bytes) collector.keep(member.name, bytes, mode === undefined ? undefined : mode & 0o7777);
      else collector.tooLarge(member.name, collector.limits.maxFileBytes + 1);
    } catch (error) {
      collector.problems.push(problem(member.name, 'inventory.corrupt-archive', { detail: error instanceof Error ? error.message : String(error) }));
    }
  }
}

async function readSource(collector: Collector, entry: SourceEntry, prefetched?: Promise<Read>): Promise<void> {
  if (!(await collector.count(entry.path))) return;
  if (entry.kind === 'symlink') {
    collector.problems.push(problem(entry.path, 'inventory.link-skipped', { target: '' }));
    return;
  }
  if (entry.kind === 'other') {
    collector.problems.push(problem(entry.path, 'inventory.not-a-file'));
    return;
  }
  // A small file is read once and recognised from its bytes; a large one only by its first bytes.
  const read = await (prefetched ?? readUpTo(entry, collector.limits.maxFileBytes));
  const source = read.bytes ? memorySource(entry.path, read.bytes, entry.mode) : entry;
  const kind = archiveKind(entry.path, read.head);
  if (kind === 'zip') return readZipSource(collector, source, read.bytes);
  if (kind === 'tar' || kind === 'gzip') return readTarSource(collector, source, kind === 'gzip');
  if (!read.bytes) return collector.tooLarge(entry.path, entry.size ?? entry.measure?.() ?? collector.limits.maxFileBytes + 1);
  collector.keep(entry.path, read.bytes, entry.mode);
}

/** Reads every source: folders' files as they are, archives opened (one level), the rest skipped with a reason. */
/** Small files read ahead of their turn: a browser reads each File over IPC, one at a time is slow. */
const READ_AHEAD = 32;

export async function collectFiles(sources: Iterable<SourceEntry> | AsyncIterable<SourceEntry>, options: CollectOptions = {}): Promise<CollectedFiles> {
  const collector = new Collector({ ...DEFAULT_LIMITS, ...options.limits }, options);
  const queue: { entry: SourceEntry; read?: Promise<Read> }[] = [];
  const next = async () => {
    const { entry, read } = queue.shift()!;
    await readSource(collector, entry, read);
  };
  for await (const entry of sources) {
    if (collector.full) break;
    const regular = entry.kind === undefined || entry.kind === 'file';
    const read = regular ? readUpTo(entry, collector.limits.maxFileBytes) : undefined;
    read?.catch(() => undefined); // a failure is met when its turn comes; none is left unhandled
    queue.push(read ? { entry, read } : { entry });
    if (queue.length >= READ_AHEAD) await next();
  }
  while (queue.length > 0 && !collector.full) await next();
  options.onProgress?.(collector.entries);
  const files = [...collector.files.values()].sort((a, b) => a.path.localeCompare(b.path));
  return { files, problems: collector.problems, entries: collector.entries };
}

/** A source for bytes already in memory (tests, the CLI's single files, a zip inside the page). */
export function memorySource(path: string, bytes: Uint8Array, mode?: number): SourceEntry {
  return {
    path,
    size: bytes.length,
    ...(mode === undefined ? {} : { mode }),
    bytes: async () => bytes,
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          // In 64 KiB chunks, as a file stream would arrive.
          for (let i = 0; i < bytes.length; i += 65536) controller.enqueue(bytes.subarray(i, i + 65536));
          controller.close();
        },
      }),
  };
}
