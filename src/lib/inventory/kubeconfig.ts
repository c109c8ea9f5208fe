// The certificates and keys a kubeconfig embeds (client-go's clientcmd v1 Config: clusters[].cluster.
// certificate-authority-data, users[].user.client-certificate-data / client-key-data, base64 of PEM;
// k8s.io/client-go/tools/clientcmd/api/v1/types.go), found where they are written so a renewal can put
// new ones in the same places and leave every other byte of the file as it was. This is not a YAML
// parser: kubectl, kubeadm and the cfssl guides all write these fields as `key: base64` on one line (or
// as JSON `"key": "base64"`), which is what is recognised.

export type KubeconfigField = 'certificate-authority-data' | 'client-certificate-data' | 'client-key-data';

export interface KubeconfigValue {
  field: KubeconfigField;
  /** Offsets of the base64 value in the text (for replacing it). */
  start: number;
  end: number;
  /** The decoded value (PEM text, as kubectl expects). */
  text: string;
  /** The `name` of the users[] or clusters[] entry it belongs to, when found. */
  owner: string;
}

export interface KubeconfigFacts {
  values: KubeconfigValue[];
  /** Users that authenticate by token (bootstrap kubeconfigs) or by files named, not embedded. */
  tokenUsers: number;
  fileReferences: string[];
}

const FIELD = /^([ \t]*(?:-[ \t]+)?)(["']?)(certificate-authority-data|client-certificate-data|client-key-data)\2[ \t]*:[ \t]*(["']?)([A-Za-z0-9+/=]+)\4/gm;
const FILE_FIELD = /^[ \t]*(?:-[ \t]+)?["']?(?:client-certificate|client-key|certificate-authority)["']?[ \t]*:[ \t]*["']?([^"'\s,]+)/gm;

/** Whether text is a kubeconfig (kind: Config, or the fields only kubeconfigs have). */
export function isKubeconfig(text: string): boolean {
  return /^["']?kind["']?\s*:\s*["']?Config\b/m.test(text) || /^\s*["']?(clusters|users)["']?\s*:/m.test(text) && /(certificate-authority|client-certificate|client-key|token)(-data)?["']?\s*:/.test(text);
}

function decodeBase64Text(value: string): string | null {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(value), (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** The `name:` of the list item (users[] or clusters[]) that holds the line at `offset`. */
function ownerName(lines: readonly string[], lineIndex: number): string {
  const indentOf = (line: string) => line.length - line.trimStart().length;
  const indent = indentOf(lines[lineIndex]!);
  let start = lineIndex;
  while (start >= 0 && !(/^[ \t]*-[ \t]/.test(lines[start]!) && indentOf(lines[start]!) < indent)) start--;
  if (start < 0) return '';
  const itemIndent = indentOf(lines[start]!);
  for (let i = start; i < lines.length; i++) {
    if (i > start && /\S/.test(lines[i]!) && indentOf(lines[i]!) <= itemIndent) break; // the next item
    const name = /^[ \t]*(?:-[ \t]+)?["']?name["']?[ \t]*:[ \t]*["']?([^"'\n]*?)["']?[ \t]*,?$/.exec(lines[i]!);
    if (name && indentOf(lines[i]!.replace(/-/, ' ')) <= itemIndent + 2) return name[1]!;
  }
  return '';
}

export function readKubeconfig(text: string): KubeconfigFacts {
  const values: KubeconfigValue[] = [];
  const lines = text.split('\n');
  const lineStarts: number[] = [];
  lines.reduce((at, line) => (lineStarts.push(at), at + line.length + 1), 0);
  FIELD.lastIndex = 0;
  for (let match = FIELD.exec(text); match; match = FIELD.exec(text)) {
    const decoded = decodeBase64Text(match[5]!);
    if (decoded === null) continue;
    const start = match.index + match[0].length - match[5]!.length - match[4]!.length;
    let line = lineStarts.length - 1;
    while (lineStarts[line]! > match.index) line--;
    values.push({ field: match[3] as KubeconfigField, start, end: start + match[5]!.length, text: decoded, owner: ownerName(lines, line) });
  }
  const fileReferences: string[] = [];
  FILE_FIELD.lastIndex = 0;
  for (let match = FILE_FIELD.exec(text); match; match = FILE_FIELD.exec(text)) fileReferences.push(match[1]!);
  const tokenUsers = (text.match(/^[ \t]*["']?token["']?[ \t]*:/gm) ?? []).length;
  return { values, tokenUsers, fileReferences };
}

function base64OfText(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The kubeconfig with some values replaced (by their offsets), every other byte unchanged. */
export function replaceKubeconfigValues(text: string, replacements: readonly { start: number; end: number; text: string }[]): string {
  let out = text;
  for (const r of [...replacements].sort((a, b) => b.start - a.start)) out = out.slice(0, r.start) + base64OfText(r.text) + out.slice(r.end);
  return out;
}
