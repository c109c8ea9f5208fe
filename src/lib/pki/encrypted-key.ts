// Private keys that travel safely: encrypted PKCS#8 (RFC 5958 3, EncryptedPrivateKeyInfo, PEM label
// `ENCRYPTED PRIVATE KEY`) under PBES2 (RFC 8018 6.2): PBKDF2 with HMAC-SHA256 (RFC 8018 5.2, A.2) and
// AES-256-CBC (RFC 8018 B.2.5; NIST SP 800-38A), the scheme `openssl pkcs8 -topk8 -v2 aes-256-cbc` writes
// and `openssl pkey -in key.pem -passin pass:...` reads. The structures are PKI.js's; the work is
// WebCrypto's (deriveKey runs off the main thread in browsers).
//
// One download derives its key once (one salt, one iteration count) and encrypts each private key with a
// fresh random IV: every key in it opens with the same passphrase anyway, and 600,000 iterations per key
// would keep a cluster bundle's sixty keys busy for half a minute.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { decodeDer, der, readAs, valueBytes } from './asn1';
import { buffer, utf8 } from './bytes';
import { pkiError, subjectRef, type PkiSubject } from './errors';
import { privateKeyPkcs8, subtle } from './keys';
import { MIN_PASSPHRASE_LENGTH } from './passphrase';
import { decodePem, encodePem } from './pem';

/** OWASP Password Storage Cheat Sheet (2023): 600,000 iterations for PBKDF2-HMAC-SHA256. */
export const PBKDF2_ITERATIONS = 600_000;

const PBES2 = '1.2.840.113549.1.5.13';
const PBKDF2 = '1.2.840.113549.1.5.12';
const HMAC_SHA1 = '1.2.840.113549.2.7';
const HMAC_SHA256 = '1.2.840.113549.2.9';
const AES_256_CBC = '2.16.840.1.101.3.4.1.42';

export interface KeyEncryptionKey {
  key: CryptoKey;
  salt: Uint8Array;
  iterations: number;
}

interface Derivation {
  salt: Uint8Array;
  iterations: number;
  hash: 'SHA-256' | 'SHA-1';
  length: number;
}

async function deriveAesKey(passphrase: string, d: Derivation, usage: KeyUsage): Promise<CryptoKey> {
  const material = await subtle().importKey('raw', buffer(utf8(passphrase)), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey({ name: 'PBKDF2', hash: d.hash, salt: buffer(d.salt), iterations: d.iterations }, material, { name: 'AES-CBC', length: d.length }, false, [usage]);
}

/** Derives the AES key a download's private keys are encrypted with (a new random salt each time). */
export async function keyEncryptionKey(passphrase: string, options: { iterations?: number } = {}): Promise<KeyEncryptionKey> {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw pkiError('pki.passphrase-too-short', { field: 'passphrase', params: { min: MIN_PASSPHRASE_LENGTH } });
  }
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const iterations = options.iterations ?? PBKDF2_ITERATIONS;
  return { key: await deriveAesKey(passphrase, { salt, iterations, hash: 'SHA-256', length: 256 }, 'encrypt'), salt, iterations };
}

function algorithm(algorithmId: string, algorithmParams?: asn1js.BaseBlock): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({ algorithmId, ...(algorithmParams ? { algorithmParams } : {}) });
}

/** An unencrypted private key PEM (PKCS#1, SEC1 or PKCS#8) as an `ENCRYPTED PRIVATE KEY` PEM. */
export async function encryptPrivateKeyPem(pem: string, kek: KeyEncryptionKey): Promise<string> {
  const pkcs8 = privateKeyPkcs8(pem);
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const encrypted = new Uint8Array(await subtle().encrypt({ name: 'AES-CBC', iv }, kek.key, buffer(pkcs8)));
  const kdf = new pkijs.PBKDF2Params({
    salt: new asn1js.OctetString({ valueHex: buffer(kek.salt) }),
    iterationCount: kek.iterations,
    prf: algorithm(HMAC_SHA256, new asn1js.Null()),
  });
  const scheme = new pkijs.PBES2Params({
    keyDerivationFunc: algorithm(PBKDF2, kdf.toSchema()),
    encryptionScheme: algorithm(AES_256_CBC, new asn1js.OctetString({ valueHex: buffer(iv) })),
  });
  const info = new pkijs.PKCS8ShroudedKeyBag({
    encryptionAlgorithm: algorithm(PBES2, scheme.toSchema()),
    encryptedData: new asn1js.OctetString({ valueHex: buffer(encrypted) }),
  });
  return encodePem('ENCRYPTED PRIVATE KEY', der(info.toSchema()));
}

function unsupported(scheme: string): never {
  throw pkiError('pki.unsupported-encryption', { field: 'private-key', allowed: 'PBES2, PBKDF2 (HMAC-SHA1, HMAC-SHA256), AES-128/192/256-CBC', params: { scheme } });
}

/** Opens an `ENCRYPTED PRIVATE KEY` PEM written as above (or by openssl -v2 aes-*-cbc); returns a PKCS#8 `PRIVATE KEY` PEM. */
export async function decryptPrivateKeyPem(pem: string, passphrase: string): Promise<string> {
  const what: PkiSubject = 'encrypted-private-key';
  const block = decodePem(pem, what).find((b) => b.label === 'ENCRYPTED PRIVATE KEY');
  if (!block) throw pkiError('pki.pem-label', { field: what, allowed: 'ENCRYPTED PRIVATE KEY', params: { what: subjectRef(what), expected: 'ENCRYPTED PRIVATE KEY', label: decodePem(pem, what)[0]!.label } });
  const info = readAs(what, () => new pkijs.PKCS8ShroudedKeyBag({ schema: decodeDer(block.der, what) }));
  if (info.encryptionAlgorithm.algorithmId !== PBES2) unsupported(info.encryptionAlgorithm.algorithmId);
  const scheme = readAs(what, () => new pkijs.PBES2Params({ schema: info.encryptionAlgorithm.algorithmParams }));
  if (scheme.keyDerivationFunc.algorithmId !== PBKDF2) unsupported(scheme.keyDerivationFunc.algorithmId);
  const kdf = readAs(what, () => new pkijs.PBKDF2Params({ schema: scheme.keyDerivationFunc.algorithmParams }));
  const prf = kdf.prf?.algorithmId ?? HMAC_SHA1; // RFC 8018 A.2: the default PRF
  const aes: Record<string, number> = { '2.16.840.1.101.3.4.1.2': 128, '2.16.840.1.101.3.4.1.22': 192, [AES_256_CBC]: 256 };
  const length = aes[scheme.encryptionScheme.algorithmId];
  if (!length) unsupported(scheme.encryptionScheme.algorithmId);
  const hash = prf === HMAC_SHA256 ? 'SHA-256' : prf === HMAC_SHA1 ? 'SHA-1' : unsupported(prf);
  const salt = valueBytes(kdf.salt as asn1js.OctetString);
  const iv = valueBytes(scheme.encryptionScheme.algorithmParams as asn1js.OctetString);
  const key = await deriveAesKey(passphrase, { salt, iterations: kdf.iterationCount, hash, length }, 'decrypt');
  try {
    const plain = new Uint8Array(await subtle().decrypt({ name: 'AES-CBC', iv: buffer(iv) }, key, buffer(valueBytes(info.encryptedData))));
    decodeDer(plain, what);
    return encodePem('PRIVATE KEY', plain);
  } catch (cause) {
    throw pkiError('pki.wrong-passphrase', { field: 'passphrase', cause });
  }
}
