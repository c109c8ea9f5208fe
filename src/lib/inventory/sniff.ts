// Recognising a file's content without the X.509 engine (which the page loads on demand): PEM text, a
// kubeconfig, DER (by the shape of its outer ASN.1 elements, X.690 8.1), or base64 without armour that
// decodes to DER or to PEM. The engine reads what is recognised here and reports damage in detail.

export type DerShape = 'CERTIFICATE' | 'CERTIFICATE REQUEST' | 'PRIVATE KEY' | 'RSA PRIVATE KEY' | 'EC PRIVATE KEY' | 'ENCRYPTED PRIVATE KEY' | 'PUBLIC KEY';

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

/** One element at `at`: its tag, where its contents start and where it ends; null when it does not fit. */
function element(bytes: Uint8Array, at: number, limit: number): Tlv | null {
  if (at + 2 > limit) return null;
  const tag = bytes[at]!;
  let length = bytes[at + 1]!;
  let start = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > limit) return null;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[start + i]!;
    start += count;
  }
  const end = start + length;
  return end <= limit ? { tag, start, end } : null;
}

function children(bytes: Uint8Array, parent: Tlv, max = 4): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end && out.length < max; ) {
    const child = element(bytes, at, parent.end);
    if (!child) return out;
    out.push(child);
    at = child.end;
  }
  return out;
}

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const OCTET_STRING = 0x04;
const BIT_STRING = 0x03;
const SET = 0x31;
const OID = 0x06;

/** The PEM label a DER structure would carry, judged by the first elements of its outer SEQUENCE. */
export function derShape(bytes: Uint8Array): DerShape | null {
  const outer = element(bytes, 0, bytes.length);
  if (!outer || outer.tag !== SEQUENCE || outer.end !== bytes.length) return null;
  const [first, second, third] = children(bytes, outer);
  if (!first || !second) return null;
  if (first.tag === SEQUENCE && second.tag === SEQUENCE && third?.tag === BIT_STRING) {
    // Certificate and CertificationRequest: TBS first. A v3 TBS opens with [0] version; a request's info
    // with INTEGER 0 then the subject Name (a SEQUENCE of SETs); a v1 TBS with the serial then an
    // AlgorithmIdentifier (a SEQUENCE that opens with an OID).
    const [version, next] = children(bytes, first, 2);
    if (version?.tag === 0xa0) return 'CERTIFICATE';
    if (version?.tag !== INTEGER || !next || next.tag !== SEQUENCE) return null;
    const inner = children(bytes, next, 1)[0];
    return inner?.tag === SET || next.start === next.end ? 'CERTIFICATE REQUEST' : inner?.tag === OID ? 'CERTIFICATE' : null;
  }
  if (first.tag === SEQUENCE && second.tag === BIT_STRING && !third) return 'PUBLIC KEY';
  if (first.tag === SEQUENCE && second.tag === OCTET_STRING && !third) return 'ENCRYPTED PRIVATE KEY';
  if (first.tag === INTEGER) {
    if (second.tag === SEQUENCE) return 'PRIVATE KEY'; // PKCS#8: version, AlgorithmIdentifier, key
    if (second.tag === INTEGER) return 'RSA PRIVATE KEY'; // PKCS#1: version, modulus, ...
    if (second.tag === OCTET_STRING) return 'EC PRIVATE KEY'; // SEC1: version 1, the scalar
  }
  return null;
}

const BARE_BASE64 = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;

/** Bytes of base64 text without armour (whitespace allowed), or null when it is not base64. */
export function decodeBareBase64(text: string): Uint8Array | null {
  if (!BARE_BASE64.test(text)) return null;
  const clean = text.replace(/\s+/g, '');
  if (clean.length < 16 || clean.length % 4 !== 0) return null;
  try {
    const binary = atob(clean);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

/** Whether bytes are text worth reading as such (UTF-8 without NUL or other control bytes). */
export function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  for (const b of sample) if (b === 0 || (b < 0x09) || (b > 0x0d && b < 0x20 && b !== 0x1b)) return false;
  return true;
}
