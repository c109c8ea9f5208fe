// Lint rules run before generating: what in the workspace will hurt once the files reach a server.
// Each finding is a Warning with a code from WORKSPACE_WARNING_CODES; the UI shows the title, why and
// fix from the catalogue (`warning.<code>`, `.why`, `.fix`) filled with `params`. Files that do not
// parse are skipped here: their syntax error is shown at the file itself.
import type { Warning } from '../errors';
import { DEFAULT_BACKDATE_MS, DEFAULT_CA_EXPIRY, HOUR_NS, parseGoDuration, RSA_MIN_BITS, USAGES } from '../pki';
import { signingCaWarnings, type SigningCaFacts } from '../pki/ca-checks';
import type { WorkspaceWarningCode } from './errors';
import { asObject, asString, asStringList, getField, parseJsonObject } from './json-text';
import { usagesCanSign } from './csr-form';
import { requestFileName, type Workspace } from './model';

export interface LintFinding extends Warning {
  code: WorkspaceWarningCode;
  /** The workspace file the finding is about (`ca-config.json`, `ca-csr.json`, `etcd-csr.json`). */
  file: string;
}

export interface LintContext {
  /** notAfter of an imported CA; without it the CA is the one generated from ca-csr.json. */
  caNotAfter?: Date;
  /** The imported CA itself, checked as the engine checks it before signing (not a CA, expired, weak). */
  ca?: SigningCaFacts;
  now?: Date;
}

/** The engine's signing-CA warnings, as lint findings about ca.pem. */
const CA_FINDINGS = { 'pki.ca-not-ca': 'ca-not-ca', 'pki.ca-expired': 'ca-expired', 'pki.ca-weak-key': 'ca-weak' } as const;

/** 87600h, the "10 years" cfssl users write (10 x 365 days). */
const TEN_YEARS_NS = 87_600n * HOUR_NS;

interface RawProfile {
  name: string;
  expiry: string;
  usages: string[];
}

interface RawConfig {
  defaultProfile: RawProfile;
  profiles: Map<string, RawProfile>;
}

export function lintWorkspace(workspace: Workspace, context: LintContext = {}): LintFinding[] {
  const findings: LintFinding[] = [];
  const config = tryRead(() => readRawConfig(workspace.config));
  const caCsr = tryRead(() => parseJsonObject(workspace.caCsr));
  if (config) findings.push(...lintProfiles(config));
  if (caCsr) findings.push(...lintCaCsr(caCsr));
  for (const warning of context.ca ? signingCaWarnings(context.ca, context.now ?? new Date()) : []) {
    const rule = CA_FINDINGS[warning.code as keyof typeof CA_FINDINGS];
    if (rule) findings.push(finding(rule, 'ca.pem', 'ca', warning.params as Record<string, string>));
  }
  const caExpiry = caCsr && !context.caNotAfter ? durationOf(asString(getField(asObject(getField(caCsr, 'ca')) ?? {}, 'expiry')) || DEFAULT_CA_EXPIRY) : undefined;
  for (const request of workspace.requests) {
    const csr = tryRead(() => parseJsonObject(request.json));
    if (!csr) continue;
    const file = requestFileName(request.name);
    findings.push(...lintKey(csr, file, request.name));
    if (!config) continue;
    const profile = resolveRawProfile(config, request.profile);
    if (!profile) {
      findings.push(finding('unknown-profile', file, 'profile', { name: request.name, profile: request.profile }));
    }
    const effective = profile ?? config.defaultProfile;
    // signer.go FillTemplate refuses a profile with no key usage and no extended key usage
    // (cfssl error 5100); an unknown profile name has fallen back to `default` by then.
    if (!usagesCanSign(effective.usages)) {
      findings.push(finding('profile-signs-nothing', file, 'profile', { name: request.name, profile: effective.name }));
    }
    for (const host of asStringList(getField(csr, 'hosts'))) {
      if (!isPlausibleHost(host)) findings.push(finding('invalid-dns-host', file, 'hosts', { name: request.name, host }));
    }
    if (effective.usages.includes('server auth') && asStringList(getField(csr, 'hosts')).length === 0) {
      findings.push(finding('server-auth-without-hosts', file, 'hosts', { name: request.name, profile: effective.name }));
    }
    const leafExpiry = durationOf(effective.expiry || config.defaultProfile.expiry);
    if (leafExpiry !== undefined && outlivesCa(leafExpiry, caExpiry, context)) {
      findings.push(finding('leaf-outlives-ca', file, 'profile', { name: request.name, profile: effective.name, expiry: effective.expiry || config.defaultProfile.expiry }));
    }
  }
  return findings;
}

function lintProfiles(config: RawConfig): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const profile of [config.defaultProfile, ...config.profiles.values()]) {
    for (const usage of profile.usages) {
      if (!USAGES.has(usage)) findings.push(finding('unknown-usage', 'ca-config.json', `signing.${profilePath(profile)}.usages`, { profile: profile.name, usage }));
    }
    const expiry = durationOf(profile.expiry);
    if (expiry !== undefined && expiry > TEN_YEARS_NS) {
      findings.push(finding('expiry-over-10-years', 'ca-config.json', `signing.${profilePath(profile)}.expiry`, { profile: profile.name, expiry: profile.expiry }));
    }
  }
  return findings;
}

function lintCaCsr(csr: Record<string, unknown>): LintFinding[] {
  const findings = lintKey(csr, 'ca-csr.json', 'ca');
  const expiryText = asString(getField(asObject(getField(csr, 'ca')) ?? {}, 'expiry'));
  const expiry = durationOf(expiryText);
  if (expiry !== undefined && expiry > TEN_YEARS_NS) {
    findings.push(finding('expiry-over-10-years', 'ca-csr.json', 'ca.expiry', { profile: 'ca', expiry: expiryText }));
  }
  return findings;
}

function lintKey(csr: Record<string, unknown>, file: string, name: string): LintFinding[] {
  const key = asObject(getField(csr, 'key'));
  const size = key ? getField(key, 'size') : undefined;
  if (key && asString(getField(key, 'algo')) === 'rsa' && typeof size === 'number' && size < RSA_MIN_BITS) {
    return [finding('rsa-too-weak', file, 'key.size', { name, size })];
  }
  return [];
}

/**
 * cfssl files every host that is not an IP, an e-mail address or a URI as a DNS name, whatever it is
 * (signer.go's SplitHosts); a name with spaces or punctuation then fails every TLS client's hostname
 * check. Letters, digits, `-`, `_`, dots and one leading `*.` wildcard pass (RFC 1123 labels, up to 63
 * characters, 253 in all); IPs, e-mail addresses and URIs are not DNS names and are left alone.
 */
function isPlausibleHost(host: string): boolean {
  if (host.includes('@') || /^[a-z][a-z0-9+.-]*:/i.test(host) || /^[0-9a-f:.]+$/i.test(host)) return true;
  const name = host.startsWith('*.') ? host.slice(2) : host;
  if (name.length === 0 || name.length > 253) return false;
  return name.split('.').every((label) => /^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/.test(label));
}

function outlivesCa(leafExpiry: bigint, caExpiry: bigint | undefined, context: LintContext): boolean {
  if (context.caNotAfter) {
    const now = context.now ?? new Date();
    const leafNotAfter = now.getTime() - DEFAULT_BACKDATE_MS + Number(leafExpiry / 1_000_000n);
    return leafNotAfter > context.caNotAfter.getTime();
  }
  // Generated together: both start at the same backdated minute, so compare lifetimes.
  return caExpiry !== undefined && leafExpiry > caExpiry;
}

/** The named profile, or undefined when cfssl would silently fall back to `default` (signer.go Profile). */
function resolveRawProfile(config: RawConfig, name: string): RawProfile | undefined {
  if (name === '' || name === 'default') return config.defaultProfile;
  return config.profiles.get(name);
}

function readRawConfig(text: string): RawConfig {
  const signing = asObject(getField(parseJsonObject(text), 'signing')) ?? {};
  const profiles = asObject(getField(signing, 'profiles')) ?? {};
  return {
    defaultProfile: readRawProfile('default', getField(signing, 'default')),
    profiles: new Map(Object.entries(profiles).map(([name, value]) => [name, readRawProfile(name, value)])),
  };
}

function readRawProfile(name: string, value: unknown): RawProfile {
  const profile = asObject(value) ?? {};
  return { name, expiry: asString(getField(profile, 'expiry')), usages: asStringList(getField(profile, 'usages')) };
}

function profilePath(profile: RawProfile): string {
  return profile.name === 'default' ? 'default' : `profiles.${profile.name}`;
}

function durationOf(text: string): bigint | undefined {
  if (text === '') return undefined;
  try {
    return parseGoDuration(text);
  } catch {
    return undefined; // a bad duration is an error of the file, reported when parsing it
  }
}

function tryRead<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

type Rule = WorkspaceWarningCode extends `workspace.${infer R}` ? R : never;

function finding(rule: Rule, file: string, field: string, params: Record<string, string | number>): LintFinding {
  return { code: `workspace.${rule}`, file, field, params };
}
