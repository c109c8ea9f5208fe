// Keys through WebCrypto (globalThis.crypto.subtle, the same in browsers and Node 20+). WebCrypto only
// speaks PKCS#8, cfssl writes PKCS#1 `RSA PRIVATE KEY` and SEC1 `EC PRIVATE KEY` (with the curve OID
// and the public key, like Go's x509.MarshalECPrivateKey), so keys are re-wrapped on the way in and out.
import type { KeySpec } from './csr';
import {
  bitString,
  bitStringBytes,
  buffer,
  children,
  concat,
  contextConstructed,
  decodeOid,
  expect,
  nullValue,
  octetString,
  oid,
  parseDer,
  sequence,
  smallInteger,
  TAG,
  type DerNode,
} from './der';
import { pkiError } from './errors';
import { OID } from './oid';
import { decodePem, encodePem } from './pem';

export interface KeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  spec: KeySpec;
}

type Curve = 'P-256' | 'P-384' | 'P-521';
const CURVES: Record<number, { name: Curve; oid: string; hash: string; bytes: number }> = {
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

export function curveForSize(size: number): { name: Curve; oid: string; hash: string; bytes: number } {
  const curve = CURVES[size];
  if (!curve) throw pkiError('pki.invalid-curve', 'invalid curve', { field: 'key.size', allowed: '256, 384 or 521', params: { size } });
  return curve;
}

function curveForOid(curveOid: string, what: string): number {
  for (const [size, curve] of Object.entries(CURVES)) if (curve.oid === curveOid) return Number(size);
  throw pkiError('pki.unsupported-key', `${what}: unsupported elliptic curve ${curveOid}`, {
    field: what,
    allowed: 'P-256, P-384 or P-521',
    params: { what },
  });
}

/** The WebCrypto algorithm a key of this spec is created or imported with. */
export function keyAlgorithm(spec: KeySpec): RsaHashedImportParams | EcKeyImportParams | Algorithm {
  if (spec.algo === 'rsa') return { name: 'RSASSA-PKCS1-v1_5', hash: rsaHashForSize(spec.size) };
  if (spec.algo === 'ecdsa') return { name: 'ECDSA', namedCurve: curveForSize(spec.size).name };
  return { name: 'Ed25519' };
}

async function crypto<T>(what: string, run: () => Promise<T>, spec?: KeySpec): Promise<T> {
  try {
    return await run();
  } catch (cause) {
    if (spec?.algo === 'ed25519') {
      throw pkiError('pki.unsupported-algorithm', 'Ed25519 keys are not supported by this crypto engine', {
        field: 'key.algo',
        allowed: 'rsa or ecdsa',
        params: { algo: 'Ed25519' },
        cause,
      });
    }
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw pkiError('pki.crypto', `${what}: ${detail}`, { params: { detail: `${what}: ${detail}` }, cause });
  }
}

export async function generateKeyPair(spec: KeySpec): Promise<KeyPair> {
  const algorithm =
    spec.algo === 'rsa'
      ? { ...(keyAlgorithm(spec) as RsaHashedImportParams), modulusLength: spec.size, publicExponent: Uint8Array.of(1, 0, 1) }
      : keyAlgorithm(spec);
  const pair = (await crypto('key generation', () => subtle().generateKey(algorithm, true, ['sign', 'verify']), spec)) as CryptoKeyPair;
  return { privateKey: pair.privateKey, publicKey: pair.publicKey, spec: { ...spec } };
}

/** SubjectPublicKeyInfo DER of the pair's public key. */
export async function exportSpki(key: KeyPair): Promise<Uint8Array> {
  return new Uint8Array(await crypto('public key export', () => subtle().exportKey('spki', key.publicKey), key.spec));
}

export async function exportPublicKeyPem(key: KeyPair): Promise<string> {
  return encodePem('PUBLIC KEY', await exportSpki(key));
}

/** cfssl format by default (RSA PRIVATE KEY, EC PRIVATE KEY, Ed25519 PRIVATE KEY); or plain PKCS#8. */
export async function exportPrivateKeyPem(key: KeyPair, format: 'cfssl' | 'pkcs8' = 'cfssl'): Promise<string> {
  const pkcs8 = new Uint8Array(await crypto('private key export', () => subtle().exportKey('pkcs8', key.privateKey), key.spec));
  if (format === 'pkcs8') return encodePem('PRIVATE KEY', pkcs8);
  const inner = pkcs8Inner(pkcs8, 'private key');
  if (key.spec.algo === 'rsa') return encodePem('RSA PRIVATE KEY', inner);
  if (key.spec.algo === 'ed25519') return encodePem('Ed25519 PRIVATE KEY', pkcs8);
  const curve = curveForSize(key.spec.size);
  const sec1 = children(expect(parseDer(inner, 'EC private key'), TAG.sequence, 'EC private key'), 'EC private key');
  const scalar = expect(sec1[1], TAG.octetString, 'EC private key').content;
  const publicPoint = spkiPublicKey(await exportSpki(key), 'public key');
  return encodePem(
    'EC PRIVATE KEY',
    sequence(
      smallInteger(1),
      octetString(leftPad(scalar, curve.bytes)),
      contextConstructed(0, oid(curve.oid)),
      contextConstructed(1, bitString(publicPoint)),
    ),
  );
}

function leftPad(bytes: Uint8Array, length: number): Uint8Array {
  if (bytes.length >= length) return bytes;
  return concat([new Uint8Array(length - bytes.length), bytes]);
}

/** The privateKey OCTET STRING of a PKCS#8 PrivateKeyInfo. */
function pkcs8Inner(pkcs8: Uint8Array, what: string): Uint8Array {
  const parts = children(expect(parseDer(pkcs8, what), TAG.sequence, what), what);
  return expect(parts[2], TAG.octetString, what).content;
}

/** The subjectPublicKey bits of a SubjectPublicKeyInfo. */
export function spkiPublicKey(spki: Uint8Array, what: string): Uint8Array {
  const parts = children(expect(parseDer(spki, what), TAG.sequence, what), what);
  return bitStringBytes(expect(parts[1], TAG.bitString, what), what);
}

const PRIVATE_KEY_ALLOWED = 'an unencrypted RSA PRIVATE KEY, EC PRIVATE KEY or PRIVATE KEY';

/** Reads a private key PEM: PKCS#1, SEC1 or PKCS#8 (the label is not trusted, the DER decides). */
export async function importPrivateKeyPem(pem: string): Promise<KeyPair> {
  const what = 'private key';
  const blocks = decodePem(pem, what).filter((b) => b.label !== 'EC PARAMETERS');
  const block = blocks[0];
  if (!block) throw pkiError('pki.pem-decode', `${what}: only EC PARAMETERS found, no key`, { field: what, allowed: PRIVATE_KEY_ALLOWED, params: { what } });
  if (block.label === 'ENCRYPTED PRIVATE KEY' || (block.headers['Proc-Type'] ?? '').includes('ENCRYPTED')) {
    throw pkiError('pki.encrypted-key', 'the private key is encrypted; decrypt it first (openssl pkey -in key.pem -out key-plain.pem)', {
      field: what,
      allowed: PRIVATE_KEY_ALLOWED,
    });
  }
  if (!/PRIVATE KEY$/.test(block.label)) {
    throw pkiError('pki.pem-label', `${what}: expected a private key PEM block, found "${block.label}"`, {
      field: what,
      allowed: 'RSA PRIVATE KEY, EC PRIVATE KEY or PRIVATE KEY',
      params: { what, expected: 'PRIVATE KEY', label: block.label },
    });
  }
  const { pkcs8, spec } = toPkcs8(block.der, what);
  const privateKey = await crypto('private key import', () => subtle().importKey('pkcs8', buffer(pkcs8), keyAlgorithm(spec), true, ['sign']), spec);
  const jwk = await crypto('private key export', () => subtle().exportKey('jwk', privateKey), spec);
  const publicJwk: JsonWebKey = { kty: jwk.kty };
  for (const name of ['n', 'e', 'crv', 'x', 'y'] as const) if (jwk[name] !== undefined) publicJwk[name] = jwk[name];
  const publicKey = await crypto('public key import', () => subtle().importKey('jwk', publicJwk, keyAlgorithm(spec), true, ['verify']), spec);
  return { privateKey, publicKey, spec };
}

/** Recognises PKCS#8, PKCS#1 RSAPrivateKey and SEC1 ECPrivateKey and returns PKCS#8 plus the key spec. */
function toPkcs8(der: Uint8Array, what: string): { pkcs8: Uint8Array; spec: KeySpec } {
  const top = expect(parseDer(der, what), TAG.sequence, what);
  const parts = children(top, what);
  // PKCS#8: INTEGER version, SEQUENCE algorithm, OCTET STRING key
  if (parts[1]?.tag === TAG.sequence && parts[2]?.tag === TAG.octetString) {
    if (decodeOid(children(parts[1], what)[0]?.content ?? new Uint8Array()) === OID.pbes2) {
      throw pkiError('pki.encrypted-key', 'the private key is encrypted', { field: what, allowed: PRIVATE_KEY_ALLOWED });
    }
    return { pkcs8: der, spec: specFromPkcs8(parts, what) };
  }
  // PKCS#1: nine INTEGERs (version, n, e, d, p, q, dp, dq, qinv)
  if (parts.length >= 9 && parts.every((p) => p.tag === TAG.integer)) {
    const bits = integerBits(parts[1]!);
    return {
      pkcs8: sequence(smallInteger(0), sequence(oid(OID.rsaEncryption), nullValue()), octetString(der)),
      spec: { algo: 'rsa', size: bits },
    };
  }
  // SEC1: INTEGER 1, OCTET STRING scalar, [0] curve OID, [1] public key
  if (parts[0]?.tag === TAG.integer && parts[1]?.tag === TAG.octetString) {
    const params = parts.find((p) => p.tag === 0xa0);
    if (!params) {
      throw pkiError('pki.unsupported-key', `${what}: the EC key does not name its curve`, { field: what, allowed: 'an EC key on a named curve: P-256, P-384 or P-521', params: { what } });
    }
    const curveOid = decodeOid(expect(children(params, what)[0], TAG.oid, what).content);
    const size = curveForOid(curveOid, what);
    return {
      pkcs8: sequence(smallInteger(0), sequence(oid(OID.ecPublicKey), oid(curveOid)), octetString(der)),
      spec: { algo: 'ecdsa', size },
    };
  }
  throw pkiError('pki.der-decode', `${what}: not a PKCS#1, SEC1 or PKCS#8 private key`, { field: what, allowed: PRIVATE_KEY_ALLOWED, params: { what } });
}

function specFromPkcs8(parts: DerNode[], what: string): KeySpec {
  const algorithm = children(parts[1]!, what);
  const algorithmOid = decodeOid(expect(algorithm[0], TAG.oid, what).content);
  if (algorithmOid === OID.rsaEncryption) {
    const rsa = children(expect(parseDer(parts[2]!.content, what), TAG.sequence, what), what);
    return { algo: 'rsa', size: integerBits(expect(rsa[1], TAG.integer, what)) };
  }
  if (algorithmOid === OID.ecPublicKey) {
    return { algo: 'ecdsa', size: curveForOid(decodeOid(expect(algorithm[1], TAG.oid, what).content), what) };
  }
  if (algorithmOid === OID.ed25519) return { algo: 'ed25519', size: 256 };
  throw pkiError('pki.unsupported-key', `${what}: unsupported key algorithm ${algorithmOid}`, {
    field: what,
    allowed: 'RSA, ECDSA (P-256, P-384, P-521) or Ed25519',
    params: { what },
  });
}

/** Bit length of a positive INTEGER (the RSA modulus size). */
function integerBits(node: DerNode): number {
  let bytes = node.content;
  while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
  if (bytes.length === 0) return 0;
  return (bytes.length - 1) * 8 + (32 - Math.clz32(bytes[0]!));
}

/** Key spec and WebCrypto public key from a SubjectPublicKeyInfo (for certificates and CSRs). */
export function specFromSpki(spki: Uint8Array, what: string): KeySpec {
  const parts = children(expect(parseDer(spki, what), TAG.sequence, what), what);
  const algorithm = children(expect(parts[0], TAG.sequence, what), what);
  const algorithmOid = decodeOid(expect(algorithm[0], TAG.oid, what).content);
  if (algorithmOid === OID.rsaEncryption) {
    const rsa = children(parseDer(spkiPublicKey(spki, what), what), what);
    return { algo: 'rsa', size: integerBits(expect(rsa[0], TAG.integer, what)) };
  }
  if (algorithmOid === OID.ecPublicKey) {
    return { algo: 'ecdsa', size: curveForOid(decodeOid(expect(algorithm[1], TAG.oid, what).content), what) };
  }
  if (algorithmOid === OID.ed25519) return { algo: 'ed25519', size: 256 };
  throw pkiError('pki.unsupported-key', `${what}: unsupported public key algorithm ${algorithmOid}`, {
    field: what,
    allowed: 'RSA, ECDSA (P-256, P-384, P-521) or Ed25519',
    params: { what },
  });
}
