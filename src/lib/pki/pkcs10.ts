// The PKCS#10 request cfssl writes next to every certificate (Go x509.CreateCertificateRequest), as a
// PKI.js CertificationRequest: v1, the subject, the public key, and an extensionRequest attribute holding
// the SANs (and, for `-initca` with a `ca` object, cfssl's critical BasicConstraints, csr.go
// appendCAInfoToCSR). Go writes the attributes field even when it is empty (a0 00).
import * as pkijs from 'pkijs';
import type { CsrSpec } from './csr';
import { der } from './asn1';
import { cryptoEngine } from './crypto-engine';
import { basicConstraintsExtension, subjectAltNameExtension } from './extensions';
import { exportSpki, readSpki, type KeyPair } from './keys';
import { subjectFromSpec, subjectName } from './name';
import { OID } from './oid';
import { encodePem } from './pem';
import { sanSetFromHosts } from './sans';

function requestedExtensions(spec: CsrSpec): pkijs.Extension[] {
  // Go's CreateCertificateRequest writes the SAN request non-critical whatever the subject.
  const san = subjectAltNameExtension(sanSetFromHosts(spec.hosts), false);
  const extensions = san ? [san] : [];
  if (spec.ca) {
    const { pathlen = 0, pathlenzero = false } = spec.ca;
    extensions.push(basicConstraintsExtension(true, pathlen === 0 && !pathlenzero ? null : pathlen));
  }
  return extensions;
}

export async function buildCsr(spec: CsrSpec, key: KeyPair): Promise<{ der: Uint8Array; pem: string }> {
  const extensions = requestedExtensions(spec);
  const request = new pkijs.CertificationRequest({
    version: 0,
    subject: subjectName(subjectFromSpec(spec)),
    subjectPublicKeyInfo: readSpki(await exportSpki(key), 'public key'),
    attributes:
      extensions.length === 0 ? [] : [new pkijs.Attribute({ type: OID.extensionRequest, values: [new pkijs.Extensions({ extensions }).toSchema()] })],
  });
  await request.sign(key.privateKey, undefined, cryptoEngine());
  const bytes = der(request.toSchema());
  return { der: bytes, pem: encodePem('CERTIFICATE REQUEST', bytes) };
}
