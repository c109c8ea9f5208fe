// The byte layer: the one place where the engine decides bytes itself. Certificates, CSRs and keys are
// PKI.js objects that PKI.js encodes, except for these few values, where Go's encoding/asn1 and
// crypto/x509 (and so cfssl) write other bytes than PKI.js would. Each is built here with asn1js and
// handed to PKI.js as a pre-encoded value, which PKI.js keeps as it is.
//
// What PKI.js already writes like Go needs nothing here: CA:FALSE as an empty SEQUENCE (30 00, the
// DEFAULT is left out), minimal INTEGERs, DER ECDSA signatures, the extension and GeneralName layouts.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { der, keepEncoding, oidBlock } from './asn1';
import { utf8 } from './bytes';

// ---- Names ----
// PKI.js writes all attributes of a Name into ONE RelativeDistinguishedName (PKI.js issues #46, #235).
// Go writes an RDN per attribute type, several values of one type as ONE multi-valued RDN whose SET OF is
// sorted by encoding, and picks PrintableString for an untyped string when every character allows it.

/** Go's rule for an untyped string (encoding/asn1 isPrintable): PrintableString, else UTF8String. */
export function isPrintableString(text: string): boolean {
  return /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(text);
}

function directoryString(text: string): asn1js.BaseBlock {
  return isPrintableString(text) ? new asn1js.PrintableString({ value: text }) : new asn1js.Utf8String({ value: text });
}

/** SET OF in DER order: elements sorted by their encodings (X.690 11.6), as Go's encoding/asn1 does. */
export function setOf(elements: readonly Uint8Array[]): Uint8Array {
  return der(sortedSet(elements.map((element) => ({ der: element, value: asn1js.fromBER(new Uint8Array(element)).result }))));
}

function sortedSet(elements: { der: Uint8Array; value: asn1js.BaseBlock }[]): asn1js.Set {
  const sorted = [...elements].sort((a, b) => compareBytes(a.der, b.der));
  return new asn1js.Set({ value: sorted.map((e) => e.value) });
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export function oid(dotted: string): Uint8Array {
  return der(oidBlock(dotted));
}

/** Name ::= SEQUENCE OF RDN, one RDN per inner list, as Go writes it; PKI.js keeps these bytes. */
export function nameFromRdns(rdns: readonly (readonly { oid: string; value: string }[])[]): pkijs.RelativeDistinguishedNames {
  const typesAndValues: pkijs.AttributeTypeAndValue[] = [];
  const sets = rdns.map((rdn) => {
    const attributes = rdn.map((a) => {
      const value = directoryString(a.value);
      typesAndValues.push(new pkijs.AttributeTypeAndValue({ type: a.oid, value: value as pkijs.AttributeValueType }));
      return new asn1js.Sequence({ value: [oidBlock(a.oid), value] });
    });
    // One value needs no sorting; several are put in their DER order.
    return attributes.length === 1 ? new asn1js.Set({ value: attributes }) : sortedSet(attributes.map((value) => ({ der: der(value), value })));
  });
  const bytes = der(new asn1js.Sequence({ value: sets }));
  return keepEncoding(new pkijs.RelativeDistinguishedNames({ typesAndValues, valueBeforeDecode: bytes.slice().buffer }), bytes);
}

// ---- KeyUsage ----
// Go writes the shortest BIT STRING that holds the highest bit set (signing + key encipherment is
// 03 02 05 A0); asn1js writes the bytes and unused-bit count it is given.

export function keyUsageBitString(bits: readonly number[]): asn1js.BitString {
  const bytes = [0, 0];
  let highest = -1;
  for (const bit of bits) {
    bytes[bit >> 3]! |= 0x80 >> (bit & 7);
    highest = Math.max(highest, bit);
  }
  const length = bytes[1] !== 0 ? 2 : 1;
  return new asn1js.BitString({ valueHex: Uint8Array.from(bytes.slice(0, length)), unusedBits: length * 8 - (highest + 1) });
}

// ---- Signature AlgorithmIdentifier ----
// Go writes NULL parameters for sha*WithRSAEncryption (RFC 4055 section 5) and none for ECDSA and
// Ed25519 (RFC 5758 3.2, RFC 8410 3); PKI.js leaves RSA's out.

export function signatureAlgorithmIdentifier(algorithmOid: string, nullParameters: boolean): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({
    algorithmId: algorithmOid,
    ...(nullParameters ? { algorithmParams: new asn1js.Null() } : {}),
  });
}

// ---- Serial number ----
// Go writes a big.Int: the fewest bytes, a 00 in front only when the top bit is set. cfssl's 20 random
// bytes, top bit cleared, lose their leading zero bytes that way.

export function serialNumber(bytes: Uint8Array): asn1js.Integer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const minimal = bytes.subarray(start);
  return new asn1js.Integer({ valueHex: minimal[0]! & 0x80 ? Uint8Array.of(0, ...minimal) : minimal.slice() });
}

// ---- Validity ----
// RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. Go writes whole seconds; asn1js's
// GeneralizedTime would add milliseconds, so they are dropped first.

export function validityTime(date: Date): pkijs.Time {
  const seconds = new Date(Math.floor(date.getTime() / 1000) * 1000);
  const year = seconds.getUTCFullYear();
  return new pkijs.Time({ type: year >= 1950 && year < 2050 ? pkijs.TimeType.UTCTime : pkijs.TimeType.GeneralizedTime, value: seconds });
}

export function time(date: Date): Uint8Array {
  return der(validityTime(date).toSchema());
}

// ---- IA5String names (dNSName, rfc822Name, URI) ----
// PKI.js's IA5String keeps one byte per UTF-16 unit of the text; Go (before 1.15, as Debian 12's
// cfssl 1.2) writes the text's UTF-8 bytes. PKI.js is handed those bytes as a one-byte-per-char string.

export function ia5(text: string): string {
  return String.fromCharCode(...utf8(text));
}

/** The text of an IA5 value PKI.js read (one char per byte), decoded as UTF-8 like the writer above. */
export function fromIa5(value: string): string {
  return new TextDecoder().decode(Uint8Array.from(value, (c) => c.charCodeAt(0) & 0xff));
}
