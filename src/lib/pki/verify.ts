// "Does this work?" after issuing: the chain from a certificate up to a self-signed CA among those given
// (chain.ts judges it as openssl does), and "does this key belong to this certificate?".
import { equalBytes } from './bytes';
import { judgeChain, type ChainProblem, type ChainVerdict } from './chain';
import type { PkiChainProblem } from './errors';
import { exportSpki, importPrivateKey, spkiPublicKey, type KeyPair } from './keys';
import { decodePem, type PemBlock } from './pem';
import { certificateFromPem, parseCertificate } from './x509';

export interface ChainResult {
  ok: boolean;
  problems: PkiChainProblem[];
  /** Certificates in the path: 1 = the certificate alone (a root checked against itself), 2 = with its issuer... */
  length: number;
}

/**
 * Verifies `leafPem` up to a self-signed certificate among `caPems` (each may hold several PEM blocks).
 * `partialChain`: every CA given is trusted, as `openssl verify -partial_chain` trusts the -CAfile: a leaf
 * signed by an imported intermediate CA verifies against that CA without its root.
 */
export async function verifyChain(leafPem: string, caPems: string[], options: { now?: Date; partialChain?: boolean } = {}): Promise<ChainResult> {
  const pool = caPems.flatMap((pem) =>
    decodePem(pem, 'ca-certificate')
      .filter((b) => b.label === 'CERTIFICATE')
      .map((b) => parseCertificate(b.der, 'ca-certificate')),
  );
  const verdict = await judgeChain(certificateFromPem(leafPem), pool, options.now ?? new Date());
  const problems = [...new Set(verdict.problems.map((p) => p.code))];
  // A chain that does not reach a root: nothing carries the top's issuer name, or one does with another key.
  const anchored = verdict.closed || (options.partialChain === true && verdict.path.length > 1);
  if (!anchored) problems.push(verdict.lookalike ? 'pki.chain-signature' : 'pki.chain-no-issuer');
  return { ok: problems.length === 0, problems, length: verdict.path.length };
}

/**
 * root: self-signed, nothing wrong; verified: up to a root given; partial: up to a certificate whose
 * issuer was not given (openssl verify -partial_chain accepts it); no-issuer: its own issuer was not
 * given; failed: something is wrong along the path (problems says what, and where).
 */
export type PastedVerdict = 'root' | 'verified' | 'partial' | 'no-issuer' | 'failed';

export interface PastedChain {
  verdict: PastedVerdict;
  /** Positions in the list given: this certificate, then each issuer found. */
  path: number[];
  /** The path ends at a self-signed certificate. */
  closed: boolean;
  problems: ChainProblem[];
  /** Position of a certificate that has the missing issuer's name but another key. */
  lookalike?: number;
}

/** Each certificate's chain through the others (the self-signed ones are the roots), as Inspect shows it. */
export async function judgePastedCertificates(ders: readonly Uint8Array[], options: { now?: Date } = {}): Promise<PastedChain[]> {
  const certificates = ders.map((der) => parseCertificate(der));
  const now = options.now ?? new Date();
  return Promise.all(
    certificates.map(async (certificate) => {
      const verdict = await judgeChain(certificate, certificates, now);
      const chain: PastedChain = {
        verdict: pastedVerdict(verdict),
        path: verdict.path.map((c) => certificates.indexOf(c)),
        closed: verdict.closed,
        problems: verdict.problems,
      };
      if (verdict.lookalike) chain.lookalike = certificates.indexOf(verdict.lookalike);
      return chain;
    }),
  );
}

function pastedVerdict(verdict: ChainVerdict): PastedVerdict {
  if (verdict.problems.length > 0) return 'failed';
  if (verdict.closed) return verdict.path.length === 1 ? 'root' : 'verified';
  return verdict.path.length === 1 ? 'no-issuer' : 'partial';
}

export async function keyMatchesCertificate(key: KeyPair, certPem: string): Promise<boolean> {
  const cert = certificateFromPem(certPem);
  return equalBytes(spkiPublicKey(cert.certificate.subjectPublicKeyInfo, 'certificate'), spkiPublicKey(await exportSpki(key), 'private-key'));
}

/** The subjectPublicKey bits of a certificate (DER): what a matching private key's public half holds. */
export function certificatePublicKeyBits(der: Uint8Array): Uint8Array {
  return spkiPublicKey(parseCertificate(der).spki, 'certificate');
}

/** The subjectPublicKey bits of a SubjectPublicKeyInfo (a `PUBLIC KEY` block, such as sa.pub). */
export function publicKeyBits(spki: Uint8Array): Uint8Array {
  return spkiPublicKey(spki, 'public-key');
}

/** The public half of a private key block, as subjectPublicKey bits. */
export async function privateKeyPublicBits(block: PemBlock): Promise<Uint8Array> {
  return spkiPublicKey(await exportSpki(await importPrivateKey(block)), 'private-key');
}
