// What is wrong with a CA someone brings to sign with, or a CSR someone brings to be signed, that cfssl
// signs without a word: a certificate that is no CA (CA:FALSE), a CA past its notAfter, an RSA key under
// 2048 bits or a SHA-1 signature. Each is a warning, not a refusal: cfssl signs these, and a lab may
// mean to; the certificates then fail where they are used (Go 1.18+ refuses SHA-1, openssl verify
// refuses a CA:FALSE issuer and an expired one).
// A leaf module (no X.509 engine), so the Certificates screen's lint can use it in the first paint;
// ca-facts.ts reads the facts from a loaded CA.
import type { Warning } from '../errors';
import type { CertInfo } from './certinfo';
import { pkiWarning } from './errors';
import { RSA_MIN_BITS } from './facts';

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
