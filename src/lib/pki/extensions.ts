// The certificate extensions cfssl's certificates carry, each encoded as Go's crypto/x509 does
// (buildCertExtensions), and written in Go's order: KU, EKU, BC, SKI, AKI, AIA, SAN, CRL DP, extras.
import { bitString, booleanTrue, contextConstructed, contextPrimitive, nullValue, octetString, oid, sequence, smallInteger, utf8 } from './der';
import { OID } from './oid';

export interface Extension {
  oid: string;
  critical: boolean;
  value: Uint8Array;
}

export interface SanSet {
  dns: string[];
  emails: string[];
  /** 4 bytes (IPv4, also IPv4-mapped) or 16 bytes. */
  ips: Uint8Array[];
  uris: string[];
}

export function encodeExtension(extension: Extension): Uint8Array {
  return sequence(oid(extension.oid), ...(extension.critical ? [booleanTrue()] : []), octetString(extension.value));
}

/** KeyUsage, critical, in the shortest BIT STRING (signing + key encipherment = 03 02 05 A0). */
export function keyUsageExtension(bits: readonly number[]): Extension | null {
  if (bits.length === 0) return null;
  const bytes = [0, 0];
  let highest = -1;
  for (const bit of bits) {
    bytes[bit >> 3]! |= 0x80 >> (bit & 7);
    highest = Math.max(highest, bit);
  }
  const length = bytes[1] !== 0 ? 2 : 1;
  const unused = length * 8 - (highest + 1);
  return { oid: OID.keyUsage, critical: true, value: bitString(Uint8Array.from(bytes.slice(0, length)), unused) };
}

export function extKeyUsageExtension(oids: readonly string[]): Extension | null {
  if (oids.length === 0) return null;
  return { oid: OID.extKeyUsage, critical: false, value: sequence(...oids.map(oid)) };
}

/** BasicConstraints, critical. Leaves get CA:FALSE, which DER writes as an empty SEQUENCE (30 00). */
export function basicConstraintsExtension(isCa: boolean, maxPathLen: number | null): Extension {
  const parts: Uint8Array[] = [];
  if (isCa) parts.push(booleanTrue());
  if (isCa && maxPathLen !== null && maxPathLen >= 0) parts.push(smallInteger(maxPathLen));
  return { oid: OID.basicConstraints, critical: true, value: sequence(...parts) };
}

export function subjectKeyIdExtension(keyId: Uint8Array): Extension {
  return { oid: OID.subjectKeyId, critical: false, value: octetString(keyId) };
}

export function authorityKeyIdExtension(keyId: Uint8Array): Extension {
  return { oid: OID.authorityKeyId, critical: false, value: sequence(contextPrimitive(0, keyId)) };
}

export function authorityInfoAccessExtension(ocspUrls: readonly string[], issuerUrls: readonly string[]): Extension | null {
  if (ocspUrls.length === 0 && issuerUrls.length === 0) return null;
  const entries = [
    ...ocspUrls.map((u) => sequence(oid(OID.ocsp), contextPrimitive(6, utf8(u)))),
    ...issuerUrls.map((u) => sequence(oid(OID.caIssuers), contextPrimitive(6, utf8(u)))),
  ];
  return { oid: OID.authorityInfoAccess, critical: false, value: sequence(...entries) };
}

/** SubjectAltName: DNS names, emails, IPs, URIs, each group in input order (Go marshalSANs). */
export function subjectAltNameExtension(sans: SanSet, subjectIsEmpty: boolean): Extension | null {
  const names = [
    ...sans.dns.map((n) => contextPrimitive(2, utf8(n))),
    ...sans.emails.map((n) => contextPrimitive(1, utf8(n))),
    ...sans.ips.map((ip) => contextPrimitive(7, ip)),
    ...sans.uris.map((n) => contextPrimitive(6, utf8(n))),
  ];
  if (names.length === 0) return null;
  // RFC 5280 4.2.1.6: critical when the subject is empty.
  return { oid: OID.subjectAltName, critical: subjectIsEmpty, value: sequence(...names) };
}

export function crlDistributionPointsExtension(url: string | undefined): Extension | null {
  if (!url) return null;
  const point = sequence(contextConstructed(0, contextConstructed(0, contextPrimitive(6, utf8(url)))));
  return { oid: OID.crlDistributionPoints, critical: false, value: sequence(point) };
}

export function ocspNoCheckExtension(): Extension {
  return { oid: OID.ocspNoCheck, critical: false, value: nullValue() };
}

export function extensionsField(extensions: readonly Extension[]): Uint8Array {
  return contextConstructed(3, sequence(...extensions.map(encodeExtension)));
}
