// Comparable facts about certificates, CSRs and private keys, read with the REAL openssl command
// (never with our own engine), plus a field-by-field comparison that reports every difference.
// Used by the interop tests to show that kubeprep and cfssl produce the same certificates.
import { execFile } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Runs openssl with PEM text on stdin; throws with stderr on a non-zero exit. */
export async function openssl(args: string[], input?: string): Promise<string> {
  return (await opensslOutput(args, input)).stdout;
}

async function opensslOutput(args: string[], input?: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile('openssl', args, { encoding: 'utf8', maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`openssl ${args.join(' ')} failed: ${stderr || error.message}`));
      else resolve({ stdout, stderr });
    });
    // openssl may exit without reading stdin (-in FILE): the exit status and stderr above tell the result.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? '');
  });
}

/** The first PEM block with the given label in some text. */
function pemBlock(text: string, label: string): string {
  const m = new RegExp(`-----BEGIN ${label}-----[\\s\\S]*?-----END ${label}-----\\n?`, 'u').exec(text);
  return m?.[0] ?? '';
}

// ---------------------------------------------------------------------------------------------
// Distinguished names: RDN order, multi-valued RDNs and the ASN.1 string type of every value.

export interface NameAttribute {
  type: string; // openssl short name: C, ST, L, O, OU, CN, emailAddress, serialNumber, or a dotted OID
  stringType: string; // PRINTABLESTRING, UTF8STRING, IA5STRING, ...
  value: string;
}
/** One RDN = one SET; several attributes means a multi-valued RDN ("O=a + O=b"). */
export type Rdn = NameAttribute[];

// sep_comma_plus keeps DER order (no dn_rev) and separates multi-valued RDN members with '+';
// esc_2253 escapes ',' '+' etc. in values with a backslash; show_type prefixes the ASN.1 string type.
const NAME_OPTIONS = 'sep_comma_plus,esc_2253,esc_ctrl,utf8,sname,show_type';

function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + text[i + 1]!;
      i++;
    } else if (ch === separator) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

function unescape2253(value: string): string {
  return value.replace(/\\(.)/gu, '$1');
}

/** Parses one line of `openssl ... -nameopt NAME_OPTIONS` output (without the "subject=" prefix). */
export function parseDistinguishedName(text: string): Rdn[] {
  if (text.trim() === '') return [];
  return splitUnescaped(text, ',').map((rdn) =>
    splitUnescaped(rdn, '+').map((attribute) => {
      const eq = attribute.indexOf('=');
      const type = attribute.slice(0, eq);
      const typed = attribute.slice(eq + 1);
      const colon = typed.indexOf(':');
      return { type, stringType: typed.slice(0, colon), value: unescape2253(typed.slice(colon + 1)) };
    }),
  );
}

export function formatDistinguishedName(name: Rdn[]): string {
  return name.map((rdn) => rdn.map((a) => `${a.type}=${a.value}`).join(' + ')).join(', ');
}

// ---------------------------------------------------------------------------------------------
// asn1parse: extensions in order with criticality and exact value bytes, and a structural
// "shape" of the whole object (tags, OIDs, strings; key material, serials and times elided).

interface Asn1Line {
  offset: number;
  depth: number;
  headerLength: number;
  length: number;
  constructed: boolean;
  tag: string;
  value: string;
}

function parseAsn1(output: string): Asn1Line[] {
  const lines: Asn1Line[] = [];
  for (const raw of output.split('\n')) {
    const m = /^\s*(\d+):d=(\d+)\s+hl=(\d+)\s+l=\s*(\d+)\s+(cons|prim):\s+(.*)$/u.exec(raw);
    if (!m) continue;
    const rest = m[6]!;
    const hexDump = rest.indexOf('[HEX DUMP]:');
    const colon = hexDump >= 0 ? hexDump + '[HEX DUMP]'.length : rest.indexOf(':');
    const tag = (colon >= 0 ? rest.slice(0, hexDump >= 0 ? hexDump : colon) : rest).trim();
    const value = colon >= 0 ? rest.slice(colon + 1).trim() : '';
    lines.push({
      offset: Number(m[1]),
      depth: Number(m[2]),
      headerLength: Number(m[3]),
      length: Number(m[4]),
      constructed: m[5] === 'cons',
      tag,
      value,
    });
  }
  return lines;
}

export interface ExtensionFact {
  name: string; // openssl long name, e.g. "X509v3 Key Usage", or the dotted OID
  critical: boolean;
  valueHex: string; // the extnValue OCTET STRING contents, upper-case hex
}

/** Extensions of a certificate (depth 5 inside [3]) or of a CSR's extensionRequest, in order. */
function extensionsFrom(lines: Asn1Line[], extensionDepth: number, startIndex: number, stopDepth: number): ExtensionFact[] {
  const out: ExtensionFact[] = [];
  for (let i = startIndex; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.depth <= stopDepth) break;
    if (line.depth !== extensionDepth || line.tag !== 'OBJECT') continue;
    const next = lines[i + 1];
    const critical = next?.depth === extensionDepth && next.tag === 'BOOLEAN' && next.value !== '0';
    const octets = lines[i + (next?.tag === 'BOOLEAN' ? 2 : 1)];
    out.push({ name: line.value, critical, valueHex: (octets?.tag === 'OCTET STRING' ? octets.value : '').toUpperCase() });
  }
  return out;
}

const VOLATILE_EXTENSIONS = new Set(['X509v3 Subject Key Identifier', 'X509v3 Authority Key Identifier']);
const STRING_TAGS = /STRING|UTCTIME|GENERALIZEDTIME|OBJECT|BOOLEAN|NULL/u;

/**
 * A line-per-element outline of the DER: depth, tag and the values that must agree between two
 * independent issuers of "the same" certificate. Elided: long INTEGERs (serials, key numbers),
 * times, BIT STRING bodies (keys and signatures) and SKI/AKI bytes. Lengths are left out too.
 */
function shapeOf(lines: Asn1Line[]): string[] {
  const shape: string[] = [];
  let previousObject = '';
  for (const line of lines) {
    let value = '';
    if (line.tag === 'OBJECT') {
      value = line.value;
      previousObject = line.value;
    } else if (line.tag === 'INTEGER') {
      value = line.value.length <= 4 ? line.value : '<long>';
    } else if (line.tag === 'UTCTIME' || line.tag === 'GENERALIZEDTIME') {
      value = '<time>';
    } else if (line.tag === 'OCTET STRING') {
      value = VOLATILE_EXTENSIONS.has(previousObject) ? '<key id>' : line.value;
      if (previousObject === '' || /PRIVATE|prime|Encryption/iu.test(previousObject)) value = '<bytes>';
    } else if (line.tag === 'BIT STRING') {
      value = '<bits>';
    } else if (STRING_TAGS.test(line.tag) && !line.constructed) {
      value = line.value;
    }
    shape.push(`${'  '.repeat(line.depth)}${line.tag}${value === '' ? '' : ` ${value}`}`);
  }
  return shape;
}

// ---------------------------------------------------------------------------------------------
// Certificates

export interface PublicKeyFact {
  algorithm: 'rsa' | 'ecdsa' | 'ed25519' | string;
  size: number; // RSA modulus bits, EC curve bits
  curve?: string; // NIST name, e.g. P-256
  exponent?: number;
}

export interface CertificateFacts {
  version: number;
  serialHex: string;
  serialBytes: number;
  subject: Rdn[];
  issuer: Rdn[];
  signatureAlgorithm: string;
  notBefore: Date;
  notAfter: Date;
  /** notAfter − notBefore in seconds. */
  validitySeconds: number;
  timeEncoding: string[]; // e.g. ['UTCTIME','UTCTIME']
  publicKey: PublicKeyFact;
  extensions: ExtensionFact[];
  keyUsage: { critical: boolean; usages: string[] } | null;
  extKeyUsage: { critical: boolean; usages: string[] } | null;
  basicConstraints: { critical: boolean; ca: boolean; pathLength?: number } | null;
  /** SANs in certificate order, as openssl prints them: "DNS:x", "IP Address:1.2.3.4", "email:a@b", "URI:..." */
  subjectAltNames: string[];
  subjectKeyId: string | null;
  authorityKeyId: string | null;
  /** SKI equals SHA-1 over the subjectPublicKey bits (RFC 5280 4.2.1.2 method 1). */
  subjectKeyIdIsSha1OfKey: boolean;
  /** DER outline for a catch-all structural comparison. */
  shape: string[];
  /** SPKI PEM ("PUBLIC KEY"), to match against a private key. */
  publicKeyPem: string;
  pem: string;
  text: string;
}

function section(text: string, header: string): { header: string; body: string[] } | null {
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.trim().startsWith(`${header}:`));
  if (index < 0) return null;
  const indent = lines[index]!.search(/\S/u);
  const body: string[] = [];
  for (let i = index + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() === '' || l.search(/\S/u) <= indent) break;
    body.push(l.trim());
  }
  return { header: lines[index]!.trim(), body };
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function parsePublicKey(text: string): PublicKeyFact {
  const algorithm = /Public Key Algorithm:\s*(\S+)/u.exec(text)?.[1] ?? 'unknown';
  const bits = Number(/(?:Public-Key|Private-Key):\s*\((\d+) bit/u.exec(text)?.[1] ?? 0);
  if (algorithm === 'rsaEncryption' || /^\s*modulus:/imu.test(text)) {
    const exponent = Number(/(?:Exponent|publicExponent):\s*(\d+)/u.exec(text)?.[1] ?? 0);
    return { algorithm: 'rsa', size: bits, exponent };
  }
  if (algorithm === 'id-ecPublicKey' || /ASN1 OID:/u.test(text)) {
    const curve = /NIST CURVE:\s*(\S+)/u.exec(text)?.[1] ?? /ASN1 OID:\s*(\S+)/u.exec(text)?.[1] ?? 'unknown';
    return { algorithm: 'ecdsa', size: bits, curve };
  }
  if (algorithm === 'ED25519' || /ED25519/u.test(text)) return { algorithm: 'ed25519', size: 256 };
  return { algorithm, size: bits };
}

/** Parses openssl's one-line date ("Nov 27 10:47:00 2026 GMT"). */
function parseOpensslDate(text: string): Date {
  const d = new Date(text.replace(/\s+GMT$/u, ' UTC'));
  if (Number.isNaN(d.getTime())) throw new Error(`cannot parse openssl date ${text}`);
  return d;
}

function subjectPublicKeyBits(pem: string): Buffer {
  // SubjectPublicKeyInfo ::= SEQUENCE { algorithm, subjectPublicKey BIT STRING }: take the last TLV.
  const der = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  const readLength = (at: number): [number, number] => {
    const first = der[at]!;
    if (first < 0x80) return [first, at + 1];
    let len = 0;
    const n = first & 0x7f;
    for (let i = 0; i < n; i++) len = (len << 8) | der[at + 1 + i]!;
    return [len, at + 1 + n];
  };
  const [, outerBody] = readLength(1);
  const [algLen, algBody] = readLength(outerBody + 1);
  const bitStringAt = algBody + algLen;
  const [bitsLen, bitsBody] = readLength(bitStringAt + 1);
  return der.subarray(bitsBody + 1, bitsBody + bitsLen); // skip the unused-bits byte
}

function keyIdHex(body: string[] | undefined): string | null {
  if (!body || body.length === 0) return null;
  const line = body.join('').replace(/^keyid:/u, '');
  return line.replace(/:/gu, '').toUpperCase();
}

export async function certificateFacts(pem: string): Promise<CertificateFacts> {
  // One x509 call prints subject=, issuer=, the SPKI PEM and the text (two processes per certificate).
  const [text, asn1] = await Promise.all([
    openssl(['x509', '-noout', '-subject', '-issuer', '-pubkey', '-text', '-nameopt', NAME_OPTIONS], pem),
    openssl(['asn1parse'], pem),
  ]);
  const subjectLine = text.split('\n').find((l) => l.startsWith('subject='))?.slice('subject='.length) ?? '';
  const issuerLine = text.split('\n').find((l) => l.startsWith('issuer='))?.slice('issuer='.length) ?? '';
  const lines = parseAsn1(asn1);
  const extStart = lines.findIndex((l) => l.depth === 2 && l.tag === 'cont [ 3 ]');
  const extensions = extStart >= 0 ? extensionsFrom(lines, 5, extStart + 1, 2) : [];
  const times = lines.filter((l) => l.depth === 3 && (l.tag === 'UTCTIME' || l.tag === 'GENERALIZEDTIME'));
  const serialLine = lines.find((l) => l.depth === 2 && l.tag === 'INTEGER');

  const ku = section(text, 'X509v3 Key Usage');
  const eku = section(text, 'X509v3 Extended Key Usage');
  const bc = section(text, 'X509v3 Basic Constraints');
  const san = section(text, 'X509v3 Subject Alternative Name');
  const ski = section(text, 'X509v3 Subject Key Identifier');
  const aki = section(text, 'X509v3 Authority Key Identifier');
  const bcText = bc?.body.join(', ') ?? '';
  const pathLength = /pathlen:(\d+)/u.exec(bcText)?.[1];
  const notBefore = parseOpensslDate(/Not Before\s*:\s*(.+)$/mu.exec(text)?.[1]?.trim() ?? '');
  const notAfter = parseOpensslDate(/Not After\s*:\s*(.+)$/mu.exec(text)?.[1]?.trim() ?? '');
  const subjectKeyId = keyIdHex(ski?.body);
  const computedSki = createHash('sha1').update(subjectPublicKeyBits(pem)).digest('hex').toUpperCase();

  return {
    version: Number(/Version:\s*(\d+)/u.exec(text)?.[1] ?? 0),
    serialHex: serialLine?.value ?? '',
    serialBytes: serialLine?.length ?? 0,
    subject: parseDistinguishedName(subjectLine),
    issuer: parseDistinguishedName(issuerLine),
    signatureAlgorithm: /Signature Algorithm:\s*(\S+)/u.exec(text)?.[1] ?? '',
    notBefore,
    notAfter,
    validitySeconds: (notAfter.getTime() - notBefore.getTime()) / 1000,
    timeEncoding: times.map((t) => t.tag),
    publicKey: parsePublicKey(text),
    extensions,
    keyUsage: ku ? { critical: ku.header.includes('critical'), usages: splitList(ku.body.join(',')) } : null,
    extKeyUsage: eku ? { critical: eku.header.includes('critical'), usages: splitList(eku.body.join(',')) } : null,
    basicConstraints: bc
      ? {
          critical: bc.header.includes('critical'),
          ca: /CA:TRUE/u.test(bcText),
          ...(pathLength === undefined ? {} : { pathLength: Number(pathLength) }),
        }
      : null,
    subjectAltNames: san ? splitList(san.body.join(',')) : [],
    subjectKeyId,
    authorityKeyId: keyIdHex(aki?.body),
    subjectKeyIdIsSha1OfKey: subjectKeyId === computedSki,
    shape: shapeOf(lines),
    publicKeyPem: pemBlock(text, 'PUBLIC KEY'),
    pem,
    text,
  };
}

export async function certificateFactsFromFile(path: string): Promise<CertificateFacts> {
  return certificateFacts(await readFile(path, 'utf8'));
}

// ---------------------------------------------------------------------------------------------
// Certificate requests (PKCS#10) and private keys

export interface CsrFacts {
  version: number;
  subject: Rdn[];
  signatureAlgorithm: string;
  signatureValid: boolean;
  publicKey: PublicKeyFact;
  requestedExtensions: ExtensionFact[];
  shape: string[];
  pemLabel: string;
}

export async function csrFacts(pem: string): Promise<CsrFacts> {
  const [{ stdout: text, stderr }, asn1] = await Promise.all([
    opensslOutput(['req', '-noout', '-verify', '-subject', '-text', '-nameopt', NAME_OPTIONS], pem),
    openssl(['asn1parse'], pem),
  ]);
  const names = text.split('\n').find((l) => l.startsWith('subject=')) ?? '';
  // openssl 3 exits 0 either way and says "…verify OK" or "…verify failure": on stderr up to 3.4, on
  // stdout with -text from 3.5 (Debian 13).
  const said = `${stderr}\n${text}`;
  const verified = /verify OK/u.test(said) && !/verify fail/iu.test(said);
  const lines = parseAsn1(asn1);
  const request = lines.findIndex((l) => l.tag === 'OBJECT' && l.value === 'Extension Request');
  const requestDepth = lines[request]?.depth ?? 0;
  return {
    version: Number(/Version:\s*(\d+)/u.exec(text)?.[1] ?? -1),
    subject: parseDistinguishedName(names.trim().replace(/^subject=/u, '')),
    signatureAlgorithm: /Signature Algorithm:\s*(\S+)/u.exec(text)?.[1] ?? '',
    signatureValid: verified,
    publicKey: parsePublicKey(text),
    requestedExtensions: request >= 0 ? extensionsFrom(lines, requestDepth + 3, request + 1, requestDepth - 1) : [],
    shape: shapeOf(lines),
    pemLabel: pemLabel(pem),
  };
}

export function pemLabel(pem: string): string {
  return /-----BEGIN ([A-Z0-9 ]+)-----/u.exec(pem)?.[1] ?? '';
}

export interface KeyFacts {
  pemLabel: string;
  publicKey: PublicKeyFact;
  /** DER outline of the key file: PKCS#1 = SEQUENCE of 9 INTEGERs, SEC1 = INTEGER 1, OCTET STRING, [0] curve, [1] point. */
  shape: string[];
  /** SPKI PEM of the public half, for matching against a certificate. */
  publicKeyPem: string;
}

export async function keyFacts(pem: string): Promise<KeyFacts> {
  // pkey -pubout -text: the SPKI PEM followed by the public key in words.
  const [text, asn1] = await Promise.all([openssl(['pkey', '-pubout', '-text'], pem), openssl(['asn1parse'], pem)]);
  const publicKeyPem = pemBlock(text, 'PUBLIC KEY');
  return {
    pemLabel: pemLabel(pem),
    publicKey: parsePublicKey(text.slice(publicKeyPem.length)),
    shape: shapeOf(parseAsn1(asn1)).map((l) => l.replace(/OCTET STRING .*/u, 'OCTET STRING <bytes>')),
    publicKeyPem,
  };
}

export async function certificatePublicKeyPem(certPem: string): Promise<string> {
  return openssl(['x509', '-noout', '-pubkey'], certPem);
}

// ---------------------------------------------------------------------------------------------
// openssl verify

export interface VerifyResult {
  ok: boolean;
  output: string;
}

/** `openssl verify -x509_strict -CAfile ca [-untrusted intermediates] cert` (all paths). */
export async function opensslVerify(certFile: string, caFile: string, untrustedFile?: string): Promise<VerifyResult> {
  const args = ['verify', '-x509_strict', '-CAfile', caFile];
  if (untrustedFile) args.push('-untrusted', untrustedFile);
  args.push(certFile);
  try {
    const { stdout, stderr } = await execFileAsync('openssl', args, { encoding: 'utf8' });
    return { ok: true, output: `${stdout}${stderr}` };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? e.message}` };
  }
}

// ---------------------------------------------------------------------------------------------
// Comparison

export interface Difference {
  path: string;
  left: unknown;
  right: unknown;
}

/** Deep, order-sensitive comparison of plain data; returns every difference (not just the first). */
export function diffValues(left: unknown, right: unknown, path = ''): Difference[] {
  if (left instanceof Date && right instanceof Date) {
    return left.getTime() === right.getTime() ? [] : [{ path, left, right }];
  }
  if (Array.isArray(left) && Array.isArray(right)) {
    const out: Difference[] = [];
    const n = Math.max(left.length, right.length);
    for (let i = 0; i < n; i++) {
      if (i >= left.length || i >= right.length) out.push({ path: `${path}[${i}]`, left: left[i], right: right[i] });
      else out.push(...diffValues(left[i], right[i], `${path}[${i}]`));
    }
    return out;
  }
  if (left && right && typeof left === 'object' && typeof right === 'object' && !Array.isArray(left) && !Array.isArray(right)) {
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    const out: Difference[] = [];
    for (const key of keys) {
      out.push(
        ...diffValues(
          (left as Record<string, unknown>)[key],
          (right as Record<string, unknown>)[key],
          path ? `${path}.${key}` : key,
        ),
      );
    }
    return out;
  }
  return Object.is(left, right) ? [] : [{ path, left, right }];
}

/**
 * The facts two issuers must agree on for the same CSR JSON + profile + CA key type: everything
 * except per-issuance values (serial value, actual times, key material, key ids).
 */
export function comparableCertificate(facts: CertificateFacts): Record<string, unknown> {
  return {
    version: facts.version,
    subject: facts.subject,
    issuer: facts.issuer,
    signatureAlgorithm: facts.signatureAlgorithm,
    validitySeconds: facts.validitySeconds,
    notBeforeSeconds: facts.notBefore.getUTCSeconds(),
    timeEncoding: facts.timeEncoding,
    publicKey: facts.publicKey,
    extensionOrder: facts.extensions.map((e) => `${e.name}${e.critical ? ' (critical)' : ''}`),
    extensionValues: facts.extensions.map((e) => (VOLATILE_EXTENSIONS.has(e.name) ? '<key id>' : e.valueHex)),
    keyUsage: facts.keyUsage,
    extKeyUsage: facts.extKeyUsage,
    basicConstraints: facts.basicConstraints,
    subjectAltNames: facts.subjectAltNames,
    hasSubjectKeyId: facts.subjectKeyId !== null,
    subjectKeyIdIsSha1OfKey: facts.subjectKeyIdIsSha1OfKey,
    hasAuthorityKeyId: facts.authorityKeyId !== null,
    shape: facts.shape,
  };
}

/** Everything about two CSRs for the same CSR JSON must agree, except the key itself (shape elides it). */
export function comparableCsr(facts: CsrFacts): Record<string, unknown> {
  return { ...facts };
}

export function comparableKey(facts: KeyFacts): Record<string, unknown> {
  return { pemLabel: facts.pemLabel, publicKey: facts.publicKey, shape: facts.shape };
}

/** Human-readable report of differences, one per line, for assertion messages. */
export function formatDifferences(differences: Difference[], leftName = 'left', rightName = 'right', limit = 60): string {
  const lines = differences
    .slice(0, limit)
    .map((d) => `  ${d.path || '(root)'}: ${leftName}=${JSON.stringify(d.left)} ${rightName}=${JSON.stringify(d.right)}`);
  if (differences.length > limit) lines.push(`  … and ${differences.length - limit} more`);
  return lines.join('\n');
}

/** Throws one error listing ALL differences between two comparable projections. */
export function assertSameFacts(
  left: Record<string, unknown>,
  right: Record<string, unknown>,
  what: string,
  names: [string, string] = ['kubeprep', 'cfssl'],
): void {
  const differences = diffValues(left, right);
  if (differences.length > 0) {
    throw new Error(`${what}: ${differences.length} difference(s)\n${formatDifferences(differences, ...names)}`);
  }
}
