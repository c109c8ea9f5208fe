// npm run bench:node: should the command generate keys with node:crypto's generateKeyPair (libuv's
// thread pool) instead of WebCrypto? The same batch both ways, each native key imported into WebCrypto
// as the engine needs it. In Node 20-24 WebCrypto's RSA generateKey already is a promisified
// generateKeyPair on that pool (lib/internal/crypto/rsa.js, rsaKeyGenerate), so RSA comes out even
// and the native route only adds a DER round trip; for P-256 that round trip costs more than the key.
// Both RSA routes end in OpenSSL 3's FIPS 186-4 keygen; the command's route (src/cli/rsa-keys.ts) draws
// the two primes with generatePrime instead, as Go's crypto/rsa does, and is measured here beside them.
import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import { bench, describe } from 'vitest';
import { rsaKeyFromPrimes } from '../../src/cli/rsa-keys';

const nativeGenerate = promisify(generateKeyPair);
const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
const P256 = { name: 'ECDSA', namedCurve: 'P-256' };

async function native(type: 'rsa' | 'ec', algorithm: Algorithm): Promise<CryptoKey[]> {
  const options = type === 'rsa' ? { modulusLength: 2048, publicExponent: 0x10001 } : { namedCurve: 'P-256' };
  const { privateKey, publicKey } = await nativeGenerate(type as 'rsa', {
    ...(options as { modulusLength: number }),
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
    publicKeyEncoding: { type: 'spki', format: 'der' },
  });
  return Promise.all([
    crypto.subtle.importKey('pkcs8', privateKey, algorithm, true, ['sign']),
    crypto.subtle.importKey('spki', publicKey, algorithm, true, ['verify']),
  ]);
}

const batch = <T>(n: number, one: () => Promise<T>) => Promise.all(Array.from({ length: n }, one));

describe('8× RSA-2048 at once', () => {
  bench('WebCrypto generateKey', async () => {
    await batch(8, () => crypto.subtle.generateKey({ ...RSA, modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1) }, true, ['sign', 'verify']));
  }, { iterations: 5, time: 0 });
  bench('node:crypto generateKeyPair + importKey', async () => {
    await batch(8, () => native('rsa', RSA));
  }, { iterations: 5, time: 0 });
  bench('two generatePrime + checks + importKey (the command)', async () => {
    await batch(8, () => rsaKeyFromPrimes(2048));
  }, { iterations: 5, time: 0 });
});

describe('50× P-256 at once', () => {
  bench('WebCrypto generateKey', async () => {
    await batch(50, () => crypto.subtle.generateKey(P256, true, ['sign', 'verify']));
  }, { iterations: 10, time: 0 });
  bench('node:crypto generateKeyPair + importKey', async () => {
    await batch(50, () => native('ec', P256));
  }, { iterations: 10, time: 0 });
});
