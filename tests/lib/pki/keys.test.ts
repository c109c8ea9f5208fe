import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decodePem, exportPrivateKeyPem, exportPublicKeyPem, generateKeyPair, importPrivateKeyPem } from '../../../src/lib/pki';
import { missingTools, TOOLS } from '../../support/tools';
import { caughtAsync } from './support';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/pki/${name}`, import.meta.url), 'utf8');
// In CI a missing openssl fails the suite (missingTools throws); elsewhere it skips with the package to install.
const noOpenssl = missingTools(TOOLS.openssl).length > 0;

/** The public key openssl derives from a private key PEM, as SPKI DER. */
function opensslPublic(pem: string): string {
  return execFileSync('openssl', ['pkey', '-pubout'], { input: pem }).toString();
}

describe('generateKeyPair', () => {
  it.each([
    [{ algo: 'ecdsa', size: 256 }, 'EC PRIVATE KEY'],
    [{ algo: 'ecdsa', size: 384 }, 'EC PRIVATE KEY'],
    [{ algo: 'ecdsa', size: 521 }, 'EC PRIVATE KEY'],
    [{ algo: 'rsa', size: 2048 }, 'RSA PRIVATE KEY'],
  ] as const)('%o exports as %s (cfssl format) and re-imports', async (spec, label) => {
    const key = await generateKeyPair(spec);
    const pem = await exportPrivateKeyPem(key);
    expect(decodePem(pem)[0]!.label).toBe(label);
    const again = await importPrivateKeyPem(pem);
    expect(again.spec).toEqual(spec);
    expect(await exportPublicKeyPem(again)).toBe(await exportPublicKeyPem(key));
  });

  it('writes SEC1 with version 1, the padded scalar, [0] curve OID and [1] public key (Go MarshalECPrivateKey)', async () => {
    const key = await generateKeyPair({ algo: 'ecdsa', size: 521 });
    const der = decodePem(await exportPrivateKeyPem(key))[0]!.der;
    // SEQUENCE { INTEGER 1, OCTET STRING (66 bytes for P-521), [0] { OID 1.3.132.0.35 }, [1] { BIT STRING } }
    const hex = Buffer.from(der).toString('hex');
    expect(hex).toMatch(/^3081dc0201010442/);
    expect(hex).toContain('a00706052b81040023');
    expect(hex).toMatch(/a181890381860004/);
  });

  it('exports PKCS#8 on request', async () => {
    const key = await generateKeyPair({ algo: 'ecdsa', size: 256 });
    const pem = await exportPrivateKeyPem(key, 'pkcs8');
    expect(decodePem(pem)[0]!.label).toBe('PRIVATE KEY');
    expect((await importPrivateKeyPem(pem)).spec).toEqual({ algo: 'ecdsa', size: 256 });
  });

  it('writes Ed25519 as PKCS#8 PRIVATE KEY (RFC 8410), and still reads cfssl 1.6\'s Ed25519 PRIVATE KEY label', async () => {
    const key = await generateKeyPair({ algo: 'ed25519', size: 256 });
    const pem = await exportPrivateKeyPem(key);
    expect(decodePem(pem)[0]!.label).toBe('PRIVATE KEY');
    expect((await importPrivateKeyPem(pem)).spec.algo).toBe('ed25519');
    const cfsslLabel = pem.replaceAll('PRIVATE KEY', 'Ed25519 PRIVATE KEY');
    expect(await exportPublicKeyPem(await importPrivateKeyPem(cfsslLabel))).toBe(await exportPublicKeyPem(key));
  });
});

describe('importPrivateKeyPem with keys made by openssl', () => {
  it.each([
    ['fixture-rsa2048-pkcs1.pem', { algo: 'rsa', size: 2048 }],
    ['fixture-rsa2048-pkcs8.pem', { algo: 'rsa', size: 2048 }],
    ['fixture-p256-sec1.pem', { algo: 'ecdsa', size: 256 }],
    ['fixture-p256-pkcs8.pem', { algo: 'ecdsa', size: 256 }],
    ['fixture-p384-sec1-with-params.pem', { algo: 'ecdsa', size: 384 }],
    ['fixture-ed25519-pkcs8.pem', { algo: 'ed25519', size: 256 }],
  ])('%s', async (name, spec) => {
    const key = await importPrivateKeyPem(fixture(name));
    expect(key.spec).toEqual(spec);
    if (!noOpenssl) expect(await exportPublicKeyPem(key)).toBe(opensslPublic(fixture(name)));
  });

  it('round-trips PKCS#1 and SEC1 byte for byte (same DER as openssl wrote)', async () => {
    for (const name of ['fixture-rsa2048-pkcs1.pem', 'fixture-p256-sec1.pem']) {
      const original = fixture(name);
      const exported = await exportPrivateKeyPem(await importPrivateKeyPem(original));
      expect(decodePem(exported)[0]!.der).toEqual(decodePem(original)[0]!.der);
    }
  });

  it.skipIf(noOpenssl)('openssl reads what we export', async () => {
    const key = await generateKeyPair({ algo: 'ecdsa', size: 384 });
    const pem = await exportPrivateKeyPem(key);
    expect(opensslPublic(pem)).toBe(await exportPublicKeyPem(key));
  });
});

describe('importPrivateKeyPem bad input', () => {
  it.each([
    ['fixture-p256-encrypted-pkcs8.pem', 'pki.encrypted-key'],
    ['fixture-rsa2048-encrypted-pkcs1.pem', 'pki.encrypted-key'],
  ])('%s -> %s', async (name, code) => {
    expect(await caughtAsync(() => importPrivateKeyPem(fixture(name)))).toMatchObject({ code, field: 'private-key' });
  });

  it.each([
    ['not PEM at all', 'pki.pem-decode'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA', 'pki.pem-decode'],
    ['-----BEGIN RSA PRIVATE KEY-----\n!!!!\n-----END RSA PRIVATE KEY-----\n', 'pki.pem-decode'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMAMCAQA=\n-----END RSA PRIVATE KEY-----\n', 'pki.der-decode'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAAAAA\n-----END RSA PRIVATE KEY-----\n', 'pki.der-decode'],
  ])('%j -> %s', async (pem, code) => {
    expect(await caughtAsync(() => importPrivateKeyPem(pem))).toMatchObject({ code, field: 'private-key' });
  });

  it('rejects a certificate given as a key', async () => {
    expect(await caughtAsync(() => importPrivateKeyPem(fixture('fixture-openssl-ca.pem')))).toMatchObject({ code: 'pki.pem-label', field: 'private-key' });
  });
});
