// `cfssl certinfo` (certinfo/certinfo.go) plus the fields people look for next: key usages, EKUs,
// basic constraints, all SAN kinds, the key type and size, fingerprints.
import type * as pkijs from 'pkijs';
import { buffer, bytesToBigInt, toHex } from './bytes';
import { verifies } from './crypto-engine';
import { formatIp } from './ip';
import { specFromSpki } from './keys';
import { nameAttributes } from './name';
import { OID } from './oid';
import { extensionTexts, type ExtensionText } from './extension-text';
import { encodePem } from './pem';
import { SIGNATURE_NAMES } from './signature';
import { EXT_KEY_USAGE_NAMES, KEY_USAGE_NAMES } from './usages';
import {
  certificateFromPem,
  csrFromPem,
  decodeAuthorityKeyId,
  decodeBasicConstraints,
  decodeExtKeyUsage,
  decodeKeyUsage,
  decodeSans,
  decodeSubjectKeyId,
  findExtension,
  type Extension,
  type ParsedCertificate,
} from './x509';

export interface SubjectInfo {
  common_name?: string;
  serial_number?: string;
  country?: string;
  organization?: string;
  organizational_unit?: string;
  locality?: string;
  province?: string;
  street_address?: string;
  postal_code?: string;
  names: string[];
}

export interface CertInfo {
  subject: SubjectInfo;
  issuer: SubjectInfo;
  serial_number: string;
  sans: string[];
  not_before: string;
  not_after: string;
  sigalg: string;
  authority_key_id: string;
  subject_key_id: string;
  pem: string;
  key_usages: string[];
  ext_key_usages: string[];
  basic_constraints: { is_ca: boolean; max_path_len?: number };
  dns_names: string[];
  ip_addresses: string[];
  email_addresses: string[];
  uris: string[];
  public_key: { algorithm: 'rsa' | 'ecdsa' | 'ed25519'; size: number };
  sha256_fingerprint: string;
  sha1_fingerprint: string;
}

export interface CsrInfo {
  subject: SubjectInfo;
  sans: string[];
  dns_names: string[];
  ip_addresses: string[];
  email_addresses: string[];
  uris: string[];
  sigalg: string;
  signature_valid: boolean;
  public_key: { algorithm: 'rsa' | 'ecdsa' | 'ed25519'; size: number };
  basic_constraints?: { is_ca: boolean; max_path_len?: number };
  pem: string;
}

const FIELDS: readonly [string, keyof SubjectInfo][] = [
  [OID.commonName, 'common_name'],
  [OID.serialNumber, 'serial_number'],
  [OID.country, 'country'],
  [OID.organization, 'organization'],
  [OID.organizationalUnit, 'organizational_unit'],
  [OID.locality, 'locality'],
  [OID.province, 'province'],
  [OID.streetAddress, 'street_address'],
  [OID.postalCode, 'postal_code'],
];

/** certinfo.go ParseName: multiple values joined with ",", `names` = every value in order. */
function subjectInfo(name: pkijs.RelativeDistinguishedNames): SubjectInfo {
  const attributes = nameAttributes(name);
  const info = {} as SubjectInfo;
  const collected: Partial<Record<keyof SubjectInfo, string[]>> = {};
  for (const { oid, value } of attributes) {
    const key = FIELDS.find(([o]) => o === oid)?.[1];
    if (!key || value === '') continue;
    if (key === 'common_name' || key === 'serial_number') collected[key] = [value]; // Go keeps the last one
    else (collected[key] ??= []).push(value);
  }
  for (const [, key] of FIELDS) {
    const values = collected[key];
    if (values) (info as unknown as Record<string, string>)[key] = values.join(',');
  }
  info.names = attributes.map((a) => a.value); // last, as in cfssl's Name struct
  return info;
}

/** Upper-case hex with colons, two digits per byte (cfssl >= 1.3, #819). */
export function keyIdText(bytes: Uint8Array | undefined): string {
  return bytes ? toHex(bytes, ':').toUpperCase() : '';
}

function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

async function fingerprint(algorithm: 'SHA-256' | 'SHA-1', der: Uint8Array): Promise<string> {
  return keyIdText(new Uint8Array(await globalThis.crypto.subtle.digest(algorithm, buffer(der))));
}

function sanLists(extensions: readonly Extension[]) {
  const san = findExtension(extensions, OID.subjectAltName);
  const sans = san ? decodeSans(san.value) : { dns: [], emails: [], ips: [], uris: [] };
  const ips = sans.ips.map(formatIp);
  return { dns_names: sans.dns, ip_addresses: ips, email_addresses: sans.emails, uris: sans.uris, sans: [...sans.dns, ...ips] };
}

export async function certInfo(pem: string): Promise<CertInfo> {
  return certInfoOf(certificateFromPem(pem));
}

/** certInfo plus every extension as openssl x509 -text lists it (the page's certificate text). */
export interface CertificateDetails {
  info: CertInfo;
  extensions: ExtensionText[];
}

export async function certificateDetails(pem: string): Promise<CertificateDetails> {
  const cert = certificateFromPem(pem);
  return { info: await certInfoOf(cert), extensions: extensionTexts(cert.certificate) };
}

async function certInfoOf(cert: ParsedCertificate): Promise<CertInfo> {
  const ku = findExtension(cert.extensions, OID.keyUsage);
  const eku = findExtension(cert.extensions, OID.extKeyUsage);
  const bc = findExtension(cert.extensions, OID.basicConstraints);
  const ski = findExtension(cert.extensions, OID.subjectKeyId);
  const aki = findExtension(cert.extensions, OID.authorityKeyId);
  const lists = sanLists(cert.extensions);
  return {
    subject: subjectInfo(cert.subject.name),
    issuer: subjectInfo(cert.issuer.name),
    serial_number: bytesToBigInt(cert.serial).toString(),
    sans: lists.sans,
    not_before: rfc3339(cert.notBefore),
    not_after: rfc3339(cert.notAfter),
    sigalg: SIGNATURE_NAMES[cert.signatureAlgorithmOid] ?? 'Unknown Signature',
    authority_key_id: keyIdText(aki ? decodeAuthorityKeyId(aki.value) : undefined),
    subject_key_id: keyIdText(ski ? decodeSubjectKeyId(ski.value) : undefined),
    pem: encodePem('CERTIFICATE', cert.der),
    key_usages: ku ? decodeKeyUsage(ku.value).map((bit) => KEY_USAGE_NAMES[bit] ?? `bit ${bit}`) : [],
    ext_key_usages: eku ? decodeExtKeyUsage(eku.value).map((oid) => EXT_KEY_USAGE_NAMES.get(oid) ?? oid) : [],
    basic_constraints: basicConstraintsInfo(bc ? decodeBasicConstraints(bc.value) : { isCa: false }),
    dns_names: lists.dns_names,
    ip_addresses: lists.ip_addresses,
    email_addresses: lists.email_addresses,
    uris: lists.uris,
    public_key: specToPublicKey(specFromSpki(cert.certificate.subjectPublicKeyInfo, 'public-key')),
    sha256_fingerprint: await fingerprint('SHA-256', cert.der),
    sha1_fingerprint: await fingerprint('SHA-1', cert.der),
  };
}

/** max_path_len only when the extension carries a pathLenConstraint. */
function basicConstraintsInfo(c: { isCa: boolean; maxPathLen?: number }): CertInfo['basic_constraints'] {
  return c.maxPathLen === undefined ? { is_ca: c.isCa } : { is_ca: c.isCa, max_path_len: c.maxPathLen };
}

function specToPublicKey(spec: { algo: 'rsa' | 'ecdsa' | 'ed25519'; size: number }): CertInfo['public_key'] {
  return { algorithm: spec.algo, size: spec.size };
}

export async function csrInfo(pem: string): Promise<CsrInfo> {
  const csr = csrFromPem(pem);
  const bc = findExtension(csr.extensions, OID.basicConstraints);
  const lists = sanLists(csr.extensions);
  const info: CsrInfo = {
    subject: subjectInfo(csr.subject.name),
    ...lists,
    sigalg: SIGNATURE_NAMES[csr.signatureAlgorithmOid] ?? 'Unknown Signature',
    signature_valid: await verifies((engine) => csr.request.verify(engine)),
    public_key: specToPublicKey(specFromSpki(csr.request.subjectPublicKeyInfo, 'public-key')),
    pem: encodePem('CERTIFICATE REQUEST', csr.der),
  };
  if (bc) info.basic_constraints = basicConstraintsInfo(decodeBasicConstraints(bc.value));
  return info;
}

/** certinfo's JSON: cfssl's fields first in cfssl's order (sans left out when empty), then ours; 2-space indent. */
export function certInfoJson(info: CertInfo): string {
  const { sans, ...rest } = info;
  const ordered: Record<string, unknown> = {
    subject: info.subject,
    issuer: info.issuer,
    serial_number: info.serial_number,
    ...(sans.length > 0 ? { sans } : {}),
  };
  for (const [key, value] of Object.entries(rest)) if (!(key in ordered)) ordered[key] = value;
  return JSON.stringify(ordered, null, 2);
}
