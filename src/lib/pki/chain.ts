// Path building and validation on PKI.js certificates: from one certificate up through the others given,
// judged the way `openssl verify -partial_chain` judges it (OpenSSL 3.0 crypto/x509/x509_vfy.c, with
// every certificate given trusted as a possible top), and in OpenSSL's order so the first problem named
// is the one openssl names first:
//   1. each certificate: critical extensions nobody here understands (X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION);
//      each issuer: a CA (INVALID_CA) within its path length (PATH_LENGTH_EXCEEDED);
//   2. top down: the issuer's key usage and signature over the one below (KEYUSAGE_NO_CERTSIGN,
//      CERT_SIGNATURE_FAILURE), then the validity period (CERT_NOT_YET_VALID, CERT_HAS_EXPIRED);
//   3. top down: every CA's name constraints over the certificates below it (PERMITTED/EXCLUDED_VIOLATION).
// PKI.js's CertificateChainValidationEngine stops at the first problem, needs the root and does not check
// path lengths, so this engine is built on PKI.js's certificates and signature checks instead.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { equalBytes } from './bytes';
import { verifies } from './crypto-engine';
import type { PkiChainProblem } from './errors';
import { nameConstraintViolation } from './name-constraints';
import { OID } from './oid';
import { basicConstraintsOf, setBits, type ParsedCertificate } from './x509';

export interface ChainProblem {
  code: PkiChainProblem;
  /** 0 = the certificate judged, 1 its issuer, and so on up the path. */
  depth: number;
}

export interface ChainVerdict {
  /** The path found, the certificate judged first. */
  path: ParsedCertificate[];
  /** The top of the path is self-signed: the chain closes at a root among those given. */
  closed: boolean;
  /** Not closed, and a certificate given carries the top's issuer name but another key. */
  lookalike?: ParsedCertificate;
  problems: ChainProblem[];
}

/** Critical extensions OpenSSL's verifier handles (X509_supported_extension); any other critical one fails. */
const UNDERSTOOD_CRITICAL = new Set<string>([
  OID.netscapeCertType,
  OID.keyUsage,
  OID.subjectAltName,
  OID.basicConstraints,
  OID.certificatePolicies,
  OID.crlDistributionPoints,
  OID.extKeyUsage,
  OID.ipAddrBlocks,
  OID.autonomousSysIds,
  OID.ocspNoCheck,
  OID.policyConstraints,
  OID.proxyCertInfo,
  OID.nameConstraints,
  OID.policyMappings,
  OID.inhibitAnyPolicy,
]);

const KEY_CERT_SIGN = 5;
const MAX_DEPTH = 10;

function parsed<T extends object>(cert: ParsedCertificate, extensionOid: string, type: abstract new (...args: never[]) => T): T | undefined {
  const value = cert.certificate.extensions?.find((e) => e.extnID === extensionOid)?.parsedValue as unknown;
  return value instanceof type && !('parsingError' in value) ? value : undefined;
}

function keyUsageBits(cert: ParsedCertificate): Set<number> | undefined {
  const ku = parsed(cert, OID.keyUsage, asn1js.BitString);
  return ku ? new Set(setBits(ku)) : undefined;
}

function basicConstraints(cert: ParsedCertificate): { isCa: boolean; maxPathLen?: number } | undefined {
  const bc = parsed(cert, OID.basicConstraints, pkijs.BasicConstraints);
  return bc ? basicConstraintsOf(bc) : undefined;
}

function sameName(a: ParsedCertificate['subject'], b: ParsedCertificate['subject']): boolean {
  return equalBytes(a.der, b.der) || a.name.isEqual(b.name);
}

/** X509_check_akid: an authority key identifier, when both sides have one, must name the issuer's key. */
function keyIdsAgree(child: ParsedCertificate, issuer: ParsedCertificate): boolean {
  const aki = parsed(child, OID.authorityKeyId, pkijs.AuthorityKeyIdentifier);
  const ski = parsed(issuer, OID.subjectKeyId, asn1js.OctetString);
  if (aki?.keyIdentifier && ski && !equalBytes(aki.keyIdentifier.valueBlock.valueHexView, ski.valueBlock.valueHexView)) return false;
  if (aki?.authorityCertSerialNumber && !equalBytes(aki.authorityCertSerialNumber.valueBlock.valueHexView, issuer.serial)) return false;
  return true;
}

function selfIssued(cert: ParsedCertificate): boolean {
  return sameName(cert.subject, cert.issuer);
}

/** OpenSSL's "self-signed" for the top of a chain: self-issued, and its key identifiers agree. */
export function selfSigned(cert: ParsedCertificate): boolean {
  return selfIssued(cert) && keyIdsAgree(cert, cert);
}

interface Link {
  issuer: ParsedCertificate;
  signed: boolean;
}

async function issuersOf(cert: ParsedCertificate, pool: readonly ParsedCertificate[], used: ReadonlySet<ParsedCertificate>): Promise<{ links: Link[]; named: ParsedCertificate[] }> {
  const named = pool.filter((candidate) => !used.has(candidate) && sameName(candidate.subject, cert.issuer));
  const links = await Promise.all(
    named
      .filter((candidate) => keyIdsAgree(cert, candidate))
      .map(async (issuer) => ({ issuer, signed: await verifies((engine) => cert.certificate.verify(issuer.certificate, engine)) })),
  );
  return { links, named };
}

interface Path {
  certificates: ParsedCertificate[];
  signed: boolean[];
  closed: boolean;
  lookalike?: ParsedCertificate;
}

/** Every maximal path up from `cert` (a certificate is used once per path). */
async function paths(cert: ParsedCertificate, pool: readonly ParsedCertificate[], used: Set<ParsedCertificate>): Promise<Path[]> {
  if (selfSigned(cert)) return [{ certificates: [cert], signed: [], closed: true }];
  const { links, named } = used.size >= MAX_DEPTH ? { links: [], named: [] } : await issuersOf(cert, pool, used);
  if (links.length === 0) return [{ certificates: [cert], signed: [], closed: false, ...(named[0] ? { lookalike: named[0] } : {}) }];
  const found: Path[] = [];
  for (const link of links) {
    used.add(link.issuer);
    for (const above of await paths(link.issuer, pool, used)) {
      found.push({ ...above, certificates: [cert, ...above.certificates], signed: [link.signed, ...above.signed] });
    }
    used.delete(link.issuer);
  }
  return found;
}

function problemsOf(path: Path, now: Date): ChainProblem[] {
  const problems: ChainProblem[] = [];
  const add = (code: PkiChainProblem, depth: number) => {
    if (!problems.some((p) => p.code === code && p.depth === depth)) problems.push({ code, depth });
  };
  const chain = path.certificates;
  const top = chain.length - 1;
  // 1. check_extensions
  let belowCount = 0;
  chain.forEach((cert, depth) => {
    if (cert.extensions.some((e) => e.critical && !UNDERSTOOD_CRITICAL.has(e.oid))) add('pki.chain-unhandled-critical', depth);
    if (depth === 0) return;
    const bc = basicConstraints(cert);
    const ku = keyUsageBits(cert);
    // check_ca: BasicConstraints CA:TRUE, or (only for the top, as OpenSSL allows a trust anchor) none at all
    // with a key usage that may sign certificates or an X.509 v1 root.
    const anchorWithoutBc = depth === top && !bc && ((ku?.has(KEY_CERT_SIGN) ?? false) || (cert.version === 1 && selfSigned(cert)));
    if (!(bc?.isCa ?? false) && !anchorWithoutBc) add('pki.chain-issuer-not-ca', depth);
    else if (ku && !ku.has(KEY_CERT_SIGN)) add('pki.chain-issuer-no-cert-sign', depth);
    if (depth > 1 && bc?.maxPathLen !== undefined && belowCount > bc.maxPathLen) add('pki.chain-path-length', depth);
    if (!selfIssued(cert)) belowCount++;
  });
  // 2. internal_verify, from the top down
  for (let depth = top; depth >= 0; depth--) {
    const cert = chain[depth]!;
    if (depth < top) {
      const issuerUsage = keyUsageBits(chain[depth + 1]!);
      if (issuerUsage && !issuerUsage.has(KEY_CERT_SIGN)) add('pki.chain-issuer-no-cert-sign', depth + 1);
      if (!path.signed[depth]) add('pki.chain-signature', depth);
    }
    if (now < cert.notBefore) add('pki.chain-not-yet-valid', depth);
    if (now > cert.notAfter) add('pki.chain-expired', depth);
  }
  // 3. check_name_constraints, from the top down; self-issued CAs are not constrained (RFC 5280 6.1.4 (b))
  for (let depth = top; depth >= 0; depth--) {
    const cert = chain[depth]!;
    if (depth > 0 && selfIssued(cert)) continue;
    for (let above = top; above > depth; above--) {
      const constraints = parsed(chain[above]!, OID.nameConstraints, pkijs.NameConstraints);
      const violation = constraints ? nameConstraintViolation(cert.certificate, constraints, depth === 0) : null;
      if (violation) add(violation === 'excluded' ? 'pki.chain-name-excluded' : 'pki.chain-name-not-permitted', depth);
    }
  }
  return problems;
}

/** Fewest problems first, then a path that closes at a root, then the shorter one. */
function better(a: ChainVerdict, b: ChainVerdict): boolean {
  if (a.problems.length !== b.problems.length) return a.problems.length < b.problems.length;
  if (a.closed !== b.closed) return a.closed;
  return a.path.length < b.path.length;
}

/** Builds the best path from `cert` through `pool` and judges it at `now`. */
export async function judgeChain(cert: ParsedCertificate, pool: readonly ParsedCertificate[], now: Date): Promise<ChainVerdict> {
  const others = pool.filter((c) => c !== cert && !equalBytes(c.der, cert.der));
  let best: ChainVerdict | undefined;
  for (const path of await paths(cert, others, new Set())) {
    const verdict: ChainVerdict = {
      path: path.certificates,
      closed: path.closed,
      problems: problemsOf(path, now),
      ...(path.lookalike ? { lookalike: path.lookalike } : {}),
    };
    if (!best || better(verdict, best)) best = verdict;
  }
  return best!;
}
