// An `openssl x509 -text -noout`-like rendering of a decoded certificate, so users can compare what the
// page shows with what openssl prints on their servers (the guide's last step).
import { EXT_KEY_USAGE_NAMES, KEY_USAGE_NAMES, OPENSSL_EXT_KEY_USAGE, OPENSSL_KEY_USAGE, type CertInfo, type ExtensionText } from '../pki';

type Subject = CertInfo['subject'];

/** Go's DN order (C, ST, L, O, OU, CN), as openssl prints cfssl certificates (docs/cfssl-compatibility.md, subject). */
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

// certInfo names usages with the pki display tables; map those names (not a second copy of cfssl's
// strings) to openssl's wording (src/lib/pki/openssl-names.ts) through the bit / OID they stand for.
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

/** The X509v3 extensions block: every extension the certificate has, in its order, with its criticality. */
function extensionLines(extensions: readonly ExtensionText[]): string[] {
  return extensions.flatMap((e) => [`${' '.repeat(12)}${e.name}:${e.critical ? ' critical' : ''}`, ...e.lines.map((line) => ' '.repeat(16) + line)]);
}

export function certificateText(info: CertInfo, extensions: readonly ExtensionText[]): string {
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
    ...(extensions.length > 0 ? [`${ind(8)}X509v3 extensions:`, ...extensionLines(extensions)] : []),
    `SHA256 Fingerprint=${info.sha256_fingerprint}`,
    `SHA1 Fingerprint=${info.sha1_fingerprint}`,
  ];
  return lines.join('\n') + '\n';
}
