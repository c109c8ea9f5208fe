// Reading certificates and PKCS#10 requests with PKI.js into the parts the engine works with: the exact
// bytes of names (copied into issued certificates), the SubjectPublicKeyInfo, the extensions as they
// were written, and decoders for the extensions Go's x509 reads.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { decodeDer, der, readAs, valueBytes } from './asn1';
import type { SanSet } from './extensions';
import { fromIa5 } from './go-encoding';
import { OID } from './oid';
import type { PkiSubject } from './errors';
import { findPem } from './pem';

/** An extension as written: its OID, criticality and the contents of its OCTET STRING. */
export interface Extension {
  oid: string;
  critical: boolean;
  value: Uint8Array;
}

export interface EncodedName {
  der: Uint8Array;
  name: pkijs.RelativeDistinguishedNames;
}

export interface ParsedCertificate {
  certificate: pkijs.Certificate;
  der: Uint8Array;
  tbs: Uint8Array;
  signatureAlgorithmOid: string;
  signature: Uint8Array;
  version: number;
  serial: Uint8Array;
  issuer: EncodedName;
  subject: EncodedName;
  notBefore: Date;
  notAfter: Date;
  spki: Uint8Array;
  extensions: Extension[];
}

export interface ParsedCsr {
  request: pkijs.CertificationRequest;
  der: Uint8Array;
  version: number;
  subject: EncodedName;
  spki: Uint8Array;
  extensions: Extension[];
  signatureAlgorithmOid: string;
  signature: Uint8Array;
}

function encodedName(name: pkijs.RelativeDistinguishedNames): EncodedName {
  return { der: der(name.toSchema()), name };
}

function extensionList(extensions: readonly pkijs.Extension[] | undefined): Extension[] {
  return (extensions ?? []).map((e) => ({ oid: e.extnID, critical: e.critical, value: valueBytes(e.extnValue) }));
}

export function parseCertificate(bytes: Uint8Array, what: PkiSubject = 'certificate'): ParsedCertificate {
  const value = decodeDer(bytes, what);
  return readAs(what, () => {
    const certificate = new pkijs.Certificate({ schema: value });
    return {
      certificate,
      der: bytes,
      tbs: certificate.tbsView.slice(),
      signatureAlgorithmOid: certificate.signatureAlgorithm.algorithmId,
      signature: valueBytes(certificate.signatureValue),
      version: certificate.version + 1,
      serial: valueBytes(certificate.serialNumber),
      issuer: encodedName(certificate.issuer),
      subject: encodedName(certificate.subject),
      notBefore: certificate.notBefore.value,
      notAfter: certificate.notAfter.value,
      spki: der(certificate.subjectPublicKeyInfo.toSchema()),
      extensions: extensionList(certificate.extensions),
    };
  });
}

export function parseCsr(bytes: Uint8Array, what: PkiSubject = 'csr'): ParsedCsr {
  const value = decodeDer(bytes, what);
  return readAs(what, () => {
    const request = new pkijs.CertificationRequest({ schema: value });
    const extensions: Extension[] = [];
    for (const attribute of request.attributes ?? []) {
      if (attribute.type !== OID.extensionRequest) continue;
      for (const requested of attribute.values) extensions.push(...extensionList(new pkijs.Extensions({ schema: requested }).extensions));
    }
    return {
      request,
      der: bytes,
      version: request.version,
      subject: encodedName(request.subject),
      spki: der(request.subjectPublicKeyInfo.toSchema()),
      extensions,
      signatureAlgorithmOid: request.signatureAlgorithm.algorithmId,
      signature: valueBytes(request.signatureValue),
    };
  });
}

export function certificateFromPem(pem: string, what: PkiSubject = 'certificate'): ParsedCertificate {
  return parseCertificate(findPem(pem, ['CERTIFICATE'], what).der, what);
}

export function csrFromPem(pem: string, what: PkiSubject = 'csr'): ParsedCsr {
  return parseCsr(findPem(pem, ['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST'], what).der, what);
}

export function findExtension(extensions: readonly Extension[], extensionOid: string): Extension | undefined {
  return extensions.find((e) => e.oid === extensionOid);
}

/** Reads an extension value with a PKI.js class (or asn1js type); anything else is pki.der-decode. */
function readValue<T>(value: Uint8Array, what: PkiSubject, read: (schema: asn1js.AsnType) => T): T {
  const decoded = decodeDer(value, what);
  return readAs(what, () => read(decoded));
}

/** SAN GeneralNames in Go's four groups; other name types are not Go's and are left out, as Go does. */
export function sanSetFromGeneralNames(names: readonly pkijs.GeneralName[]): SanSet {
  const sans: SanSet = { dns: [], emails: [], ips: [], uris: [] };
  for (const name of names) {
    if (name.type === 2) sans.dns.push(fromIa5(name.value as string));
    else if (name.type === 1) sans.emails.push(fromIa5(name.value as string));
    else if (name.type === 7) sans.ips.push(valueBytes(name.value as asn1js.OctetString));
    else if (name.type === 6) sans.uris.push(fromIa5(name.value as string));
  }
  return sans;
}

export function decodeSans(value: Uint8Array, what: PkiSubject = 'extension:subjectAltName'): SanSet {
  return sanSetFromGeneralNames(readValue(value, what, (schema) => new pkijs.GeneralNames({ schema }).names));
}

/** The bits set in a BIT STRING (KeyUsage, Netscape cert type), numbered from 0 as RFC 5280 does. */
export function setBits(bits: asn1js.BitString): number[] {
  const set: number[] = [];
  bits.valueBlock.valueHexView.forEach((byte, i) => {
    for (let b = 0; b < 8; b++) if (byte & (0x80 >> b)) set.push(i * 8 + b);
  });
  return set;
}

export function decodeKeyUsage(value: Uint8Array): number[] {
  return setBits(
    readValue(value, 'extension:keyUsage', (schema) => {
      if (!(schema instanceof asn1js.BitString)) throw new TypeError('BIT STRING');
      return schema;
    }),
  );
}

export function decodeExtKeyUsage(value: Uint8Array): string[] {
  return readValue(value, 'extension:extKeyUsage', (schema) => new pkijs.ExtKeyUsage({ schema }).keyPurposes);
}

/** cA and the pathLenConstraint, if any (PKI.js keeps a length too large for a number as an INTEGER). */
export function basicConstraintsOf(constraints: pkijs.BasicConstraints): { isCa: boolean; maxPathLen?: number } {
  const pathLen = constraints.pathLenConstraint as number | asn1js.Integer | undefined;
  if (pathLen === undefined) return { isCa: constraints.cA };
  return { isCa: constraints.cA, maxPathLen: typeof pathLen === 'number' ? pathLen : Number(pathLen.toBigInt()) };
}

export function decodeBasicConstraints(value: Uint8Array): { isCa: boolean; maxPathLen?: number } {
  return basicConstraintsOf(readValue(value, 'extension:basicConstraints', (schema) => new pkijs.BasicConstraints({ schema })));
}

export function decodeSubjectKeyId(value: Uint8Array): Uint8Array {
  return readValue(value, 'extension:subjectKeyIdentifier', (schema) => {
    if (!(schema instanceof asn1js.OctetString)) throw new TypeError('OCTET STRING');
    return valueBytes(schema);
  });
}

export function decodeAuthorityKeyId(value: Uint8Array): Uint8Array | undefined {
  const aki = readValue(value, 'extension:authorityKeyIdentifier', (schema) => new pkijs.AuthorityKeyIdentifier({ schema }));
  return aki.keyIdentifier ? valueBytes(aki.keyIdentifier) : undefined;
}
