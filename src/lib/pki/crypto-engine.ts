// PKI.js's crypto engine over WebCrypto, taught two things: sign under the identifiers Go writes (the
// algorithm follows the key, RSA with NULL parameters: signature.ts), and Ed25519 (RFC 8410), which
// PKI.js 3.4 does not know. The engine is handed to every sign and verify call, never set globally.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { der } from './asn1';
import { buffer } from './bytes';
import { specOfCryptoKey } from './keys';
import { OID } from './oid';
import { signatureAlgorithmIdentifierFor, signParameters } from './signature';

class KubeprepCryptoEngine extends pkijs.CryptoEngine {
  override async getSignatureParameters(privateKey: CryptoKey): Promise<pkijs.CryptoEngineSignatureParams> {
    const spec = specOfCryptoKey(privateKey);
    return { signatureAlgorithm: signatureAlgorithmIdentifierFor(spec), parameters: { algorithm: signParameters(spec) } as pkijs.CryptoEngineAlgorithmParams };
  }

  override async verifyWithPublicKey(
    data: BufferSource,
    signature: asn1js.BitString | asn1js.OctetString,
    publicKeyInfo: pkijs.PublicKeyInfo,
    signatureAlgorithm: pkijs.AlgorithmIdentifier,
    shaAlgorithm?: string,
  ): Promise<boolean> {
    if (signatureAlgorithm.algorithmId !== OID.ed25519) return super.verifyWithPublicKey(data, signature, publicKeyInfo, signatureAlgorithm, shaAlgorithm);
    if (publicKeyInfo.algorithm.algorithmId !== OID.ed25519) return false;
    // Straight to WebCrypto: PKI.js's importKey converts SPKI by algorithm names it knows, and Ed25519 is not one.
    const key = await this.subtle.importKey('spki', buffer(der(publicKeyInfo.toSchema())), { name: 'Ed25519' }, false, ['verify']);
    return this.subtle.verify({ name: 'Ed25519' }, key, buffer(signature.valueBlock.valueHexView), data);
  }
}

let engine: KubeprepCryptoEngine | undefined;

/** The one engine instance, made on first use (no work at import time, so bundlers can leave this module out of the first paint). */
export function cryptoEngine(): pkijs.ICryptoEngine {
  return (engine ??= new KubeprepCryptoEngine({ name: 'kubeprep', crypto: globalThis.crypto }));
}

/** Whether a PKI.js signature check passes; any failure to check (unknown algorithm, bad key) is a no. */
export async function verifies(check: (engine: pkijs.ICryptoEngine) => Promise<boolean>): Promise<boolean> {
  try {
    return await check(cryptoEngine());
  } catch {
    return false;
  }
}
