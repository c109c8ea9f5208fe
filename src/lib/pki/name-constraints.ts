// Name constraints (RFC 5280 4.2.1.10) over one certificate's names, matched the way OpenSSL 3.0 does
// (crypto/x509/v3_ncons.c NAME_CONSTRAINTS_check and NAME_CONSTRAINTS_check_CN), so Inspect and
// `openssl verify` name the same violations: the subject as a directoryName, emailAddress attributes and
// every SAN, and for the end-entity without DNS SANs a CN that looks like a host name.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { fromIa5 } from './go-encoding';
import { OID } from './oid';

export type ConstraintViolation = 'not-permitted' | 'excluded';

interface Name {
  type: number;
  value: string | Uint8Array | pkijs.RelativeDistinguishedNames;
}

/** `base` matches `name` (both of the same GeneralName type). */
function matches(name: Name, base: pkijs.GeneralName): boolean {
  switch (name.type) {
    case 1:
      return emailMatches(name.value as string, fromIa5(base.value as string));
    case 2:
      return dnsMatches(name.value as string, fromIa5(base.value as string));
    case 4:
      return directoryMatches(name.value as pkijs.RelativeDistinguishedNames, base.value as pkijs.RelativeDistinguishedNames);
    case 6:
      return uriMatches(name.value as string, fromIa5(base.value as string));
    case 7:
      return ipMatches(name.value as Uint8Array, (base.value as asn1js.OctetString).valueBlock.valueHexView);
    default:
      return true; // a type OpenSSL does not constrain either
  }
}

/** nc_dns: the base, or the base with labels added on the left; an empty base matches all. */
function dnsMatches(dns: string, base: string): boolean {
  if (base === '') return true;
  if (dns.length < base.length) return false;
  const tail = dns.slice(dns.length - base.length);
  if (dns.length > base.length && !base.startsWith('.') && dns[dns.length - base.length - 1] !== '.') return false;
  return tail.toLowerCase() === base.toLowerCase();
}

/** nc_email: `.domain` matches any address below it, `host` the addresses at it, `local@host` exactly. */
function emailMatches(email: string, base: string): boolean {
  const at = email.indexOf('@');
  if (at < 0) return false;
  if (base.startsWith('.')) return email.length > base.length && email.slice(email.length - base.length).toLowerCase() === base.toLowerCase();
  let host = base;
  const baseAt = base.indexOf('@');
  if (baseAt >= 0) {
    if (baseAt > 0 && base.slice(0, baseAt) !== email.slice(0, at)) return false;
    host = base.slice(baseAt + 1);
  }
  return email.slice(at + 1).toLowerCase() === host.toLowerCase();
}

/** nc_uri: the host of scheme://host[:port][/...] against `host` or `.domain`. */
function uriMatches(uri: string, base: string): boolean {
  const scheme = uri.indexOf(':');
  if (scheme < 0 || uri.slice(scheme + 1, scheme + 3) !== '//') return false;
  const rest = uri.slice(scheme + 3);
  const end = rest.search(/[:/]/);
  const host = (end < 0 ? rest : rest.slice(0, end)).toLowerCase();
  if (host === '') return false;
  if (base.startsWith('.')) return host.length > base.length && host.endsWith(base.toLowerCase());
  return host === base.toLowerCase();
}

/** nc_ip: address and mask of the same family. */
function ipMatches(ip: Uint8Array, base: Uint8Array): boolean {
  if (base.length !== ip.length * 2) return false;
  return ip.every((byte, i) => (byte & base[ip.length + i]!) === (base[i]! & base[ip.length + i]!));
}

/** nc_dn: the base's RDNs are the first RDNs of the name. */
function directoryMatches(name: pkijs.RelativeDistinguishedNames, base: pkijs.RelativeDistinguishedNames): boolean {
  const have = name.typesAndValues;
  const want = base.typesAndValues;
  return want.length <= have.length && want.every((atv, i) => atv.isEqual(have[i]!));
}

/** OpenSSL nc_match: a permitted subtree of the name's type must match, no excluded one may. */
function check(name: Name, constraints: pkijs.NameConstraints): ConstraintViolation | null {
  const ofType = (subtrees: pkijs.GeneralSubtree[] | undefined) => (subtrees ?? []).filter((s) => s.base.type === name.type);
  const permitted = ofType(constraints.permittedSubtrees);
  if (permitted.length > 0 && !permitted.some((s) => matches(name, s.base))) return 'not-permitted';
  if (ofType(constraints.excludedSubtrees).some((s) => matches(name, s.base))) return 'excluded';
  return null;
}

function attributeText(atv: pkijs.AttributeTypeAndValue): string {
  return atv.value instanceof asn1js.BaseStringBlock ? atv.value.getValue() : '';
}

/** cn2dnsid: letters, digits, `_`, `-` and `.` with at least two labels; anything else is not a host name. */
function looksLikeHostName(cn: string): boolean {
  let dotted = false;
  for (let i = 0; i < cn.length; i++) {
    const c = cn[i]!;
    if (/[A-Za-z0-9_]/.test(c)) continue;
    const inner = i > 0 && i < cn.length - 1;
    if (inner && c === '-') continue;
    if (inner && c === '.' && cn[i + 1] !== '.' && cn[i - 1] !== '-' && cn[i + 1] !== '-') {
      dotted = true;
      continue;
    }
    return false;
  }
  return dotted;
}

/** The names of `certificate` that name constraints apply to. */
function constrainedNames(certificate: pkijs.Certificate, endEntity: boolean): Name[] {
  const names: Name[] = [];
  const subject = certificate.subject;
  if (subject.typesAndValues.length > 0) names.push({ type: 4, value: subject });
  for (const atv of subject.typesAndValues) if (atv.type === OID.emailAddress) names.push({ type: 1, value: attributeText(atv) });
  const san = certificate.extensions?.find((e) => e.extnID === OID.subjectAltName)?.parsedValue as unknown;
  const altNames = san instanceof pkijs.AltName ? san.altNames : [];
  for (const general of altNames) {
    if (general.type === 1 || general.type === 2 || general.type === 6) names.push({ type: general.type, value: fromIa5(general.value as string) });
    else if (general.type === 7) names.push({ type: 7, value: (general.value as asn1js.OctetString).valueBlock.valueHexView });
    else if (general.type === 4) names.push({ type: 4, value: general.value as pkijs.RelativeDistinguishedNames });
  }
  if (endEntity && !altNames.some((n) => n.type === 2)) {
    for (const atv of subject.typesAndValues) {
      const cn = atv.type === OID.commonName ? attributeText(atv) : '';
      if (looksLikeHostName(cn)) names.push({ type: 2, value: cn });
    }
  }
  return names;
}

/** The first violation of `constraints` by any name of `certificate`, or null. */
export function nameConstraintViolation(certificate: pkijs.Certificate, constraints: pkijs.NameConstraints, endEntity: boolean): ConstraintViolation | null {
  for (const name of constrainedNames(certificate, endEntity)) {
    const violation = check(name, constraints);
    if (violation) return violation;
  }
  return null;
}
