// "Does this work?" after issuing: the chain from a certificate up to a self-signed CA among those given
// (chain.ts judges it as openssl does), and "does this key belong to this certificate?".
import { equalBytes } from './bytes';
import { judgeChain } from './chain';
import type { PkiChainProblem } from './errors';
import { exportSpki, spkiPublicKey, type KeyPair } from './keys';
import { decodePem } from './pem';
import { certificateFromPem, parseCertificate } from './x509';

export interface ChainResult {
  ok: boolean;
  problems: PkiChainProblem[];
  /** Certificates in the path: 1 = the certificate alone (a root checked against itself), 2 = with its issuer... */
  length: number;
}

/** Verifies `leafPem` up to a self-signed certificate among `caPems` (each may hold several PEM blocks). */
export async function verifyChain(leafPem: string, caPems: string[], options: { now?: Date } = {}): Promise<ChainResult> {
  const pool = caPems.flatMap((pem) =>
    decodePem(pem, 'CA certificate')
      .filter((b) => b.label === 'CERTIFICATE')
      .map((b) => parseCertificate(b.der, 'CA certificate')),
  );
  const verdict = await judgeChain(certificateFromPem(leafPem), pool, options.now ?? new Date());
  const problems = [...new Set(verdict.problems.map((p) => p.code))];
  // A chain that does not reach a root: nothing carries the top's issuer name, or one does with another key.
  if (!verdict.closed) problems.push(verdict.lookalike ? 'pki.chain-signature' : 'pki.chain-no-issuer');
  return { ok: problems.length === 0, problems, length: verdict.path.length };
}

export async function keyMatchesCertificate(key: KeyPair, certPem: string): Promise<boolean> {
  const cert = certificateFromPem(certPem);
  return equalBytes(spkiPublicKey(cert.certificate.subjectPublicKeyInfo, 'certificate'), spkiPublicKey(await exportSpki(key), 'key'));
}
