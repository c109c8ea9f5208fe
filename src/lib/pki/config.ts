// ca-config.json as cfssl's config/config.go loads it: `signing.default` (or the built-in default),
// named `signing.profiles`, usages from the one table in usages.ts, durations parsed like Go.
// Where cfssl is silent we warn: an unknown -profile falls back to `default` (cloudflare/cfssl#657) and
// unknown usage strings are dropped (cfssl drops them without a word).
import type { Warning } from '../errors';
import { checkPositiveDuration } from './csr';
import { parseGoDuration } from './duration';
import { pkiError, pkiWarning } from './errors';
import { foldJsonKey, isJsonObject, keyWarnings, parseJson, type JsonObject } from './json';
import { readBool, readInt, readObject, readString, readStringArray, requireObject, typeError, type Location } from './read';
import { usageEffects } from './usages';

export interface CaConstraint {
  isCa: boolean;
  maxPathLen: number;
  maxPathLenZero: boolean;
}

export interface SigningProfile {
  usages: string[];
  expiry: bigint;
  expiryText: string;
  backdate?: bigint;
  notBefore?: Date;
  notAfter?: Date;
  caConstraint?: CaConstraint;
  /** Checked against Go's RE2 syntax by checkNameWhitelists (name-whitelist.ts), kept out of the first paint. */
  nameWhitelist?: string;
  ocspUrl?: string;
  crlUrl?: string;
  issuerUrls?: string[];
  ocspNoCheck?: boolean;
}

export interface SigningConfig {
  default: SigningProfile;
  profiles: Record<string, SigningProfile>;
}

const PROFILE_KEYS = [
  'usages', 'expiry', 'backdate', 'not_before', 'not_after', 'ca_constraint', 'name_whitelist', 'ocsp_url',
  'crl_url', 'issuer_urls', 'ocsp_no_check', 'copy_extensions', 'allowed_extensions', 'policies', 'auth_key',
  'prev_auth_key', 'remote', 'auth_remote', 'ct_log_servers', 'cert_store', 'lint_error_level', 'ignored_lints',
  'ignored_lint_sources', 'CSRWhitelist', 'ClientProvidesSerialNumbers',
];

const CONFIG_KEYS = ['signing', 'auth_keys', 'remotes'];
const SIGNING_KEYS = ['default', 'profiles'];

export const DEFAULT_PROFILE_USAGES = ['signing', 'key encipherment', 'server auth', 'client auth'];

/** cfssl's built-in default (config.go DefaultConfig): used without -config, or when `default` is absent. */
export function defaultSigningConfig(): SigningConfig {
  return { default: builtInDefaultProfile(), profiles: {} };
}

function builtInDefaultProfile(): SigningProfile {
  return { usages: [...DEFAULT_PROFILE_USAGES], expiry: parseGoDuration('8760h'), expiryText: '8760h' };
}

export function parseConfigJson(text: string): { config: SigningConfig; warnings: Warning[] } {
  const root = requireObject(parseJson(text, 'config-json'), 'config-json');
  const signing = readObject(root, 'signing', { struct: 'Config', path: '' }, 'config.Signing');
  if (signing === undefined) throw pkiError('pki.config-no-signing', { field: 'signing' });
  const warnings: Warning[] = [...keyWarnings(root, CONFIG_KEYS), ...keyWarnings(signing, SIGNING_KEYS, 'signing')];
  const defaultObject = readObject(signing, 'default', { struct: 'Signing', path: 'signing' }, 'config.SigningProfile');
  const base = defaultObject ? readProfile(defaultObject, 'signing.default', true, warnings) : builtInDefaultProfile();
  const profilesObject = readObject(signing, 'profiles', { struct: 'Signing', path: 'signing' }, 'map[string]*config.SigningProfile') ?? {};
  // No prototype: a profile named __proto__ or toString is a profile like any other.
  const profiles: Record<string, SigningProfile> = Object.create(null) as Record<string, SigningProfile>;
  for (const name of Object.keys(profilesObject)) {
    const path = `signing.profiles.${name}`;
    const value = profilesObject[name]!;
    const object = requireProfileObject(value, path);
    profiles[name] = inherit(readProfile(object, path, false, warnings), base);
    checkAuthKeys(object, path, root);
  }
  if (defaultObject) checkAuthKeys(defaultObject, 'signing.default', root);
  return { config: { default: base, profiles }, warnings };
}

const AUTH_KEY_FIELDS = ['auth_key', 'prev_auth_key'] as const;

/**
 * The auth keys a profile names must be in `auth_keys`, of type "standard", with a key in hex (or read
 * from env:NAME or file:PATH, which only cfssl's machine can resolve). cfssl checks this as it loads the
 * config and refuses it otherwise, whatever the command (config.go populate, auth.New; 5200). cfssl 1.2
 * did not yet look at prev_auth_key; current cfssl does, and kubeprep follows it.
 */
function checkAuthKeys(profile: JsonObject, path: string, root: JsonObject): void {
  const at: Location = { struct: 'SigningProfile', path };
  for (const key of AUTH_KEY_FIELDS) {
    const name = readString(profile, key, at);
    if (name === undefined || name === '') continue;
    const keys = readObject(root, 'auth_keys', { struct: 'Config', path: '' }, 'map[string]config.AuthKey') ?? {};
    // A Go map: the name is looked up exactly, not case-folded like a struct field.
    const entry = Object.hasOwn(keys, name) ? keys[name] : undefined;
    const field = `${path}.${key}`;
    if (entry === undefined) throw pkiError('pki.config-auth-key-missing', { field, params: { field, name }, cfsslCode: 5200 });
    const entryAt: Location = { struct: 'AuthKey', path: `auth_keys.${name}` };
    if (!isJsonObject(entry)) typeError(entry, { struct: 'Config', path: entryAt.path }, 'config.AuthKey');
    const type = readString(entry, 'type', entryAt) ?? '';
    if (type !== 'standard') {
      throw pkiError('pki.config-auth-key-type', { field: `auth_keys.${name}.type`, allowed: 'standard', params: { name, type }, cfsslCode: 5200 });
    }
    const value = readString(entry, 'key', entryAt) ?? '';
    if (!/^(env|file):/.test(value) && !/^(?:[0-9a-fA-F]{2})*$/.test(value)) {
      throw pkiError('pki.config-auth-key-not-hex', { field: `auth_keys.${name}.key`, allowed: 'hex, env:NAME, file:PATH', params: { name }, cfsslCode: 5200 });
    }
  }
}

function requireProfileObject(value: JsonObject[string], path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw pkiError('pki.json-type', {
      field: path,
      allowed: 'object',
      params: { field: path, expected: 'object', got: value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value },
    });
  }
  return value;
}

/** Values a named profile takes from `default` when it leaves them empty (cfssl: expiry and URLs only). */
function inherit(profile: SigningProfile, base: SigningProfile): SigningProfile {
  const out = { ...profile };
  if (out.expiry === 0n) {
    out.expiry = base.expiry;
    out.expiryText = base.expiryText;
  }
  if (out.ocspUrl === undefined && base.ocspUrl !== undefined) out.ocspUrl = base.ocspUrl;
  if (out.crlUrl === undefined && base.crlUrl !== undefined) out.crlUrl = base.crlUrl;
  if (out.issuerUrls === undefined && base.issuerUrls !== undefined) out.issuerUrls = [...base.issuerUrls];
  return out;
}

function readProfile(object: JsonObject, path: string, isDefault: boolean, warnings: Warning[]): SigningProfile {
  const at: Location = { struct: 'SigningProfile', path };
  for (const warning of keyWarnings(object, PROFILE_KEYS, path)) {
    // "is_ca" at the profile's top level is a classic slip for ca_constraint.is_ca: say so.
    const misplacedIsCa = warning.code === 'pki.unknown-field' && foldJsonKey(warning.field!.slice(path.length + 1)) === 'IS_CA';
    warnings.push(misplacedIsCa ? { ...warning, code: 'pki.is-ca-misplaced' } : warning);
  }
  const usages = readUsages(object, path, isDefault, warnings);
  const expiryText = readString(object, 'expiry', at) ?? '';
  if (expiryText === '') {
    throw pkiError('pki.empty-expiry', { field: `${path}.expiry`, allowed: '8760h, 87600h', cfsslCode: 5200 });
  }
  const expiry = expiryText === '0' && !isDefault ? 0n : checkPositiveDuration(expiryText, `${path}.expiry`);
  const profile: SigningProfile = { usages, expiry, expiryText };
  const backdate = readString(object, 'backdate', at);
  if (backdate !== undefined && backdate !== '') profile.backdate = parseGoDuration(backdate, `${path}.backdate`);
  const notBefore = readTimestamp(object, 'not_before', path);
  const notAfter = readTimestamp(object, 'not_after', path);
  if (notBefore) profile.notBefore = notBefore;
  if (notAfter) profile.notAfter = notAfter;
  if (notBefore && notAfter && notAfter < notBefore) {
    throw pkiError('pki.invalid-validity', { field: `${path}.not_after`, cfsslCode: 5200 });
  }
  const constraint = readCaConstraint(object, path);
  if (constraint) profile.caConstraint = constraint;
  readUrls(object, at, profile);
  const whitelist = readString(object, 'name_whitelist', at);
  if (whitelist !== undefined && whitelist !== '') {
    profile.nameWhitelist = whitelist;
  }
  if (readBool(object, 'ocsp_no_check', at)) profile.ocspNoCheck = true;
  return profile;
}

function readUsages(object: JsonObject, path: string, isDefault: boolean, warnings: Warning[]): string[] {
  const at: Location = { struct: 'SigningProfile', path };
  const usages = readStringArray(object, 'usages', at) ?? [];
  const { unknown } = usageEffects(usages);
  const known = usages.filter((u) => !unknown.includes(u));
  if (!isDefault && known.length === 0) {
    throw pkiError('pki.invalid-usages', {
      field: `${path}.usages`,
      allowed: 'signing, key encipherment, server auth, client auth, cert sign',
      params: { field: `${path}.usages`, unknown: unknown.join(', ') },
      cfsslCode: 5200,
    });
  }
  for (const usage of unknown) {
    warnings.push(pkiWarning('pki.unknown-usage', `${path}.usages`, { usage, field: `${path}.usages` }));
  }
  return known;
}

function readTimestamp(object: JsonObject, key: string, path: string): Date | undefined {
  const text = readString(object, key, { struct: 'SigningProfile', path });
  if (text === undefined) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  const part = match ? outOfRangePart(match.slice(1, 7).map(Number) as [number, number, number, number, number, number]) : undefined;
  if (part) {
    throw pkiError('pki.timestamp-out-of-range', { field: `${path}.${key}`, allowed: '2026-01-01T00:00:00Z', params: { field: `${path}.${key}`, value: text, part } });
  }
  const date = match ? new Date(text) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw pkiError('pki.invalid-timestamp', { field: `${path}.${key}`, allowed: '2026-01-01T00:00:00Z', params: { field: `${path}.${key}`, value: text } });
  }
  return date;
}

/**
 * The part of a date that does not exist (2020-02-30), named as Go's time.Parse names it ("day out of
 * range", time/format.go); JavaScript's Date would roll it over into the next month instead.
 */
function outOfRangePart([year, month, day, hour, minute, second]: [number, number, number, number, number, number]): string | undefined {
  if (month < 1 || month > 12) return 'month';
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return 'day';
  if (hour > 23) return 'hour';
  if (minute > 59) return 'minute';
  if (second > 59) return 'second';
  return undefined;
}

function readCaConstraint(object: JsonObject, path: string): CaConstraint | undefined {
  const constraint = readObject(object, 'ca_constraint', { struct: 'SigningProfile', path }, 'config.CAConstraint');
  if (!constraint) return undefined;
  const at: Location = { struct: 'SigningProfile', path: `${path}.ca_constraint` };
  return {
    isCa: readBool(constraint, 'is_ca', at) ?? false,
    maxPathLen: readInt(constraint, 'max_path_len', at) ?? 0,
    maxPathLenZero: readBool(constraint, 'max_path_len_zero', at) ?? false,
  };
}

function readUrls(object: JsonObject, at: Location, profile: SigningProfile): void {
  const ocsp = readString(object, 'ocsp_url', at);
  if (ocsp) profile.ocspUrl = ocsp;
  const crl = readString(object, 'crl_url', at);
  if (crl) profile.crlUrl = crl;
  const issuers = readStringArray(object, 'issuer_urls', at);
  if (issuers && issuers.length > 0) profile.issuerUrls = issuers;
}

/** Picks `-profile`; an unknown name falls back to `default` like cfssl, but with a warning. */
export function resolveProfile(config: SigningConfig, name?: string): { profile: SigningProfile; name: string; warnings: Warning[] } {
  if (name === undefined || name === '' || name === 'default') return { profile: config.default, name: 'default', warnings: [] };
  const profile = Object.hasOwn(config.profiles, name) ? config.profiles[name] : undefined;
  if (profile) return { profile, name, warnings: [] };
  const known = Object.keys(config.profiles);
  const warning = pkiWarning('pki.unknown-profile', 'profile', { profile: name, known: known.length > 0 ? known.join(', ') : '-' });
  return { profile: config.default, name: 'default', warnings: [warning] };
}
