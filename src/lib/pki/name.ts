// Subject DNs the way Go's crypto/x509/pkix builds them (Name.ToRDNSequence): C, ST, L, street, postal
// code, O, OU, CN, serialNumber, then each extra attribute as its own RDN. Several values of one type
// form ONE multi-valued RDN (a SET, DER-sorted); cfssl issues #599 and #824 are about exactly this.
import type { CsrSpec } from './csr';
import { children, decodeOid, decodeString, directoryString, expect, oid, sequence, setOf, TAG, type DerNode } from './der';
import { OID } from './oid';

export interface Subject {
  country: string[];
  province: string[];
  locality: string[];
  streetAddress: string[];
  postalCode: string[];
  organization: string[];
  organizationalUnit: string[];
  commonName: string;
  serialNumber: string;
  /** Attributes outside the standard set (E, OID map), in order, one RDN each. */
  extra: { oid: string; value: string }[];
}

function emptySubject(): Subject {
  return {
    country: [],
    province: [],
    locality: [],
    streetAddress: [],
    postalCode: [],
    organization: [],
    organizationalUnit: [],
    commonName: '',
    serialNumber: '',
    extra: [],
  };
}

/** cfssl csr.go Name(): values per type in `names` order; OID-map entries then E go to the extras. */
export function subjectFromSpec(spec: Pick<CsrSpec, 'CN' | 'names' | 'serialnumber'>): Subject {
  const subject = emptySubject();
  subject.commonName = spec.CN;
  subject.serialNumber = spec.serialnumber ?? '';
  for (const name of spec.names) {
    if (name.C) subject.country.push(name.C);
    if (name.ST) subject.province.push(name.ST);
    if (name.L) subject.locality.push(name.L);
    if (name.O) subject.organization.push(name.O);
    if (name.OU) subject.organizationalUnit.push(name.OU);
    for (const [attributeOid, value] of Object.entries(name.OID ?? {})) subject.extra.push({ oid: attributeOid, value });
    if (name.E) subject.extra.push({ oid: OID.emailAddress, value: name.E });
  }
  return subject;
}

const STANDARD: readonly [keyof Subject, string][] = [
  ['country', OID.country],
  ['province', OID.province],
  ['locality', OID.locality],
  ['streetAddress', OID.streetAddress],
  ['postalCode', OID.postalCode],
  ['organization', OID.organization],
  ['organizationalUnit', OID.organizationalUnit],
];

function attribute(attributeOid: string, value: string): Uint8Array {
  return sequence(oid(attributeOid), directoryString(value));
}

/** Name ::= SEQUENCE OF RelativeDistinguishedName, byte for byte as Go writes it. */
export function encodeSubject(subject: Subject): Uint8Array {
  const extraOids = new Set(subject.extra.map((e) => e.oid));
  const rdns: Uint8Array[] = [];
  const add = (attributeOid: string, values: readonly string[]): void => {
    // Go appendRDNs: a type also present among the extras is written only there.
    if (values.length === 0 || extraOids.has(attributeOid)) return;
    rdns.push(setOf(values.map((v) => attribute(attributeOid, v))));
  };
  for (const [key, attributeOid] of STANDARD) add(attributeOid, subject[key] as string[]);
  if (subject.commonName !== '') add(OID.commonName, [subject.commonName]);
  if (subject.serialNumber !== '') add(OID.serialNumber, [subject.serialNumber]);
  for (const extra of subject.extra) rdns.push(setOf([attribute(extra.oid, extra.value)]));
  return sequence(...rdns);
}

/** Every attribute of a Name in order (for certinfo `names` and display). */
export function nameAttributes(name: DerNode, what: string): { oid: string; value: string }[] {
  const out: { oid: string; value: string }[] = [];
  for (const rdn of children(expect(name, TAG.sequence, what), what)) {
    for (const atv of children(expect(rdn, TAG.set, what), what)) {
      const [type, value] = children(expect(atv, TAG.sequence, what), what);
      out.push({ oid: decodeOid(expect(type, TAG.oid, what).content), value: value ? decodeString(value) : '' });
    }
  }
  return out;
}

/** Go pkix.Name.FillFromRDNSequence, then cfssl keeps non-standard attributes as extras. */
export function subjectFromName(name: DerNode, what: string): Subject {
  const subject = emptySubject();
  const byOid = new Map(STANDARD.map(([key, attributeOid]) => [attributeOid, key]));
  for (const { oid: attributeOid, value } of nameAttributes(name, what)) {
    const key = byOid.get(attributeOid);
    if (key) (subject[key] as string[]).push(value);
    else if (attributeOid === OID.commonName) subject.commonName = value;
    else if (attributeOid === OID.serialNumber) subject.serialNumber = value;
    else subject.extra.push({ oid: attributeOid, value });
  }
  return subject;
}

/**
 * cfssl local.go PopulateSubjectFromCSR: the subject file wins for every attribute type it sets; CN,
 * C, ST, L, O, OU and serialNumber it leaves empty come from the CSR; other CSR attributes are dropped.
 */
export function populateSubject(override: Subject, fromCsr: Subject): Subject {
  const out: Subject = { ...override, extra: [...override.extra] };
  if (out.commonName === '') out.commonName = fromCsr.commonName;
  if (out.serialNumber === '') out.serialNumber = fromCsr.serialNumber;
  for (const key of ['country', 'province', 'locality', 'organization', 'organizationalUnit'] as const) {
    if (out[key].length === 0) out[key] = [...fromCsr[key]];
  }
  return out;
}
