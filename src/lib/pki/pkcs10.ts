// The PKCS#10 request cfssl writes next to every certificate (Go x509.CreateCertificateRequest), as a
// PKI.js CertificationRequest: v1, the subject, the public key, and an extensionRequest attribute holding
// the SANs (and, for `-initca` with a `ca` object, cfssl's critical BasicConstraints, csr.go
// appendCAInfoToCSR). Go writes the attributes field even when it is empty (a0 00).
import * as pkijs from 'pkijs';
import type { CsrSpec } from './csr';
import { signedDer } from './asn1';
import { subjectKeyId } from './certificate';
import { cryptoEngine } from './crypto-engine';
import { basicConstraintsExtension, subjectAltNameExtension, type SanSet } from './extensions';
import { publicKeyInfo, type KeyPair } from './keys';
import { subjectFromSpec, subjectName } from './name';
import { OID } from './oid';
import { encodePem } from './pem';
import { sanSetFromHosts } from './sans';

/** The CA basic constraints a CSR JSON's `ca` object asks for (null: none; pathLen null: no limit, as -1 is). */
export function requestedCa(spec: Pick<CsrSpec, 'ca'>): { pathLen: number | null } | null {
  if (!spec.ca) return null;
  const { pathlen = 0, pathlenzero = false } = spec.ca;
  return { pathLen: pathlen < 0 || (pathlen === 0 && !pathlenzero) ? null : pathlen };
}

function requestedExtensions(spec: CsrSpec, sans: SanSet): pkijs.Extension[] {
  // Go's CreateCertificateRequest writes the SAN request non-critical whatever the subject.
  const san = subjectAltNameExtension(sans, false);
  const extensions = san ? [san] : [];
  const ca = requestedCa(spec);
  if (ca) extensions.push(basicConstraintsExtension(true, ca.pathLen));
  return extensions;
}

export interface PreparedCsr {
  /** The request as PKI.js objects, for signing a certificate without reading the DER back. */
  request: pkijs.CertificationRequest;
  /** Its key's subject key identifier. */
  subjectKeyId: Uint8Array;
  /** The SANs it requests (from the spec's hosts). */
  sans: SanSet;
  /** Signs it (gencert signs it while the CA's signature over the certificate is being made). */
  sign(): Promise<{ der: Uint8Array; pem: string }>;
}

export type BuiltCsr = Omit<PreparedCsr, 'sign'> & { der: Uint8Array; pem: string };

/** The request, ready to sign, and its key's id (hashed while the request is made). */
export async function prepareCsr(spec: CsrSpec, key: KeyPair): Promise<PreparedCsr> {
  const subjectPublicKeyInfo = await publicKeyInfo(key);
  const keyId = subjectKeyId(subjectPublicKeyInfo);
  const sans = sanSetFromHosts(spec.hosts);
  const extensions = requestedExtensions(spec, sans);
  const request = new pkijs.CertificationRequest({
    version: 0,
    subject: subjectName(subjectFromSpec(spec)),
    subjectPublicKeyInfo,
    attributes:
      extensions.length === 0 ? [] : [new pkijs.Attribute({ type: OID.extensionRequest, values: [new pkijs.Extensions({ extensions }).toSchema()] })],
  });
  const sign = async () => {
    await request.sign(key.privateKey, undefined, cryptoEngine());
    const bytes = signedDer(request.tbsView, request.signatureAlgorithm, request.signatureValue);
    return { der: bytes, pem: encodePem('CERTIFICATE REQUEST', bytes) };
  };
  return { request, subjectKeyId: await keyId, sans, sign };
}

export async function buildCsr(spec: CsrSpec, key: KeyPair): Promise<BuiltCsr> {
  const { sign, ...prepared } = await prepareCsr(spec, key);
  return { ...prepared, ...(await sign()) };
}
