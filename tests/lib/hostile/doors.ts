// The entry points ("doors") the hostile-input corpus knocks on, each turning one input into one line
// that says what became of it: a coded refusal (`pki.json-type at key.size`), a safe result (`dns
// example.com`, `ok`), or `CRASH ...` when something other than a KubeprepError escaped, which no case
// ever expects. Every door calls the same src/lib function the app and the CLI call.
import { defaultPlan, certificateSet, lintPlan, parsePlanJson, planFromJson, validatePlan, parseCidr, type ClusterPlan } from '../../../src/lib/cluster';
import { KubeprepError } from '../../../src/lib/errors';
import { dictionary } from '../../../src/lib/i18n';
import type { HostileCase } from './case';
import type { Material } from './material';
import { cliOutcome, type CliInput } from './cli';
import { collectFiles, classifyFiles, memorySource } from '../../../src/lib/inventory';
import {
  certInfo,
  checkNameWhitelists,
  checkKeySpec,
  defaultSigningConfig,
  generateCertificate,
  loadCertificateAuthority,
  signCsrPem,
  classifyHost,
  csrInfo,
  decryptPrivateKeyPem,
  formatIp,
  generateKeyPair,
  type KeyPair,
  importPrivateKeyPem,
  parseConfigJson,
  parseCsrJson,
  parseGoDuration,
  parseIp,
  parseSubjectJson,
  resolveProfile,
} from '../../../src/lib/pki';
import { completeOptions, parseHostsFlag, parseHostsText, validateOptions, type ScriptOptions } from '../../../src/lib/scripts';
import { addRequest, checkPemSlot, containsPrivateKey, inspectPem, readConfigForm, readCsrForm, renameRequest, storableText, withoutPrivateKeysIn, type Workspace } from '../../../src/lib/workspace';

type Door = (input: unknown) => string | Promise<string>;

/** One P-256 key for every request the sign door generates: key generation is not what is tested there. */
const SIGN_DOOR_KEY: { key?: KeyPair } = {};
export async function prepareDoors(): Promise<void> {
  SIGN_DOOR_KEY.key ??= await generateKeyPair({ algo: 'ecdsa', size: 256 });
}

/** `code at field` for a refusal: the code says what, the field says where. */
export function refusal(error: KubeprepError): string {
  return error.field === undefined ? error.code : `${error.code} at ${error.field}`;
}

const codes = (list: readonly { code: string }[]) => [...new Set(list.map((w) => w.code))].sort().join(' ');
const withWarnings = (head: string, list: readonly { code: string }[] | undefined) => (list && list.length > 0 ? `${head} warn ${codes(list)}` : head);
const text = (input: unknown) => input as string;

/** The plan every `plan` case changes one part of: three control planes, three workers, valid. */
function basePlan(): ClusterPlan {
  return {
    ...defaultPlan(),
    controlPlane: [
      { name: 'cp-1', ip: '10.0.0.11' },
      { name: 'cp-2', ip: '10.0.0.12' },
      { name: 'cp-3', ip: '10.0.0.13' },
    ],
    workers: [{ name: 'worker-1', ip: '10.0.0.21' }],
    apiEndpoint: { vip: '10.0.0.10', dnsName: 'api.prod.example', port: 6443 },
    loadBalancer: { kind: 'external', interface: 'eth0' },
  };
}

function lintCodes(plan: ClusterPlan): Set<string> {
  const result = validatePlan(plan);
  if (!result.ok) return new Set();
  return new Set(lintPlan(result.resolved, certificateSet(result.resolved), new Date('2026-06-01T00:00:00Z')).map((f) => f.code));
}
const BASELINE_LINT = lintCodes(basePlan());

/** A plan's fate: every refusal in field order, or `ok` and the lint findings the change added. */
function judgePlan(plan: ClusterPlan, readErrors: readonly KubeprepError[]): string {
  if (readErrors.length > 0) return readErrors.map(refusal).join('; ');
  const result = validatePlan(plan);
  if (!result.ok) return result.errors.map(refusal).join('; ');
  const added = [...lintCodes(plan)].filter((code) => !BASELINE_LINT.has(code)).sort();
  return added.length > 0 ? `ok warn ${added.join(' ')}` : 'ok';
}

async function inventory(entries: readonly { path: string; bytes: Uint8Array; mode?: number }[]): Promise<string> {
  const collected = await collectFiles(
    entries.map((e) => memorySource(e.path, e.bytes, e.mode)),
    { pause: async () => undefined },
  );
  const classified = classifyFiles(collected.files);
  const problems = [...collected.problems, ...classified.problems].map((p) => `${p.code} ${p.path}`);
  const items = classified.files.flatMap((f) => f.items.map((item) => item.label));
  return [`files ${collected.files.length}`, ...problems, ...(items.length > 0 ? [`items ${items.join(' ')}`] : [])].join('; ');
}

/** What the `sign` door signs: a CSR (JSON for gencert, PEM for sign) with an existing CA and a config. */
export interface SignInput {
  ca: { cert: string; key: string };
  csrJson?: string;
  csrPem?: string;
  config?: string;
  profile?: string;
  hostnames?: string[];
}

export const DOORS = {
  /** A CSR JSON as `gencert` reads it (a leaf). */
  csr: (input) => withWarnings('ok', parseCsrJson(text(input)).warnings),
  /** A CSR JSON as `gencert -initca` reads it. */
  initca: (input) => withWarnings('ok', parseCsrJson(text(input), { initca: true }).warnings),
  /** The key object of a CSR (`{"algo","size"}`). */
  'key-spec': (input) => {
    const spec = checkKeySpec(input as { algo: string; size: number });
    return `${spec.algo} ${spec.size}`;
  },
  /** `-subject` JSON (sign's subject override). */
  subject: (input) => {
    parseSubjectJson(text(input));
    return 'ok';
  },
  /** A ca-config.json loaded as -config is (whitelists compiled), then its profile named after `#` (`{...}#etcd`), as sign/gencert -profile resolve it. */
  'ca-config': (input) => {
    const [json, profileName] = splitProfile(text(input));
    const { config, warnings } = parseConfigJson(json);
    checkNameWhitelists(config); // the CLI's next step after loading -config (src/cli/signer-options.ts)
    if (profileName === undefined) return withWarnings('ok', warnings);
    const resolved = resolveProfile(config, profileName);
    return withWarnings(`profile ${resolved.name} expiry ${resolved.profile.expiry}ns`, [...warnings, ...resolved.warnings]);
  },
  /** plan.json text as the CLI's `cluster -plan` and the app's import read it. */
  'plan-json': (input) => {
    const { plan, errors } = parsePlanJson(text(input));
    return judgePlan(plan, errors);
  },
  /** A change to one part of a valid plan (what the cluster screen's fields make). */
  plan: (input) => {
    const { plan, errors } = planFromJson({ ...basePlan(), ...(input as Partial<ClusterPlan>) });
    return judgePlan(plan, errors);
  },
  /** `cfssl gencert -ca -ca-key` (CSR JSON) or `cfssl sign` (CSR PEM) with an existing CA: the warnings, or the refusal. */
  sign: async (input) => {
    const { ca: pair, csrJson, csrPem, config: configText, profile, hostnames } = input as SignInput;
    const ca = await loadCertificateAuthority(pair.cert, pair.key);
    const config = configText === undefined ? defaultSigningConfig() : parseConfigJson(configText).config;
    const options = { now: new Date('2026-06-01T00:00:00Z'), ...(profile === undefined ? {} : { profile }), ...(hostnames === undefined ? {} : { hostnames }) };
    const issued = csrPem !== undefined ? await signCsrPem(csrPem, ca, config, options) : await generateCertificate(parseCsrJson(csrJson!), ca, config, { ...options, key: SIGN_DOOR_KEY.key });
    const info = await certInfo(issued.certPem);
    return withWarnings(`signed CN=${info.subject.common_name ?? ''} sans=${info.sans.join(',')}`, issued.warnings);
  },
  /** A PEM certificate as certinfo -cert reads it. */
  'pem-certificate': async (input) => `subject CN=${(await certInfo(text(input))).subject.common_name}`,
  /** A PEM CSR as certinfo -csr reads it. */
  'pem-csr': async (input) => `subject CN=${(await csrInfo(text(input))).subject.common_name}`,
  /** A PEM private key as -ca-key and the CA key slot read it. */
  'pem-key': async (input) => {
    const key = await importPrivateKeyPem(text(input));
    return `key ${key.spec.algo} ${key.spec.size}`;
  },
  /** An encrypted key with the passphrase after `#`. */
  'encrypted-key': async (input) => {
    const [pem, passphrase] = text(input).split('#');
    await decryptPrivateKeyPem(pem!, passphrase ?? '');
    return 'decrypted';
  },
  /** Whatever is pasted into Inspect: one line per block found. */
  inspect: async (input) => {
    const blocks = await inspectPem(text(input), { now: new Date('2026-06-01T00:00:00Z') });
    if (blocks.length === 0) return 'no blocks';
    return blocks.map((b) => (b.kind === 'error' ? `error ${refusal(b.error)}` : b.kind === 'other' ? `other ${b.label}` : b.kind)).join('; ');
  },
  /** The CA slots of the workspace: `certificate` or `private-key` slot after `#`. */
  'ca-slot': (input) => {
    const [pem, slot] = text(input).split('#');
    checkPemSlot(pem!, slot as 'certificate' | 'private-key', 'ca.pem');
    return 'accepted';
  },
  /** One entry of `hosts`: how it becomes a SAN. */
  host: (input) => {
    const { kind, value } = classifyHost(text(input));
    return `${kind} ${value}`;
  },
  /** A Go duration string (profile expiry, -expiry flags). */
  duration: (input) => `${parseGoDuration(text(input), 'expiry')}ns`,
  /** An IP address as net.ParseIP reads it. */
  ip: (input) => {
    const bytes = parseIp(text(input));
    return bytes ? `ip ${formatIp(bytes)}` : 'not an ip';
  },
  /** A CIDR of the cluster plan. */
  cidr: (input) => {
    const parsed = parseCidr(text(input));
    return 'problem' in parsed ? `cidr ${parsed.problem}` : 'cidr ok';
  },
  /** Options of the script generators (what the form and the CLI flags set). */
  'script-options': (input) => {
    const options = { ...completeOptions({}), ...(input as Partial<ScriptOptions>) };
    validateOptions(options);
    return 'ok';
  },
  /** The -hosts flag and the hosts text area of the scripts screen, then validation of the entries. */
  'hosts-flag': (input) => {
    const hosts = parseHostsFlag(text(input));
    validateOptions({ ...completeOptions({}), hosts }, ['hosts']);
    return `entries ${hosts.length}`;
  },
  'hosts-text': (input) => {
    const hosts = parseHostsText(text(input));
    validateOptions({ ...completeOptions({}), hosts }, ['hosts']);
    return `entries ${hosts.length}`;
  },
  /** Files dropped on the expiry screen (loose files, zips, tarballs): what was read and what was refused. */
  archive: (input) => inventory(input as { path: string; bytes: Uint8Array; mode?: number }[]),
  /** What storage keeps of a text input: must hold no private key; `kept N chars` says how much survived. */
  storage: (input) => {
    const kept = storableText(text(input));
    if (containsPrivateKey(kept)) return 'KEY SURVIVED';
    return kept === text(input) ? 'kept all' : `kept ${JSON.stringify(shape(kept))}`;
  },
  /** A JSON value (a JWK, a workspace) through the storage filter. */
  'storage-json': (input) => JSON.stringify(withoutPrivateKeysIn(input)),
  /** The CSR form read from hostile JSON text (the form never throws: it shows what it can). */
  'csr-form': (input) => JSON.stringify(readCsrForm(text(input))),
  'config-form': (input) => JSON.stringify(readConfigForm(text(input))),
  /** A request name in the workspace (it becomes a file name in the zip). */
  'request-name': (input) => {
    const workspace: Workspace = { config: '{}', caCsr: '{}', requests: [] };
    addRequest(workspace, 'taken');
    const request = addRequest(workspace, 'first');
    renameRequest(workspace, request.id, text(input));
    return `name ${request.name}`;
  },
  /** The `kubeprep` command itself, on files in a fresh directory (see cli.ts). */
  cli: (input) => cliOutcome(input as CliInput),
} satisfies Record<string, Door>;

export type DoorName = keyof typeof DOORS;

/** TEXT with PEM blocks shown as `<LABEL>` and long base64 as `<base64>`, blank space squeezed: what was kept, whatever the key sizes. */
function shape(kept: string): string {
  return kept
    .replace(/-----BEGIN ([^-]+)-----[\s\S]*?-----END \1-----/g, '<$1>')
    .replace(/[A-Za-z0-9+/]{40,}={0,2}/g, '<base64>')
    .replace(/\s+/g, ' ')
    .trim();
}

function splitProfile(input: string): [string, string | undefined] {
  const at = input.lastIndexOf('}#');
  return at < 0 ? [input, undefined] : [input.slice(0, at + 1), input.slice(at + 2)];
}

/** What became of INPUT at DOOR, as one line; a refusal's code must have words in both languages. */
export async function outcome(testCase: HostileCase, material: Material): Promise<string> {
  const input = typeof testCase.input === 'function' ? await (testCase.input as (m: Material) => unknown)(material) : testCase.input;
  try {
    return await DOORS[testCase.door](input);
  } catch (error) {
    if (!(error instanceof KubeprepError)) return `CRASH ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
    for (const locale of ['en', 'zh-CN'] as const) {
      if (!(`error.${error.code}` in dictionary(locale))) return `NO WORDS in ${locale} for ${error.code}`;
    }
    return refusal(error);
  }
}
