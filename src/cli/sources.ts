// Files on disk as inventory sources: a folder walked recursively (links and devices reported, not
// followed), or one file (a .zip, a .tar[.gz], a certificate, a kubeconfig). Paths are relative to the
// folder given, so `check-expiration /etc/kubernetes` reports pki/ca.crt, admin.conf...
import { createReadStream } from 'node:fs';
import { lstat, opendir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { SourceEntry } from '../lib/inventory';

function diskEntry(path: string, name: string, size: number, kind: SourceEntry['kind'], mode: number): SourceEntry {
  return {
    path: name.split(sep).join('/'),
    size,
    mode: mode & 0o7777,
    kind,
    bytes: async () => new Uint8Array(await readFile(path)),
    stream: () => Readable.toWeb(createReadStream(path)) as unknown as ReadableStream<Uint8Array>,
  };
}

async function* walk(root: string, dir: string): AsyncGenerator<SourceEntry> {
  const entries = [];
  for await (const entry of await opendir(dir)) entries.push(entry);
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      yield* walk(root, path);
      continue;
    }
    const stats = await lstat(path);
    const kind = entry.isSymbolicLink() ? 'symlink' : entry.isFile() ? 'file' : 'other';
    yield diskEntry(path, relative(root, path), stats.size, kind, stats.mode);
  }
}

/** The sources for one command-line argument: a folder's files, or the file itself. */
export async function* diskSources(path: string): AsyncGenerator<SourceEntry> {
  const stats = await stat(path); // the folder named may itself be a link (/etc/kubernetes -> ...)
  if (stats.isDirectory()) yield* walk(path, path);
  else yield diskEntry(path, basename(path), stats.size, stats.isFile() ? 'file' : 'other', stats.mode);
}
