// The command line's RSA keys from two primes (src/cli/rsa-keys.ts): pairs that fail a check are drawn
// again, the key's CRT values are right as OpenSSL reads them back, and the imported key behaves as the
// engine's WebCrypto keys do (attributes, signing, PEM export and import). The primes come from a script
// where a test needs particular ones; the others use OpenSSL's generatePrime as the command does.
import { generatePrimeSync, checkPrimeSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliKeySource, opensslPrime, rsaFromPrimes, rsaKeyFromPrimes, type PrimeSource } from '../../src/cli/rsa-keys';
import { exportPrivateKeyPem, generateKeyPair, importPrivateKeyPem, type KeyPair } from '../../src/lib/pki';
import { specOfCryptoKey } from '../../src/lib/pki/keys';

const E = 65537n;
const bits = (x: bigint) => x.toString(2).length;
const prime = (size: number) => generatePrimeSync(size, { bigint: true }) as bigint;
const fromB64 = (text: string) => BigInt(`0x${Buffer.from(text, 'base64url').toString('hex')}`);
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** Hands out the given primes in order and counts the draws; asking for more than given fails the test. */
function scripted(primes: bigint[]): PrimeSource & { draws: number[] } {
  const draws: number[] = [];
  const source = async (size: number) => {
    draws.push(size);
    const next = primes[draws.length - 1];
    if (next === undefined) throw new Error(`prime source asked for draw ${draws.length}, only ${primes.length} scripted`);
    return next;
  };
  return Object.assign(source, { draws });
}

/** The private key's integers as OpenSSL exports them (JWK), not as the code under test computed them. */
async function exported(key: KeyPair) {
  const jwk = await crypto.subtle.exportKey('jwk', key.privateKey);
  const [n, e, d, p, q, dP, dQ, qInv] = [jwk.n, jwk.e, jwk.d, jwk.p, jwk.q, jwk.dp, jwk.dq, jwk.qi].map((v) => fromB64(v!));
  return { n: n!, e: e!, d: d!, p: p!, q: q!, dP: dP!, dQ: dQ!, qInv: qInv! };
}

/** The first prime after `x`. */
function nextPrime(x: bigint): bigint {
  let candidate = x + 2n;
  while (!checkPrimeSync(candidate)) candidate += 2n;
  return candidate;
}

describe('RSA keys from two primes', () => {
  // Two ordinary 1024-bit primes (top two bits set, as OpenSSL draws them) and the bad ones to mix in.
  let p: bigint;
  let q: bigint;
  let closeToP: bigint;
  let eDividesPMinus1: bigint;
  let short: bigint;
  beforeAll(() => {
    [p, q] = [prime(1024), prime(1024)];
    closeToP = nextPrime(p); // |p − q| is a few hundred, far below 2^(1024 − 100)
    // A prime ≡ 1 (mod 65537): e divides p − 1, so e has no inverse mod λ(n).
    do eDividesPMinus1 = generatePrimeSync(1024, { add: E, rem: 1n, bigint: true }) as bigint;
    while (eDividesPMinus1 >> 1022n !== 3n);
    short = prime(1000); // n would have about 2024 bits
  });

  it('OpenSSL draws primes with exactly the bits asked for and the top two set (so n has exactly 2× those bits)', async () => {
    for (let i = 0; i < 4; i++) {
      const drawn = await opensslPrime(1024);
      expect(bits(drawn)).toBe(1024);
      expect(drawn >> 1022n).toBe(3n);
      expect(checkPrimeSync(drawn)).toBe(true);
    }
  });

  it.each([
    ['the same prime twice', () => [p, p], 'primes-too-close'],
    ['primes closer than 2^(size/2 − 100)', () => [p, closeToP], 'primes-too-close'],
    ['e dividing p − 1', () => [eDividesPMinus1, q], 'e-not-coprime'],
    ['e dividing q − 1', () => [p, eDividesPMinus1], 'e-not-coprime'],
    ['a modulus of the wrong length', () => [short, q], 'modulus-length'],
  ] as const)('a pair with %s is refused and both primes are drawn again', async (_what, bad, reason) => {
    const [a, b] = bad();
    expect(rsaFromPrimes(a!, b!, 2048)).toBe(reason);
    const source = scripted([a!, b!, p, q]);
    const key = await rsaKeyFromPrimes(2048, source);
    expect(source.draws).toEqual([1024, 1024, 1024, 1024]);
    const values = await exported(key);
    expect(values.n).toBe(p * q);
    expect(new Set([values.p, values.q])).toEqual(new Set([p, q]));
  });

  it('refuses a pair whose d would not exceed 2^(size/2)', () => {
    // Small primes make such a pair easy to find; the search computes d by trial, independently of the code.
    const primes: number[] = [];
    for (let x = 3073; x < 4096; x += 2) if (checkPrimeSync(BigInt(x))) primes.push(x);
    let found: [number, number, number] | undefined;
    search: for (const a of primes) {
      for (const b of primes) {
        if (a <= b || (a - 1) % 65537 === 0 || (b - 1) % 65537 === 0) continue;
        const lambda = ((a - 1) * (b - 1)) / Number(gcd(BigInt(a - 1), BigInt(b - 1)));
        for (let d = 1; d <= 4096; d++) {
          if ((65537 * d) % lambda === 1) {
            found = [a, b, d];
            break search;
          }
        }
      }
    }
    expect(found, 'a 24-bit key with d ≤ 2^12 exists among 12-bit primes').toBeDefined();
    const [a, b] = found!;
    expect(bits(BigInt(a) * BigInt(b))).toBe(24);
    expect(rsaFromPrimes(BigInt(a), BigInt(b), 24)).toBe('d-too-small');
  });

  it('puts the larger prime first and computes d, dP, dQ and qInv right, as OpenSSL reads them back', async () => {
    const key = await rsaKeyFromPrimes(2048, scripted([q < p ? q : p, q < p ? p : q]));
    const v = await exported(key);
    expect(v.p).toBe(p > q ? p : q);
    expect(v.q).toBe(p > q ? q : p);
    expect(v.n).toBe(v.p * v.q);
    expect(bits(v.n)).toBe(2048);
    expect(v.e).toBe(E);
    const [p1, q1] = [v.p - 1n, v.q - 1n];
    const lambda = (p1 * q1) / gcd(p1, q1);
    expect((v.e * v.d) % lambda).toBe(1n);
    expect(v.d < lambda).toBe(true);
    expect(v.d > 1n << 1024n).toBe(true);
    expect(v.dP).toBe(v.d % p1);
    expect(v.dQ).toBe(v.d % q1);
    expect((v.qInv * v.q) % v.p).toBe(1n);
    expect(v.qInv < v.p).toBe(true);
  });

  it('imports the key as the engine generates its own: the same algorithm, usages, spec; it signs and verifies', async () => {
    const [ours, webCrypto] = await Promise.all([rsaKeyFromPrimes(2048, scripted([p, q])), generateKeyPair({ algo: 'rsa', size: 2048 })]);
    expect(ours.spec).toEqual({ algo: 'rsa', size: 2048 });
    for (const half of ['privateKey', 'publicKey'] as const) {
      expect(ours[half].algorithm).toEqual(webCrypto[half].algorithm);
      expect([ours[half].type, ours[half].extractable, ours[half].usages]).toEqual([webCrypto[half].type, webCrypto[half].extractable, webCrypto[half].usages]);
      expect(specOfCryptoKey(ours[half])).toEqual({ algo: 'rsa', size: 2048 });
    }
    const jwkPublic = await crypto.subtle.exportKey('jwk', ours.publicKey);
    expect(fromB64(jwkPublic.n!)).toBe(p * q);

    const data = new TextEncoder().encode('kubeprep');
    const algorithm = { name: 'RSASSA-PKCS1-v1_5' };
    const signature = await crypto.subtle.sign(algorithm, ours.privateKey, data);
    expect(await crypto.subtle.verify(algorithm, ours.publicKey, signature, data)).toBe(true);
    expect(await crypto.subtle.verify(algorithm, webCrypto.publicKey, signature, data)).toBe(false);
  });

  it('exports as cfssl\'s RSA PRIVATE KEY, which imports again to the same key', async () => {
    const key = await rsaKeyFromPrimes(2048, scripted([p, q]));
    const pem = await exportPrivateKeyPem(key);
    expect(pem.split('\n')[0]).toBe('-----BEGIN RSA PRIVATE KEY-----');
    const again = await importPrivateKeyPem(pem);
    expect(again.spec).toEqual({ algo: 'rsa', size: 2048 });
    expect(await exported(again)).toEqual(await exported(key));
    const data = new TextEncoder().encode('again');
    const algorithm = { name: 'RSASSA-PKCS1-v1_5' };
    expect(await crypto.subtle.verify(algorithm, key.publicKey, await crypto.subtle.sign(algorithm, again.privateKey, data), data)).toBe(true);
  });

  it('makes 3072-bit keys from OpenSSL primes, hashed with SHA-384 as the engine\'s are', async () => {
    const key = await rsaKeyFromPrimes(3072);
    const v = await exported(key);
    expect(bits(v.n)).toBe(3072);
    expect(v.n).toBe(v.p * v.q);
    expect((key.privateKey.algorithm as RsaHashedKeyAlgorithm).hash.name).toBe('SHA-384');
    expect(key.spec).toEqual({ algo: 'rsa', size: 3072 });
  });

  it('the command\'s key source draws primes for RSA only; ECDSA and Ed25519 keys come from WebCrypto', async () => {
    const source = scripted([p, q]);
    const keys = cliKeySource(source);
    const rsa = await keys({ algo: 'rsa', size: 2048 });
    expect(source.draws).toEqual([1024, 1024]);
    expect((await exported(rsa)).n).toBe(p * q);
    const ec = await keys({ algo: 'ecdsa', size: 256 });
    expect(ec.privateKey.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-256' });
    const ed = await keys({ algo: 'ed25519', size: 256 });
    expect(ed.privateKey.algorithm.name).toBe('Ed25519');
    expect(source.draws).toHaveLength(2);
  });
});
