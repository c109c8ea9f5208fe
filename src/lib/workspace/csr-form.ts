// The form view of a CSR JSON file (CN, names, key, hosts) and of ca-config.json (profiles).
import { usageEffects } from '../pki/usages';
import { asObject, asString, asStringList, getField, parseJsonObject, setField, stringifyJson } from './json-text';

export const NAME_FIELDS = ['C', 'ST', 'L', 'O', 'OU'] as const;
export type NameField = (typeof NAME_FIELDS)[number];
export type NameForm = Record<NameField, string>;

export interface CsrForm {
  CN: string;
  names: NameForm[];
  key: { algo: string; size: number };
  hosts: string[];
}

export function emptyName(): NameForm {
  return { C: '', ST: '', L: '', O: '', OU: '' };
}

/** The form view; throws `workspace.json-syntax` / `workspace.not-an-object` when the text is not an object. */
export function readCsrForm(text: string): CsrForm {
  const object = parseJsonObject(text);
  const names = Array.isArray(getField(object, 'names')) ? (getField(object, 'names') as unknown[]) : [];
  const key = asObject(getField(object, 'key')) ?? {};
  const size = getField(key, 'size');
  return {
    CN: asString(getField(object, 'CN')),
    names: names.map((entry) => {
      const name = asObject(entry) ?? {};
      const form = emptyName();
      for (const field of NAME_FIELDS) form[field] = asString(getField(name, field));
      return form;
    }),
    // cfssl's pre-filled default key is ECDSA P-256 (docs/cfssl-compatibility.md, CSR JSON).
    key: { algo: asString(getField(key, 'algo')) || 'ecdsa', size: typeof size === 'number' ? size : 256 },
    hosts: asStringList(getField(object, 'hosts')),
  };
}

/** Writes FORM into TEXT, keeping keys the form does not own (ca, serialnumber, E, OID...). */
export function applyCsrForm(text: string, form: CsrForm): string {
  const object = parseJsonObject(text);
  setField(object, 'CN', form.CN);
  const oldNames = Array.isArray(getField(object, 'names')) ? (getField(object, 'names') as unknown[]) : [];
  setField(
    object,
    'names',
    form.names.map((name, i) => {
      const target = { ...(asObject(oldNames[i]) ?? {}) };
      for (const field of NAME_FIELDS) setField(target, field, name[field] === '' ? undefined : name[field]);
      return target;
    }),
  );
  const key = { ...(asObject(getField(object, 'key')) ?? {}) };
  setField(key, 'algo', form.key.algo);
  setField(key, 'size', form.key.size);
  setField(object, 'key', key);
  if (form.hosts.length > 0 || getField(object, 'hosts') !== undefined) setField(object, 'hosts', [...form.hosts]);
  return stringifyJson(object);
}

export interface ProfileForm {
  name: string;
  expiry: string;
  usages: string[];
}

export interface ConfigForm {
  defaultProfile: ProfileForm;
  profiles: ProfileForm[];
}

function readProfile(name: string, value: unknown): ProfileForm {
  const profile = asObject(value) ?? {};
  return { name, expiry: asString(getField(profile, 'expiry')), usages: asStringList(getField(profile, 'usages')) };
}

function signingSection(object: Record<string, unknown>): Record<string, unknown> {
  return asObject(getField(object, 'signing')) ?? {};
}

export function readConfigForm(text: string): ConfigForm {
  const signing = signingSection(parseJsonObject(text));
  const profiles = asObject(getField(signing, 'profiles')) ?? {};
  return {
    defaultProfile: readProfile('default', getField(signing, 'default')),
    profiles: Object.entries(profiles).map(([name, value]) => readProfile(name, value)),
  };
}

function writeProfile(target: Record<string, unknown>, form: ProfileForm): Record<string, unknown> {
  const profile = { ...target };
  setField(profile, 'expiry', form.expiry === '' ? undefined : form.expiry);
  setField(profile, 'usages', form.usages.length === 0 && getField(profile, 'usages') === undefined ? undefined : [...form.usages]);
  return profile;
}

export function applyConfigForm(text: string, form: ConfigForm): string {
  const object = parseJsonObject(text);
  const signing = { ...signingSection(object) };
  setField(signing, 'default', writeProfile(asObject(getField(signing, 'default')) ?? {}, form.defaultProfile));
  const oldProfiles = asObject(getField(signing, 'profiles')) ?? {};
  const profiles: Record<string, unknown> = {};
  for (const profile of form.profiles) profiles[profile.name] = writeProfile(asObject(oldProfiles[profile.name]) ?? {}, profile);
  setField(signing, 'profiles', profiles);
  setField(object, 'signing', signing);
  return stringifyJson(object);
}

/** Profile names for the request's profile picker; [] while the config does not parse. */
export function profileNames(configText: string): string[] {
  try {
    return readConfigForm(configText).profiles.map((p) => p.name);
  } catch {
    return [];
  }
}

/** Whether cfssl can sign with these usages: it refuses a profile that yields no key usage and no extended key usage (signer.go FillTemplate). */
export function usagesCanSign(usages: readonly string[]): boolean {
  const { keyUsageBits, extKeyUsageOids } = usageEffects(usages);
  return keyUsageBits.length > 0 || extKeyUsageOids.length > 0;
}

/**
 * The profile a new or imported request starts on: a profile named after the request (`etcd` for
 * etcd-csr.json), else `default` when it can sign, else the first profile that can sign what the
 * request looks like (with hosts: `server auth`; without: `client auth`), else any profile that can
 * sign. The guide's ca-config.json has a `default` without usages, on which cfssl signs nothing.
 */
export function suggestedProfile(configText: string, requestName: string, csrJson: string): string {
  let config: ConfigForm;
  try {
    config = readConfigForm(configText);
  } catch {
    return 'default';
  }
  if (config.profiles.some((p) => p.name === requestName)) return requestName;
  if (usagesCanSign(config.defaultProfile.usages)) return 'default';
  let hasHosts = false;
  try {
    hasHosts = asStringList(getField(parseJsonObject(csrJson), 'hosts')).length > 0;
  } catch {
    /* a request that does not parse yet: no hosts */
  }
  const usable = config.profiles.filter((p) => usagesCanSign(p.usages));
  const wanted = hasHosts ? 'server auth' : 'client auth';
  return (usable.find((p) => p.usages.includes(wanted)) ?? usable[0])?.name ?? 'default';
}
