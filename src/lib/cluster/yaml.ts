// The little YAML the bundle writes (kubeconfigs, a Secret, ClusterRoleBindings). Every scalar we did
// not type ourselves is emitted as a JSON string, which is also a valid YAML 1.1/1.2 double-quoted
// scalar: no `yes`/`no`/`1e3`/`:` surprises whatever a node name or group contains.
export function quote(value: string): string {
  return JSON.stringify(value);
}

/** Base64 of ASCII/UTF-8 text, in browsers and Node alike (no Buffer). */
export function base64Text(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Joins YAML documents with `---` and a trailing newline. */
export function yamlDocuments(documents: string[]): string {
  return documents.map((d) => d.trimEnd()).join('\n---\n') + '\n';
}
