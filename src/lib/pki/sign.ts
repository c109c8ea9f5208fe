// cfssl's local signer (signer/local/local.go Sign, signer/signer.go FillTemplate): the profile decides
// KU, EKU, basic constraints, validity and URLs; subject and SANs come from the request (or -hostname).
import type { Warning } from '../errors';
import { defaultSigningConfig, resolveProfile, type SigningConfig, type SigningProfile } from './config';
import { checkKeySpec, type CsrSpec, type SubjectOverride } from './csr';
import { equalBytes } from './der';
import { parseGoDuration } from './duration';
import { pkiError, pkiWarning } from './errors';
import type { SanSet } from './extensions';
import { randomSerial, signCertificate, subjectKeyId, type Issuer } from './certificate';
import { exportPrivateKeyPem, exportSpki, generateKeyPair, importPrivateKeyPem, spkiPublicKey, type KeyPair } from './keys';
import { encodeSubject, populateSubject, subjectFromName, subjectFromSpec } from './name';
import { OID } from './oid';
import { buildCsr } from './pkcs10';
import { isEmptySanSet, sanSetFromHosts } from './sans';
import { verifySignature } from './signature';
import { usageEffects } from './usages';
import {
  certificateFromPem,
  csrFromPem,
  decodeBasicConstraints,
  decodeSans,
  decodeSubjectKeyId,
  findExtension,
  parseCsr,
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
  /** The CA certificate's subject Name DER, copied into every issued certificate's issuer. */
  subject: Uint8Array;
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
  /** `-crl`: CRL distribution point, overriding the profile's crl_url. */
  crlUrl?: string;
}

/** cfssl generator.CSRNoHostMessage, the warning printed when a certificate has no hosts. */
export const NO_HOSTS_MESSAGE =
  'This certificate lacks a "hosts" field. This makes it unsuitable for\nwebsites. For more information see the Baseline Requirements for the Issuance and Management\nof Publicly-Trusted Certificates, v.1.1.6, from the CA/Browser Forum (https://cabforum.org);\nspecifically, section 10.2.3 ("Information Requirements").';

export function noHostsWarning(): Warning {
  return pkiWarning('pki.hosts-missing', NO_HOSTS_MESSAGE, 'hosts');
}

export async function loadCertificateAuthority(certPem: string, keyPem: string): Promise<CertificateAuthority> {
  return authorityFrom(certPem, await importPrivateKeyPem(keyPem));
}

export async function caFromIssued(issued: IssuedCertificate): Promise<CertificateAuthority> {
  if (!issued.key) {
    throw pkiError('pki.missing-ca', 'the issued certificate carries no private key to sign with', { field: 'key', allowed: 'a CA issued with its key' });
  }
  return authorityFrom(issued.certPem, issued.key);
}

async function authorityFrom(certPem: string, key: KeyPair): Promise<CertificateAuthority> {
  const cert = certificateFromPem(certPem, 'CA certificate');
  const certKey = spkiPublicKey(cert.spki, 'CA certificate');
  const ourKey = spkiPublicKey(await exportSpki(key), 'CA key');
  if (!equalBytes(certKey, ourKey)) {
    throw pkiError('pki.key-mismatch', "x509: provided PrivateKey doesn't match parent's PublicKey", {
      field: 'ca-key',
      allowed: 'the private key that belongs to the CA certificate (-ca)',
      cfsslCode: 1000,
    });
  }
  const ski = findExtension(cert.extensions, OID.subjectKeyId);
  const bc = findExtension(cert.extensions, OID.basicConstraints);
  const constraints = bc ? decodeBasicConstraints(bc.value) : { isCa: false };
  const ca: CertificateAuthority = { certPem, certDer: cert.der, key, subject: cert.subject.der, isCa: constraints.isCa };
  if (ski) ca.subjectKeyId = decodeSubjectKeyId(ski.value);
  if (constraints.maxPathLen !== undefined) ca.maxPathLen = constraints.maxPathLen;
  return ca;
}

/** Validity per FillTemplate: not_before/not_after if set, else round(now, 1 min) - backdate (5 min). */
export function validityFor(profile: SigningProfile, now: Date): { notBefore: Date; notAfter: Date } {
  const backdateMs = profile.backdate && profile.backdate !== 0n ? Number(profile.backdate / 1_000_000n) : 5 * 60_000;
  const rounded = Math.floor((now.getTime() + 30_000) / 60_000) * 60_000;
  const notBefore = profile.notBefore ?? new Date(rounded - backdateMs);
  const notAfter = profile.notAfter ?? new Date(notBefore.getTime() + Number(profile.expiry / 1_000_000n));
  return { notBefore, notAfter };
}

interface Request {
  subject: Uint8Array;
  commonName: string;
  spki: Uint8Array;
  sans: SanSet;
  requestsCa: boolean;
  requestedPathLen: number | null;
}

function requestFromCsr(csr: ParsedCsr, hostnames: string[] | undefined, override?: SubjectOverride): Request {
  const fromCsr = subjectFromName(csr.subject, 'CSR subject');
  const subject = override ? populateSubject(subjectFromSpec(override), fromCsr) : fromCsr;
  const san = findExtension(csr.extensions, OID.subjectAltName);
  const bc = findExtension(csr.extensions, OID.basicConstraints);
  const constraints = bc ? decodeBasicConstraints(bc.value) : { isCa: false };
  return {
    subject: encodeSubject(subject),
    commonName: subject.commonName,
    spki: csr.spki,
    sans: hostnames ? sanSetFromHosts(hostnames) : san ? decodeSans(san.value) : { dns: [], emails: [], ips: [], uris: [] },
    requestsCa: constraints.isCa,
    requestedPathLen: constraints.maxPathLen ?? null,
  };
}

function checkPolicy(request: Request, profile: SigningProfile, profileName: string, issuer: CertificateAuthority | null): void {
  const { keyUsageBits, extKeyUsageOids } = usageEffects(profile.usages);
  if (keyUsageBits.length === 0 && extKeyUsageOids.length === 0) {
    throw pkiError('pki.no-key-usage', 'Invalid policy: no key usage available', {
      field: profileName === 'default' ? 'signing.default.usages' : `signing.profiles.${profileName}.usages`,
      allowed: 'a profile with usages; choose one with -profile',
      params: { profile: profileName },
      cfsslCode: 5100,
    });
  }
  if (request.requestsCa) {
    const violation = (why: string): never => {
      throw pkiError('pki.policy-violation', `Policy violation request: ${why}`, {
        field: 'profile',
        allowed: 'a profile with "ca_constraint": {"is_ca": true} and a path length below the issuer\'s',
        cfsslCode: 5300,
      });
    };
    if (!profile.caConstraint?.isCa) violation(`the CSR asks for a CA certificate but profile "${profileName}" is not a CA profile`);
    if (issuer?.maxPathLen !== undefined) {
      if (issuer.maxPathLen === 0) violation('the issuing CA has pathlen 0 and cannot sign CA certificates');
      if (request.requestedPathLen !== null && request.requestedPathLen >= issuer.maxPathLen) violation('the requested pathlen is not below the issuer\'s');
    }
  }
  if (profile.nameWhitelist) {
    const whitelist = new RegExp(profile.nameWhitelist);
    for (const name of [request.commonName, ...request.sans.dns, ...request.sans.emails, ...request.sans.uris]) {
      if (!whitelist.test(name)) {
        throw pkiError('pki.whitelist-mismatch', 'Request does not match policy whitelist', {
          field: 'hosts',
          allowed: `names matching ${profile.nameWhitelist}`,
          params: { name },
          cfsslCode: 5500,
        });
      }
    }
  }
}

async function issue(
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
  const maxPathLen = !constraint || constraint.maxPathLen < 0 ? null : constraint.maxPathLen > 0 ? constraint.maxPathLen : constraint.maxPathLenZero ? 0 : null;
  // signer.go FillTemplate: CA certificates keep only their IP SANs.
  const sans = isCa ? { dns: [], emails: [], ips: request.sans.ips, uris: [] } : request.sans;
  const signer: Issuer = issuer
    ? { subject: issuer.subject, key: issuer.key, ...(issuer.subjectKeyId ? { subjectKeyId: issuer.subjectKeyId } : {}) }
    : { subject: request.subject, key: selfKey!, subjectKeyId: await subjectKeyId(request.spki) };
  const crlUrl = options.crlUrl ?? profile.crlUrl;
  const { pem } = await signCertificate(
    {
      serial: randomSerial(),
      subject: request.subject,
      spki: request.spki,
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

/** The built-in policy of `gencert -initca` (initca.go CAPolicy plus the JSON `ca` object). */
export function caPolicy(spec: CsrSpec): { profile: SigningProfile; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const ca = spec.ca ?? {};
  const expiryText = ca.expiry ?? '43800h';
  const profile: SigningProfile = {
    usages: ['cert sign', 'crl sign'],
    expiry: parseDurationQuiet(expiryText),
    expiryText,
    caConstraint: { isCa: true, maxPathLen: ca.pathlen ?? 0, maxPathLenZero: false },
  };
  if (ca.backdate) profile.backdate = parseDurationQuiet(ca.backdate);
  if ((ca.pathlen ?? 0) !== 0 && ca.pathlenzero) {
    warnings.push(pkiWarning('pki.pathlenzero-ignored', "ignore invalid 'pathlenzero' value", 'ca.pathlenzero'));
  } else {
    profile.caConstraint!.maxPathLenZero = ca.pathlenzero ?? false;
  }
  if (spec.crlUrl) profile.crlUrl = spec.crlUrl;
  return { profile, warnings };
}

function parseDurationQuiet(text: string): bigint {
  return parseGoDuration(text, 'ca.expiry');
}

/** `cfssl gencert -initca`: key, CSR, self-signed CA certificate. */
export async function initCa(spec: CsrSpec, options: { now?: Date; key?: KeyPair } = {}): Promise<IssuedCertificate> {
  const { profile, warnings } = caPolicy(spec);
  const key = options.key ?? (await generateKeyPair(checkKeySpec(spec.key)));
  const csr = await buildCsr(spec, key);
  const request = requestFromCsr(parseCsr(csr.der), undefined);
  const certPem = await issue(request, profile, 'default', null, key, options.now ? { now: options.now } : {});
  return finish(certPem, csr.pem, key, !options.key, [...(spec.warnings ?? []), ...warnings]);
}

async function finish(certPem: string, csrPem: string, key: KeyPair, withKey: boolean, warnings: Warning[]): Promise<IssuedCertificate> {
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
  const hosts = options.hostnames ?? spec.hosts;
  checkPolicyEarly(profile, name);
  const key = options.key ?? (await generateKeyPair(checkKeySpec(spec.key)));
  return signWithKey({ ...spec, hosts }, key, ca, profile, name, options, [...(spec.warnings ?? []), ...warnings]);
}

/** Fails before any key is generated when the profile cannot sign at all. */
function checkPolicyEarly(profile: SigningProfile, name: string): void {
  const empty = { subject: new Uint8Array([0x30, 0]), commonName: '', spki: new Uint8Array(), sans: { dns: [], emails: [], ips: [], uris: [] }, requestsCa: false, requestedPathLen: null };
  const { keyUsageBits, extKeyUsageOids } = usageEffects(profile.usages);
  if (keyUsageBits.length === 0 && extKeyUsageOids.length === 0) checkPolicy(empty, profile, name, null);
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
  const csr = await buildCsr(spec, key);
  const request = requestFromCsr(parseCsr(csr.der), undefined);
  const certPem = await issue(request, profile, profileName, ca, null, {
    ...(options.now ? { now: options.now } : {}),
    ...(options.crlUrl ? { crlUrl: options.crlUrl } : {}),
  });
  const all = spec.hosts.length === 0 ? [...warnings, noHostsWarning()] : warnings;
  return finish(certPem, csr.pem, key, !options.key, all);
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
  if (!(await verifySignature(csr.spki, csr.signatureAlgorithm, csr.info, csr.signature))) {
    throw pkiError('pki.csr-signature', 'x509: CSR signature verification failed (the request was altered or not signed by its key)', {
      field: 'csr',
      allowed: 'a CSR signed by the private key it carries',
    });
  }
  const request = requestFromCsr(csr, options.hostnames, options.subject);
  const certPem = await issue(request, profile, name, ca, null, options.now ? { now: options.now } : {});
  const all = isEmptySanSet(request.sans) ? [...warnings, noHostsWarning()] : warnings;
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

