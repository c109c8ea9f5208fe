// A CA to sign with: its certificate plus the private key that belongs to it (cfssl local.go
// NewSignerFromFile). A key that is not the certificate's is refused (pki.key-mismatch, cfssl's 1000).
import { keepEncoding } from './asn1';
import { equalBytes } from './bytes';
import { pkiError } from './errors';
import { exportSpki, importPrivateKeyPem, spkiPublicKey, type KeyPair } from './keys';
import { OID } from './oid';
import type { CertificateAuthority, IssuedCertificate } from './sign';
import { certificateFromPem, decodeBasicConstraints, decodeSubjectKeyId, findExtension } from './x509';

export async function loadCertificateAuthority(certPem: string, keyPem: string): Promise<CertificateAuthority> {
  return authorityFrom(certPem, await importPrivateKeyPem(keyPem, 'ca-key'));
}

export async function caFromIssued(issued: IssuedCertificate): Promise<CertificateAuthority> {
  if (!issued.key) throw pkiError('pki.missing-ca', { field: 'key' });
  return authorityFrom(issued.certPem, issued.key);
}

async function authorityFrom(certPem: string, key: KeyPair): Promise<CertificateAuthority> {
  const cert = certificateFromPem(certPem, 'ca-certificate');
  const certKey = spkiPublicKey(cert.spki, 'ca-certificate');
  const ourKey = spkiPublicKey(await exportSpki(key), 'ca-key');
  if (!equalBytes(certKey, ourKey)) {
    throw pkiError('pki.key-mismatch', { field: 'ca-key', cfsslCode: 1000 });
  }
  const ski = findExtension(cert.extensions, OID.subjectKeyId);
  const bc = findExtension(cert.extensions, OID.basicConstraints);
  const constraints = bc ? decodeBasicConstraints(bc.value) : { isCa: false };
  const ca: CertificateAuthority = { certPem, certDer: cert.der, key, subject: keepEncoding(cert.subject.name, cert.subject.der), isCa: constraints.isCa };
  if (ski) ca.subjectKeyId = decodeSubjectKeyId(ski.value);
  if (constraints.maxPathLen !== undefined) ca.maxPathLen = constraints.maxPathLen;
  return ca;
}
