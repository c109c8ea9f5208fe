// Reading certificates and PKCS#10 requests into the parts the engine needs (TBS bytes for signature
// checks, names as DER for exact issuer copying, extensions decoded the way Go's x509 reads them).
import {
  bitStringBytes,
  children,
  decodeOid,
  decodeTime,
  expect,
  parseDer,
  TAG,
  type DerNode,
} from './der';
import type { Extension, SanSet } from './extensions';
import { OID } from './oid';
import { findPem } from './pem';

export interface ParsedCertificate {
  der: Uint8Array;
  tbs: Uint8Array;
  signatureAlgorithm: Uint8Array;
  signatureAlgorithmOid: string;
  signature: Uint8Array;
  version: number;
  serial: Uint8Array;
  issuer: DerNode;
  subject: DerNode;
  notBefore: Date;
  notAfter: Date;
  spki: Uint8Array;
  extensions: Extension[];
}

export interface ParsedCsr {
  der: Uint8Array;
  info: Uint8Array;
  version: number;
  subject: DerNode;
  spki: Uint8Array;
  extensions: Extension[];
  signatureAlgorithm: Uint8Array;
  signatureAlgorithmOid: string;
  signature: Uint8Array;
}

function algorithmOid(node: DerNode, what: string): string {
  return decodeOid(expect(children(expect(node, TAG.sequence, what), what)[0], TAG.oid, what).content);
}

export function parseCertificate(der: Uint8Array, what = 'certificate'): ParsedCertificate {
  const [tbsNode, sigAlg, sig] = children(expect(parseDer(der, what), TAG.sequence, what), what);
  const tbs = children(expect(tbsNode, TAG.sequence, what), what);
  let i = 0;
  let version = 1;
  if (tbs[0]?.tag === 0xa0) {
    version = Number(expect(children(tbs[0], what)[0], TAG.integer, what).content[0] ?? 0) + 1;
    i = 1;
  }
  const serial = expect(tbs[i], TAG.integer, what).content;
  const issuer = expect(tbs[i + 2], TAG.sequence, what);
  const validity = children(expect(tbs[i + 3], TAG.sequence, what), what);
  const subject = expect(tbs[i + 4], TAG.sequence, what);
  const spki = expect(tbs[i + 5], TAG.sequence, what).der;
  const extensionsNode = tbs.slice(i + 6).find((n) => n.tag === 0xa3);
  return {
    der,
    tbs: tbsNode!.der,
    signatureAlgorithm: expect(sigAlg, TAG.sequence, what).der,
    signatureAlgorithmOid: algorithmOid(sigAlg!, what),
    signature: bitStringBytes(expect(sig, TAG.bitString, what), what),
    version,
    serial,
    issuer,
    subject,
    notBefore: decodeTime(expect(validity[0], validity[0]?.tag ?? -1, what), `${what} notBefore`),
    notAfter: decodeTime(expect(validity[1], validity[1]?.tag ?? -1, what), `${what} notAfter`),
    spki,
    extensions: extensionsNode ? parseExtensions(children(extensionsNode, what)[0], what) : [],
  };
}

function parseExtensions(node: DerNode | undefined, what: string): Extension[] {
  return children(expect(node, TAG.sequence, what), what).map((ext) => {
    const parts = children(expect(ext, TAG.sequence, what), what);
    const critical = parts[1]?.tag === TAG.boolean && parts[1].content[0] !== 0;
    const value = expect(parts[critical || parts[1]?.tag === TAG.boolean ? 2 : 1], TAG.octetString, what).content;
    return { oid: decodeOid(expect(parts[0], TAG.oid, what).content), critical, value };
  });
}

export function parseCsr(der: Uint8Array, what = 'CSR'): ParsedCsr {
  const [infoNode, sigAlg, sig] = children(expect(parseDer(der, what), TAG.sequence, what), what);
  const info = children(expect(infoNode, TAG.sequence, what), what);
  const version = Number(expect(info[0], TAG.integer, what).content[0] ?? 0);
  const extensions: Extension[] = [];
  const attributes = info[3];
  if (attributes && attributes.tag === 0xa0) {
    for (const attribute of children(attributes, what)) {
      const [type, values] = children(expect(attribute, TAG.sequence, what), what);
      if (decodeOid(expect(type, TAG.oid, what).content) !== OID.extensionRequest) continue;
      for (const value of children(expect(values, TAG.set, what), what)) extensions.push(...parseExtensions(value, what));
    }
  }
  return {
    der,
    info: infoNode!.der,
    version,
    subject: expect(info[1], TAG.sequence, what),
    spki: expect(info[2], TAG.sequence, what).der,
    extensions,
    signatureAlgorithm: expect(sigAlg, TAG.sequence, what).der,
    signatureAlgorithmOid: algorithmOid(sigAlg!, what),
    signature: bitStringBytes(expect(sig, TAG.bitString, what), what),
  };
}

export function certificateFromPem(pem: string, what = 'certificate'): ParsedCertificate {
  return parseCertificate(findPem(pem, ['CERTIFICATE'], what).der, what);
}

export function csrFromPem(pem: string, what = 'CSR'): ParsedCsr {
  return parseCsr(findPem(pem, ['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST'], what).der, what);
}

export function findExtension(extensions: readonly Extension[], extensionOid: string): Extension | undefined {
  return extensions.find((e) => e.oid === extensionOid);
}

export function decodeSans(value: Uint8Array, what = 'subjectAltName'): SanSet {
  const sans: SanSet = { dns: [], emails: [], ips: [], uris: [] };
  for (const name of children(expect(parseDer(value, what), TAG.sequence, what), what)) {
    const text = new TextDecoder().decode(name.content);
    if (name.tag === 0x82) sans.dns.push(text);
    else if (name.tag === 0x81) sans.emails.push(text);
    else if (name.tag === 0x87) sans.ips.push(name.content.slice());
    else if (name.tag === 0x86) sans.uris.push(text);
  }
  return sans;
}

export function decodeKeyUsage(value: Uint8Array): number[] {
  const bytes = bitStringBytes(parseDer(value, 'keyUsage'), 'keyUsage');
  const bits: number[] = [];
  bytes.forEach((byte, i) => {
    for (let b = 0; b < 8; b++) if (byte & (0x80 >> b)) bits.push(i * 8 + b);
  });
  return bits;
}

export function decodeExtKeyUsage(value: Uint8Array): string[] {
  return children(expect(parseDer(value, 'extKeyUsage'), TAG.sequence, 'extKeyUsage'), 'extKeyUsage').map((n) =>
    decodeOid(expect(n, TAG.oid, 'extKeyUsage').content),
  );
}

export function decodeBasicConstraints(value: Uint8Array): { isCa: boolean; maxPathLen?: number } {
  const parts = children(expect(parseDer(value, 'basicConstraints'), TAG.sequence, 'basicConstraints'), 'basicConstraints');
  let i = 0;
  let isCa = false;
  if (parts[0]?.tag === TAG.boolean) {
    isCa = parts[0].content[0] !== 0;
    i = 1;
  }
  const length = parts[i];
  if (length?.tag === TAG.integer) return { isCa, maxPathLen: Number(BigInt(`0x${Array.from(length.content, (b) => b.toString(16).padStart(2, '0')).join('') || '0'}`)) };
  return { isCa };
}

export function decodeSubjectKeyId(value: Uint8Array): Uint8Array {
  return expect(parseDer(value, 'subjectKeyIdentifier'), TAG.octetString, 'subjectKeyIdentifier').content;
}

export function decodeAuthorityKeyId(value: Uint8Array): Uint8Array | undefined {
  const parts = children(expect(parseDer(value, 'authorityKeyIdentifier'), TAG.sequence, 'authorityKeyIdentifier'), 'authorityKeyIdentifier');
  return parts.find((p) => p.tag === 0x80)?.content;
}
