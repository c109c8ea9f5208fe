// What is wrong with a CA someone brings to sign with, or a CSR someone brings to be signed, that cfssl
// signs without a word: a certificate that is no CA (CA:FALSE), a CA past its notAfter, an RSA key under
// 2048 bits or a SHA-1 signature. Each is a warning, not a refusal: cfssl signs these, and a lab may
// mean to; the certificates then fail where they are used (Go 1.18+ refuses SHA-1, openssl verify
// refuses a CA:FALSE issuer and an expired one).
import type * as pkijs from 'pkijs';
import type { Warning } from '../errors';
import type { CertInfo } from './certinfo';
import { pkiWarning } from './errors';
import { RSA_MIN_BITS } from './facts';
import { specFromSpki } from './keys';
import { subjectFromName } from './name';
import type { CertificateAuthority } from './sign';
import { SIGNATURE_NAMES } from './signature';
import { certificateFromPem } from './x509';

export interface SigningCaFacts {
  /** The CA's common name (or its whole subject when it has none), to name it in the warning. */
  subject: string;
  isCa: boolean;
  notAfter: Date;
  keyAlgorithm: 'rsa' | 'ecdsa' | 'ed25519';
  keySize: number;
  /** Go's name of the signature algorithm (`SHA1WithRSA`), as certinfo's `sigalg`. */
  signatureAlgorithm: string;
}

export function signingCaWarnings(ca: SigningCaFacts, now: Date): Warning[] {
  const warnings: Warning[] = [];
  if (!ca.isCa) warnings.push(pkiWarning('pki.ca-not-ca', 'ca', { subject: ca.subject }));
  if (ca.notAfter.getTime() < now.getTime()) warnings.push(pkiWarning('pki.ca-expired', 'ca', { subject: ca.subject, notAfter: ca.notAfter.toISOString() }));
  const weak = [
    ...(ca.keyAlgorithm === 'rsa' && ca.keySize < RSA_MIN_BITS ? [`RSA ${ca.keySize}`] : []),
    ...(/SHA1/i.test(ca.signatureAlgorithm) ? [ca.signatureAlgorithm] : []),
  ];
  if (weak.length > 0) warnings.push(pkiWarning('pki.ca-weak-key', 'ca', { subject: ca.subject, algorithm: weak.join(', ') }));
  return warnings;
}

const factsOf = new WeakMap<CertificateAuthority, SigningCaFacts>();

/** The facts of a loaded CA (CLI and engine), read once per CA however many certificates it signs. */
export function signingCaFacts(ca: CertificateAuthority): SigningCaFacts {
  const known = factsOf.get(ca);
  if (known) return known;
  const facts = readSigningCaFacts(ca);
  factsOf.set(ca, facts);
  return facts;
}

function readSigningCaFacts(ca: CertificateAuthority): SigningCaFacts {
  const cert = certificateFromPem(ca.certPem, 'ca-certificate');
  const subject = subjectFromName(cert.subject.name);
  return {
    subject: subject.commonName || subject.organization.join(', ') || '-',
    isCa: ca.isCa,
    notAfter: cert.notAfter,
    keyAlgorithm: ca.key.spec.algo,
    keySize: ca.key.spec.size,
    signatureAlgorithm: SIGNATURE_NAMES[cert.signatureAlgorithmOid] ?? cert.signatureAlgorithmOid,
  };
}

/** The same facts from certinfo's output (the Certificates screen keeps the imported CA's). */
export function signingCaFactsFromInfo(info: CertInfo): SigningCaFacts {
  return {
    subject: info.subject.common_name || info.subject.organization || '-',
    isCa: info.basic_constraints.is_ca,
    notAfter: new Date(info.not_after),
    keyAlgorithm: info.public_key.algorithm,
    keySize: info.public_key.size,
    signatureAlgorithm: info.sigalg,
  };
}

/** cfssl refuses to generate RSA keys under 2048 bits but signs a CSR that has one: warn. */
export function csrKeyWarnings(spki: Uint8Array | pkijs.PublicKeyInfo): Warning[] {
  const spec = specFromSpki(spki, 'csr');
  return spec.algo === 'rsa' && spec.size < RSA_MIN_BITS ? [pkiWarning('pki.csr-weak-key', 'csr', { size: spec.size })] : [];
}
