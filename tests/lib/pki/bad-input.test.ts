// Damaged and misplaced input at every door of the engine: each gets a coded KubeprepError with words in
// both languages (or, on the Inspect screen, an error block), and nothing asn1js or PKI.js throws gets
// past the engine. The codes are the ones the hand-written DER reader gave before the engine moved to
// PKI.js: this file, run against that code, differs in one place only, the Inspect screen calling a
// `Proc-Type: 4,ENCRYPTED` key damaged (it dropped the PEM headers), which is fixed.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { KubeprepError } from '../../../src/lib/errors';
import { dictionary } from '../../../src/lib/i18n';
import {
  caFromIssued,
  certInfo,
  csrInfo,
  decodePem,
  defaultSigningConfig,
  encodePem,
  generateCertificate,
  importPrivateKeyPem,
  initCa,
  loadCertificateAuthority,
  parseCsrJson,
  signCsrPem,
  verifyChain,
  type CertificateAuthority,
  type IssuedCertificate,
} from '../../../src/lib/pki';
import { inspectPem } from '../../../src/lib/workspace';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/pki/${name}`, import.meta.url), 'utf8');

let root: IssuedCertificate;
let ca: CertificateAuthority;
let leaf: IssuedCertificate;
let certDer: Uint8Array;
let csrDer: Uint8Array;

beforeAll(async () => {
  root = await initCa(parseCsrJson('{"CN":"bad input root"}', { initca: true }));
  ca = await caFromIssued(root);
  leaf = await generateCertificate(parseCsrJson('{"CN":"leaf","hosts":["leaf.example"]}'), ca, defaultSigningConfig(), {});
  certDer = decodePem(leaf.certPem)[0]!.der;
  csrDer = decodePem(leaf.csrPem)[0]!.der;
});

/** The DER of a SEQUENCE rewritten with the indefinite length form (BER), end-of-contents appended. */
function indefinite(der: Uint8Array): Uint8Array {
  const headerLength = der[1]! < 0x80 ? 2 : 2 + (der[1]! & 0x7f);
  return Uint8Array.from([der[0]!, 0x80, ...der.subarray(headerLength), 0, 0]);
}

function damaged(der: Uint8Array): Record<string, Uint8Array> {
  return {
    'truncated DER': der.subarray(0, Math.floor(der.length / 2)),
    'a wrong outer tag (SET for SEQUENCE)': Uint8Array.from([0x31, ...der.subarray(1)]),
    'the indefinite length form': indefinite(der),
    'bytes after the DER structure': Uint8Array.from([...der, 0x05, 0x00]),
    '7.5 MB of zeros (10 MB of base64)': new Uint8Array(7_500_000),
  };
}

async function caught(run: () => Promise<unknown>): Promise<KubeprepError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof KubeprepError) return error;
    throw new Error(`not a KubeprepError: ${String(error)}`, { cause: error });
  }
  throw new Error('nothing was thrown');
}

function expectWords(error: KubeprepError): void {
  for (const locale of ['en', 'zh-CN'] as const) expect(dictionary(locale), `${error.code} in ${locale}`).toHaveProperty(`error.${error.code}`);
}

describe('damaged certificates, CSRs and keys get pki.der-decode, never an exception from the library', () => {
  it.each(['truncated DER', 'a wrong outer tag (SET for SEQUENCE)', 'the indefinite length form', 'bytes after the DER structure', '7.5 MB of zeros (10 MB of base64)'])(
    'a certificate with %s',
    async (kind) => {
      const pem = encodePem('CERTIFICATE', damaged(certDer)[kind]!);
      for (const run of [() => certInfo(pem), () => verifyChain(pem, [root.certPem]), () => verifyChain(leaf.certPem, [pem]), () => loadCertificateAuthority(pem, root.keyPem!)]) {
        const error = await caught(run);
        expect(error.code, kind).toBe('pki.der-decode');
        expectWords(error);
      }
      const [block] = await inspectPem(pem);
      expect(block).toMatchObject({ kind: 'error', error: { code: 'pki.der-decode' } });
    },
    60_000,
  );

  it.each(['truncated DER', 'a wrong outer tag (SET for SEQUENCE)', 'the indefinite length form', 'bytes after the DER structure', '7.5 MB of zeros (10 MB of base64)'])(
    'a CSR with %s',
    async (kind) => {
      const pem = encodePem('CERTIFICATE REQUEST', damaged(csrDer)[kind]!);
      for (const run of [() => csrInfo(pem), () => signCsrPem(pem, ca)]) {
        const error = await caught(run);
        expect(error.code, kind).toBe('pki.der-decode');
        expectWords(error);
      }
    },
    60_000,
  );

  it.each(['truncated DER', 'a wrong outer tag (SET for SEQUENCE)', 'the indefinite length form', 'bytes after the DER structure', '7.5 MB of zeros (10 MB of base64)'])(
    'a private key with %s',
    async (kind) => {
      const keyDer = decodePem(fixture('fixture-p256-sec1.pem'))[0]!.der;
      const error = await caught(() => importPrivateKeyPem(encodePem('EC PRIVATE KEY', damaged(keyDer)[kind]!)));
      expect(error.code, kind).toBe('pki.der-decode');
      expectWords(error);
    },
    60_000,
  );

  it('a CSR handed over as a certificate, and a certificate as a CSR: wrong structure, then wrong label', async () => {
    expect((await caught(() => certInfo(encodePem('CERTIFICATE', csrDer)))).code).toBe('pki.der-decode');
    expect((await caught(() => csrInfo(encodePem('CERTIFICATE REQUEST', certDer)))).code).toBe('pki.der-decode');
    expect((await caught(() => signCsrPem(leaf.certPem, ca))).code).toBe('pki.pem-label');
  });

  it('10 MB of base64 that is not DER', async () => {
    const pem = `-----BEGIN CERTIFICATE-----\n${'QUJD'.repeat(2_500_000)}\n-----END CERTIFICATE-----\n`;
    expect((await caught(() => certInfo(pem))).code).toBe('pki.der-decode');
  });
});

describe('keys in the wrong place, and encrypted keys', () => {
  it('a certificate where a key belongs is pki.pem-label, a key where a certificate belongs too', async () => {
    expect((await caught(() => importPrivateKeyPem(root.certPem))).code).toBe('pki.pem-label');
    expect((await caught(() => loadCertificateAuthority(root.keyPem!, root.keyPem!))).code).toBe('pki.pem-label');
  });

  it.each(['fixture-p256-encrypted-pkcs8.pem', 'fixture-rsa2048-encrypted-pkcs1.pem'])('%s is pki.encrypted-key, read alone or on the Inspect screen', async (name) => {
    const error = await caught(() => importPrivateKeyPem(fixture(name)));
    expect(error.code).toBe('pki.encrypted-key');
    expectWords(error);
    const [block] = await inspectPem(fixture(name));
    expect(block).toMatchObject({ kind: 'error', error: { code: 'pki.encrypted-key' } });
  });
});
