// Keys, certificates and requests the hostile cases take apart: the fixtures OpenSSL wrote (every key
// format kubeprep reads) and a small CA with one leaf issued by kubeprep itself.
import { readFileSync } from 'node:fs';
import { buildCsr, caFromIssued, decodePem, defaultSigningConfig, encodePem, exportPrivateKeyPem, generateCertificate, generateKeyPair, initCa, parseCsrJson } from '../../../src/lib/pki';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/pki/${name}`, import.meta.url), 'utf8');

export interface Material {
  keys: Record<'rsaPkcs1' | 'rsaPkcs8' | 'p256Sec1' | 'p256Pkcs8' | 'p384WithParams' | 'ed25519' | 'encryptedPkcs8' | 'encryptedPkcs1', string>;
  opensslCa: string;
  opensslCsr: string;
  caCert: string;
  caKey: string;
  leafCert: string;
  leafKey: string;
  leafCsr: string;
  /** DER bytes of the leaf certificate. */
  leafDer: Uint8Array;
  /** An Ed25519 key under cfssl 1.6's label. */
  ed25519CfsslLabel: string;
  /** Signers for the existing-CA door: a CA that expired in 2020, a CA on an RSA-1024 key. */
  expiredCa: { cert: string; key: string };
  weakCa: { cert: string; key: string };
  /** A CSR on an RSA-1024 key (kubeprep makes none; people bring them). */
  weakCsr: string;
}

export async function makeMaterial(): Promise<Material> {
  const root = await initCa(parseCsrJson('{"CN":"hostile corpus root","key":{"algo":"ecdsa","size":256}}', { initca: true }));
  const ca = await caFromIssued(root);
  const leaf = await generateCertificate(parseCsrJson('{"CN":"hostile leaf","hosts":["leaf.example","10.0.0.1"],"key":{"algo":"ecdsa","size":256}}'), ca, defaultSigningConfig(), {});
  const ed25519 = fixture('fixture-ed25519-pkcs8.pem');
  const expired = await initCa(parseCsrJson('{"CN":"expired root","key":{"algo":"ecdsa","size":256},"ca":{"expiry":"8760h"}}', { initca: true }), { now: new Date('2019-01-01T00:00:00Z') });
  // RSA-1024 through WebCrypto directly: the engine's own key specs refuse it (checkKeySpec).
  const weakKey = await generateKeyPair({ algo: 'rsa', size: 1024 });
  const weak = await initCa(parseCsrJson('{"CN":"weak root"}', { initca: true }), { key: weakKey });
  const weakCsr = await buildCsr(parseCsrJson('{"CN":"weak leaf","hosts":["weak.example"]}'), weakKey);
  return {
    keys: {
      rsaPkcs1: fixture('fixture-rsa2048-pkcs1.pem'),
      rsaPkcs8: fixture('fixture-rsa2048-pkcs8.pem'),
      p256Sec1: fixture('fixture-p256-sec1.pem'),
      p256Pkcs8: fixture('fixture-p256-pkcs8.pem'),
      p384WithParams: fixture('fixture-p384-sec1-with-params.pem'),
      ed25519,
      encryptedPkcs8: fixture('fixture-p256-encrypted-pkcs8.pem'),
      encryptedPkcs1: fixture('fixture-rsa2048-encrypted-pkcs1.pem'),
    },
    opensslCa: fixture('fixture-openssl-ca.pem'),
    opensslCsr: fixture('fixture-openssl-p256.csr'),
    caCert: root.certPem,
    caKey: root.keyPem!,
    leafCert: leaf.certPem,
    leafKey: leaf.keyPem!,
    leafCsr: leaf.csrPem,
    leafDer: decodePem(leaf.certPem)[0]!.der,
    ed25519CfsslLabel: encodePem('Ed25519 PRIVATE KEY', decodePem(ed25519)[0]!.der),
    expiredCa: { cert: expired.certPem, key: expired.keyPem! },
    weakCa: { cert: weak.certPem, key: await exportPrivateKeyPem(weakKey) },
    weakCsr: weakCsr.pem,
  };
}

/** The base64 body of a PEM text (what must not survive the storage filter). */
export function pemBody(pem: string): string {
  return pem
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('-----') && !line.includes(':'))
    .join('');
}

export const base64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
export const utf8 = (text: string) => new TextEncoder().encode(text);
