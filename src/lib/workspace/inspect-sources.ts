// Which file each pasted PEM block came from: files added to the Inspect screen are written after a
// `# <file name>` line (src/lib/inventory/inspect-text.ts), so two certificates with the same subject
// (etcd/server.crt and etcd/peer.crt, both CN = cp1) are told apart by their file.

/** For each PEM block of `text`, in order, the `# <file>` line before it ('' when there is none). */
export function pemBlockSources(text: string): string[] {
  const sources: string[] = [];
  let current = '';
  for (const match of text.matchAll(/^# (.+)$|-----BEGIN ([^-\r\n]*)-----/gm)) {
    if (match[1] !== undefined) current = match[1].trim();
    else sources.push(current);
  }
  return sources;
}
