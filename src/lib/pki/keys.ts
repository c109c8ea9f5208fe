// Keys through WebCrypto (globalThis.crypto.subtle, the same in browsers and Node 20+), read and written
// with PKI.js's key schemas. WebCrypto only speaks PKCS#8; cfssl writes PKCS#1 `RSA PRIVATE KEY` and SEC1
// `EC PRIVATE KEY` (with the curve OID and the public key, like Go's x509.MarshalECPrivateKey), so keys
// are re-wrapped on the way in and out. Ed25519 keys are written as PKCS#8 `PRIVATE KEY` (RFC 8410 7),
// which OpenSSL 3 and Go read; cfssl 1.6's `Ed25519 PRIVATE KEY` label is still read.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { KeySpec } from './csr';
import { decodeDer, der, fitsSchema, keepEncoding, readAs, valueBytes } from './asn1';
import { buffer } from './bytes';
import { pkiError, subjectRef, type PkiSubject } from './errors';
import { messageRef } from '../i18n/params';
import { OID } from './oid';
import { decodePem, encodePem, type PemBlock } from './pem';
import { CURVES, curveForSize, keyAlgorithm, subtle, webCrypto as crypto, type KeyPair } from './keygen';

export { curveForSize, generateKeyPair, keyAlgorithm, rsaHashForSize, specOfCryptoKey, subtle, type KeyPair } from './keygen';

function curveForOid(curveOid: string, what: PkiSubject): number {
  for (const [size, curve] of Object.entries(CURVES)) if (curve.oid === curveOid) return Number(size);
  throw pkiError('pki.unsupported-key', { field: what, allowed: SUPPORTED_KEYS, params: { what: subjectRef(what) } });
}

/** SubjectPublicKeyInfo DER of the pair's public key. */
export async function exportSpki(key: KeyPair): Promise<Uint8Array> {
  return new Uint8Array(await crypto('export-public', () => subtle().exportKey('spki', key.publicKey), key.spec));
}

/**
 * The pair's public key as a PKI.js PublicKeyInfo, written as the bytes WebCrypto exported. WebCrypto's
 * DER needs none of the checks pasted input gets, and PKI.js's schema comparison costs more than the
 * rest of a CSR: the two parts are taken from asn1js's reading directly.
 */
export async function publicKeyInfo(key: KeyPair): Promise<pkijs.PublicKeyInfo> {
  const spki = await exportSpki(key);
  const [algorithm, subjectPublicKey] = (asn1js.fromBER(buffer(spki), { parseEmbedded: false }).result as asn1js.Sequence).valueBlock.value as [
    asn1js.Sequence,
    asn1js.BitString,
  ];
  const [algorithmId, algorithmParams] = algorithm.valueBlock.value as [asn1js.ObjectIdentifier, asn1js.BaseBlock | undefined];
  const info = new pkijs.PublicKeyInfo({
    algorithm: new pkijs.AlgorithmIdentifier({ algorithmId: algorithmId.valueBlock.toString(), ...(algorithmParams ? { algorithmParams } : {}) }),
    subjectPublicKey,
  });
  return keepEncoding(info, spki);
}

export async function exportPublicKeyPem(key: KeyPair): Promise<string> {
  return encodePem('PUBLIC KEY', await exportSpki(key));
}

/** SubjectPublicKeyInfo, read with PKI.js; written again as the very bytes read. */
export function readSpki(spki: Uint8Array, what: PkiSubject): pkijs.PublicKeyInfo {
  return keepEncoding(readAs(what, () => new pkijs.PublicKeyInfo({ schema: decodeDer(spki, what) })), spki);
}

/** The subjectPublicKey bits of a SubjectPublicKeyInfo. */
export function spkiPublicKey(spki: Uint8Array | pkijs.PublicKeyInfo, what: PkiSubject): Uint8Array {
  const info = spki instanceof Uint8Array ? readSpki(spki, what) : spki;
  return valueBytes(info.subjectPublicKey);
}

/** cfssl format by default (RSA PRIVATE KEY, EC PRIVATE KEY; Ed25519 as PRIVATE KEY); or plain PKCS#8. */
export async function exportPrivateKeyPem(key: KeyPair, format: 'cfssl' | 'pkcs8' = 'cfssl'): Promise<string> {
  const pkcs8 = new Uint8Array(await crypto('export-private', () => subtle().exportKey('pkcs8', key.privateKey), key.spec));
  if (format === 'pkcs8' || key.spec.algo === 'ed25519') return encodePem('PRIVATE KEY', pkcs8);
  const inner = pkcs8PrivateKey(pkcs8);
  if (key.spec.algo === 'rsa') return encodePem('RSA PRIVATE KEY', inner);
  return encodePem('EC PRIVATE KEY', await sec1PrivateKey(inner, key));
}

/**
 * The privateKey OCTET STRING of WebCrypto's own PKCS#8 (RFC 5208 §5): for RSA it is the PKCS#1
 * RSAPrivateKey that cfssl writes, byte for byte. Read with asn1js alone: PKI.js's PrivateKeyInfo would
 * also decode every integer of the key, which cost more than the rest of a certificate (this runs once
 * per key of a cluster bundle).
 */
function pkcs8PrivateKey(pkcs8: Uint8Array): Uint8Array {
  return readAs('private-key', () => {
    const top = decodeDer(pkcs8, 'private-key');
    const privateKey = top instanceof asn1js.Sequence ? top.valueBlock.value[2] : undefined;
    if (!(privateKey instanceof asn1js.OctetString)) throw new Error('no PKCS#8 privateKey'); // readAs reports it as damaged DER
    return valueBytes(privateKey);
  });
}

/** Go's MarshalECPrivateKey: version 1, the scalar padded to the curve size, [0] curve OID, [1] public key. */
async function sec1PrivateKey(pkcs8Inner: Uint8Array, key: KeyPair): Promise<Uint8Array> {
  const curve = curveForSize(key.spec.size);
  const inner = readAs('private-key', () => new pkijs.ECPrivateKey({ namedCurve: curve.oid, schema: decodeDer(pkcs8Inner, 'private-key') }));
  const scalar = valueBytes(inner.privateKey);
  const padded = new Uint8Array(Math.max(curve.bytes, scalar.length));
  padded.set(scalar, padded.length - scalar.length);
  const point = spkiPublicKey(await exportSpki(key), 'public-key');
  const sec1 = new pkijs.ECPrivateKey({
    version: 1,
    privateKey: new asn1js.OctetString({ valueHex: padded }),
    namedCurve: curve.oid,
    publicKey: new pkijs.ECPublicKey({ namedCurve: curve.oid, schema: buffer(point).buffer }),
  });
  return der(sec1.toSchema());
}

/** The PEM labels of the private keys read here (cfssl's, openssl's and PKCS#8), unencrypted. */
const PRIVATE_KEY_LABELS = 'RSA PRIVATE KEY, EC PRIVATE KEY, PRIVATE KEY';
const SUPPORTED_KEYS = 'RSA, ECDSA P-256/P-384/P-521, Ed25519';

function encryptedKey(what: PkiSubject): never {
  throw pkiError('pki.encrypted-key', { field: what, allowed: PRIVATE_KEY_LABELS });
}

/**
 * Reads a private key PEM: PKCS#1, SEC1 or PKCS#8 (the label is not trusted, the DER decides). WHAT names
 * the key in errors (their field): a CA's key is `ca-key`, where the CLI's -ca-key and the screen's CA
 * key slot show it.
 */
export async function importPrivateKeyPem(pem: string, what: PkiSubject = 'private-key'): Promise<KeyPair> {
  const block = decodePem(pem, what).find((b) => b.label !== 'EC PARAMETERS');
  if (!block) throw pkiError('pki.pem-decode', { field: what, allowed: PRIVATE_KEY_LABELS, params: { what: subjectRef(what), reason: messageRef('pki.pem.only-ec-parameters') } });
  return importPrivateKey(block, what);
}

/** Reads one decoded PEM block; its headers count (traditional `Proc-Type: 4,ENCRYPTED` keys). */
export async function importPrivateKey(block: PemBlock, what: PkiSubject = 'private-key'): Promise<KeyPair> {
  if (block.label === 'ENCRYPTED PRIVATE KEY' || (block.headers['Proc-Type'] ?? '').includes('ENCRYPTED')) encryptedKey(what);
  if (!/PRIVATE KEY$/.test(block.label)) {
    throw pkiError('pki.pem-label', { field: what, allowed: PRIVATE_KEY_LABELS, params: { what: subjectRef(what), expected: 'PRIVATE KEY', label: block.label } });
  }
  const { pkcs8, spec } = toPkcs8(block.der, what);
  const privateKey = await crypto('import-private', () => subtle().importKey('pkcs8', buffer(pkcs8), keyAlgorithm(spec), true, ['sign']), spec);
  const jwk = await crypto('export-private', () => subtle().exportKey('jwk', privateKey), spec);
  const publicJwk: JsonWebKey = { kty: jwk.kty };
  for (const name of ['n', 'e', 'crv', 'x', 'y'] as const) if (jwk[name] !== undefined) publicJwk[name] = jwk[name];
  const publicKey = await crypto('import-public', () => subtle().importKey('jwk', publicJwk, keyAlgorithm(spec), true, ['verify']), spec);
  return { privateKey, publicKey, spec };
}

/**
 * A key pair from a PKCS#1 RSAPrivateKey made outside WebCrypto (the command line draws its RSA keys'
 * primes itself), imported as generateKeyPair's keys are made: the same algorithm and hash for the size,
 * extractable, 'sign' on the private half and 'verify' on the public half, which is built from n and e.
 * The caller vouches for the key's consistency: WebCrypto does not check an imported key's CRT values.
 */
export async function importRsaPrivateKey(rsa: pkijs.RSAPrivateKey): Promise<KeyPair> {
  const spec: KeySpec = { algo: 'rsa', size: integerBits(rsa.modulus) };
  const pkcs8 = wrapPkcs8(rsaEncryption(), der(rsa.toSchema()));
  const rsaPublic = new pkijs.RSAPublicKey({ modulus: rsa.modulus, publicExponent: rsa.publicExponent });
  const spki = new pkijs.PublicKeyInfo({ algorithm: rsaEncryption(), subjectPublicKey: new asn1js.BitString({ valueHex: buffer(der(rsaPublic.toSchema())) }) });
  const [privateKey, publicKey] = await Promise.all([
    crypto('import-private', () => subtle().importKey('pkcs8', buffer(pkcs8), keyAlgorithm(spec), true, ['sign']), spec),
    crypto('import-public', () => subtle().importKey('spki', buffer(der(spki.toSchema())), keyAlgorithm(spec), true, ['verify']), spec),
  ]);
  return { privateKey, publicKey, spec };
}

/** rsaEncryption with its NULL parameters (RFC 8017 A.1), as PKCS#8 and SubjectPublicKeyInfo name RSA keys. */
function rsaEncryption(): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() });
}

/** The PKCS#8 PrivateKeyInfo DER of an unencrypted private key PEM, whatever its form (PKCS#1, SEC1, PKCS#8). */
export function privateKeyPkcs8(pem: string): Uint8Array {
  const what: PkiSubject = 'private-key';
  const block = decodePem(pem, what).find((b) => b.label !== 'EC PARAMETERS');
  if (!block) throw pkiError('pki.pem-decode', { field: what, allowed: PRIVATE_KEY_LABELS, params: { what: subjectRef(what), reason: messageRef('pki.pem.only-ec-parameters') } });
  if (block.label === 'ENCRYPTED PRIVATE KEY' || (block.headers['Proc-Type'] ?? '').includes('ENCRYPTED')) encryptedKey(what);
  return toPkcs8(block.der, what).pkcs8;
}

/** PKCS#8 PrivateKeyInfo around an inner key, the only form WebCrypto imports. */
function wrapPkcs8(algorithm: pkijs.AlgorithmIdentifier, inner: Uint8Array): Uint8Array {
  const info = new pkijs.PrivateKeyInfo({ version: 0, privateKeyAlgorithm: algorithm, privateKey: new asn1js.OctetString({ valueHex: buffer(inner) }) });
  return der(info.toSchema());
}

/** Recognises PKCS#8, PKCS#1 RSAPrivateKey and SEC1 ECPrivateKey by their schemas; returns PKCS#8 and the spec. */
function toPkcs8(bytes: Uint8Array, what: PkiSubject): { pkcs8: Uint8Array; spec: KeySpec } {
  const value = decodeDer(bytes, what);
  if (fitsSchema(value, pkijs.PrivateKeyInfo.schema())) {
    const info = readAs(what, () => new pkijs.PrivateKeyInfo({ schema: value }));
    return { pkcs8: bytes, spec: specFromPkcs8(info, what) };
  }
  if (fitsSchema(value, pkijs.PKCS8ShroudedKeyBag.schema())) encryptedKey(what);
  if (fitsSchema(value, pkijs.RSAPrivateKey.schema())) {
    const rsa = readAs(what, () => new pkijs.RSAPrivateKey({ schema: value }));
    return { pkcs8: wrapPkcs8(rsaEncryption(), bytes), spec: { algo: 'rsa', size: integerBits(rsa.modulus) } };
  }
  if (fitsSchema(value, pkijs.ECPrivateKey.schema())) {
    const sec1 = readAs(what, () => new pkijs.ECPrivateKey({ schema: value }));
    if (!sec1.namedCurve) {
      throw pkiError('pki.unsupported-key', { field: what, allowed: SUPPORTED_KEYS, params: { what: subjectRef(what) } });
    }
    const size = curveForOid(sec1.namedCurve, what);
    const algorithm = new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecPublicKey, algorithmParams: new asn1js.ObjectIdentifier({ value: sec1.namedCurve }) });
    return { pkcs8: wrapPkcs8(algorithm, bytes), spec: { algo: 'ecdsa', size } };
  }
  throw pkiError('pki.der-decode', { field: what, allowed: PRIVATE_KEY_LABELS, params: { what: subjectRef(what), reason: messageRef('pki.der.not-a-key') } });
}

function specFromPkcs8(info: pkijs.PrivateKeyInfo, what: PkiSubject): KeySpec {
  const algorithm = info.privateKeyAlgorithm;
  if (algorithm.algorithmId === OID.rsaEncryption) {
    const rsa = readAs(what, () => new pkijs.RSAPrivateKey({ schema: decodeDer(valueBytes(info.privateKey), what) }));
    return { algo: 'rsa', size: integerBits(rsa.modulus) };
  }
  return specFromAlgorithm(algorithm, what);
}

/** EC curve or Ed25519 from an AlgorithmIdentifier (PKCS#8 or SubjectPublicKeyInfo). */
function specFromAlgorithm(algorithm: pkijs.AlgorithmIdentifier, what: PkiSubject): KeySpec {
  if (algorithm.algorithmId === OID.ecPublicKey) {
    const params = algorithm.algorithmParams as unknown;
    const curveOid = params instanceof asn1js.ObjectIdentifier ? params.valueBlock.toString() : '';
    return { algo: 'ecdsa', size: curveForOid(curveOid, what) };
  }
  if (algorithm.algorithmId === OID.ed25519) return { algo: 'ed25519', size: 256 };
  throw pkiError('pki.unsupported-key', { field: what, allowed: SUPPORTED_KEYS, params: { what: subjectRef(what) } });
}

/** Bit length of a positive INTEGER (the RSA modulus size). */
function integerBits(integer: asn1js.Integer): number {
  let bytes = integer.valueBlock.valueHexView;
  while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
  if (bytes.length === 0) return 0;
  return (bytes.length - 1) * 8 + (32 - Math.clz32(bytes[0]!));
}

/** Key spec from a SubjectPublicKeyInfo (certificates and CSRs). */
export function specFromSpki(spki: Uint8Array | pkijs.PublicKeyInfo, what: PkiSubject): KeySpec {
  const info = spki instanceof Uint8Array ? readSpki(spki, what) : spki;
  if (info.algorithm.algorithmId === OID.rsaEncryption) {
    const rsa = readAs(what, () => new pkijs.RSAPublicKey({ schema: decodeDer(valueBytes(info.subjectPublicKey), what) }));
    return { algo: 'rsa', size: integerBits(rsa.modulus) };
  }
  return specFromAlgorithm(info.algorithm, what);
}
