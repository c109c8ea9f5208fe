// The little YAML the bundle writes (kubeconfigs, kubeadm configurations, manifests). A scalar is plain
// only when no YAML 1.1 or 1.2 parser can read it as anything but that string (an identifier, a path,
// a URL); everything else is a JSON string, which is also a valid YAML double-quoted scalar: no
// `yes`/`no`/`1e3`/`: ` surprises whatever a node name or group contains.
export function quote(value: string): string {
  return JSON.stringify(value);
}

/** Base64 of ASCII/UTF-8 text, in browsers and Node alike (no Buffer). */
export function base64Text(text: string): string {
  return base64Bytes(new TextEncoder().encode(text));
}

export function base64Bytes(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Joins YAML documents with `---` and a trailing newline. */
export function yamlDocuments(documents: string[]): string {
  return documents.map((d) => d.trimEnd()).join('\n---\n') + '\n';
}

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue | undefined };

/** Keys we write ourselves are plain; anything else is quoted like a scalar. */
function yamlKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.\-/]*$/.test(key) ? key : quote(key);
}

/** YAML 1.1 words a plain scalar would turn into a boolean or null (Go's yaml.v2 reads 1.1). */
const RESERVED = /^(y|yes|n|no|true|false|on|off|null|~)$/i;
/** Plain scalars we can leave unquoted: identifiers, paths, URLs; nothing a parser could read as a number. */
const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./@+=-]*(:[A-Za-z0-9_./@+=-]+)*$|^[A-Za-z][A-Za-z0-9+.-]*:\/\/[A-Za-z0-9_./:@+=\[\]-]+$/;

function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  return PLAIN.test(value) && !RESERVED.test(value) ? value : quote(value);
}

/** A multi-line string as a literal block (`|`), the way kubeconfigs appear inside a ConfigMap. */
function literalBlock(value: string, indent: string): string[] | null {
  if (!value.includes('\n') || /^\s/.test(value) || /[^\S\n]$|[\r\t]/m.test(value)) return null;
  const body = value.endsWith('\n') ? value.slice(0, -1) : value;
  return [value.endsWith('\n') ? '|' : '|-', ...body.split('\n').map((line) => (line === '' ? '' : `${indent}  ${line}`))];
}

function isEmpty(value: YamlValue): boolean {
  return (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => v === undefined));
}

function emptyText(value: YamlValue): string {
  return Array.isArray(value) ? '[]' : '{}';
}

function lines(value: YamlValue, indent: string): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (typeof item !== 'object' || item === null || isEmpty(item)) return [`${indent}- ${typeof item === 'object' && item !== null ? emptyText(item) : scalar(item)}`];
      const [first, ...rest] = lines(item, `${indent}  `);
      return [`${indent}- ${first!.slice(indent.length + 2)}`, ...rest];
    });
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => {
      if (item === undefined) return [];
      if (typeof item === 'string') {
        const block = literalBlock(item, indent);
        if (block) return [`${indent}${yamlKey(key)}: ${block[0]}`, ...block.slice(1)];
      }
      if (typeof item !== 'object' || item === null) return [`${indent}${yamlKey(key)}: ${scalar(item)}`];
      if (isEmpty(item)) return [`${indent}${yamlKey(key)}: ${emptyText(item)}`];
      return [`${indent}${yamlKey(key)}:`, ...lines(item, Array.isArray(item) ? indent : `${indent}  `)];
    });
  }
  return [`${indent}${scalar(value)}`];
}

/** One YAML document for a tree of objects, lists and scalars (block style; undefined keys left out). */
export function toYaml(value: YamlValue): string {
  return `${lines(value, '').join('\n')}\n`;
}
