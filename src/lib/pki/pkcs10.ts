// The PKCS#10 request cfssl writes next to every certificate (Go x509.CreateCertificateRequest): v1,
// the subject, the public key, and an extensionRequest attribute holding the SANs (and, for
// `-initca` with a `ca` object, cfssl's critical BasicConstraints, csr.go appendCAInfoToCSR).
import type { CsrSpec } from './csr';
import { bitString, contextConstructed, oid, sequence, setOf, smallInteger } from './der';
import { basicConstraintsExtension, encodeExtension, subjectAltNameExtension, type Extension } from './extensions';
import { sanSetFromHosts } from './sans';
import { encodeSubject, subjectFromSpec } from './name';
import { OID } from './oid';
import { encodePem } from './pem';
import { exportSpki, type KeyPair } from './keys';
import { signatureAlgorithmFor, signData } from './signature';

export async function buildCsr(spec: CsrSpec, key: KeyPair): Promise<{ der: Uint8Array; pem: string }> {
  const subject = subjectFromSpec(spec);
  const extensions: Extension[] = [];
  // Go's CreateCertificateRequest writes the SAN request non-critical whatever the subject.
  const san = subjectAltNameExtension(sanSetFromHosts(spec.hosts), false);
  if (san) extensions.push(san);
  if (spec.ca) {
    const { pathlen = 0, pathlenzero = false } = spec.ca;
    extensions.push(basicConstraintsExtension(true, pathlen === 0 && !pathlenzero ? null : pathlen));
  }
  const attributes =
    extensions.length === 0 ? [] : [sequence(oid(OID.extensionRequest), setOf([sequence(...extensions.map(encodeExtension))]))];
  const info = sequence(smallInteger(0), encodeSubject(subject), await exportSpki(key), contextConstructed(0, concatAll(attributes)));
  const algorithm = signatureAlgorithmFor(key.spec);
  const der = sequence(info, algorithm.identifier, bitString(await signData(key, info)));
  return { der, pem: encodePem('CERTIFICATE REQUEST', der) };
}

function concatAll(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
