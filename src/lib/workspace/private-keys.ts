// Private keys never reach storage (README "Secrets"). This module is the one filter every persisted
// input goes through (src/ui/common/storage.ts applies it to every write): it removes, from text or from
// any JSON value, everything that is or carries private key material:
// - PEM blocks whose label mentions a private key, in any case and spelling: `RSA PRIVATE KEY`,
//   `EC PRIVATE KEY`, `PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`, `Ed25519 PRIVATE KEY` (cfssl 1.6),
//   `OPENSSH PRIVATE KEY`, `PGP PRIVATE KEY BLOCK`..., with their `Proc-Type`/`DEK-Info` headers, also
//   when the END line is missing;
// - base64 without armour that decodes to a private key: DER (PKCS#1, SEC1, PKCS#8 and PKCS#12 start
//   with a SEQUENCE whose first element is a small version INTEGER, RFC 8017 A.1.2, RFC 5915 §3,
//   RFC 5958 §2, RFC 7292 §4; encrypted PKCS#8 starts with a PKCS#5/#12 algorithm identifier,
//   RFC 5958 §3), an OpenSSH key, or a base64-wrapped PEM private key (a kubeconfig's `client-key-data`,
//   a Secret's `tls.key`);
// - the private members of a JSON Web Key (`d`, `p`, `q`, `dp`, `dq`, `qi`, `k`; RFC 7518 §6).
// It errs on the side of removing: a false positive only means that text is not kept across a reload.

// A label never holds a dash, so each line's label is matched without backtracking across lines; a
// missing END line ends the block at the end of the text.
const PEM_PRIVATE_BLOCK =
  /-{3,}[ \t]*BEGIN [^\r\n-]*PRIVATE[^\r\n-]*-{3,}[\s\S]*?(?:-{3,}[ \t]*END [^\r\n-]*PRIVATE[^\r\n-]*-{3,}(?:\r?\n|\\n)?|$)/gi;

/** A run of base64 (line breaks and indentation allowed inside) long enough to hold a key. */
const BASE64_RUN = /(?<![A-Za-z0-9+/])(?:[A-Za-z0-9+/]{4}[ \t]*(?:\r?\n[ \t]*)?){12,}[A-Za-z0-9+/]{0,3}=?=?/g;

/** JSON Web Key members that hold private or secret key material. */
const JWK_PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'] as const;
const JWK_PRIVATE_MEMBER_TEXT = /("(?:d|p|q|dp|dq|qi|k)"\s*:\s*)"[^"]*"/g;

const PKCS5_OID_PREFIX = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05]; // 1.2.840.113549.1.5
const PKCS12_PBE_OID_PREFIX = [0x06, 0x0a, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01]; // 1.2.840.113549.1.12.1
const OPENSSH_MAGIC = 'openssh-key-v1\0';

/** TEXT with every private key it holds removed (see the module comment for what counts). */
export function withoutPrivateKeys(text: string): string {
  let result = text.replace(PEM_PRIVATE_BLOCK, '');
  result = result.replace(BASE64_RUN, withoutPrivateKeyInRun);
  if (/"kty"\s*:/.test(result)) result = result.replace(JWK_PRIVATE_MEMBER_TEXT, '$1""');
  return result;
}

export function containsPrivateKey(text: string): boolean {
  return withoutPrivateKeys(text) !== text;
}

/**
 * VALUE (anything JSON can hold) with private keys removed from every string in it and the private
 * members dropped from every object that is a JSON Web Key. Returns a new value; VALUE is not changed.
 */
export function withoutPrivateKeysIn<T>(value: T): T {
  return strip(value) as T;
}

/**
 * What storage may keep of TEXT: JSON is filtered value by value (so a key inside a JSON string is
 * recognised whatever its escaping), anything else as text.
 */
export function storableText(text: string): string {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"')) {
    try {
      return JSON.stringify(strip(JSON.parse(text) as unknown));
    } catch {
      /* not JSON after all: filter it as text */
    }
  }
  return withoutPrivateKeys(text);
}

function strip(value: unknown): unknown {
  if (typeof value === 'string') return withoutPrivateKeys(value);
  if (Array.isArray(value)) return value.map(strip);
  if (value !== null && typeof value === 'object') {
    const isJwk = Object.prototype.hasOwnProperty.call(value, 'kty');
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      if (isJwk && (JWK_PRIVATE_MEMBERS as readonly string[]).includes(key)) continue;
      Object.defineProperty(out, key, { value: strip(member), enumerable: true, writable: true, configurable: true }); // `__proto__` stays data
    }
    return out;
  }
  return value;
}

/**
 * RUN without the private key it holds. A key starts a line, but the run may start earlier: a word of
 * base64 letters on the line before (`keys`, `++++`) joins it and shifts the key's base64 out of step,
 * so each line start inside the run is tried too (on a short slice first, so a long run stays linear).
 */
function withoutPrivateKeyInRun(run: string): string {
  const stripped = withoutLeadingPrivateKey(run);
  if (stripped !== run) return stripped;
  for (const line of run.matchAll(/\n[ \t]*/g)) {
    const at = line.index + line[0].length;
    const probe = run.slice(at, at + 256);
    if (probe.length < 12 || withoutLeadingPrivateKey(probe) === probe) continue;
    return run.slice(0, at) + withoutLeadingPrivateKey(run.slice(at));
  }
  return run;
}

/**
 * RUN without the private key it starts with, if it starts with one. A run can go on past the key (a
 * word on the next line is base64 too), so the key's own length decides how much goes: the DER length
 * in its header, or the END line of a PEM file wrapped in base64.
 */
function withoutLeadingPrivateKey(run: string): string {
  const compact = run.replace(/\s+/g, '');
  const head = decodeBase64Prefix(compact, 48);
  if (head.length < 8) return run;
  let keyBytes: number | undefined;
  if (head[0] === 0x30) {
    keyBytes = isPrivateKeyDer(head) ? derLength(head) : undefined;
  } else {
    const ascii = latin1(head);
    if (ascii.startsWith(OPENSSH_MAGIC)) return '';
    if (ascii.startsWith('-----BEGIN')) keyBytes = wrappedPemKeyLength(compact);
  }
  if (keyBytes === undefined) return run;
  return run.slice(indexAfterBase64Chars(run, Math.ceil(keyBytes / 3) * 4));
}

/** Bytes taken by a base64-wrapped PEM private key (up to its END line), or undefined if it holds none. */
function wrappedPemKeyLength(compact: string): number | undefined {
  const pem = latin1(decodeBase64Prefix(compact, 64 * 1024));
  if (!/^-{5}BEGIN [^\r\n-]*PRIVATE/i.test(pem)) return undefined;
  const end = /-{5}END [^\r\n-]*-{5}\r?\n?/.exec(pem);
  return end ? end.index + end[0].length : Infinity;
}

/** Index in RUN just past its first COUNT base64 characters and any padding after them. */
function indexAfterBase64Chars(run: string, count: number): number {
  let seen = 0;
  let i = 0;
  while (i < run.length && seen < count) {
    if (!/\s/.test(run[i]!)) seen++;
    i++;
  }
  while (run[i] === '=') i++;
  return i;
}

/** Total length of the DER element at the start of DER (header and contents). */
function derLength(der: Uint8Array): number | undefined {
  const contentStart = afterLength(der, 1);
  if (contentStart === undefined) return undefined;
  const first = der[1]!;
  if (first < 0x80) return contentStart + first;
  let length = 0;
  for (let i = 2; i < contentStart; i++) length = length * 256 + der[i]!;
  return contentStart + length;
}

/** DER that starts like PKCS#1 / SEC1 / PKCS#8 / PKCS#12 (version INTEGER first) or encrypted PKCS#8. */
function isPrivateKeyDer(der: Uint8Array): boolean {
  const contentStart = afterLength(der, 1);
  if (contentStart === undefined) return false;
  const first = der.subarray(contentStart);
  if (first[0] === 0x02 && first[1] === 0x01 && [0, 1, 3].includes(first[2] ?? -1)) return true;
  if (first[0] !== 0x30) return false;
  const algorithmStart = afterLength(first, 1);
  if (algorithmStart === undefined) return false;
  const oid = first.subarray(algorithmStart);
  return startsWith(oid, PKCS5_OID_PREFIX) || startsWith(oid, PKCS12_PBE_OID_PREFIX);
}

/** Index just past the DER length octets that start at OFFSET, or undefined when they are not valid. */
function afterLength(der: Uint8Array, offset: number): number | undefined {
  const first = der[offset];
  if (first === undefined) return undefined;
  if (first < 0x80) return offset + 1;
  const count = first & 0x7f;
  if (count === 0 || count > 4) return undefined;
  return offset + 1 + count;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The first bytes of base64 TEXT (at most about MAX_BYTES), decoded without atob (absent in old Node). */
function decodeBase64Prefix(text: string, maxBytes: number): Uint8Array {
  const chars = text.slice(0, Math.ceil(maxBytes / 3) * 4).replace(/=+$/, '');
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of chars) {
    const value = BASE64_ALPHABET.indexOf(char);
    if (value < 0) break;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}
