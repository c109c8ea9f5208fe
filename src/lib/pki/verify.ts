// Chain verification for the "does this work?" question users ask after issuing: signature, validity,
// CA flag and keyCertSign on every issuer, path length; and "does this key belong to this cert?".
import { equalBytes } from './der';
import type { PkiChainProblem } from './errors';
import { exportSpki, spkiPublicKey, type KeyPair } from './keys';
import { OID } from './oid';
import { verifySignature } from './signature';
import { decodePem } from './pem';
import { certificateFromPem, decodeBasicConstraints, decodeKeyUsage, findExtension, parseCertificate, type ParsedCertificate } from './x509';

export interface ChainResult {
  ok: boolean;
  problems: PkiChainProblem[];
  /** Subjects' positions: 0 = leaf, then each issuer found. */
  length: number;
}

function isSelfIssued(cert: ParsedCertificate): boolean {
  return equalBytes(cert.issuer.der, cert.subject.der);
}

/** Verifies `leafPem` up to a self-signed certificate among `caPems` (each may hold several PEM blocks). */
export async function verifyChain(leafPem: string, caPems: string[], options: { now?: Date } = {}): Promise<ChainResult> {
  const now = options.now ?? new Date();
  const pool = caPems.flatMap((pem) => decodePem(pem, 'CA certificate').filter((b) => b.label === 'CERTIFICATE').map((b) => parseCertificate(b.der, 'CA certificate')));
  const problems = new Set<PkiChainProblem>();
  let current = certificateFromPem(leafPem);
  let length = 1;
  for (let depth = 0; depth < 10; depth++) {
    if (now < current.notBefore) problems.add('pki.chain-not-yet-valid');
    if (now > current.notAfter) problems.add('pki.chain-expired');
    const candidates = pool.filter((c) => equalBytes(c.subject.der, current.issuer.der));
    let issuer: ParsedCertificate | undefined;
    for (const candidate of candidates) {
      if (await verifySignature(candidate.spki, current.signatureAlgorithm, current.tbs, current.signature)) {
        issuer = candidate;
        break;
      }
    }
    if (!issuer) {
      problems.add(candidates.length > 0 ? 'pki.chain-signature' : 'pki.chain-no-issuer');
      break;
    }
    const bc = findExtension(issuer.extensions, OID.basicConstraints);
    const constraints = bc ? decodeBasicConstraints(bc.value) : { isCa: false };
    if (!constraints.isCa) problems.add('pki.chain-issuer-not-ca');
    // `depth` CA certificates sit between this issuer and the leaf (RFC 5280 4.2.1.9 pathLenConstraint).
    if (constraints.maxPathLen !== undefined && depth > constraints.maxPathLen) {
      problems.add('pki.chain-path-length');
    }
    const ku = findExtension(issuer.extensions, OID.keyUsage);
    if (ku && !decodeKeyUsage(ku.value).includes(5)) problems.add('pki.chain-issuer-no-cert-sign');
    if (isSelfIssued(issuer)) {
      if (now < issuer.notBefore) problems.add('pki.chain-not-yet-valid');
      if (now > issuer.notAfter) problems.add('pki.chain-expired');
      if (!equalBytes(issuer.der, current.der)) length++; // a root checked against itself is one certificate
      break;
    }
    current = issuer;
    length++;
  }
  return { ok: problems.size === 0, problems: [...problems], length };
}

export async function keyMatchesCertificate(key: KeyPair, certPem: string): Promise<boolean> {
  const cert = certificateFromPem(certPem);
  return equalBytes(spkiPublicKey(cert.spki, 'certificate'), spkiPublicKey(await exportSpki(key), 'key'));
}
