// Signing and verifying X.509/PKCS#10 structures with WebCrypto. The algorithm follows the signing
// key (cfssl signer.DefaultSigAlgo); ECDSA signatures are DER SEQUENCE{r, s}, while WebCrypto works
// with raw r||s, so they are converted both ways here.
import type { KeySpec } from './csr';
import { buffer, children, concat, decodeOid, expect, nullValue, oid, parseDer, sequence, TAG, unsignedInteger } from './der';
import { pkiError } from './errors';
import { curveForSize, rsaHashForSize, specFromSpki, subtle, type KeyPair } from './keys';
import { OID } from './oid';

export interface SignatureAlgorithm {
  oid: string;
  /** AlgorithmIdentifier DER (RSA with NULL parameters, ECDSA and Ed25519 without). */
  identifier: Uint8Array;
}

const RSA_OIDS: Record<string, string> = {
  'SHA-1': OID.sha1WithRSA,
  'SHA-256': OID.sha256WithRSA,
  'SHA-384': OID.sha384WithRSA,
  'SHA-512': OID.sha512WithRSA,
};
const ECDSA_OIDS: Record<string, string> = {
  'SHA-256': OID.ecdsaWithSHA256,
  'SHA-384': OID.ecdsaWithSHA384,
  'SHA-512': OID.ecdsaWithSHA512,
};

/** cfssl certinfo's names (helpers.SignatureString). */
export const SIGNATURE_NAMES: Readonly<Record<string, string>> = {
  [OID.sha1WithRSA]: 'SHA1WithRSA',
  [OID.sha256WithRSA]: 'SHA256WithRSA',
  [OID.sha384WithRSA]: 'SHA384WithRSA',
  [OID.sha512WithRSA]: 'SHA512WithRSA',
  '1.2.840.10045.4.1': 'ECDSAWithSHA1',
  [OID.ecdsaWithSHA256]: 'ECDSAWithSHA256',
  [OID.ecdsaWithSHA384]: 'ECDSAWithSHA384',
  [OID.ecdsaWithSHA512]: 'ECDSAWithSHA512',
  [OID.ed25519]: 'Ed25519',
};

export function signatureAlgorithmFor(spec: KeySpec): SignatureAlgorithm {
  if (spec.algo === 'rsa') {
    const algorithmOid = RSA_OIDS[rsaHashForSize(spec.size)]!;
    return { oid: algorithmOid, identifier: sequence(oid(algorithmOid), nullValue()) };
  }
  if (spec.algo === 'ecdsa') {
    const algorithmOid = ECDSA_OIDS[curveForSize(spec.size).hash]!;
    return { oid: algorithmOid, identifier: sequence(oid(algorithmOid)) };
  }
  return { oid: OID.ed25519, identifier: sequence(oid(OID.ed25519)) };
}

/** Signs `data` with the key; returns the signature as it goes into the BIT STRING. */
export async function signData(key: KeyPair, data: Uint8Array): Promise<Uint8Array> {
  try {
    if (key.spec.algo === 'rsa') {
      return new Uint8Array(await subtle().sign({ name: 'RSASSA-PKCS1-v1_5' }, key.privateKey, buffer(data)));
    }
    if (key.spec.algo === 'ecdsa') {
      const curve = curveForSize(key.spec.size);
      const raw = new Uint8Array(await subtle().sign({ name: 'ECDSA', hash: curve.hash }, key.privateKey, buffer(data)));
      return ecdsaRawToDer(raw);
    }
    return new Uint8Array(await subtle().sign({ name: 'Ed25519' }, key.privateKey, buffer(data)));
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw pkiError('pki.crypto', `signing failed: ${detail}`, { params: { detail }, cause });
  }
}

function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  return sequence(unsignedInteger(raw.subarray(0, half)), unsignedInteger(raw.subarray(half)));
}

function ecdsaDerToRaw(der: Uint8Array, size: number): Uint8Array | null {
  const bytes = curveForSize(size).bytes;
  try {
    const parts = children(expect(parseDer(der, 'signature'), TAG.sequence, 'signature'), 'signature');
    if (parts.length !== 2) return null;
    const out: Uint8Array[] = [];
    for (const part of parts) {
      let value = expect(part, TAG.integer, 'signature').content;
      while (value.length > 1 && value[0] === 0) value = value.subarray(1);
      if (value.length > bytes) return null;
      out.push(concat([new Uint8Array(bytes - value.length), value]));
    }
    return concat(out);
  } catch {
    return null;
  }
}

const HASH_OF: Record<string, string> = {
  [OID.sha1WithRSA]: 'SHA-1',
  [OID.sha256WithRSA]: 'SHA-256',
  [OID.sha384WithRSA]: 'SHA-384',
  [OID.sha512WithRSA]: 'SHA-512',
  '1.2.840.10045.4.1': 'SHA-1',
  [OID.ecdsaWithSHA256]: 'SHA-256',
  [OID.ecdsaWithSHA384]: 'SHA-384',
  [OID.ecdsaWithSHA512]: 'SHA-512',
};

/** Whether `signature` over `data` verifies with the public key in `spki` under `algorithmIdentifier`. */
export async function verifySignature(spki: Uint8Array, algorithmIdentifier: Uint8Array, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
  const algorithmOid = decodeOid(children(parseDer(algorithmIdentifier, 'signature algorithm'), 'signature algorithm')[0]?.content ?? new Uint8Array());
  const spec = specFromSpki(spki, 'public key');
  const hash = HASH_OF[algorithmOid];
  try {
    if (spec.algo === 'rsa' && hash && algorithmOid.startsWith('1.2.840.113549')) {
      const key = await subtle().importKey('spki', buffer(spki), { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['verify']);
      return await subtle().verify({ name: 'RSASSA-PKCS1-v1_5' }, key, buffer(signature), buffer(data));
    }
    if (spec.algo === 'ecdsa' && hash && algorithmOid.startsWith('1.2.840.10045')) {
      const raw = ecdsaDerToRaw(signature, spec.size);
      if (!raw) return false;
      const key = await subtle().importKey('spki', buffer(spki), { name: 'ECDSA', namedCurve: curveForSize(spec.size).name }, false, ['verify']);
      return await subtle().verify({ name: 'ECDSA', hash }, key, buffer(raw), buffer(data));
    }
    if (spec.algo === 'ed25519' && algorithmOid === OID.ed25519) {
      const key = await subtle().importKey('spki', buffer(spki), { name: 'Ed25519' }, false, ['verify']);
      return await subtle().verify({ name: 'Ed25519' }, key, buffer(signature), buffer(data));
    }
  } catch {
    return false;
  }
  return false;
}
