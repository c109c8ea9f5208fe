// The certificate extensions cfssl's certificates carry, as PKI.js objects encoded the way Go's crypto/x509
// does (buildCertExtensions), and written in Go's order: KU, EKU, BC, SKI, AKI, AIA, SAN, CRL DP, extras.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { der } from './asn1';
import { buffer } from './bytes';
import { ia5, keyUsageBitString } from './go-encoding';
import { OID } from './oid';

export interface SanSet {
  dns: string[];
  emails: string[];
  /** 4 bytes (IPv4, also IPv4-mapped) or 16 bytes. */
  ips: Uint8Array[];
  uris: string[];
}

function extension(extnID: string, critical: boolean, value: { toBER(sizeOnly?: boolean): ArrayBuffer }): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical, extnValue: buffer(der(value)).buffer });
}

function uri(text: string): pkijs.GeneralName {
  return new pkijs.GeneralName({ type: 6, value: ia5(text) });
}

/** KeyUsage, critical, in the shortest BIT STRING (go-encoding.ts). */
export function keyUsageExtension(bits: readonly number[]): pkijs.Extension | null {
  if (bits.length === 0) return null;
  return extension(OID.keyUsage, true, keyUsageBitString(bits));
}

export function extKeyUsageExtension(oids: readonly string[]): pkijs.Extension | null {
  if (oids.length === 0) return null;
  return extension(OID.extKeyUsage, false, new pkijs.ExtKeyUsage({ keyPurposes: [...oids] }).toSchema());
}

/** BasicConstraints, critical. Leaves get CA:FALSE, which DER writes as an empty SEQUENCE (30 00). */
export function basicConstraintsExtension(isCa: boolean, maxPathLen: number | null): pkijs.Extension {
  const constraints = new pkijs.BasicConstraints({
    cA: isCa,
    ...(isCa && maxPathLen !== null && maxPathLen >= 0 ? { pathLenConstraint: maxPathLen } : {}),
  });
  return extension(OID.basicConstraints, true, constraints.toSchema());
}

export function subjectKeyIdExtension(keyId: Uint8Array): pkijs.Extension {
  return extension(OID.subjectKeyId, false, new asn1js.OctetString({ valueHex: buffer(keyId) }));
}

export function authorityKeyIdExtension(keyId: Uint8Array): pkijs.Extension {
  const aki = new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: buffer(keyId) }) });
  return extension(OID.authorityKeyId, false, aki.toSchema());
}

export function authorityInfoAccessExtension(ocspUrls: readonly string[], issuerUrls: readonly string[]): pkijs.Extension | null {
  if (ocspUrls.length === 0 && issuerUrls.length === 0) return null;
  const access = (method: string, url: string) => new pkijs.AccessDescription({ accessMethod: method, accessLocation: uri(url) });
  const info = new pkijs.InfoAccess({
    accessDescriptions: [...ocspUrls.map((u) => access(OID.ocsp, u)), ...issuerUrls.map((u) => access(OID.caIssuers, u))],
  });
  return extension(OID.authorityInfoAccess, false, info.toSchema());
}

/** SubjectAltName: DNS names, emails, IPs, URIs, each group in input order (Go marshalSANs). */
export function subjectAltNameExtension(sans: SanSet, subjectIsEmpty: boolean): pkijs.Extension | null {
  const names = [
    ...sans.dns.map((n) => new pkijs.GeneralName({ type: 2, value: ia5(n) })),
    ...sans.emails.map((n) => new pkijs.GeneralName({ type: 1, value: ia5(n) })),
    ...sans.ips.map((ip) => new pkijs.GeneralName({ type: 7, value: new asn1js.OctetString({ valueHex: buffer(ip) }) })),
    ...sans.uris.map(uri),
  ];
  if (names.length === 0) return null;
  // RFC 5280 4.2.1.6: critical when the subject is empty.
  return extension(OID.subjectAltName, subjectIsEmpty, new pkijs.GeneralNames({ names }).toSchema());
}

export function crlDistributionPointsExtension(url: string | undefined): pkijs.Extension | null {
  if (!url) return null;
  const points = new pkijs.CRLDistributionPoints({ distributionPoints: [new pkijs.DistributionPoint({ distributionPoint: [uri(url)] })] });
  return extension(OID.crlDistributionPoints, false, points.toSchema());
}

export function ocspNoCheckExtension(): pkijs.Extension {
  return extension(OID.ocspNoCheck, false, new asn1js.Null());
}
