// The signature algorithm follows the signing key (cfssl signer.DefaultSigAlgo). Signing and checking
// signatures is PKI.js's (Certificate.sign / verify through crypto-engine.ts); this module names the
// algorithms and writes their identifiers as Go does (go-encoding.ts: RSA with NULL parameters).
import type * as pkijs from 'pkijs';
import type { KeySpec } from './csr';
import { der, keepEncoding } from './asn1';
import { curveForSize, rsaHashForSize } from './keys';
import { signatureAlgorithmIdentifier } from './go-encoding';
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
  [OID.ecdsaWithSHA1]: 'ECDSAWithSHA1',
  [OID.ecdsaWithSHA256]: 'ECDSAWithSHA256',
  [OID.ecdsaWithSHA384]: 'ECDSAWithSHA384',
  [OID.ecdsaWithSHA512]: 'ECDSAWithSHA512',
  [OID.ed25519]: 'Ed25519',
};

function signatureOid(spec: KeySpec): string {
  if (spec.algo === 'rsa') return RSA_OIDS[rsaHashForSize(spec.size)]!;
  if (spec.algo === 'ecdsa') return ECDSA_OIDS[curveForSize(spec.size).hash]!;
  return OID.ed25519;
}

const identifiers = new Map<string, pkijs.AlgorithmIdentifier>();

/** The AlgorithmIdentifier a key of this spec signs under (one object per algorithm; PKI.js does not change it). */
export function signatureAlgorithmIdentifierFor(spec: KeySpec): pkijs.AlgorithmIdentifier {
  const algorithmOid = signatureOid(spec);
  let identifier = identifiers.get(algorithmOid);
  if (!identifier) {
    const made = signatureAlgorithmIdentifier(algorithmOid, spec.algo === 'rsa');
    identifiers.set(algorithmOid, (identifier = keepEncoding(made, der(made.toSchema()))));
  }
  return identifier;
}

export function signatureAlgorithmFor(spec: KeySpec): SignatureAlgorithm {
  return { oid: signatureOid(spec), identifier: der(signatureAlgorithmIdentifierFor(spec).toSchema()) };
}

/** The WebCrypto parameters of a signature by a key of this spec. */
export function signParameters(spec: KeySpec): Algorithm | EcdsaParams {
  if (spec.algo === 'rsa') return { name: 'RSASSA-PKCS1-v1_5' };
  if (spec.algo === 'ecdsa') return { name: 'ECDSA', hash: curveForSize(spec.size).hash };
  return { name: 'Ed25519' };
}
