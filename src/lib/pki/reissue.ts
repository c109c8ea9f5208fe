// Renewing a certificate: the old one again with a new serial, a new validity and the CA's new signature.
// The subject and every extension (SANs, key usage, extended key usage, basic constraints, AKI, URLs...)
// are copied as the very bytes the old certificate holds; only the subject key identifier follows a
// rotated key. kubeadm's `certs renew` rebuilds the certificate from CN, O, DNS/IP SANs and EKU read back
// (cmd/kubeadm/app/phases/certs/renewal/manager.go, certToConfig), which drops OU, URI SANs and custom key
// usages; copying the bytes keeps what cfssl, kubeasz or a hand-made openssl config put there.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { decodeDer, keepEncoding, signedDer } from './asn1';
import { buffer, equalBytes } from './bytes';
import { randomSerial, subjectKeyId } from './certificate';
import { cryptoEngine, verifies } from './crypto-engine';
import { pkiError } from './errors';
import { serialNumber, validityTime } from './go-encoding';
import { readSpki } from './keys';
import { subjectFromName } from './name';
import { OID } from './oid';
import { encodePem } from './pem';
import type { CertificateAuthority } from './sign';
import { parseCertificate } from './x509';

export interface ReissueOptions {
  notBefore: Date;
  notAfter: Date;
  /** The SubjectPublicKeyInfo (DER) of a new key; the old certificate's key is kept when absent. */
  spki?: Uint8Array;
}

/** The TBS extensions as written: one pkijs.Extension per entry, each writing its original bytes again. */
function extensionsAsWritten(tbs: Uint8Array): pkijs.Extension[] {
  const fields = (decodeDer(tbs, 'certificate') as asn1js.Sequence).valueBlock.value;
  const wrapper = fields.find((f) => f.idBlock.tagClass === 3 && f.idBlock.tagNumber === 3) as asn1js.Constructed | undefined;
  if (!wrapper) return [];
  const list = wrapper.valueBlock.value[0] as asn1js.Sequence;
  return list.valueBlock.value.map((element) => keepEncoding(new pkijs.Extension({ schema: element }), new Uint8Array(element.valueBeforeDecodeView)));
}

function subjectKeyIdExtension(keyId: Uint8Array, critical: boolean): pkijs.Extension {
  return new pkijs.Extension({ extnID: OID.subjectKeyId, critical, extnValue: new asn1js.OctetString({ valueHex: buffer(keyId) }).toBER(false) });
}

/**
 * Signs `certificateDer` again with `ca`, which must be the CA that issued it (same issuer name, and its
 * key verifies the old signature): otherwise the renewed certificate would name an issuer it is not.
 */
export async function reissueCertificate(certificateDer: Uint8Array, ca: CertificateAuthority, options: ReissueOptions): Promise<{ der: Uint8Array; pem: string }> {
  const old = parseCertificate(certificateDer);
  const caCertificate = parseCertificate(ca.certDer, 'ca-certificate');
  const sameIssuer = equalBytes(old.issuer.der, caCertificate.subject.der) || old.issuer.name.isEqual(caCertificate.subject.name);
  if (!sameIssuer || !(await verifies((engine) => old.certificate.verify(caCertificate.certificate, engine)))) {
    throw pkiError('pki.wrong-issuer', { field: 'ca', params: { ca: subjectFromName(caCertificate.subject.name).commonName } });
  }
  const spki = options.spki ?? old.spki;
  let extensions = extensionsAsWritten(old.tbs);
  if (options.spki && !equalBytes(options.spki, old.spki)) {
    const keyId = await subjectKeyId(spki);
    extensions = extensions.map((e) => (e.extnID === OID.subjectKeyId ? subjectKeyIdExtension(keyId, e.critical) : e));
  }
  const certificate = new pkijs.Certificate({
    version: old.certificate.version,
    serialNumber: serialNumber(randomSerial()),
    issuer: ca.subject,
    subject: keepEncoding(old.subject.name, old.subject.der),
    notBefore: validityTime(options.notBefore),
    notAfter: validityTime(options.notAfter),
    subjectPublicKeyInfo: readSpki(spki, 'public-key'),
    ...(extensions.length > 0 ? { extensions } : {}),
  });
  await certificate.sign(ca.key.privateKey, undefined, cryptoEngine());
  const bytes = signedDer(certificate.tbsView, certificate.signatureAlgorithm, certificate.signatureValue);
  return { der: bytes, pem: encodePem('CERTIFICATE', bytes) };
}
