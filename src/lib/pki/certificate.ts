// Building and signing a certificate from a finished template with PKI.js, in Go x509.CreateCertificate's
// layout: v3, a 20-byte positive serial, the issuer's Name exactly as the CA certificate has it, validity
// as UTCTime before 2050 and GeneralizedTime after, extensions in Go's order.
import * as pkijs from 'pkijs';
import { der, signedDer } from './asn1';
import { buffer, equalBytes } from './bytes';
import { cryptoEngine } from './crypto-engine';
import {
  authorityInfoAccessExtension,
  authorityKeyIdExtension,
  basicConstraintsExtension,
  crlDistributionPointsExtension,
  extKeyUsageExtension,
  keyUsageExtension,
  ocspNoCheckExtension,
  subjectAltNameExtension,
  subjectKeyIdExtension,
  type SanSet,
} from './extensions';
import { serialNumber, validityTime } from './go-encoding';
import { spkiPublicKey, type KeyPair } from './keys';
import { encodePem } from './pem';

export interface CertificateTemplate {
  serial: Uint8Array;
  subject: pkijs.RelativeDistinguishedNames;
  spki: pkijs.PublicKeyInfo;
  subjectKeyId: Uint8Array;
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
  /** The issuer's subject Name, as read from its certificate (PKI.js writes those bytes again). */
  subject: pkijs.RelativeDistinguishedNames;
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
export async function subjectKeyId(spki: Uint8Array | pkijs.PublicKeyInfo): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-1', buffer(spkiPublicKey(spki, 'public-key'))));
}

function goExtensions(template: CertificateTemplate, issuer: Issuer, ski: Uint8Array): pkijs.Extension[] {
  const subjectDer = der(template.subject.toSchema());
  const selfIssued = equalBytes(der(issuer.subject.toSchema()), subjectDer);
  return [
    keyUsageExtension(template.keyUsageBits),
    extKeyUsageExtension(template.extKeyUsageOids),
    basicConstraintsExtension(template.isCa, template.maxPathLen),
    subjectKeyIdExtension(ski),
    // Go adds the AKI only when the issuer is not the subject itself, so self-signed roots have none.
    issuer.subjectKeyId && !selfIssued ? authorityKeyIdExtension(issuer.subjectKeyId) : null,
    authorityInfoAccessExtension(template.ocspUrls, template.issuerUrls),
    subjectAltNameExtension(template.sans, subjectDer.length === 2),
    crlDistributionPointsExtension(template.crlUrl),
    template.ocspNoCheck ? ocspNoCheckExtension() : null,
  ].filter((e): e is pkijs.Extension => e !== null);
}

export async function signCertificate(template: CertificateTemplate, issuer: Issuer): Promise<{ der: Uint8Array; pem: string }> {
  const certificate = new pkijs.Certificate({
    version: 2,
    serialNumber: serialNumber(template.serial),
    issuer: issuer.subject,
    subject: template.subject,
    notBefore: validityTime(template.notBefore),
    notAfter: validityTime(template.notAfter),
    subjectPublicKeyInfo: template.spki,
    extensions: goExtensions(template, issuer, template.subjectKeyId),
  });
  await certificate.sign(issuer.key.privateKey, undefined, cryptoEngine());
  const bytes = signedDer(certificate.tbsView, certificate.signatureAlgorithm, certificate.signatureValue);
  return { der: bytes, pem: encodePem('CERTIFICATE', bytes) };
}
