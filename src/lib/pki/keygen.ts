// Key generation through WebCrypto, and what it needs (the algorithm of a key spec, the spec of a key),
// without PKI.js or asn1js: the key pool imports this part alone, so background key generation and a cold
// Generate's first keys start while the X.509 engine chunk is still being fetched and evaluated.
// Reading and writing keys (PEM, PKCS#1, SEC1, PKCS#8) is in keys.ts.
import type { KeySpec } from './csr';
import { pkiError } from './errors';
import { ECDSA_CURVE_SIZES } from './facts';
import { messageRef } from '../i18n/params';
import { OID } from './oid';

export interface KeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  spec: KeySpec;
}

/** Where an engine operation gets its key pairs: generateKeyPair by default, a pool, or the command's source. */
export type KeySource = (spec: KeySpec) => Promise<KeyPair>;

type Curve = 'P-256' | 'P-384' | 'P-521';
export interface CurveInfo {
  name: Curve;
  oid: string;
  hash: string;
  bytes: number;
}
export const CURVES: Record<(typeof ECDSA_CURVE_SIZES)[number], CurveInfo> = {
  256: { name: 'P-256', oid: OID.p256, hash: 'SHA-256', bytes: 32 },
  384: { name: 'P-384', oid: OID.p384, hash: 'SHA-384', bytes: 48 },
  521: { name: 'P-521', oid: OID.p521, hash: 'SHA-512', bytes: 66 },
};

export function subtle(): SubtleCrypto {
  return globalThis.crypto.subtle;
}

/** cfssl signer.DefaultSigAlgo: the hash follows the signing key (RSA size, ECDSA curve). */
export function rsaHashForSize(bits: number): string {
  if (bits >= 4096) return 'SHA-512';
  if (bits >= 3072) return 'SHA-384';
  if (bits >= 2048) return 'SHA-256';
  return 'SHA-1';
}

export function curveForSize(size: number): CurveInfo {
  const curve = (CURVES as Record<number, CurveInfo | undefined>)[size];
  if (!curve) throw pkiError('pki.invalid-curve', { field: 'key.size', allowed: ECDSA_CURVE_SIZES.join(', '), params: { size } });
  return curve;
}

const specs = new WeakMap<CryptoKey, KeySpec>();

/** The key spec of a WebCrypto key (the signing engine gets CryptoKeys; reading `algorithm` makes a new object). */
export function specOfCryptoKey(key: CryptoKey): KeySpec {
  let spec = specs.get(key);
  if (!spec) specs.set(key, (spec = readSpecOfCryptoKey(key)));
  return spec;
}

function readSpecOfCryptoKey(key: CryptoKey): KeySpec {
  const algorithm = key.algorithm as Partial<RsaHashedKeyAlgorithm & EcKeyAlgorithm> & KeyAlgorithm;
  if (algorithm.name === 'RSASSA-PKCS1-v1_5') return { algo: 'rsa', size: algorithm.modulusLength ?? 0 };
  if (algorithm.name === 'ECDSA') {
    const size = Object.entries(CURVES).find(([, curve]) => curve.name === algorithm.namedCurve)?.[0];
    return { algo: 'ecdsa', size: Number(size) };
  }
  return { algo: 'ed25519', size: 256 };
}

/** The WebCrypto algorithm a key of this spec is created or imported with. */
export function keyAlgorithm(spec: KeySpec): RsaHashedImportParams | EcKeyImportParams | Algorithm {
  if (spec.algo === 'rsa') return { name: 'RSASSA-PKCS1-v1_5', hash: rsaHashForSize(spec.size) };
  if (spec.algo === 'ecdsa') return { name: 'ECDSA', namedCurve: curveForSize(spec.size).name };
  return { name: 'Ed25519' };
}

/** The WebCrypto calls a failure can come from, each with words under `pki.crypto-step.<step>`. */
export type CryptoStep = 'generate' | 'export-public' | 'export-private' | 'import-private' | 'import-public';

export async function webCrypto<T>(step: CryptoStep, run: () => Promise<T>, spec?: KeySpec): Promise<T> {
  try {
    return await run();
  } catch (cause) {
    if (spec?.algo === 'ed25519') {
      throw pkiError('pki.unsupported-algorithm', { field: 'key.algo', allowed: 'rsa, ecdsa', params: { algo: 'Ed25519' }, cause });
    }
    // The platform's own text (a DOMException message) is all there is to say about its failure.
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw pkiError('pki.crypto', { params: { step: messageRef(`pki.crypto-step.${step}`), detail }, cause });
  }
}

export async function generateKeyPair(spec: KeySpec): Promise<KeyPair> {
  const algorithm =
    spec.algo === 'rsa'
      ? { ...(keyAlgorithm(spec) as RsaHashedImportParams), modulusLength: spec.size, publicExponent: Uint8Array.of(1, 0, 1) }
      : keyAlgorithm(spec);
  const pair = (await webCrypto('generate', () => subtle().generateKey(algorithm, true, ['sign', 'verify']), spec)) as CryptoKeyPair;
  return { privateKey: pair.privateKey, publicKey: pair.publicKey, spec: { ...spec } };
}
