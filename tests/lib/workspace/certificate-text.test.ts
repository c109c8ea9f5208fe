import { describe, expect, it } from 'vitest';
import { certificateText, formatDistinguishedName, opensslDate, opensslUsageName, serialHex } from '../../../src/lib/workspace';
import { EXT_KEY_USAGE_NAMES, KEY_USAGE_NAMES, type CertInfo } from '../../../src/lib/pki';

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

describe('openssl-like certificate text', () => {
  it('renders the fields the way openssl x509 -text does', () => {
    const text = certificateText(info);
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
      // no openssl wording kept for these: shown as cfssl names them
      'ipsec user': 'ipsec user',
    });
    expect(opensslUsageName('1.2.3.4')).toBe('1.2.3.4');
  });
});
