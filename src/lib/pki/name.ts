// Subject DNs the way Go's crypto/x509/pkix builds them (Name.ToRDNSequence): C, ST, L, street, postal
// code, O, OU, CN, serialNumber, then each extra attribute as its own RDN. Several values of one type
// form ONE multi-valued RDN (a SET, DER-sorted); cfssl issues #599 and #824 are about exactly this.
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import type { CsrSpec } from './csr';
import { nameFromRdns } from './go-encoding';
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

/** Name ::= SEQUENCE OF RelativeDistinguishedName, byte for byte as Go writes it (go-encoding.ts). */
export function subjectName(subject: Subject): pkijs.RelativeDistinguishedNames {
  const extraOids = new Set(subject.extra.map((e) => e.oid));
  const rdns: { oid: string; value: string }[][] = [];
  const add = (attributeOid: string, values: readonly string[]): void => {
    // Go appendRDNs: a type also present among the extras is written only there.
    if (values.length === 0 || extraOids.has(attributeOid)) return;
    rdns.push(values.map((value) => ({ oid: attributeOid, value })));
  };
  for (const [key, attributeOid] of STANDARD) add(attributeOid, subject[key] as string[]);
  if (subject.commonName !== '') add(OID.commonName, [subject.commonName]);
  if (subject.serialNumber !== '') add(OID.serialNumber, [subject.serialNumber]);
  for (const extra of subject.extra) rdns.push([extra]);
  return nameFromRdns(rdns);
}

/** The DER of subjectName. */
export function encodeSubject(subject: Subject): Uint8Array {
  return new Uint8Array(subjectName(subject).toSchema().toBER(false));
}

/** The text of an attribute value: strings as they decode, anything else as its UTF-8 bytes. */
function attributeText(value: asn1js.AsnType): string {
  if (value instanceof asn1js.BaseStringBlock) return value.getValue();
  return new TextDecoder().decode((value.valueBlock as { valueHexView?: Uint8Array }).valueHexView ?? new Uint8Array());
}

/** Every attribute of a Name in order (for certinfo `names` and display). */
export function nameAttributes(name: pkijs.RelativeDistinguishedNames): { oid: string; value: string }[] {
  return name.typesAndValues.map((atv) => ({ oid: atv.type, value: attributeText(atv.value) }));
}

/** Go pkix.Name.FillFromRDNSequence, then cfssl keeps non-standard attributes as extras. */
export function subjectFromName(name: pkijs.RelativeDistinguishedNames): Subject {
  const subject = emptySubject();
  const byOid = new Map(STANDARD.map(([key, attributeOid]) => [attributeOid, key]));
  for (const { oid: attributeOid, value } of nameAttributes(name)) {
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
