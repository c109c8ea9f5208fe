// What the page was given, as inventory sources: chosen files (a folder chosen with webkitdirectory keeps
// each file's path in webkitRelativePath), and dropped items, whose folders are walked through the
// File and Directory Entries API (DataTransferItem.webkitGetAsEntry: https://wicg.github.io/entries-api/).
// Files are read only when the inventory asks (it checks sizes first).
import type { SourceEntry } from '../../lib/inventory';

/** A File as a source. Its size is not read up front: for files from an input, that is a synchronous disk look each. */
export function fileSource(file: File, path = file.webkitRelativePath || file.name): SourceEntry {
  return { path, measure: () => file.size, stream: () => file.stream() as ReadableStream<Uint8Array> };
}

export function chosenFiles(files: FileList | readonly File[] | null): SourceEntry[] {
  return Array.from(files ?? []).map((file) => fileSource(file));
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** A folder's entries: readEntries hands them out in batches until it returns none. */
async function* folderEntries(folder: FileSystemDirectoryEntry): AsyncGenerator<FileSystemEntry> {
  const reader = folder.createReader();
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return;
    yield* batch;
  }
}

async function* walk(entry: FileSystemEntry): AsyncGenerator<SourceEntry> {
  if (entry.isDirectory) {
    for await (const child of folderEntries(entry as FileSystemDirectoryEntry)) yield* walk(child);
  } else if (entry.isFile) {
    yield fileSource(await entryFile(entry as FileSystemFileEntry), entry.fullPath.replace(/^\/+/, ''));
  }
}

/**
 * The sources of a drop. The entries must be taken while the drop event runs (the DataTransfer is
 * emptied after it), so this is called from the handler and walked afterwards.
 */
export function droppedSources(transfer: DataTransfer | null): AsyncIterable<SourceEntry> {
  const items = Array.from(transfer?.items ?? []).filter((item) => item.kind === 'file');
  const taken = items.map((item) => ({ entry: item.webkitGetAsEntry?.() ?? null, file: item.getAsFile() }));
  const files = items.length === 0 ? Array.from(transfer?.files ?? []) : [];
  return (async function* () {
    for (const { entry, file } of taken) {
      if (entry) yield* walk(entry);
      else if (file) yield fileSource(file);
    }
    for (const file of files) yield fileSource(file);
  })();
}
