// Paths as archives and folders give them, made safe to write into a zip again: forward slashes, no
// empty or `.` components. An absolute path or one that climbs out with `..` is refused, not repaired:
// written into the renewal zip it would land outside the folder it is unpacked in ("zip slip").

/** The normalised path, or null when it is absolute or leaves its folder. */
export function safeRelativePath(raw: string): string | null {
  const slashed = raw.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:\//.test(slashed)) return null;
  const parts: string[] = [];
  for (const part of slashed.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return null;
    parts.push(part);
  }
  return parts.length > 0 ? parts.join('/') : null;
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function dirName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function isArchiveName(name: string): 'zip' | 'tar' | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.zip')) return 'zip';
  if (/\.(tar|tgz|tar\.gz|taz)$/.test(lower)) return 'tar';
  return null;
}
