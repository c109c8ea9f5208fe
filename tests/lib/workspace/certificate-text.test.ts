import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { certificateText, formatDistinguishedName, opensslDate, opensslUsageName, serialHex } from '../../../src/lib/workspace';
import { certificateDetails, EXT_KEY_USAGE_NAMES, KEY_USAGE_NAMES, type CertInfo, type ExtensionText } from '../../../src/lib/pki';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/pki/${name}`, import.meta.url), 'utf8');

const subject = { common_name: 'etcd', country: 'CN', province: 'shanghai', locality: 'shanghai', organization: 'etcd', organizational_unit: 'System', names: [] };

const info = {
  subject,
  issuer: { ...subject, common_name: 'SelfSignedCa', organization: 'cfssl' },
  serial_number: '256',
  sans: ['etcd.local', '10.0.0.1'],
  dns_names: ['etcd.local'],
  ip_addresses: ['10.0.0.1'],
  email_addresses: [],
  uris: [],
  not_before: '2026-11-27T10:40:00Z',
  not_after: '2031-11-26T10:40:00Z',
  sigalg: 'SHA256WithRSA',
  authority_key_id: 'AA:BB',
  subject_key_id: 'CC:DD',
  pem: '',
  key_usages: ['digital signature', 'key encipherment'],
  ext_key_usages: ['server auth', 'client auth'],
  basic_constraints: { is_ca: false },
  public_key: { algorithm: 'rsa', size: 2048 },
  sha256_fingerprint: 'AB:CD',
  sha1_fingerprint: 'EF:01',
} as unknown as CertInfo;

const extensions: ExtensionText[] = [
  { oid: '2.5.29.15', name: 'X509v3 Key Usage', critical: true, lines: ['Digital Signature, Key Encipherment'] },
  { oid: '2.5.29.37', name: 'X509v3 Extended Key Usage', critical: false, lines: ['TLS Web Server Authentication, TLS Web Client Authentication'] },
  { oid: '2.5.29.19', name: 'X509v3 Basic Constraints', critical: true, lines: ['CA:FALSE'] },
  { oid: '2.5.29.17', name: 'X509v3 Subject Alternative Name', critical: false, lines: ['DNS:etcd.local, IP Address:10.0.0.1'] },
];

describe('openssl-like certificate text', () => {
  it('renders the fields the way openssl x509 -text does', () => {
    const text = certificateText(info, extensions);
    expect(text).toContain('Signature Algorithm: sha256WithRSAEncryption');
    expect(text).toContain('Issuer: C = CN, ST = shanghai, L = shanghai, O = cfssl, OU = System, CN = SelfSignedCa');
    expect(text).toContain('Not Before: Nov 27 10:40:00 2026 GMT');
    expect(text).toContain('Not After : Nov 26 10:40:00 2031 GMT');
    expect(text).toContain('Public-Key: (2048 bit)');
    expect(text).toMatch(/X509v3 Key Usage: critical\n\s+Digital Signature, Key Encipherment/);
    expect(text).toMatch(/Extended Key Usage:\n\s+TLS Web Server Authentication, TLS Web Client Authentication/);
    expect(text).toMatch(/Basic Constraints: critical\n\s+CA:FALSE/);
    expect(text).toMatch(/Subject Alternative Name:\n\s+DNS:etcd\.local, IP Address:10\.0\.0\.1/);
  });

  it('lists exactly the extensions a certificate has, in its order and criticality, as openssl x509 -text does', async () => {
    // Made by openssl 3.0 (no Basic Constraints, a non-critical Key Usage, an unknown critical extension);
    // the expected header lines are what `openssl x509 -text` printed for it, trailing blanks trimmed.
    const { info, extensions: found } = await certificateDetails(fixture('fixture-openssl-many-extensions.pem'));
    const text = certificateText(info, found);
    const headers = text.split('\n').filter((line) => /^ {12}\S/.test(line)).map((line) => line.trim());
    expect(headers.slice(headers.indexOf('X509v3 Key Usage:'))).toEqual([
      'X509v3 Key Usage:',
      'X509v3 Extended Key Usage:',
      'X509v3 Subject Key Identifier:',
      'X509v3 Authority Key Identifier:',
      'X509v3 Subject Alternative Name:',
      'Authority Information Access:',
      'X509v3 CRL Distribution Points:',
      'X509v3 Certificate Policies:',
      'TLS Feature:',
      'X509v3 Name Constraints:',
      '1.3.6.1.4.1.55555.1: critical',
    ]);
    expect(text).not.toContain('Basic Constraints');
    expect(text).toMatch(/Extended Key Usage:\n\s+TLS Web Server Authentication, 1\.3\.6\.1\.4\.1\.55555\.3\n/);
    expect(text).toMatch(/Authority Information Access:\n\s+OCSP - URI:http:\/\/ocsp\.corp\.example\n\s+CA Issuers - URI:http:\/\/ca\.corp\.example\/ca\.crt\n/);
    expect(text).toMatch(/CRL Distribution Points:\n\s+Full Name:\n\s+URI:http:\/\/ca\.corp\.example\/crl\n/);
    expect(text).toMatch(/Certificate Policies:\n\s+Policy: 2\.23\.140\.1\.2\.1\n\s+Policy: 1\.3\.6\.1\.4\.1\.55555\.9\n\s+CPS: http:\/\/cps\.example\n/);
    expect(text).toMatch(/TLS Feature:\n\s+status_request\n/);
    expect(text).toMatch(/Name Constraints:\n\s+Permitted:\n\s+DNS:corp\.example\n\s+Excluded:\n\s+IP:10\.9\.0\.0\/255\.255\.0\.0\n/);
    expect(text).toMatch(/1\.3\.6\.1\.4\.1\.55555\.1: critical\n\s+05:00\n/);
  });

  it('formats names, dates and serials', () => {
    expect(formatDistinguishedName(subject as unknown as CertInfo['subject'])).toBe('C = CN, ST = shanghai, L = shanghai, O = etcd, OU = System, CN = etcd');
    expect(opensslDate('2026-01-05T01:02:03Z')).toBe('Jan  5 01:02:03 2026 GMT');
    expect(serialHex('256')).toBe('01:00');
    expect(serialHex('not a number')).toBe('not a number');
  });

  it("names every usage certInfo can list the way openssl prints it", () => {
    expect(KEY_USAGE_NAMES.map(opensslUsageName)).toEqual([
      'Digital Signature', 'Non Repudiation', 'Key Encipherment', 'Data Encipherment', 'Key Agreement',
      'Certificate Sign', 'CRL Sign', 'Encipher Only', 'Decipher Only',
    ]);
    const eku = Object.fromEntries([...EXT_KEY_USAGE_NAMES.values()].map((name) => [name, opensslUsageName(name)]));
    expect(eku).toMatchObject({
      any: 'Any Extended Key Usage',
      'server auth': 'TLS Web Server Authentication',
      'client auth': 'TLS Web Client Authentication',
      'code signing': 'Code Signing',
      'email protection': 'E-mail Protection',
      timestamping: 'Time Stamping',
      'ocsp signing': 'OCSP Signing',
      'ipsec user': 'IPSec User',
    });
    expect(opensslUsageName('1.2.3.4')).toBe('1.2.3.4');
  });
});
