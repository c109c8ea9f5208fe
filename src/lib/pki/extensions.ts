// The certificate extensions cfssl's certificates carry, as PKI.js objects encoded the way Go's crypto/x509
// does (buildCertExtensions), and written in Go's order: KU, EKU, BC, SKI, AKI, AIA, SAN, CRL DP, extras.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { der, keepEncoding, oidBlock } from './asn1';
import { buffer, toHex } from './bytes';
import { ia5, keyUsageBitString } from './go-encoding';
import { OID } from './oid';

export interface SanSet {
  dns: string[];
  emails: string[];
  /** 4 bytes (IPv4, also IPv4-mapped) or 16 bytes. */
  ips: Uint8Array[];
  uris: string[];
}

/**
 * A PKI.js Extension, encoded once when it is made (it goes into a CSR and a certificate, or many
 * certificates): Extension.toSchema()'s SEQUENCE { extnID, critical if TRUE, extnValue }, with the OID
 * block made once per OID.
 */
function extension(extnID: string, critical: boolean, value: { toBER(sizeOnly?: boolean): ArrayBuffer }): pkijs.Extension {
  const made = new pkijs.Extension({ extnID, critical, extnValue: buffer(der(value)).buffer });
  const encoded = new asn1js.Sequence({ value: [oidBlock(extnID), ...(critical ? [new asn1js.Boolean({ value: true })] : []), made.extnValue] });
  return keepEncoding(made, der(encoded));
}

// The extensions a CA writes the same into every certificate of a profile (usages, basic constraints,
// its key id, URLs) are made once: Generate signs many leaves with few profiles. PKI.js does not change
// an extension when it signs, so one object serves every certificate.
const made = new Map<string, pkijs.Extension>();

function once(key: string, make: () => pkijs.Extension): pkijs.Extension {
  let found = made.get(key);
  if (!found) {
    if (made.size >= 256) made.clear(); // a long session's many CAs: start over rather than grow
    made.set(key, (found = make()));
  }
  return found;
}

function uri(text: string): pkijs.GeneralName {
  return new pkijs.GeneralName({ type: 6, value: ia5(text) });
}

/** KeyUsage, critical, in the shortest BIT STRING (go-encoding.ts). */
export function keyUsageExtension(bits: readonly number[]): pkijs.Extension | null {
  if (bits.length === 0) return null;
  return once(`ku ${bits.join(',')}`, () => extension(OID.keyUsage, true, keyUsageBitString(bits)));
}

export function extKeyUsageExtension(oids: readonly string[]): pkijs.Extension | null {
  if (oids.length === 0) return null;
  return once(`eku ${oids.join(',')}`, () => extension(OID.extKeyUsage, false, new pkijs.ExtKeyUsage({ keyPurposes: [...oids] }).toSchema()));
}

/** BasicConstraints, critical. Leaves get CA:FALSE, which DER writes as an empty SEQUENCE (30 00). */
export function basicConstraintsExtension(isCa: boolean, maxPathLen: number | null): pkijs.Extension {
  const pathLen = isCa && maxPathLen !== null && maxPathLen >= 0 ? { pathLenConstraint: maxPathLen } : {};
  return once(`bc ${isCa} ${pathLen.pathLenConstraint}`, () =>
    extension(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: isCa, ...pathLen }).toSchema()),
  );
}

export function subjectKeyIdExtension(keyId: Uint8Array): pkijs.Extension {
  return extension(OID.subjectKeyId, false, new asn1js.OctetString({ valueHex: buffer(keyId) }));
}

export function authorityKeyIdExtension(keyId: Uint8Array): pkijs.Extension {
  return once(`aki ${toHex(keyId)}`, () =>
    extension(OID.authorityKeyId, false, new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: buffer(keyId) }) }).toSchema()),
  );
}

export function authorityInfoAccessExtension(ocspUrls: readonly string[], issuerUrls: readonly string[]): pkijs.Extension | null {
  if (ocspUrls.length === 0 && issuerUrls.length === 0) return null;
  const access = (method: string, url: string) => new pkijs.AccessDescription({ accessMethod: method, accessLocation: uri(url) });
  return once(`aia ${JSON.stringify([ocspUrls, issuerUrls])}`, () => {
    const info = new pkijs.InfoAccess({
      accessDescriptions: [...ocspUrls.map((u) => access(OID.ocsp, u)), ...issuerUrls.map((u) => access(OID.caIssuers, u))],
    });
    return extension(OID.authorityInfoAccess, false, info.toSchema());
  });
}

// A leaf's SANs go into its CSR and then its certificate: the extension is made once per SAN set.
const sanExtensions = new WeakMap<SanSet, Map<boolean, pkijs.Extension | null>>();

/** SubjectAltName: DNS names, emails, IPs, URIs, each group in input order (Go marshalSANs). */
export function subjectAltNameExtension(sans: SanSet, subjectIsEmpty: boolean): pkijs.Extension | null {
  let byCriticality = sanExtensions.get(sans);
  if (!byCriticality) sanExtensions.set(sans, (byCriticality = new Map()));
  if (!byCriticality.has(subjectIsEmpty)) byCriticality.set(subjectIsEmpty, makeSubjectAltName(sans, subjectIsEmpty));
  return byCriticality.get(subjectIsEmpty)!;
}

function makeSubjectAltName(sans: SanSet, subjectIsEmpty: boolean): pkijs.Extension | null {
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
  return once(`crl ${url}`, () => {
    const points = new pkijs.CRLDistributionPoints({ distributionPoints: [new pkijs.DistributionPoint({ distributionPoint: [uri(url)] })] });
    return extension(OID.crlDistributionPoints, false, points.toSchema());
  });
}

export function ocspNoCheckExtension(): pkijs.Extension {
  return once('ocsp-nocheck', () => extension(OID.ocspNoCheck, false, new asn1js.Null()));
}
