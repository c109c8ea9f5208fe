// Every extension of a certificate as `openssl x509 -text` lists it: its name, its true criticality and its
// value, decoded where PKI.js knows the extension, otherwise the value's bytes in hex.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toHex } from './bytes';
import { fromIa5 } from './go-encoding';
import { formatIp } from './ip';
import { OID } from './oid';
import { OPENSSL_EXT_KEY_USAGE, OPENSSL_EXTENSION_NAMES, OPENSSL_KEY_USAGE } from './openssl-names';
import { basicConstraintsOf, setBits } from './x509';

export interface ExtensionText {
  oid: string;
  /** openssl's name for it, or the dotted OID when openssl has none either. */
  name: string;
  critical: boolean;
  lines: string[];
}

const hexColons = (bytes: Uint8Array): string => toHex(bytes, ':').toUpperCase();

const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.17': 'postalCode',
  [OID.emailAddress]: 'emailAddress',
};

function directoryName(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((atv) => `/${SHORT_NAMES[atv.type] ?? atv.type}=${atv.value instanceof asn1js.BaseStringBlock ? atv.value.getValue() : ''}`)
    .join('');
}

function ipText(bytes: Uint8Array): string {
  if (bytes.length === 8 || bytes.length === 32) return `${formatIp(bytes.subarray(0, bytes.length / 2))}/${formatIp(bytes.subarray(bytes.length / 2))}`;
  return bytes.length === 4 || bytes.length === 16 ? formatIp(bytes).toUpperCase() : hexColons(bytes);
}

/** A GeneralName as openssl prints it (GENERAL_NAME_print); `IP Address:` in SANs, `IP:` in name constraints. */
function generalName(name: pkijs.GeneralName, ipLabel = 'IP Address'): string {
  switch (name.type) {
    case 1:
      return `email:${fromIa5(name.value as string)}`;
    case 2:
      return `DNS:${fromIa5(name.value as string)}`;
    case 4:
      return `DirName:${directoryName(name.value as pkijs.RelativeDistinguishedNames)}`;
    case 6:
      return `URI:${fromIa5(name.value as string)}`;
    case 7:
      return `${ipLabel}:${ipText((name.value as asn1js.OctetString).valueBlock.valueHexView)}`;
    case 8:
      return `Registered ID:${name.value as string}`;
    default:
      return ['othername:<unsupported>', '', '', 'X400Name:<unsupported>', '', 'EdiPartyName:<unsupported>'][name.type] ?? '<unsupported>';
  }
}

function bitNames(bits: asn1js.BitString, names: readonly string[]): string {
  return setBits(bits)
    .map((bit) => names[bit] ?? `bit ${bit}`)
    .join(', ');
}

const NETSCAPE_CERT_TYPES = ['SSL Client', 'SSL Server', 'S/MIME', 'Object Signing', 'Unused', 'SSL CA', 'S/MIME CA', 'Object Signing CA'];
const TLS_FEATURES: Readonly<Record<number, string>> = { 5: 'status_request', 17: 'status_request_v2' };
const ACCESS_METHODS: Readonly<Record<string, string>> = { [OID.ocsp]: 'OCSP', [OID.caIssuers]: 'CA Issuers', '1.3.6.1.5.5.7.48.5': 'CA Repository' };

function policyLines(policies: pkijs.CertificatePolicies): string[] {
  return policies.certificatePolicies.flatMap((policy) => [
    `Policy: ${policy.policyIdentifier}`,
    ...(policy.policyQualifiers ?? []).map((q) =>
      q.policyQualifierId === '1.3.6.1.5.5.7.2.1' && q.qualifier instanceof asn1js.BaseStringBlock ? `  CPS: ${q.qualifier.getValue()}` : `  ${q.policyQualifierId === '1.3.6.1.5.5.7.2.2' ? 'User Notice' : q.policyQualifierId}`,
    ),
  ]);
}

function distributionPointLines(points: pkijs.CRLDistributionPoints): string[] {
  return points.distributionPoints.flatMap((point) => {
    const name = point.distributionPoint;
    if (Array.isArray(name)) return ['Full Name:', ...name.map((n) => `  ${generalName(n)}`)];
    return name ? ['Relative Name:', `  ${directoryName(name)}`] : [];
  });
}

function subtreeLines(title: string, subtrees: pkijs.GeneralSubtree[] | undefined): string[] {
  return subtrees?.length ? [`${title}:`, ...subtrees.map((s) => `  ${generalName(s.base, 'IP')}`)] : [];
}

/** The decoded lines of a known extension, or null to show its bytes. */
function decoded(extension: pkijs.Extension): string[] | null {
  const value = extension.parsedValue as unknown;
  if (value === undefined || (typeof value === 'object' && value !== null && 'parsingError' in value)) return null;
  switch (extension.extnID) {
    case OID.keyUsage:
      return value instanceof asn1js.BitString ? [bitNames(value, OPENSSL_KEY_USAGE)] : null;
    case OID.netscapeCertType:
      return value instanceof asn1js.BitString ? [bitNames(value, NETSCAPE_CERT_TYPES)] : null;
    case OID.extKeyUsage:
      return value instanceof pkijs.ExtKeyUsage ? [value.keyPurposes.map((p) => OPENSSL_EXT_KEY_USAGE.get(p) ?? p).join(', ')] : null;
    case OID.basicConstraints: {
      if (!(value instanceof pkijs.BasicConstraints)) return null;
      const { isCa, maxPathLen } = basicConstraintsOf(value);
      return [`CA:${isCa ? 'TRUE' : 'FALSE'}${maxPathLen === undefined ? '' : `, pathlen:${maxPathLen}`}`];
    }
    case OID.subjectKeyId:
      return value instanceof asn1js.OctetString ? [hexColons(value.valueBlock.valueHexView)] : null;
    case OID.authorityKeyId: {
      if (!(value instanceof pkijs.AuthorityKeyIdentifier)) return null;
      const id = value.keyIdentifier ? hexColons(value.keyIdentifier.valueBlock.valueHexView) : undefined;
      if (!value.authorityCertIssuer && !value.authorityCertSerialNumber && id) return [id];
      return [
        ...(id ? [`keyid:${id}`] : []),
        ...(value.authorityCertIssuer ?? []).map((n) => generalName(n)),
        ...(value.authorityCertSerialNumber ? [`serial:${hexColons(value.authorityCertSerialNumber.valueBlock.valueHexView)}`] : []),
      ];
    }
    case OID.subjectAltName:
    case OID.issuerAltName:
      return value instanceof pkijs.AltName ? [value.altNames.map((n) => generalName(n)).join(', ')] : null;
    case OID.authorityInfoAccess:
    case OID.subjectInfoAccess:
      return value instanceof pkijs.InfoAccess
        ? value.accessDescriptions.map((d) => `${ACCESS_METHODS[d.accessMethod] ?? d.accessMethod} - ${generalName(d.accessLocation)}`)
        : null;
    case OID.crlDistributionPoints:
    case OID.freshestCrl:
      return value instanceof pkijs.CRLDistributionPoints ? distributionPointLines(value) : null;
    case OID.certificatePolicies:
      return value instanceof pkijs.CertificatePolicies ? policyLines(value) : null;
    case OID.nameConstraints:
      return value instanceof pkijs.NameConstraints
        ? [...subtreeLines('Permitted', value.permittedSubtrees), ...subtreeLines('Excluded', value.excludedSubtrees)]
        : null;
    case OID.policyConstraints:
      return value instanceof pkijs.PolicyConstraints
        ? [
            ...(value.requireExplicitPolicy !== undefined ? [`Require Explicit Policy:${value.requireExplicitPolicy}`] : []),
            ...(value.inhibitPolicyMapping !== undefined ? [`Inhibit Policy Mapping:${value.inhibitPolicyMapping}`] : []),
          ]
        : null;
    case OID.policyMappings:
      return value instanceof pkijs.PolicyMappings ? value.mappings.map((m) => `${m.issuerDomainPolicy}:${m.subjectDomainPolicy}`) : null;
    case OID.inhibitAnyPolicy:
      return value instanceof asn1js.Integer ? [value.toBigInt().toString()] : null;
    case OID.ocspNoCheck:
      return [''];
    case OID.tlsFeature:
      return value instanceof asn1js.Sequence
        ? [value.valueBlock.value.map((f) => (f instanceof asn1js.Integer ? TLS_FEATURES[f.valueBlock.valueDec] ?? String(f.valueBlock.valueDec) : '?')).join(', ')]
        : null;
    default:
      return null;
  }
}

export function extensionTexts(certificate: pkijs.Certificate): ExtensionText[] {
  return (certificate.extensions ?? []).map((extension) => ({
    oid: extension.extnID,
    name: OPENSSL_EXTENSION_NAMES.get(extension.extnID) ?? extension.extnID,
    critical: extension.critical,
    lines: decoded(extension) ?? [hexColons(extension.extnValue.valueBlock.valueHexView)],
  }));
}
