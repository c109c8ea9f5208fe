// Private keys never reach storage (README "Secrets"): anything that looks like a PEM private key block
// is cut out of text before it is persisted.
const PRIVATE_KEY_BLOCK = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----[\s\S]*?(-----END \1-----\n?|$)/g;

export function containsPrivateKey(text: string): boolean {
  return /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(text);
}

/** TEXT with every private key block (also an unterminated one) removed. */
export function withoutPrivateKeys(text: string): string {
  return text.replace(PRIVATE_KEY_BLOCK, '');
}
