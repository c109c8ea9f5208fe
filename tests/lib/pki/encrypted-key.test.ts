// Encrypted PKCS#8 under PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC): every key type round-trips, the wrong
// passphrase and a short one are refused with their codes, the structure names the algorithms openssl
// expects. (tests/interop/encrypted-keys.test.ts has openssl open them.)
import { describe, expect, it } from 'vitest';
import * as asn1js from 'asn1js';
import {
  decodePem,
  decryptPrivateKeyPem,
  encryptPrivateKeyPem,
  exportPrivateKeyPem,
  generateKeyPair,
  initCa,
  keyEncryptionKey,
  parseCsrJson,
  privateKeyPkcs8,
  reissueCertificate,
  loadCertificateAuthority,
} from '../../../src/lib/pki';

const ITERATIONS = 1000; // the real default (600,000) is for downloads; the tests keep the structure and save the time

describe('encrypted private keys', () => {
  it('round-trips RSA, ECDSA and Ed25519 keys in every form they are written in', async () => {
    const kek = await keyEncryptionKey('correct horse battery', { iterations: ITERATIONS });
    const keys = [
      await exportPrivateKeyPem(await generateKeyPair({ algo: 'rsa', size: 2048 })),
      await exportPrivateKeyPem(await generateKeyPair({ algo: 'ecdsa', size: 384 })),
      await exportPrivateKeyPem(await generateKeyPair({ algo: 'ecdsa', size: 256 }), 'pkcs8'),
      await exportPrivateKeyPem(await generateKeyPair({ algo: 'ed25519', size: 256 })),
    ];
    for (const pem of keys) {
      const encrypted = await encryptPrivateKeyPem(pem, kek);
      expect(encrypted).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
      const plain = await decryptPrivateKeyPem(encrypted, 'correct horse battery');
      expect(Buffer.from(decodePem(plain)[0]!.der).equals(Buffer.from(privateKeyPkcs8(pem)))).toBe(true);
    }
  }, 60_000);

  it('writes PBES2 with PBKDF2-HMAC-SHA256, the iteration count and a fresh IV per key', async () => {
    const kek = await keyEncryptionKey('correct horse battery', { iterations: ITERATIONS });
    const pem = await exportPrivateKeyPem(await generateKeyPair({ algo: 'ecdsa', size: 256 }));
    const [a, b] = [await encryptPrivateKeyPem(pem, kek), await encryptPrivateKeyPem(pem, kek)];
    expect(a).not.toBe(b);
    const oids: string[] = [];
    const walk = (block: asn1js.AsnType) => {
      if (block instanceof asn1js.ObjectIdentifier) oids.push(block.valueBlock.toString());
      const children = (block.valueBlock as { value?: asn1js.AsnType[] } | undefined)?.value;
      if (Array.isArray(children)) children.forEach(walk);
    };
    walk(asn1js.fromBER(decodePem(a)[0]!.der).result);
    expect(oids).toEqual(['1.2.840.113549.1.5.13', '1.2.840.113549.1.5.12', '1.2.840.113549.2.9', '2.16.840.1.101.3.4.1.42']);
    expect((await keyEncryptionKey('another passphrase')).iterations).toBe(600_000);
  });

  it('refuses a wrong passphrase and one under 8 characters', async () => {
    const kek = await keyEncryptionKey('correct horse battery', { iterations: ITERATIONS });
    const encrypted = await encryptPrivateKeyPem(await exportPrivateKeyPem(await generateKeyPair({ algo: 'ecdsa', size: 256 })), kek);
    await expect(decryptPrivateKeyPem(encrypted, 'wrong horse battery')).rejects.toMatchObject({ code: 'pki.wrong-passphrase' });
    await expect(keyEncryptionKey('short')).rejects.toMatchObject({ code: 'pki.passphrase-too-short', params: { min: 8 } });
  });
});

describe('reissueCertificate', () => {
  it('refuses a CA that did not issue the certificate', async () => {
    const one = await initCa(parseCsrJson('{"CN":"one","key":{"algo":"ecdsa","size":256}}', { initca: true }));
    const other = await initCa(parseCsrJson('{"CN":"one","key":{"algo":"ecdsa","size":256}}', { initca: true }));
    const ca = await loadCertificateAuthority(other.certPem, other.keyPem!);
    const der = decodePem(one.certPem)[0]!.der;
    await expect(reissueCertificate(der, ca, { notBefore: new Date(), notAfter: new Date(Date.now() + 1e9) })).rejects.toMatchObject({ code: 'pki.wrong-issuer', params: { ca: 'one' } });
  });
});
