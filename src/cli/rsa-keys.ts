// The command line's keys: RSA keys from two random probable primes, as Go's crypto/rsa (what cfssl runs)
// and OpenSSL 1.1 make them; every other key from the engine's WebCrypto generateKeyPair.
//
// Why: Node's WebCrypto (and node:crypto's generateKeyPair) hand RSA keygen to OpenSSL 3, whose
// rsa_keygen (crypto/rsa/rsa_gen.c) takes ossl_rsa_sp800_56b_generate_key, the FIPS 186-4 method with
// auxiliary primes, whenever the key has two primes, at least 2048 bits and an exponent longer than 16
// bits: always, for e = 65537. On this project's 2-core test machine that costs about 170 ms per
// RSA-2048 key (47-347 ms), against about 60 ms for the two 1024-bit primes it needs drawn directly.
// A cluster bundle makes some 50 keys, so key generation is most of `kubeprep cluster`'s time.
//
// How: crypto.generatePrime runs OpenSSL's BN_generate_prime_ex on libuv's thread pool (concurrent keys
// use every core). Its candidates come from OpenSSL's CSPRNG with the top two bits set (probable_prime in
// crypto/bn/bn_prime.c), so the product of two has exactly twice their bits, and each passes trial
// division and at least 64 Miller-Rabin rounds (bn_mr_min_checks: 2^-128 false positives). The pair is
// then checked as Go's GenerateMultiPrimeKey and FIPS 186-5 appendix A.1 (FIPS 186-4 B.3.1) check it; a pair
// that fails is drawn again, both primes, as Go does. No other randomness is used. d is taken modulo
// λ(n) = lcm(p − 1, q − 1), as FIPS 186-5 asks (Go's older GenerateMultiPrimeKey used φ(n); either works).
// JavaScript's BigInt is not constant-time; this runs once per key, in the user's own process.
//
// The browser keeps WebCrypto's generateKey: it has neither generatePrime nor a thread pool to run it on.
import { generatePrime } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { generateKeyPair, importRsaPrivateKey, type KeyPair } from '../lib/pki';
import type { KeySpec } from '../lib/pki/csr';
import type { KeySource } from '../lib/pki/keygen';

/** A random probable prime of exactly `bits` bits with its top two bits set. */
export type PrimeSource = (bits: number) => Promise<bigint>;

/** F4, the public exponent of every RSA key cfssl (Go) and WebCrypto here make. */
const E = 65537n;

/** OpenSSL's BN_generate_prime_ex, on libuv's thread pool. */
export const opensslPrime: PrimeSource = (bits) =>
  new Promise((resolve, reject) => generatePrime(bits, { bigint: true }, (error, prime) => (error ? reject(error) : resolve(prime as bigint))));

/** The integers of a two-prime RSAPrivateKey (RFC 8017 A.1.2). */
export interface RsaPrivateValues {
  n: bigint;
  e: bigint;
  d: bigint;
  p: bigint;
  q: bigint;
  dP: bigint;
  dQ: bigint;
  qInv: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** a⁻¹ mod m by the extended Euclidean algorithm; a and m are coprime here (checked before). */
function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [a % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const quotient = r0 / r1;
    [r0, r1] = [r1, r0 - quotient * r1];
    [s0, s1] = [s1, s0 - quotient * s1];
  }
  return ((s0 % m) + m) % m;
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** Why a pair of primes is drawn again (for tests; the command just draws again). */
export type Redraw = 'modulus-length' | 'primes-too-close' | 'e-not-coprime' | 'd-too-small';

/**
 * The private key of two primes for a `size`-bit modulus, or why the pair must be drawn again:
 * n must have exactly `size` bits (Go: `priv.N.BitLen() != bits`), the primes must differ by more than
 * 2^(size/2 − 100) (FIPS 186-5 A.1.3, FIPS 186-4 B.3.1; this also keeps them distinct), e must be coprime
 * to p − 1 and q − 1, and d = e⁻¹ mod lcm(p − 1, q − 1) must exceed 2^(size/2) (FIPS 186-5 A.1.1). p > q,
 * as PKCS#1 keys from OpenSSL and Go usually have it; qInv = q⁻¹ mod p (RFC 8017 3.2).
 */
export function rsaFromPrimes(first: bigint, second: bigint, size: number): RsaPrivateValues | Redraw {
  const [p, q] = first > second ? [first, second] : [second, first];
  const n = p * q;
  if (bitLength(n) !== size) return 'modulus-length';
  if (p - q <= 1n << BigInt(size / 2 - 100)) return 'primes-too-close';
  const [p1, q1] = [p - 1n, q - 1n];
  if (gcd(E, p1) !== 1n || gcd(E, q1) !== 1n) return 'e-not-coprime';
  const lambda = (p1 / gcd(p1, q1)) * q1;
  const d = modInverse(E, lambda);
  if (d <= 1n << BigInt(size / 2)) return 'd-too-small';
  return { n, e: E, d, p, q, dP: d % p1, dQ: d % q1, qInv: modInverse(q, p) };
}

/**
 * PKI.js's RSAPrivateKey of the values. Each is a positive INTEGER: asn1js's fromBigInt puts a 00 byte
 * before a leading high bit (PKI.js's toSchema would add it to the six big ones too; e = 65537 needs none).
 */
export function rsaPrivateKey(values: RsaPrivateValues): pkijs.RSAPrivateKey {
  const int = (x: bigint) => asn1js.Integer.fromBigInt(x);
  return new pkijs.RSAPrivateKey({
    version: 0,
    modulus: int(values.n),
    publicExponent: int(values.e),
    privateExponent: int(values.d),
    prime1: int(values.p),
    prime2: int(values.q),
    exponent1: int(values.dP),
    exponent2: int(values.dQ),
    coefficient: int(values.qInv),
  });
}

/** A `size`-bit RSA key pair (size even) from two primes of size/2 bits, drawn again until they pass. */
export async function rsaKeyFromPrimes(size: number, primes: PrimeSource = opensslPrime): Promise<KeyPair> {
  for (;;) {
    const [a, b] = await Promise.all([primes(size / 2), primes(size / 2)]);
    const values = rsaFromPrimes(a, b, size);
    if (typeof values === 'object') return importRsaPrivateKey(rsaPrivateKey(values));
  }
}

/** The command's key source: RSA keys of an even size from two primes, every other key from WebCrypto. */
export function cliKeySource(primes: PrimeSource = opensslPrime): KeySource {
  return (spec: KeySpec) => (spec.algo === 'rsa' && spec.size % 2 === 0 ? rsaKeyFromPrimes(spec.size, primes) : generateKeyPair(spec));
}
