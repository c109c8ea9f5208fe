// An `openssl x509 -text -noout`-like rendering of a decoded certificate, so users can compare what the
// page shows with what openssl prints on their servers (the guide's last step).
import { EXT_KEY_USAGE_NAMES, KEY_USAGE_NAMES, type CertInfo } from '../pki';

type Subject = CertInfo['subject'];

/** Go's DN order (C, ST, L, O, OU, CN), as openssl prints cfssl certificates (cfssl spec §3). */
export function formatDistinguishedName(subject: Subject): string {
  const s = subject as unknown as Record<string, unknown>;
  const parts: string[] = [];
  const add = (label: string, key: string) => {
    const value = s[key];
    if (typeof value === 'string' && value !== '') parts.push(`${label} = ${value}`);
    else if (Array.isArray(value)) for (const v of value) if (typeof v === 'string' && v !== '') parts.push(`${label} = ${v}`);
  };
  add('C', 'country');
  add('ST', 'province');
  add('L', 'locality');
  add('O', 'organization');
  add('OU', 'organizational_unit');
  add('CN', 'common_name');
  if (parts.length === 0 && Array.isArray(s.names)) return (s.names as unknown[]).join(', ');
  return parts.join(', ');
}

// openssl's display names, keyed by what certInfo decodes: KeyUsage bit (RFC 5280 order) and EKU OID.
const OPENSSL_KEY_USAGE = [
  'Digital Signature',
  'Non Repudiation',
  'Key Encipherment',
  'Data Encipherment',
  'Key Agreement',
  'Certificate Sign',
  'CRL Sign',
  'Encipher Only',
  'Decipher Only',
];

const OPENSSL_EXT_KEY_USAGE: ReadonlyMap<string, string> = new Map([
  ['2.5.29.37.0', 'Any Extended Key Usage'],
  ['1.3.6.1.5.5.7.3.1', 'TLS Web Server Authentication'],
  ['1.3.6.1.5.5.7.3.2', 'TLS Web Client Authentication'],
  ['1.3.6.1.5.5.7.3.3', 'Code Signing'],
  ['1.3.6.1.5.5.7.3.4', 'E-mail Protection'],
  ['1.3.6.1.5.5.7.3.8', 'Time Stamping'],
  ['1.3.6.1.5.5.7.3.9', 'OCSP Signing'],
]);

// certInfo names usages with the pki display tables; map those names (not a second copy of cfssl's
// strings) to openssl's wording through the bit / OID they stand for.
const OPENSSL_USAGE_NAMES = new Map<string, string>();
KEY_USAGE_NAMES.forEach((name, bit) => OPENSSL_USAGE_NAMES.set(name, OPENSSL_KEY_USAGE[bit]!));
for (const [oid, name] of EXT_KEY_USAGE_NAMES) {
  const openssl = OPENSSL_EXT_KEY_USAGE.get(oid);
  if (openssl) OPENSSL_USAGE_NAMES.set(name, openssl);
}

const OPENSSL_SIGALG: Record<string, string> = {
  SHA256WithRSA: 'sha256WithRSAEncryption',
  SHA384WithRSA: 'sha384WithRSAEncryption',
  SHA512WithRSA: 'sha512WithRSAEncryption',
  ECDSAWithSHA256: 'ecdsa-with-SHA256',
  ECDSAWithSHA384: 'ecdsa-with-SHA384',
  ECDSAWithSHA512: 'ecdsa-with-SHA512',
  Ed25519: 'ED25519',
};

/** openssl's name for a usage as certInfo lists it (`key_usages` / `ext_key_usages`). */
export function opensslUsageName(usage: string): string {
  return OPENSSL_USAGE_NAMES.get(usage) ?? usage;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** openssl's date form: `Nov 27 10:45:00 2026 GMT`. */
export function opensslDate(iso: string): string {
  const d = new Date(iso);
  const month = MONTHS[d.getUTCMonth()];
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const time = d.toISOString().slice(11, 19);
  return `${month} ${day} ${time} ${d.getUTCFullYear()} GMT`;
}

/** Decimal serial -> openssl's colon hex. */
export function serialHex(decimal: string): string {
  try {
    let hex = BigInt(decimal).toString(16);
    if (hex.length % 2) hex = '0' + hex;
    return hex.match(/../g)!.join(':');
  } catch {
    return decimal;
  }
}

function keyLines(info: CertInfo): string[] {
  const { algorithm, size } = info.public_key;
  if (algorithm === 'rsa') return ['Public Key Algorithm: rsaEncryption', `    Public-Key: (${size} bit)`];
  if (algorithm === 'ecdsa') return ['Public Key Algorithm: id-ecPublicKey', `    Public-Key: (${size} bit)`];
  return ['Public Key Algorithm: ED25519'];
}

function sanText(info: CertInfo): string {
  return [
    ...info.dns_names.map((d) => `DNS:${d}`),
    ...info.email_addresses.map((e) => `email:${e}`),
    ...info.ip_addresses.map((ip) => `IP Address:${ip.toUpperCase()}`),
    ...info.uris.map((u) => `URI:${u}`),
  ].join(', ');
}

export function certificateText(info: CertInfo): string {
  const ind = (n: number) => ' '.repeat(n);
  const lines = [
    'Certificate:',
    `${ind(4)}Data:`,
    `${ind(8)}Version: 3 (0x2)`,
    `${ind(8)}Serial Number:`,
    `${ind(12)}${serialHex(info.serial_number)}`,
    `${ind(8)}Signature Algorithm: ${OPENSSL_SIGALG[info.sigalg] ?? info.sigalg}`,
    `${ind(8)}Issuer: ${formatDistinguishedName(info.issuer)}`,
    `${ind(8)}Validity`,
    `${ind(12)}Not Before: ${opensslDate(info.not_before)}`,
    `${ind(12)}Not After : ${opensslDate(info.not_after)}`,
    `${ind(8)}Subject: ${formatDistinguishedName(info.subject)}`,
    `${ind(8)}Subject Public Key Info:`,
    ...keyLines(info).map((l) => ind(12) + l),
    `${ind(8)}X509v3 extensions:`,
  ];
  const extension = (name: string, value: string) => lines.push(`${ind(12)}${name}`, `${ind(16)}${value}`);
  if (info.key_usages.length > 0) extension('X509v3 Key Usage: critical', info.key_usages.map(opensslUsageName).join(', '));
  if (info.ext_key_usages.length > 0) extension('X509v3 Extended Key Usage:', info.ext_key_usages.map(opensslUsageName).join(', '));
  const bc = info.basic_constraints;
  extension('X509v3 Basic Constraints: critical', bc.is_ca ? `CA:TRUE${bc.max_path_len !== undefined && bc.max_path_len >= 0 ? `, pathlen:${bc.max_path_len}` : ''}` : 'CA:FALSE');
  if (info.subject_key_id) extension('X509v3 Subject Key Identifier:', info.subject_key_id);
  if (info.authority_key_id) extension('X509v3 Authority Key Identifier:', info.authority_key_id);
  const sans = sanText(info);
  if (sans) extension('X509v3 Subject Alternative Name:', sans);
  lines.push(`SHA256 Fingerprint=${info.sha256_fingerprint}`, `SHA1 Fingerprint=${info.sha1_fingerprint}`);
  return lines.join('\n') + '\n';
}
