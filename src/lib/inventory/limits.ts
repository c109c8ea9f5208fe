// The bounds that keep reading a dropped folder or archive from freezing the page or filling memory.
// Certificates, keys and kubeconfigs are a few kilobytes: anything much larger is not one of them and is
// skipped unread, with a message.

export interface InventoryLimits {
  /** A file larger than this is not read (the largest kubeconfig with a long chain is ~20 KiB). */
  maxFileBytes: number;
  /** A zip is read whole by JSZip: larger ones are refused. */
  maxZipBytes: number;
  /** Bytes a tar stream may unpack before reading stops (a gzip bomb stops here). */
  maxArchiveBytes: number;
  /** Entries considered across all inputs; the rest are reported as one problem. */
  maxEntries: number;
  /** Bytes of files kept in memory in total. */
  maxKeptBytes: number;
}

export const DEFAULT_LIMITS: InventoryLimits = {
  maxFileBytes: 1024 * 1024,
  maxZipBytes: 64 * 1024 * 1024,
  maxArchiveBytes: 1024 * 1024 * 1024,
  maxEntries: 20_000,
  maxKeptBytes: 64 * 1024 * 1024,
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
