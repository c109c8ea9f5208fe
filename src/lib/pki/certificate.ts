// Building and signing a certificate from a finished template (Go x509.CreateCertificate's layout):
// v3, 20-byte positive serial, issuer DN copied byte for byte from the CA, validity as UTCTime before
// 2050 and GeneralizedTime after, extensions in Go's order.
import { bitString, contextConstructed, equalBytes, sequence, smallInteger, time, unsignedInteger } from './der';
import {
  authorityInfoAccessExtension,
  authorityKeyIdExtension,
  basicConstraintsExtension,
  crlDistributionPointsExtension,
  extensionsField,
  extKeyUsageExtension,
  keyUsageExtension,
  ocspNoCheckExtension,
  subjectAltNameExtension,
  subjectKeyIdExtension,
  type Extension,
  type SanSet,
} from './extensions';
import { spkiPublicKey, type KeyPair } from './keys';
import { encodePem } from './pem';
import { signatureAlgorithmFor, signData } from './signature';

export interface CertificateTemplate {
  serial: Uint8Array;
  subject: Uint8Array;
  spki: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  keyUsageBits: number[];
  extKeyUsageOids: string[];
  isCa: boolean;
  /** null: no pathLen constraint. */
  maxPathLen: number | null;
  sans: SanSet;
  ocspUrls: string[];
  issuerUrls: string[];
  crlUrl?: string;
  ocspNoCheck?: boolean;
}

export interface Issuer {
  /** The issuer's subject Name DER (copied into the certificate's issuer field). */
  subject: Uint8Array;
  key: KeyPair;
  subjectKeyId?: Uint8Array;
}

/** cfssl local.go: 20 random bytes, top bit cleared so the INTEGER is positive. */
export function randomSerial(): Uint8Array {
  const serial = globalThis.crypto.getRandomValues(new Uint8Array(20));
  serial[0]! &= 0x7f;
  return serial;
}

/** RFC 5280 4.2.1.2 method 1, as cfssl signer.ComputeSKI: SHA-1 over the subjectPublicKey bits. */
export async function subjectKeyId(spki: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-1', new Uint8Array(spkiPublicKey(spki, 'public key'))));
}

export async function signCertificate(template: CertificateTemplate, issuer: Issuer): Promise<{ der: Uint8Array; pem: string }> {
  const ski = await subjectKeyId(template.spki);
  const extensions: Extension[] = [];
  const push = (extension: Extension | null): void => {
    if (extension) extensions.push(extension);
  };
  push(keyUsageExtension(template.keyUsageBits));
  push(extKeyUsageExtension(template.extKeyUsageOids));
  push(basicConstraintsExtension(template.isCa, template.maxPathLen));
  push(subjectKeyIdExtension(ski));
  // Go adds the AKI only when the issuer is not the subject itself, so self-signed roots have none.
  if (issuer.subjectKeyId && !equalBytes(issuer.subject, template.subject)) push(authorityKeyIdExtension(issuer.subjectKeyId));
  push(authorityInfoAccessExtension(template.ocspUrls, template.issuerUrls));
  push(subjectAltNameExtension(template.sans, template.subject.length === 2));
  push(crlDistributionPointsExtension(template.crlUrl));
  if (template.ocspNoCheck) push(ocspNoCheckExtension());
  const algorithm = signatureAlgorithmFor(issuer.key.spec);
  const tbs = sequence(
    contextConstructed(0, smallInteger(2)),
    unsignedInteger(template.serial),
    algorithm.identifier,
    issuer.subject,
    sequence(time(template.notBefore), time(template.notAfter)),
    template.subject,
    template.spki,
    extensionsField(extensions),
  );
  const der = sequence(tbs, algorithm.identifier, bitString(await signData(issuer.key, tbs)));
  return { der, pem: encodePem('CERTIFICATE', der) };
}

