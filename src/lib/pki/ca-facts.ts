// The facts signingCaWarnings needs (ca-checks.ts), read from a loaded CA, and the weak-key check of a
// CSR: both need the X.509 engine, so they live apart from the checks the first paint uses.
import type * as pkijs from 'pkijs';
import type { Warning } from '../errors';
import type { SigningCaFacts } from './ca-checks';
import { pkiWarning } from './errors';
import { RSA_MIN_BITS } from './facts';
import { specFromSpki } from './keys';
import { subjectFromName } from './name';
import type { CertificateAuthority } from './sign';
import { SIGNATURE_NAMES } from './signature';
import { certificateFromPem } from './x509';

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

/** cfssl refuses to generate RSA keys under 2048 bits but signs a CSR that has one: warn. */
export function csrKeyWarnings(spki: Uint8Array | pkijs.PublicKeyInfo): Warning[] {
  const spec = specFromSpki(spki, 'csr');
  return spec.algo === 'rsa' && spec.size < RSA_MIN_BITS ? [pkiWarning('pki.csr-weak-key', 'csr', { size: spec.size })] : [];
}
