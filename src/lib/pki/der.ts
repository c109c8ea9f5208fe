// DER, written by hand where cfssl's exact bytes matter (multi-valued RDNs sorted as a SET OF,
// PrintableString vs UTF8String, the minimal KeyUsage BIT STRING, `30 00` for CA:FALSE) and read
// strictly (definite lengths, bounds checked) so damaged input becomes pki.der-decode, never a crash.
import { pkiError } from './errors';

export const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  t61String: 0x14,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  bmpString: 0x1e,
  universalString: 0x1c,
  sequence: 0x30,
  set: 0x31,
} as const;

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function lengthBytes(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

function tlv(tag: number, content: Uint8Array): Uint8Array {
  return concat([Uint8Array.of(tag), lengthBytes(content.length), content]);
}

export const sequence = (...items: Uint8Array[]): Uint8Array => tlv(TAG.sequence, concat(items));

/** SET OF in DER order: elements sorted by their encodings (X.690 11.6), as Go's encoding/asn1 does. */
export function setOf(items: readonly Uint8Array[]): Uint8Array {
  return tlv(TAG.set, concat([...items].sort(compareBytes)));
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && compareBytes(a, b) === 0;
}

/** INTEGER from the big-endian bytes of a non-negative number (leading zeros dropped, sign byte added). */
export function unsignedInteger(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  let body = bytes.subarray(start);
  if (body.length === 0) body = Uint8Array.of(0);
  if (body[0]! & 0x80) body = concat([Uint8Array.of(0), body]);
  return tlv(TAG.integer, body);
}

export function smallInteger(value: number): Uint8Array {
  if (value < 0 || !Number.isSafeInteger(value)) throw new RangeError(`smallInteger: ${value}`);
  const bytes: number[] = [];
  for (let n = value; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return unsignedInteger(Uint8Array.from(bytes));
}

export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((a) => BigInt(a));
  const body: number[] = [];
  const pushArc = (arc: bigint): void => {
    const chunk: number[] = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80);
    body.push(...chunk);
  };
  pushArc(arcs[0]! * 40n + arcs[1]!);
  for (const arc of arcs.slice(2)) pushArc(arc);
  return tlv(TAG.oid, Uint8Array.from(body));
}

export function decodeOid(content: Uint8Array): string {
  const arcs: bigint[] = [];
  let value = 0n;
  for (const byte of content) {
    value = (value << 7n) | BigInt(byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0n;
    }
  }
  const first = arcs.shift() ?? 0n;
  const head = first < 80n ? [first / 40n, first % 40n] : [2n, first - 80n];
  return [...head, ...arcs].join('.');
}

export const nullValue = (): Uint8Array => Uint8Array.of(TAG.null, 0);
export const booleanTrue = (): Uint8Array => Uint8Array.of(TAG.boolean, 1, 0xff);
export const octetString = (bytes: Uint8Array): Uint8Array => tlv(TAG.octetString, bytes);
export const bitString = (bytes: Uint8Array, unusedBits = 0): Uint8Array => tlv(TAG.bitString, concat([Uint8Array.of(unusedBits), bytes]));
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
export const contextPrimitive = (n: number, content: Uint8Array): Uint8Array => tlv(0x80 | n, content);
export const contextConstructed = (n: number, content: Uint8Array): Uint8Array => tlv(0xa0 | n, content);

/** Go's rule for an untyped string: PrintableString when every byte is in its set, else UTF8String. */
export function isPrintableString(text: string): boolean {
  return /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(text);
}

export function directoryString(text: string): Uint8Array {
  return tlv(isPrintableString(text) ? TAG.printableString : TAG.utf8String, utf8(text));
}

/** UTCTime before 2050, GeneralizedTime from 2050 on (RFC 5280 4.1.2.5), whole seconds, Zulu. */
export function time(date: Date): Uint8Array {
  const iso = date.toISOString(); // 2026-11-27T10:23:00.000Z
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  const year = date.getUTCFullYear();
  if (year >= 1950 && year < 2050) return tlv(TAG.utcTime, utf8(`${digits.slice(2)}Z`));
  return tlv(TAG.generalizedTime, utf8(`${digits}Z`));
}

// ---- reading ----

export interface DerNode {
  tag: number;
  /** The whole TLV. */
  der: Uint8Array;
  /** The value bytes. */
  content: Uint8Array;
  constructed: boolean;
}

function readNode(bytes: Uint8Array, offset: number, what: string): { node: DerNode; next: number } {
  const fail = (): never => {
    throw pkiError('pki.der-decode', `${what}: malformed DER at byte ${offset}`, { field: what, params: { what }, allowed: 'DER-encoded ASN.1' });
  };
  if (offset + 2 > bytes.length) fail();
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) fail(); // multi-byte tags never occur in X.509
  let length = bytes[offset + 1]!;
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || offset + 2 + count > bytes.length) fail();
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[offset + 2 + i]!;
    header += count;
  }
  const end = offset + header + length;
  if (end > bytes.length) fail();
  return {
    node: { tag, der: bytes.subarray(offset, end), content: bytes.subarray(offset + header, end), constructed: (tag & 0x20) !== 0 },
    next: end,
  };
}

/** Parses exactly one TLV covering all of `bytes`. */
export function parseDer(bytes: Uint8Array, what: string): DerNode {
  const { node, next } = readNode(bytes, 0, what);
  if (next !== bytes.length) {
    throw pkiError('pki.der-decode', `${what}: ${bytes.length - next} trailing bytes after the DER structure`, { field: what, params: { what } });
  }
  return node;
}

export function children(node: DerNode, what: string): DerNode[] {
  const out: DerNode[] = [];
  for (let offset = 0; offset < node.content.length; ) {
    const { node: child, next } = readNode(node.content, offset, what);
    out.push(child);
    offset = next;
  }
  return out;
}

/** Children of a node that must have a given tag. */
export function expect(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node || node.tag !== tag) {
    throw pkiError('pki.der-decode', `${what}: unexpected ASN.1 structure`, { field: what, params: { what } });
  }
  return node;
}

export function bitStringBytes(node: DerNode, what: string): Uint8Array {
  expect(node, TAG.bitString, what);
  if (node.content.length === 0) throw pkiError('pki.der-decode', `${what}: empty BIT STRING`, { field: what, params: { what } });
  return node.content.subarray(1);
}

export function decodeTime(node: DerNode, what: string): Date {
  const text = new TextDecoder().decode(node.content);
  const match =
    node.tag === TAG.utcTime ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match || (node.tag !== TAG.utcTime && node.tag !== TAG.generalizedTime)) {
    throw pkiError('pki.der-decode', `${what}: invalid time "${text}"`, { field: what, params: { what } });
  }
  let year = Number(match[1]);
  if (node.tag === TAG.utcTime) year += year < 50 ? 2000 : 1900;
  return new Date(Date.UTC(year, Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6])));
}

export function decodeString(node: DerNode): string {
  if (node.tag === TAG.bmpString) {
    let s = '';
    for (let i = 0; i + 1 < node.content.length; i += 2) s += String.fromCharCode((node.content[i]! << 8) | node.content[i + 1]!);
    return s;
  }
  if (node.tag === TAG.t61String) return Array.from(node.content, (b) => String.fromCharCode(b)).join('');
  return new TextDecoder().decode(node.content);
}

export function toHex(bytes: Uint8Array, separator = ''): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(separator);
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${toHex(bytes)}`);
}

/** A copy backed by a plain ArrayBuffer, the type WebCrypto accepts. */
export function buffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}
