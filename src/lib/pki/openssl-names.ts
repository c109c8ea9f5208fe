// How `openssl x509 -text` (OpenSSL 3.0, crypto/objects/objects.txt long names) names what certificates
// carry, so the page's certificate text reads like what people see on their servers. One table each for
// extensions, KeyUsage bits and extended key usages; no PKI.js here, the first paint reads these too.

export const OPENSSL_EXTENSION_NAMES: ReadonlyMap<string, string> = new Map([
  ['2.5.29.9', 'X509v3 Subject Directory Attributes'],
  ['2.5.29.14', 'X509v3 Subject Key Identifier'],
  ['2.5.29.15', 'X509v3 Key Usage'],
  ['2.5.29.16', 'X509v3 Private Key Usage Period'],
  ['2.5.29.17', 'X509v3 Subject Alternative Name'],
  ['2.5.29.18', 'X509v3 Issuer Alternative Name'],
  ['2.5.29.19', 'X509v3 Basic Constraints'],
  ['2.5.29.30', 'X509v3 Name Constraints'],
  ['2.5.29.31', 'X509v3 CRL Distribution Points'],
  ['2.5.29.32', 'X509v3 Certificate Policies'],
  ['2.5.29.33', 'X509v3 Policy Mappings'],
  ['2.5.29.35', 'X509v3 Authority Key Identifier'],
  ['2.5.29.36', 'X509v3 Policy Constraints'],
  ['2.5.29.37', 'X509v3 Extended Key Usage'],
  ['2.5.29.46', 'X509v3 Freshest CRL'],
  ['2.5.29.54', 'X509v3 Inhibit Any Policy'],
  ['1.3.6.1.5.5.7.1.1', 'Authority Information Access'],
  ['1.3.6.1.5.5.7.1.3', 'qcStatements'],
  ['1.3.6.1.5.5.7.1.11', 'Subject Information Access'],
  ['1.3.6.1.5.5.7.1.24', 'TLS Feature'],
  ['1.3.6.1.5.5.7.48.1.5', 'OCSP No Check'],
  ['1.3.6.1.4.1.11129.2.4.2', 'CT Precertificate SCTs'],
  ['1.3.6.1.4.1.11129.2.4.3', 'CT Precertificate Poison'],
  ['2.16.840.1.113730.1.1', 'Netscape Cert Type'],
  ['2.16.840.1.113730.1.13', 'Netscape Comment'],
]);

/** KeyUsage bits in RFC 5280 order. */
export const OPENSSL_KEY_USAGE = [
  'Digital Signature',
  'Non Repudiation',
  'Key Encipherment',
  'Data Encipherment',
  'Key Agreement',
  'Certificate Sign',
  'CRL Sign',
  'Encipher Only',
  'Decipher Only',
] as const;

export const OPENSSL_EXT_KEY_USAGE: ReadonlyMap<string, string> = new Map([
  ['2.5.29.37.0', 'Any Extended Key Usage'],
  ['1.3.6.1.5.5.7.3.1', 'TLS Web Server Authentication'],
  ['1.3.6.1.5.5.7.3.2', 'TLS Web Client Authentication'],
  ['1.3.6.1.5.5.7.3.3', 'Code Signing'],
  ['1.3.6.1.5.5.7.3.4', 'E-mail Protection'],
  ['1.3.6.1.5.5.7.3.5', 'IPSec End System'],
  ['1.3.6.1.5.5.7.3.6', 'IPSec Tunnel'],
  ['1.3.6.1.5.5.7.3.7', 'IPSec User'],
  ['1.3.6.1.5.5.7.3.8', 'Time Stamping'],
  ['1.3.6.1.5.5.7.3.9', 'OCSP Signing'],
  ['1.3.6.1.4.1.311.10.3.3', 'Microsoft Server Gated Crypto'],
  ['2.16.840.1.113730.4.1', 'Netscape Server Gated Crypto'],
]);
