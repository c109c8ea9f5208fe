// Inspect's chain verdicts against `openssl verify`, on chains that openssl itself builds (`openssl ca`).
// For every case Inspect gets the certificates pasted in the given order; openssl verifies the same
// certificate the way Inspect reads a paste: the self-signed certificates pasted are the roots (-CAfile),
// the others are intermediates (-untrusted), and when no root is pasted the chain's top is what openssl
// is told to trust (-partial_chain). Both with and without -x509_strict, openssl's verdict and every error
// it prints (code and depth) must be Inspect's. For each certificate, the text view lists the extensions
// openssl x509 -text lists, with the same names and criticality, in the same order.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPrivateKeyPem, exportPublicKeyPem, generateKeyPair, type PkiChainProblem } from '../../src/lib/pki';
import { certificateText, inspectPem, type InspectedCertificate } from '../../src/lib/workspace';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.openssl).length > 0;

const CA_CONFIG = `[ca]
default_ca = test_ca
[test_ca]
dir = .
database = ./index.txt
new_certs_dir = ./issued
default_md = default
policy = anything
unique_subject = no
email_in_dn = no
copy_extensions = none
rand_serial = yes
[anything]
countryName = optional
organizationName = optional
organizationalUnitName = optional
commonName = optional
emailAddress = optional
`;

type KeyAlgorithm = 'rsa' | 'ec' | 'ed25519';

interface IssueSpec {
  subject: string;
  extensions: string[];
  /** The certificate that signs, or 'self'. */
  issuer: string;
  /** The key to certify (default: one of the same name as the certificate). */
  key?: string;
  algorithm?: KeyAlgorithm;
  start?: string;
  end?: string;
}

/** A scratch CA directory driven by `openssl ca`, with dates and extensions chosen per certificate. */
class OpensslCa {
  private readonly keys = new Map<string, string>();
  private readonly keyOf = new Map<string, string>();

  constructor(readonly dir: string) {
    mkdirSync(join(dir, 'issued'));
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'ca.cnf'), CA_CONFIG);
  }

  private run(args: string[]): void {
    execFileSync('openssl', args, { cwd: this.dir, stdio: ['ignore', 'ignore', 'pipe'] });
  }

  private key(name: string, algorithm: KeyAlgorithm): string {
    const file = `${name}.key`;
    if (!this.keys.has(name)) {
      const options = { rsa: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'], ec: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'], ed25519: ['-algorithm', 'ED25519'] }[algorithm];
      this.run(['genpkey', ...options, '-out', file]);
      this.keys.set(name, file);
    }
    return file;
  }

  issue(name: string, spec: IssueSpec): void {
    const key = this.key(spec.key ?? name, spec.algorithm ?? 'ec');
    this.keyOf.set(name, key);
    writeFileSync(join(this.dir, `${name}.ext`), ['[ext]', ...spec.extensions, ''].join('\n'));
    this.run(['req', '-new', '-key', key, '-subj', spec.subject, '-out', `${name}.csr`]);
    const signer = spec.issuer === 'self' ? ['-selfsign', '-keyfile', key] : ['-cert', `${spec.issuer}.pem`, '-keyfile', this.keyOf.get(spec.issuer)!];
    this.run([
      'ca', '-batch', '-config', 'ca.cnf', '-notext', '-in', `${name}.csr`, '-out', `${name}.pem`, '-extfile', `${name}.ext`, '-extensions', 'ext',
      ...signer, '-startdate', spec.start ?? '20240101000000Z', '-enddate', spec.end ?? '20440101000000Z',
    ]);
  }

  /** A copy of `name` with one bit of its signature flipped. */
  tamper(name: string, copy: string): void {
    const der = execFileSync('openssl', ['x509', '-in', `${name}.pem`, '-outform', 'DER'], { cwd: this.dir });
    der[der.length - 1]! ^= 0x01;
    const pem = execFileSync('openssl', ['x509', '-inform', 'DER', '-outform', 'PEM'], { cwd: this.dir, input: der });
    writeFileSync(join(this.dir, `${copy}.pem`), pem);
  }

  pem(name: string): string {
    return readFileSync(join(this.dir, `${name}.pem`), 'utf8');
  }

  file(names: readonly string[], as: string): string {
    writeFileSync(join(this.dir, as), names.map((n) => this.pem(n)).join(''));
    return as;
  }
}

const CA_EXTENSIONS = ['basicConstraints = critical, CA:TRUE', 'keyUsage = critical, keyCertSign, cRLSign', 'subjectKeyIdentifier = hash'];
const ROOT = CA_EXTENSIONS;
const INTERMEDIATE = [...CA_EXTENSIONS, 'authorityKeyIdentifier = keyid:always'];
const leaf = (san: string | null, ...more: string[]) => [
  'basicConstraints = critical, CA:FALSE',
  'keyUsage = critical, digitalSignature',
  'extendedKeyUsage = serverAuth, clientAuth',
  'subjectKeyIdentifier = hash',
  'authorityKeyIdentifier = keyid:always',
  ...(san ? [`subjectAltName = ${san}`] : []),
  ...more,
];
const UNKNOWN_CRITICAL = '1.3.6.1.4.1.55555.1 = critical, ASN1:NULL';
const EXPIRED = { start: '20200101000000Z', end: '20210101000000Z' };
const NOT_YET_VALID = { start: '20900101000000Z', end: '20950101000000Z' };

interface Case {
  name: string;
  /** Certificates in the order they are pasted. */
  paste: string[];
  /** The certificate whose verdict is compared. */
  judged: string;
  /** No root pasted: the certificate the chain stops at, which openssl is told to trust (-partial_chain). */
  top?: string;
}

const CASES: Case[] = [
  { name: 'RSA chain, root pasted', paste: ['rsa-leaf', 'rsa-inter', 'rsa-root'], judged: 'rsa-leaf' },
  { name: 'ECDSA chain, root pasted', paste: ['ec-leaf', 'ec-inter', 'ec-root'], judged: 'ec-leaf' },
  { name: 'ECDSA leaf under an RSA intermediate under an ECDSA root', paste: ['mixed-leaf', 'mixed-inter', 'ec-root'], judged: 'mixed-leaf' },
  { name: 'Ed25519 root signs a leaf', paste: ['ed-leaf', 'ed-root'], judged: 'ed-leaf' },
  { name: 'leaf and intermediate, no root (fullchain.pem)', paste: ['rsa-leaf', 'rsa-inter'], judged: 'rsa-leaf', top: 'rsa-inter' },
  { name: 'intermediate pasted before the leaf', paste: ['rsa-inter', 'rsa-leaf', 'rsa-root'], judged: 'rsa-leaf' },
  { name: 'leaf whose issuer is not pasted', paste: ['rsa-leaf', 'ec-root'], judged: 'rsa-leaf' },
  { name: 'a root with the issuer\'s name but another key', paste: ['ec-leaf', 'ec-inter', 'ec-root-twin'], judged: 'ec-leaf', top: 'ec-inter' },
  { name: 'leaf pasted with only a look-alike of its issuer', paste: ['ec-inter', 'ec-root-twin'], judged: 'ec-inter' },
  { name: 'name constraints: permitted DNS name', paste: ['nc-ok-leaf', 'nc-inter', 'nc-root'], judged: 'nc-ok-leaf' },
  { name: 'name constraints: DNS name outside the permitted subtree', paste: ['nc-evil-leaf', 'nc-inter', 'nc-root'], judged: 'nc-evil-leaf' },
  { name: 'name constraints: excluded DNS name', paste: ['nc-excluded-leaf', 'nc-inter', 'nc-root'], judged: 'nc-excluded-leaf' },
  { name: 'name constraints: IP address outside the permitted range', paste: ['nc-ip-leaf', 'nc-inter', 'nc-root'], judged: 'nc-ip-leaf' },
  { name: 'name constraints: a host-name CN without SANs', paste: ['nc-cn-leaf', 'nc-inter', 'nc-root'], judged: 'nc-cn-leaf' },
  { name: 'unknown critical extension on the leaf', paste: ['unknown-leaf', 'rsa-inter', 'rsa-root'], judged: 'unknown-leaf' },
  { name: 'unknown critical extension and a name outside the constraints', paste: ['nc-evil-unknown-leaf', 'nc-inter', 'nc-root'], judged: 'nc-evil-unknown-leaf' },
  { name: 'unknown critical extension on the intermediate', paste: ['unknown-inter-leaf', 'unknown-inter', 'ec-root'], judged: 'unknown-inter-leaf' },
  { name: 'path length 0 on the root, one intermediate below it', paste: ['pathlen-leaf', 'pathlen-inter', 'pathlen-root'], judged: 'pathlen-leaf' },
  { name: 'path length 0 on an intermediate, another CA below it', paste: ['deep-leaf', 'deep-inter2', 'deep-inter1', 'ec-root'], judged: 'deep-leaf' },
  { name: 'expired intermediate', paste: ['ec-leaf', 'ec-inter-expired', 'ec-root'], judged: 'ec-leaf' },
  { name: 'intermediate not yet valid', paste: ['ec-leaf', 'ec-inter-future', 'ec-root'], judged: 'ec-leaf' },
  { name: 'expired leaf', paste: ['expired-leaf', 'ec-inter', 'ec-root'], judged: 'expired-leaf' },
  { name: 'expired root', paste: ['old-root-leaf', 'old-root-inter', 'old-root'], judged: 'old-root-leaf' },
  { name: 'issuer without keyCertSign in its key usage', paste: ['badku-leaf', 'badku-inter', 'ec-root'], judged: 'badku-leaf' },
  { name: 'issuer that is not a CA', paste: ['under-leaf', 'ec-leaf', 'ec-inter', 'ec-root'], judged: 'under-leaf' },
  { name: 'signature that does not verify', paste: ['tampered-leaf', 'ec-inter', 'ec-root'], judged: 'tampered-leaf' },
  { name: 'cross-signed intermediate, through the other root', paste: ['cross-leaf', 'cross-x-b', 'rsa-root-b'], judged: 'cross-leaf' },
  { name: 'cross-signed intermediate, both versions pasted', paste: ['cross-leaf', 'cross-x-a', 'cross-x-b', 'rsa-root'], judged: 'cross-leaf' },
  { name: 'cross-signed intermediate, one version expired', paste: ['cross-leaf', 'cross-x-b-expired', 'cross-x-a', 'rsa-root', 'rsa-root-b'], judged: 'cross-leaf' },
];

function buildCertificates(ca: OpensslCa): void {
  ca.issue('rsa-root', { subject: '/CN=Interop RSA Root', extensions: ROOT, issuer: 'self', algorithm: 'rsa' });
  ca.issue('rsa-root-b', { subject: '/CN=Interop RSA Root B', extensions: ROOT, issuer: 'self', algorithm: 'rsa' });
  ca.issue('rsa-inter', { subject: '/CN=Interop RSA Intermediate', extensions: INTERMEDIATE, issuer: 'rsa-root', algorithm: 'rsa' });
  ca.issue('rsa-leaf', { subject: '/CN=rsa.example', extensions: leaf('DNS:rsa.example'), issuer: 'rsa-inter', algorithm: 'rsa' });
  ca.issue('unknown-leaf', { subject: '/CN=unknown.example', extensions: leaf('DNS:unknown.example', UNKNOWN_CRITICAL), issuer: 'rsa-inter' });

  ca.issue('ec-root', { subject: '/O=Interop/CN=Interop EC Root', extensions: ROOT, issuer: 'self' });
  ca.issue('ec-root-twin', { subject: '/O=Interop/CN=Interop EC Root', extensions: ROOT, issuer: 'self', key: 'twin' });
  ca.issue('ec-inter', { subject: '/O=Interop/CN=Interop EC Intermediate', extensions: INTERMEDIATE, issuer: 'ec-root' });
  ca.issue('ec-inter-expired', { subject: '/O=Interop/CN=Interop EC Intermediate', extensions: INTERMEDIATE, issuer: 'ec-root', key: 'ec-inter', ...EXPIRED });
  ca.issue('ec-inter-future', { subject: '/O=Interop/CN=Interop EC Intermediate', extensions: INTERMEDIATE, issuer: 'ec-root', key: 'ec-inter', ...NOT_YET_VALID });
  ca.issue('ec-leaf', { subject: '/CN=ec.example', extensions: leaf('DNS:ec.example, IP:10.0.0.1'), issuer: 'ec-inter' });
  ca.issue('expired-leaf', { subject: '/CN=expired.example', extensions: leaf('DNS:expired.example'), issuer: 'ec-inter', ...EXPIRED });
  ca.tamper('ec-leaf', 'tampered-leaf');
  ca.issue('under-leaf', { subject: '/CN=under.example', extensions: leaf('DNS:under.example'), issuer: 'ec-leaf' });
  ca.issue('mixed-inter', { subject: '/CN=Interop Mixed Intermediate', extensions: INTERMEDIATE, issuer: 'ec-root', algorithm: 'rsa' });
  ca.issue('mixed-leaf', { subject: '/CN=mixed.example', extensions: leaf('DNS:mixed.example'), issuer: 'mixed-inter' });
  ca.issue('badku-inter', {
    subject: '/CN=Interop Intermediate Without Cert Sign',
    extensions: ['basicConstraints = critical, CA:TRUE', 'keyUsage = critical, digitalSignature', 'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid:always'],
    issuer: 'ec-root',
  });
  ca.issue('badku-leaf', { subject: '/CN=badku.example', extensions: leaf('DNS:badku.example'), issuer: 'badku-inter' });
  ca.issue('unknown-inter', { subject: '/CN=Interop Intermediate With Unknown', extensions: [...INTERMEDIATE, UNKNOWN_CRITICAL], issuer: 'ec-root' });
  ca.issue('unknown-inter-leaf', { subject: '/CN=below-unknown.example', extensions: leaf('DNS:below-unknown.example'), issuer: 'unknown-inter' });

  ca.issue('ed-root', { subject: '/CN=Interop Ed25519 Root', extensions: ROOT, issuer: 'self', algorithm: 'ed25519' });
  ca.issue('ed-leaf', { subject: '/CN=ed.example', extensions: leaf('DNS:ed.example'), issuer: 'ed-root', algorithm: 'ed25519' });

  const constrained = 'nameConstraints = critical, permitted;DNS:corp.example, permitted;IP:10.0.0.0/255.0.0.0, excluded;DNS:bad.corp.example';
  ca.issue('nc-root', { subject: '/CN=Interop Constrained Root', extensions: [...ROOT, constrained], issuer: 'self' });
  ca.issue('nc-inter', { subject: '/CN=Interop Constrained Intermediate', extensions: INTERMEDIATE, issuer: 'nc-root' });
  ca.issue('nc-ok-leaf', { subject: '/CN=app.corp.example', extensions: leaf('DNS:app.corp.example, IP:10.1.2.3'), issuer: 'nc-inter' });
  ca.issue('nc-evil-leaf', { subject: '/CN=evil', extensions: leaf('DNS:evil.attacker.test'), issuer: 'nc-inter' });
  ca.issue('nc-excluded-leaf', { subject: '/CN=bad', extensions: leaf('DNS:x.bad.corp.example'), issuer: 'nc-inter' });
  ca.issue('nc-ip-leaf', { subject: '/CN=ip', extensions: leaf('DNS:ip.corp.example, IP:192.168.1.1'), issuer: 'nc-inter' });
  ca.issue('nc-cn-leaf', { subject: '/CN=evil.attacker.test', extensions: leaf(null), issuer: 'nc-inter' });
  ca.issue('nc-evil-unknown-leaf', { subject: '/CN=evil', extensions: leaf('DNS:evil.attacker.test', UNKNOWN_CRITICAL), issuer: 'nc-inter' });

  ca.issue('pathlen-root', { subject: '/CN=Interop Root pathlen 0', extensions: ['basicConstraints = critical, CA:TRUE, pathlen:0', 'keyUsage = critical, keyCertSign, cRLSign', 'subjectKeyIdentifier = hash'], issuer: 'self' });
  ca.issue('pathlen-inter', { subject: '/CN=Interop Below pathlen 0', extensions: INTERMEDIATE, issuer: 'pathlen-root' });
  ca.issue('pathlen-leaf', { subject: '/CN=pathlen.example', extensions: leaf('DNS:pathlen.example'), issuer: 'pathlen-inter' });
  ca.issue('deep-inter1', { subject: '/CN=Interop Intermediate pathlen 0', extensions: ['basicConstraints = critical, CA:TRUE, pathlen:0', 'keyUsage = critical, keyCertSign, cRLSign', 'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid:always'], issuer: 'ec-root' });
  ca.issue('deep-inter2', { subject: '/CN=Interop Intermediate Too Deep', extensions: INTERMEDIATE, issuer: 'deep-inter1' });
  ca.issue('deep-leaf', { subject: '/CN=deep.example', extensions: leaf('DNS:deep.example'), issuer: 'deep-inter2' });

  ca.issue('old-root', { subject: '/CN=Interop Expired Root', extensions: ROOT, issuer: 'self', start: '20100101000000Z', end: '20200101000000Z' });
  ca.issue('old-root-inter', { subject: '/CN=Interop Under Expired Root', extensions: INTERMEDIATE, issuer: 'old-root', start: '20150101000000Z' });
  ca.issue('old-root-leaf', { subject: '/CN=old.example', extensions: leaf('DNS:old.example'), issuer: 'old-root-inter' });

  // One intermediate key, certified by two roots (cross-signing), the B version once more with old dates.
  const cross = { subject: '/CN=Interop Cross-signed Intermediate', extensions: INTERMEDIATE, key: 'cross-x', algorithm: 'rsa' as const };
  ca.issue('cross-x-a', { ...cross, issuer: 'rsa-root' });
  ca.issue('cross-x-b', { ...cross, issuer: 'rsa-root-b' });
  ca.issue('cross-x-b-expired', { ...cross, issuer: 'rsa-root-b', ...EXPIRED });
  ca.issue('cross-leaf', { subject: '/CN=cross.example', extensions: leaf('DNS:cross.example'), issuer: 'cross-x-a' });
}

// openssl's errors (include/openssl/x509_vfy.h) and the Inspect problem each stands for. An issuer that is
// not found is Inspect's no-issuer verdict, or, when a pasted certificate has its name but another key, a
// signature problem (Inspect names that certificate; openssl only says the issuer is missing).
const OPENSSL_ERRORS: Readonly<Record<number, readonly PkiChainProblem[]>> = {
  2: ['pki.chain-no-issuer', 'pki.chain-signature'],
  20: ['pki.chain-no-issuer', 'pki.chain-signature'],
  21: ['pki.chain-no-issuer', 'pki.chain-signature'],
  7: ['pki.chain-signature'],
  9: ['pki.chain-not-yet-valid'],
  10: ['pki.chain-expired'],
  24: ['pki.chain-issuer-not-ca', 'pki.chain-issuer-no-cert-sign'], // X509_V_ERR_INVALID_CA before OpenSSL 3.0
  79: ['pki.chain-issuer-not-ca', 'pki.chain-issuer-no-cert-sign'], // X509_V_ERR_INVALID_CA
  25: ['pki.chain-path-length'],
  32: ['pki.chain-issuer-no-cert-sign'],
  34: ['pki.chain-unhandled-critical'],
  47: ['pki.chain-name-not-permitted'],
  48: ['pki.chain-name-excluded'],
};
// The errors after which `openssl verify` goes on checking (apps/verify.c cb): when its last error is one
// of these, openssl checked everything, and Inspect must report nothing more than openssl did.
const OPENSSL_CONTINUES = new Set([10, 18, 24, 25, 34, 37, 43, 79]);

interface Problem {
  code: number | PkiChainProblem;
  depth: number;
}

function opensslVerdict(ca: OpensslCa, c: Case, strict: boolean): { ok: boolean; errors: Problem[]; output: string } {
  const selfSigned = (name: string) => {
    const text = execFileSync('openssl', ['x509', '-noout', '-subject', '-issuer', '-nameopt', 'RFC2253', '-in', `${name}.pem`], { cwd: ca.dir }).toString();
    const [subject, issuer] = text.split('\n').map((line) => line.replace(/^\w+=/, ''));
    return subject === issuer;
  };
  const others = c.paste.filter((n) => n !== c.judged);
  const trusted = [...others.filter(selfSigned), ...(c.top ? [c.top] : [])];
  const untrusted = others.filter((n) => !trusted.includes(n));
  const args = ['verify', ...(strict ? ['-x509_strict'] : []), '-partial_chain', '-CAfile', ca.file(trusted, 'trusted.pem')];
  if (untrusted.length > 0) args.push('-untrusted', ca.file(untrusted, 'untrusted.pem'));
  const result = spawnSync('openssl', [...args, `${c.judged}.pem`], { cwd: ca.dir, encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`;
  const errors = [...output.matchAll(/error (\d+) at (\d+) depth lookup/g)].map((m) => ({ code: Number(m[1]), depth: Number(m[2]) }));
  return { ok: result.status === 0, errors, output };
}

/** Inspect's verdict on the judged block: OK or not, and its problems with a missing issuer as one too. */
function inspectVerdict(block: InspectedCertificate): { ok: boolean; problems: Problem[] } {
  const { verdict, problems, lookalike } = block.chain;
  const all: Problem[] = problems.map((p) => ({ code: p.code, depth: p.depth }));
  if (verdict === 'no-issuer') all.push({ code: lookalike === undefined ? 'pki.chain-no-issuer' : 'pki.chain-signature', depth: 0 });
  return { ok: verdict === 'verified' || verdict === 'partial', problems: all };
}

const stands = (ours: Problem, theirs: Problem) => ours.depth === theirs.depth && (OPENSSL_ERRORS[theirs.code as number] ?? []).includes(ours.code as PkiChainProblem);

/** The extension header lines of a certificate text (12 spaces in, right after "X509v3 extensions:"). */
function extensionHeaders(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === 'X509v3 extensions:');
  if (start < 0) return [];
  const headers: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^ {0,11}\S/.test(line)) break;
    if (/^ {12}\S/.test(line)) headers.push(line.trimEnd());
  }
  return headers;
}

describe.skipIf(skip)('Inspect verdicts agree with openssl verify -partial_chain on chains made by openssl', () => {
  let dir: string;
  let ca: OpensslCa;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubeprep-chain-verdicts-'));
    ca = new OpensslCa(dir);
    buildCertificates(ca);
  }, 120_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has at least 20 cases, each with a certificate openssl and Inspect can both read', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
    for (const c of CASES) expect(c.paste, c.name).toContain(c.judged);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const blocks = await inspectPem(c.paste.map((n) => ca.pem(n)).join(''));
    const block = blocks[c.paste.indexOf(c.judged)];
    expect(block?.kind, JSON.stringify(block)).toBe('certificate');
    const ours = inspectVerdict(block as InspectedCertificate);
    for (const strict of [true, false]) {
      const openssl = opensslVerdict(ca, c, strict);
      const context = `${strict ? '-x509_strict ' : ''}openssl: ${openssl.output.trim()}\ninspect: ${JSON.stringify((block as InspectedCertificate).chain)}`;
      expect(ours.ok, context).toBe(openssl.ok);
      if (openssl.ok) {
        expect(ours.problems, context).toEqual([]);
        continue;
      }
      expect(openssl.errors.length, context).toBeGreaterThan(0);
      // The first problem named is the one openssl names first, on the same certificate.
      expect(stands(ours.problems[0]!, openssl.errors[0]!), context).toBe(true);
      for (const error of openssl.errors) expect(ours.problems.some((p) => stands(p, error)), context).toBe(true);
      if (OPENSSL_CONTINUES.has(openssl.errors.at(-1)!.code as number)) {
        for (const problem of ours.problems) expect(openssl.errors.some((e) => stands(problem, e)), context).toBe(true);
      }
    }
    if (c.top) expect((block as InspectedCertificate).chain.path.at(-1), 'the chain stops where openssl was told to trust').toBe(c.paste.indexOf(c.top));
  });

  it('lists the same extensions as openssl x509 -text, with their criticality, for every certificate', async () => {
    const names = [...new Set(CASES.flatMap((c) => c.paste))];
    const blocks = await inspectPem(names.map((n) => ca.pem(n)).join(''));
    expect(blocks.every((b) => b.kind === 'certificate')).toBe(true);
    for (const [i, name] of names.entries()) {
      const block = blocks[i] as InspectedCertificate;
      const openssl = execFileSync('openssl', ['x509', '-noout', '-text', '-in', `${name}.pem`], { cwd: dir }).toString();
      const expected = extensionHeaders(openssl);
      expect(expected.length, name).toBeGreaterThan(2);
      expect(extensionHeaders(certificateText(block.info, block.extensions)), name).toEqual(expected);
    }
  });
});

describe.skipIf(skip)('Ed25519 keys kubeprep writes', () => {
  it('are PKCS#8 PRIVATE KEY blocks that openssl pkey reads; cfssl 1.6\'s "Ed25519 PRIVATE KEY" label it refuses', async () => {
    const key = await generateKeyPair({ algo: 'ed25519', size: 256 });
    const pem = await exportPrivateKeyPem(key);
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const pkey = (input: string) => spawnSync('openssl', ['pkey', '-pubout'], { input, encoding: 'utf8' });
    const read = pkey(pem);
    expect(read.status, read.stderr).toBe(0);
    expect(read.stdout).toBe(await exportPublicKeyPem(key));
    expect(pkey(pem.replaceAll('PRIVATE KEY', 'Ed25519 PRIVATE KEY')).status).not.toBe(0);
  });
});
