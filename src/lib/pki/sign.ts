// cfssl's local signer (signer/local/local.go Sign, signer/signer.go FillTemplate): the profile decides
// KU, EKU, basic constraints, validity and URLs; subject and SANs come from the request (or -hostname).
import type * as pkijs from 'pkijs';
import type { Warning } from '../errors';
import { keepEncoding } from './asn1';
import { defaultSigningConfig, resolveProfile, type CaConstraint, type SigningConfig, type SigningProfile } from './config';
import { checkKeySpec, type CsrSpec, type SubjectOverride } from './csr';
import type { MessageKey } from '../i18n';
import { messageRef } from '../i18n/params';
import { pkiError, pkiWarning } from './errors';
import { DEFAULT_BACKDATE_MS } from './facts';
import type { SanSet } from './extensions';
import { randomSerial, signCertificate, subjectKeyId, type Issuer } from './certificate';
import { verifies } from './crypto-engine';
import { exportPrivateKeyPem, generateKeyPair, type KeyPair } from './keys';
import type { KeySource } from './keygen';
import { populateSubject, subjectFromName, subjectFromSpec, subjectName } from './name';
import { OID } from './oid';
import { compileNameWhitelist } from './name-whitelist';
import { signingCaWarnings } from './ca-checks';
import { csrKeyWarnings, signingCaFacts } from './ca-facts';
import { prepareCsr, requestedCa, type PreparedCsr } from './pkcs10';
import { isEmptySanSet, normalizeHosts, sanSetFromHosts } from './sans';
import { usageEffects } from './usages';
import {
  csrFromPem,
  decodeBasicConstraints,
  decodeSans,
  findExtension,
  type ParsedCsr,
} from './x509';

export interface IssuedCertificate {
  certPem: string;
  csrPem: string;
  keyPem?: string;
  key?: KeyPair;
  warnings: Warning[];
}

export interface CertificateAuthority {
  certPem: string;
  certDer: Uint8Array;
  key: KeyPair;
  /** The CA certificate's subject Name as read (its bytes are copied into every issued certificate's issuer). */
  subject: pkijs.RelativeDistinguishedNames;
  subjectKeyId?: Uint8Array;
  isCa: boolean;
  maxPathLen?: number;
}

export interface SignOptions {
  profile?: string;
  /** `cfssl sign CSR.pem SUBJECT.json`: attributes the file sets replace the CSR's (sign only). */
  subject?: SubjectOverride;
  /** `-hostname`: replaces the SANs of the request. */
  hostnames?: string[];
  now?: Date;
}

export interface GenerateOptions extends SignOptions {
  /** Use this key instead of generating one (the output then has no key PEM). */
  key?: KeyPair;
  /** Where a new key comes from when `key` is not given (the output has its PEM); WebCrypto's by default. */
  keys?: KeySource;
  /** `-crl`: CRL distribution point, overriding the profile's crl_url. */
  crlUrl?: string;
}

/** cfssl warns when a certificate has no hosts (generator.CSRNoHostMessage); the words are the catalogue's. */
function noHostsWarning(): Warning {
  return pkiWarning('pki.hosts-missing', 'hosts');
}

/** Validity per FillTemplate: not_before/not_after if set, else round(now, 1 min) - backdate (5 min). */
export function validityFor(profile: SigningProfile, now: Date): { notBefore: Date; notAfter: Date } {
  const backdateMs = profile.backdate && profile.backdate !== 0n ? Number(profile.backdate / 1_000_000n) : DEFAULT_BACKDATE_MS;
  const rounded = Math.floor((now.getTime() + 30_000) / 60_000) * 60_000;
  const notBefore = profile.notBefore ?? new Date(rounded - backdateMs);
  const notAfter = profile.notAfter ?? new Date(notBefore.getTime() + Number(profile.expiry / 1_000_000n));
  // A not_after already past, with notBefore from now, would end the certificate before it begins:
  // cfssl issues that silently (signer/local/local.go takes not_after as given); kubeprep refuses it.
  if (profile.notAfter && !profile.notBefore && profile.notAfter.getTime() <= Math.max(now.getTime(), notBefore.getTime())) {
    const value = profile.notAfter.toISOString();
    throw pkiError('pki.not-after-in-past', { field: 'not_after', allowed: `> ${now.toISOString()}`, params: { field: 'not_after', value } });
  }
  return { notBefore, notAfter };
}

export interface Request {
  subject: pkijs.RelativeDistinguishedNames;
  commonName: string;
  spki: pkijs.PublicKeyInfo;
  sans: SanSet;
  requestsCa: boolean;
  requestedPathLen: number | null;
  /** The key's subject key identifier when it is known already (computed from spki otherwise). */
  subjectKeyId?: Uint8Array;
}

/**
 * A CSR's DNS, email and URI SANs are IA5Strings: ASCII. Go's x509 refuses a request with any other byte
 * in one as it parses it (parseSANExtension: "x509: SAN dNSName is malformed"), so cfssl sign does (9003),
 * whatever -hostname says; kubeprep would otherwise copy the bytes into the certificate.
 */
function checkCsrSans(csr: ParsedCsr): void {
  const san = findExtension(csr.extensions, OID.subjectAltName);
  if (!san) return;
  const sans = decodeSans(san.value);
  const kinds: [string, string[]][] = [['dNSName', sans.dns], ['rfc822Name', sans.emails], ['uniformResourceIdentifier', sans.uris]];
  for (const [kind, values] of kinds) {
    const value = values.find((v) => /[^\x00-\x7f]/.test(v));
    if (value !== undefined) throw pkiError('pki.csr-san-not-ascii', { field: 'csr', allowed: 'ASCII (IA5String), xn--…', params: { kind, value }, cfsslCode: 9003 });
  }
}

export function requestFromCsr(csr: ParsedCsr, hostnames: string[] | undefined, override?: SubjectOverride): Request {
  const fromCsr = subjectFromName(csr.subject.name);
  const subject = override ? populateSubject(subjectFromSpec(override), fromCsr) : fromCsr;
  const san = findExtension(csr.extensions, OID.subjectAltName);
  const bc = findExtension(csr.extensions, OID.basicConstraints);
  const constraints = bc ? decodeBasicConstraints(bc.value) : { isCa: false };
  return {
    subject: subjectName(subject),
    commonName: subject.commonName,
    spki: keepEncoding(csr.request.subjectPublicKeyInfo, csr.spki),
    sans: hostnames ? sanSetFromHosts(hostnames) : san ? decodeSans(san.value) : { dns: [], emails: [], ips: [], uris: [] },
    requestsCa: constraints.isCa,
    requestedPathLen: constraints.maxPathLen ?? null,
  };
}

/**
 * The request a CSR we just built makes: what requestFromCsr would read back from its DER (same subject
 * bytes, key, SANs and CA request), without the cost of reading it.
 */
export function requestFromBuiltCsr(spec: CsrSpec, csr: Pick<PreparedCsr, 'request' | 'sans' | 'subjectKeyId'>): Request {
  const ca = requestedCa(spec);
  return {
    subject: csr.request.subject,
    commonName: spec.CN,
    spki: csr.request.subjectPublicKeyInfo,
    sans: csr.sans,
    requestsCa: ca !== null,
    requestedPathLen: ca?.pathLen ?? null,
    subjectKeyId: csr.subjectKeyId,
  };
}

/** cfssl local.go: a profile whose usages give neither KU nor EKU cannot sign anything. */
function requireUsages(profile: SigningProfile, profileName: string): void {
  const { keyUsageBits, extKeyUsageOids } = usageEffects(profile.usages);
  if (keyUsageBits.length === 0 && extKeyUsageOids.length === 0) {
    throw pkiError('pki.no-key-usage', {
      field: profileName === 'default' ? 'signing.default.usages' : `signing.profiles.${profileName}.usages`,
      params: { profile: profileName },
      cfsslCode: 5100,
    });
  }
}

function checkPolicy(request: Request, profile: SigningProfile, profileName: string, issuer: CertificateAuthority | null): void {
  requireUsages(profile, profileName);
  if (request.requestsCa) {
    const violation = (reason: MessageKey): never => {
      throw pkiError('pki.policy-violation', { field: 'profile', params: { reason: messageRef(reason, { profile: profileName }) }, cfsslCode: 5300 });
    };
    if (!profile.caConstraint?.isCa) violation('pki.policy.not-ca-profile');
    if (issuer?.maxPathLen !== undefined) {
      if (issuer.maxPathLen === 0) violation('pki.policy.issuer-pathlen-zero');
      if (request.requestedPathLen !== null && request.requestedPathLen >= issuer.maxPathLen) violation('pki.policy.pathlen-not-below');
    }
  }
  if (profile.nameWhitelist) {
    const whitelist = compileNameWhitelist(profile.nameWhitelist, `signing.${profileName === 'default' ? 'default' : `profiles.${profileName}`}.name_whitelist`);
    for (const name of [request.commonName, ...request.sans.dns, ...request.sans.emails, ...request.sans.uris]) {
      if (!whitelist.allows(name)) {
        throw pkiError('pki.whitelist-mismatch', {
          field: 'hosts',
          allowed: profile.nameWhitelist,
          params: { name },
          cfsslCode: 5500,
        });
      }
    }
  }
}

/** ca_constraint -> pathLen: max_path_len > 0 wins, 0 with max_path_len_zero is 0, else unlimited. */
function pathLenFor(constraint: CaConstraint): number | null {
  if (constraint.maxPathLen > 0) return constraint.maxPathLen;
  return constraint.maxPathLen === 0 && constraint.maxPathLenZero ? 0 : null;
}

export async function issue(
  request: Request,
  profile: SigningProfile,
  profileName: string,
  issuer: CertificateAuthority | null,
  selfKey: KeyPair | null,
  options: { now?: Date; crlUrl?: string },
): Promise<string> {
  checkPolicy(request, profile, profileName, issuer);
  const { keyUsageBits, extKeyUsageOids } = usageEffects(profile.usages);
  const { notBefore, notAfter } = validityFor(profile, options.now ?? new Date());
  const isCa = profile.caConstraint?.isCa ?? false;
  const constraint = profile.caConstraint;
  const maxPathLen = constraint ? pathLenFor(constraint) : null;
  // signer.go FillTemplate: CA certificates keep only their IP SANs.
  const sans = isCa ? { dns: [], emails: [], ips: request.sans.ips, uris: [] } : request.sans;
  const ski = request.subjectKeyId ?? (await subjectKeyId(request.spki));
  const signer: Issuer = issuer
    ? { subject: issuer.subject, key: issuer.key, ...(issuer.subjectKeyId ? { subjectKeyId: issuer.subjectKeyId } : {}) }
    : { subject: request.subject, key: selfKey!, subjectKeyId: ski };
  const crlUrl = options.crlUrl ?? profile.crlUrl;
  const { pem } = await signCertificate(
    {
      serial: randomSerial(),
      subject: request.subject,
      spki: request.spki,
      subjectKeyId: ski,
      notBefore,
      notAfter,
      keyUsageBits,
      extKeyUsageOids,
      isCa,
      maxPathLen: isCa ? maxPathLen : null,
      sans,
      ocspUrls: profile.ocspUrl ? [profile.ocspUrl] : [],
      issuerUrls: profile.issuerUrls ?? [],
      ...(crlUrl ? { crlUrl } : {}),
      ...(profile.ocspNoCheck ? { ocspNoCheck: true } : {}),
    },
    signer,
  );
  return pem;
}

export async function finish(certPem: string, csrPem: string, key: KeyPair, withKey: boolean, warnings: Warning[]): Promise<IssuedCertificate> {
  const issued: IssuedCertificate = { certPem, csrPem, key, warnings };
  if (withKey) issued.keyPem = await exportPrivateKeyPem(key);
  return issued;
}

/** `cfssl gencert -ca -ca-key -config -profile`: new key and CSR, signed by the CA. */
export async function generateCertificate(
  spec: CsrSpec,
  ca: CertificateAuthority,
  config: SigningConfig = defaultSigningConfig(),
  options: GenerateOptions = {},
): Promise<IssuedCertificate> {
  const { profile, name, warnings } = resolveProfile(config, options.profile);
  const override = options.hostnames ? normalizeHosts(options.hostnames, 'hostname') : undefined;
  const hosts = override?.hosts ?? spec.hosts;
  requireUsages(profile, name); // before spending time on a key
  const key = options.key ?? (await (options.keys ?? generateKeyPair)(checkKeySpec(spec.key)));
  const caWarnings = signingCaWarnings(signingCaFacts(ca), options.now ?? new Date());
  return signWithKey({ ...spec, hosts }, key, ca, profile, name, options, [...(spec.warnings ?? []), ...warnings, ...(override?.warnings ?? []), ...caWarnings]);
}

async function signWithKey(
  spec: CsrSpec,
  key: KeyPair,
  ca: CertificateAuthority,
  profile: SigningProfile,
  profileName: string,
  options: GenerateOptions,
  warnings: Warning[],
): Promise<IssuedCertificate> {
  const csr = await prepareCsr(spec, key);
  // The CA's signature starts first; the CSR is encoded and signed while it is being made.
  const [certPem, signedCsr] = await Promise.all([
    issue(requestFromBuiltCsr(spec, csr), profile, profileName, ca, null, {
      ...(options.now ? { now: options.now } : {}),
      ...(options.crlUrl ? { crlUrl: options.crlUrl } : {}),
    }),
    csr.sign(),
  ]);
  const all = spec.hosts.length === 0 ? [...warnings, noHostsWarning()] : warnings;
  return finish(certPem, signedCsr.pem, key, !options.key, all);
}

/** `cfssl sign`: signs an existing PEM CSR after checking its self-signature. */
export async function signCsrPem(
  csrPem: string,
  ca: CertificateAuthority,
  config: SigningConfig = defaultSigningConfig(),
  options: SignOptions = {},
): Promise<IssuedCertificate> {
  const { profile, name, warnings } = resolveProfile(config, options.profile);
  const csr = csrFromPem(csrPem);
  checkCsrSans(csr);
  if (!(await verifies((engine) => csr.request.verify(engine)))) {
    throw pkiError('pki.csr-signature', { field: 'csr' });
  }
  const override = options.hostnames ? normalizeHosts(options.hostnames, 'hostname') : undefined;
  const request = requestFromCsr(csr, override?.hosts, options.subject);
  const certPem = await issue(request, profile, name, ca, null, options.now ? { now: options.now } : {});
  const checks = [...signingCaWarnings(signingCaFacts(ca), options.now ?? new Date()), ...csrKeyWarnings(request.spki)];
  const all = [...warnings, ...(override?.warnings ?? []), ...checks, ...(isEmptySanSet(request.sans) ? [noHostsWarning()] : [])];
  return { certPem, csrPem, warnings: all };
}

export interface GenerateJob {
  spec: CsrSpec;
  profile?: string;
  hostnames?: string[];
}

/** Many certificates from one CA: all keys are generated concurrently first, then each is signed. */
export async function generateMany(
  jobs: readonly GenerateJob[],
  ca: CertificateAuthority,
  config: SigningConfig = defaultSigningConfig(),
  options: { now?: Date } = {},
): Promise<IssuedCertificate[]> {
  const keys = await Promise.all(jobs.map((job) => generateKeyPair(checkKeySpec(job.spec.key))));
  return Promise.all(
    jobs.map((job, i) =>
      generateCertificate(job.spec, ca, config, {
        key: keys[i]!,
        ...(job.profile !== undefined ? { profile: job.profile } : {}),
        ...(job.hostnames !== undefined ? { hostnames: job.hostnames } : {}),
        ...(options.now ? { now: options.now } : {}),
      }).then(async (issued) => ({ ...issued, keyPem: await exportPrivateKeyPem(keys[i]!) })),
    ),
  );
}

