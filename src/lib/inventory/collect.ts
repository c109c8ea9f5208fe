// From what the user chose or dropped (files, folders, .zip, .tar, .tar.gz) to the list of small files
// worth reading, each with its path, and one problem per entry that was skipped and why. The same code
// serves the page (File objects) and the command line (files on disk): both hand over SourceEntry values.
// Nothing here blocks for long: archives are read as streams, a pause is taken every few entries so the
// page keeps painting, and every size is checked before the bytes are read.
import JSZip from 'jszip';
import { DEFAULT_LIMITS, formatBytes, type InventoryLimits } from './limits';
import { isArchiveName, safeRelativePath } from './paths';
import { problem, type InventoryProblem } from './problems';
import { readTar, TarFormatError, TarLimitError } from './tar';

/** One file as the page or the command line found it. */
export interface SourceEntry {
  /** Its path relative to what was chosen ("pki/etcd/ca.crt"), or its name. */
  path: string;
  size: number;
  /** Unix permission bits, when known. */
  mode?: number;
  /** A symbolic link or a device found while walking a folder (its target is not followed). */
  kind?: 'file' | 'symlink' | 'other';
  bytes(): Promise<Uint8Array>;
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

/** The first bytes of a stream (to recognise gzip, zip and tar by their magic numbers). */
async function head(entry: SourceEntry, n = 512): Promise<Uint8Array> {
  const reader = entry.stream().getReader();
  const parts: Uint8Array[] = [];
  let length = 0;
  try {
    while (length < n) {
      const { value, done } = await reader.read();
      if (done) break;
      parts.push(value);
      length += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const out = new Uint8Array(Math.min(length, n));
  let at = 0;
  for (const part of parts) {
    const take = Math.min(part.length, out.length - at);
    out.set(part.subarray(0, take), at);
    at += take;
    if (at === out.length) break;
  }
  return out;
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

function corruption(error: unknown, gzip: boolean): string {
  if (error instanceof TarFormatError) return error.message;
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

async function readZipSource(collector: Collector, entry: SourceEntry): Promise<void> {
  if (entry.size > collector.limits.maxZipBytes) {
    collector.problems.push(problem(entry.path, 'inventory.archive-too-large', { limit: formatBytes(collector.limits.maxZipBytes) }));
    return;
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(await entry.bytes());
  } catch (error) {
    collector.problems.push(problem(entry.path, 'inventory.corrupt-archive', { detail: error instanceof Error ? error.message : String(error) }));
    return;
  }
  for (const member of Object.values(zip.files) as ZipMember[]) {
    if (!(await collector.count(member.name))) break;
    if (member.dir) continue;
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

async function readSource(collector: Collector, entry: SourceEntry): Promise<void> {
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
  const small = entry.size <= collector.limits.maxFileBytes;
  const bytes = small ? await entry.bytes() : undefined;
  const source = bytes ? memorySource(entry.path, bytes, entry.mode) : entry;
  const kind = archiveKind(entry.path, bytes ? bytes.subarray(0, 512) : await head(entry));
  if (kind === 'zip') return readZipSource(collector, source);
  if (kind === 'tar' || kind === 'gzip') return readTarSource(collector, source, kind === 'gzip');
  if (!bytes) return collector.tooLarge(entry.path, entry.size);
  collector.keep(entry.path, bytes, entry.mode);
}

/** Reads every source: folders' files as they are, archives opened (one level), the rest skipped with a reason. */
export async function collectFiles(sources: Iterable<SourceEntry> | AsyncIterable<SourceEntry>, options: CollectOptions = {}): Promise<CollectedFiles> {
  const collector = new Collector({ ...DEFAULT_LIMITS, ...options.limits }, options);
  for await (const entry of sources) {
    if (collector.full) break;
    await readSource(collector, entry);
  }
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
