// Reading a user's file as text, with the size checked BEFORE reading (a 50 MB file dropped on a PEM
// slot must not freeze the tab) and a clear error instead.
import { KubeprepError } from '../../lib/errors';

/** Certificates, keys and cfssl JSON files are a few kilobytes; 1 MiB leaves room for long chains. */
const MAX_TEXT_FILE_BYTES = 1024 * 1024;

export async function readTextFile(file: File, limit = MAX_TEXT_FILE_BYTES): Promise<string> {
  if (file.size > limit) {
    throw new KubeprepError('common.file-too-large', {
      field: file.name,
      params: { file: file.name, size: formatBytes(file.size), limit: formatBytes(limit) },
    });
  }
  return file.text();
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The files of a drop event, or [] for a text drag. */
export function droppedFiles(event: DragEvent): File[] {
  return Array.from(event.dataTransfer?.files ?? []);
}
