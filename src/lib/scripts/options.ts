// The options the four scripts are generated from, which values each choice may take for a given
// release and Kubernetes minor (read from the facts table), the checks on the free-text fields, and the
// validation the CLI and the UI refuse with. The UI asks `allowedValues`, so it never offers a
// combination that does not exist.
import { KubeprepError } from '../errors';
import { LOCALES, type Locale, type MessageKey } from '../i18n';
import { messageRef } from '../i18n/params';
import { parseAddress } from '../cluster/cidr';
import { isDnsLabel, isDnsSubdomain } from '../cluster/validate';
import type { ScriptsErrorCode } from './errors';
import { isImageRepository, SUGGESTED_IMAGE_REPOSITORIES } from './image-repository';
import {
  ARCHES,
  DEFAULT_API_SERVER_PORT,
  DEFAULT_IMAGE_REPOSITORY,
  KERNELS,
  KUBERNETES_MINORS,
  KUBERNETES_THRESHOLDS,
  MIRRORS,
  NODE_ROLES,
  RELEASE_FACTS,
  RELEASES,
  minorNumber,
  newestMinorFor,
  type Arch,
  type KernelFlavour,
  type KubernetesMinor,
  type Mirror,
  type NodeRole,
  type Release,
} from './releases';

export { isImageRepository };

export const SCRIPT_NAMES = ['kernel-upgrade', 'node-prep', 'container-runtime', 'verify-node'] as const;
export type ScriptName = (typeof SCRIPT_NAMES)[number];

export const FIREWALL_CHOICES = ['disable', 'open', 'keep'] as const;
export type FirewallChoice = (typeof FIREWALL_CHOICES)[number];

export const PROXY_MODES = ['iptables', 'ipvs', 'nftables'] as const;
export type ProxyMode = (typeof PROXY_MODES)[number];

export const REBOOT_CHOICES = ['later', 'now'] as const;
export type RebootChoice = (typeof REBOOT_CHOICES)[number];

/** One line of the managed /etc/hosts block. */
export interface HostsEntry {
  ip: string;
  name: string;
}

export interface ScriptOptions {
  release: Release;
  arch: Arch;
  kernel: KernelFlavour;
  mirror: Mirror;
  /** `yum update --exclude=kernel*` before the kernel, as the guide does. */
  updateFirst: boolean;
  reboot: RebootChoice;
  firewall: FirewallChoice;
  proxyMode: ProxyMode;
  /** Add systemd.unified_cgroup_hierarchy=1 to every boot entry when the host runs cgroup v1. */
  cgroupV2: boolean;
  kubernetesVersion: KubernetesMinor;
  role: NodeRole;
  /** kube-apiserver's port on a control plane (kubeadm bindPort), opened in firewalld. */
  apiServerPort: number;
  /** Where kubeadm pulls images from; the sandbox (pause) image comes from here too. */
  imageRepository: string;
  /** The node's name; empty leaves the hostname as it is. */
  hostname: string;
  /** The managed /etc/hosts block; empty writes none. */
  hosts: readonly HostsEntry[];
  locale: Locale;
}

export type OptionField = keyof ScriptOptions;
/** Fields with a closed list of values (selects and checkboxes in the UI). */
export type ChoiceField = Exclude<OptionField, TextField>;
/** Fields a person types. */
export type TextField = 'apiServerPort' | 'imageRepository' | 'hostname' | 'hosts';
export const TEXT_FIELDS: readonly TextField[] = ['apiServerPort', 'imageRepository', 'hostname', 'hosts'];
type ChoiceValue = ScriptOptions[ChoiceField];

/** Which fields shape which script; the header and the regenerate command list only these. */
export const SCRIPT_FIELDS: Readonly<Record<ScriptName, readonly OptionField[]>> = {
  'kernel-upgrade': ['release', 'arch', 'kernel', 'mirror', 'updateFirst', 'reboot', 'locale'],
  'node-prep': ['release', 'mirror', 'kubernetesVersion', 'role', 'apiServerPort', 'firewall', 'proxyMode', 'cgroupV2', 'hostname', 'hosts', 'locale'],
  'container-runtime': ['release', 'mirror', 'kubernetesVersion', 'imageRepository', 'locale'],
  'verify-node': ['release', 'kubernetesVersion', 'role', 'apiServerPort', 'firewall', 'proxyMode', 'imageRepository', 'hostname', 'hosts', 'locale'],
};

/** The CLI flag of each field, cfssl style (`-proxy-mode=ipvs`). */
export const FIELD_FLAGS: Readonly<Record<OptionField, string>> = {
  release: 'release',
  arch: 'arch',
  kernel: 'kernel',
  mirror: 'mirror',
  updateFirst: 'update-first',
  reboot: 'reboot',
  firewall: 'firewall',
  proxyMode: 'proxy-mode',
  cgroupV2: 'cgroup-v2',
  kubernetesVersion: 'kubernetes-version',
  role: 'role',
  apiServerPort: 'apiserver-port',
  imageRepository: 'image-repository',
  hostname: 'hostname',
  hosts: 'hosts',
  locale: 'lang',
};

/** Preferred values; a release that lacks one gets the first value it allows. */
const PREFERRED: ScriptOptions = {
  release: 'el9',
  arch: 'x86_64',
  kernel: 'kernel-lt',
  mirror: 'official',
  updateFirst: true,
  reboot: 'later',
  firewall: 'disable',
  proxyMode: 'iptables',
  cgroupV2: true,
  kubernetesVersion: '1.35',
  role: 'worker',
  apiServerPort: DEFAULT_API_SERVER_PORT,
  imageRepository: DEFAULT_IMAGE_REPOSITORY,
  hostname: '',
  hosts: [],
  locale: 'en',
};

/** Choice fields in the order their allowed values depend on each other. */
const CHOICE_FIELDS: readonly ChoiceField[] = [
  'release', 'kubernetesVersion', 'cgroupV2', 'arch', 'kernel', 'mirror', 'updateFirst', 'reboot', 'firewall', 'proxyMode', 'role', 'locale',
];

/** The scripts that exist for a release: the ELRepo kernel only on RHEL and its rebuilds. */
export function scriptsFor(release: Release): ScriptName[] {
  return SCRIPT_NAMES.filter((name) => name !== 'kernel-upgrade' || RELEASE_FACTS[release].elrepo !== null);
}

export interface Context {
  release: Release;
  kubernetesVersion?: KubernetesMinor;
}

/** Every value a choice may take on the given release (and, for cgroupV2, Kubernetes minor). */
export function allowedValues<F extends ChoiceField>(field: F, context: Context): readonly ScriptOptions[F][] {
  const facts = RELEASE_FACTS[context.release];
  const minor = minorNumber(context.kubernetesVersion ?? PREFERRED.kubernetesVersion);
  const cgroup: readonly boolean[] =
    facts.cgroupV2 === 'impossible' ? [false] : facts.cgroupV2 === 'default' || minor >= KUBERNETES_THRESHOLDS.cgroupV2Required ? [true] : [true, false];
  const table: { [K in ChoiceField]: readonly ScriptOptions[K][] } = {
    release: RELEASES,
    arch: facts.elrepo?.arches ?? ARCHES,
    kernel: facts.elrepo?.kernels ?? KERNELS,
    mirror: facts.mirrors,
    updateFirst: [true, false],
    reboot: REBOOT_CHOICES,
    firewall: FIREWALL_CHOICES,
    proxyMode: facts.nftables ? PROXY_MODES : PROXY_MODES.filter((m) => m !== 'nftables'),
    cgroupV2: cgroup,
    kubernetesVersion: KUBERNETES_MINORS.filter((v) => minorNumber(v) <= newestMinorFor(context.release)),
    role: NODE_ROLES,
    locale: LOCALES,
  };
  return table[field];
}

/** Every value a choice may take on some release: what the CLI parses before checking the combination. */
export function knownValues(field: ChoiceField): readonly ChoiceValue[] {
  const all: { [K in ChoiceField]: readonly ScriptOptions[K][] } = {
    release: RELEASES,
    arch: ARCHES,
    kernel: KERNELS,
    mirror: MIRRORS,
    updateFirst: [true, false],
    reboot: REBOOT_CHOICES,
    firewall: FIREWALL_CHOICES,
    proxyMode: PROXY_MODES,
    cgroupV2: [true, false],
    kubernetesVersion: KUBERNETES_MINORS,
    role: NODE_ROLES,
    locale: LOCALES,
  };
  return all[field];
}

function isTextValue(field: TextField, value: unknown): boolean {
  if (field === 'apiServerPort') return typeof value === 'number';
  if (field === 'hosts') return Array.isArray(value) && value.every((e) => typeof e === 'object' && e !== null && typeof e.ip === 'string' && typeof e.name === 'string');
  return typeof value === 'string';
}

/**
 * Fills the missing choices (and replaces values the release lacks) with the nearest valid one. Text
 * fields keep what was typed, even when invalid: generating refuses them with a message, and nothing
 * a person typed is lost.
 */
export function completeOptions(partial: Partial<ScriptOptions>): ScriptOptions {
  const result = { ...PREFERRED } as Record<OptionField, unknown>;
  for (const field of CHOICE_FIELDS) {
    const allowed = allowedValues(field, result as unknown as Context) as readonly ChoiceValue[];
    const wanted = partial[field];
    result[field] = wanted !== undefined && allowed.includes(wanted) ? wanted : allowed.includes(PREFERRED[field]) ? PREFERRED[field] : allowed[0]!;
  }
  for (const field of TEXT_FIELDS) {
    if (isTextValue(field, partial[field])) result[field] = partial[field];
  }
  return result as unknown as ScriptOptions;
}

/** Why a value the field knows is not available with these options: the code and, where one code has several causes, the cause. */
type Reason = { code: ScriptsErrorCode; cause?: (options: ScriptOptions) => MessageKey };

const REASONS: Partial<Record<ChoiceField, Reason>> = {
  arch: { code: 'scripts.unsupported-arch' },
  kernel: { code: 'scripts.unsupported-kernel' },
  mirror: { code: 'scripts.unsupported-mirror' },
  proxyMode: { code: 'scripts.unsupported-proxy-mode' },
  cgroupV2: {
    code: 'scripts.unsupported-cgroup',
    cause: (o) =>
      RELEASE_FACTS[o.release].cgroupV2 === 'impossible'
        ? 'scripts.cause.cgroup-v2-impossible'
        : RELEASE_FACTS[o.release].cgroupV2 === 'default'
          ? 'scripts.cause.cgroup-v2-default'
          : 'scripts.cause.cgroup-v1-refused',
  },
  kubernetesVersion: {
    code: 'scripts.unsupported-kubernetes-version',
    cause: (o) => (RELEASE_FACTS[o.release].cgroupV2 === 'impossible' ? 'scripts.cause.needs-cgroup-v2' : 'scripts.cause.needs-containerd-2'),
  },
};

/** Problems with the typed fields: the code, the literal values allowed, the value as typed. */
function textProblem(field: TextField, options: ScriptOptions): { code: ScriptsErrorCode; allowed?: string; value: string } | null {
  switch (field) {
    case 'apiServerPort': {
      const port = options.apiServerPort;
      return Number.isInteger(port) && port >= 1 && port <= 65535 ? null : { code: 'scripts.invalid-port', allowed: '1–65535', value: String(port) };
    }
    case 'imageRepository':
      return isImageRepository(options.imageRepository)
        ? null
        : { code: 'scripts.invalid-image-repository', allowed: SUGGESTED_IMAGE_REPOSITORIES.join(', '), value: options.imageRepository };
    case 'hostname':
      return options.hostname === '' || isDnsLabel(options.hostname) ? null : { code: 'scripts.invalid-hostname', allowed: 'a-z 0-9 -', value: options.hostname };
    case 'hosts': {
      const bad = options.hosts.find((e) => !parseAddress(e.ip) || !isDnsSubdomain(e.name) || e.name !== e.name.toLowerCase());
      return bad ? { code: 'scripts.invalid-hosts-entry', allowed: '10.0.0.11=master-1', value: `${bad.ip} ${bad.name}` } : null;
    }
  }
}

function describe(value: unknown): string {
  return String(value);
}

/**
 * Refuses a combination that does not exist, naming the field (as its CLI flag), the reason and what
 * that release allows, and typed values that would make a broken script. Values outside every
 * release's list are `scripts.invalid-value`.
 */
export function validateOptions(options: ScriptOptions, fields: readonly OptionField[] = Object.keys(PREFERRED) as OptionField[]): void {
  for (const field of CHOICE_FIELDS.filter((f) => fields.includes(f))) {
    const value = options[field];
    const flag = FIELD_FLAGS[field];
    if (!knownValues(field).includes(value)) {
      const allowed = knownValues(field).map(describe).join(', ');
      throw new KubeprepError('scripts.invalid-value', { field: `-${flag}`, allowed, params: { flag, value: describe(value) } });
    }
    const allowedHere = allowedValues(field, options) as readonly ChoiceValue[];
    if (!allowedHere.includes(value)) {
      const allowed = allowedHere.map(describe).join(', ');
      const reason = REASONS[field];
      const params = { flag, value: describe(value), release: options.release, version: options.kubernetesVersion };
      throw new KubeprepError(reason?.code ?? 'scripts.invalid-value', {
        field: `-${flag}`,
        allowed,
        params: reason?.cause ? { ...params, cause: messageRef(reason.cause(options), params) } : params,
      });
    }
  }
  for (const field of TEXT_FIELDS.filter((f) => fields.includes(f))) {
    const problem = textProblem(field, options);
    if (problem) {
      const flag = FIELD_FLAGS[field];
      throw new KubeprepError(problem.code, { field: `-${flag}`, ...(problem.allowed ? { allowed: problem.allowed } : {}), params: { flag, value: problem.value } });
    }
  }
}

/** Refuses a script the release does not have (kernel-upgrade off RHEL and its rebuilds). */
export function checkScriptAvailable(name: ScriptName, release: Release): void {
  const available = scriptsFor(release);
  if (available.includes(name)) return;
  throw new KubeprepError('scripts.unsupported-script', { field: '-release', allowed: available.join(', '), params: { script: name, release } });
}

/** `10.0.0.11=master-1,10.0.0.10=k8s-api.example` (the CLI's -hosts) into entries. */
export function parseHostsFlag(text: string): HostsEntry[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => {
      const at = item.lastIndexOf('=');
      return at < 0 ? { ip: item, name: '' } : { ip: item.slice(0, at).trim(), name: item.slice(at + 1).trim() };
    });
}

export function formatHostsFlag(hosts: readonly HostsEntry[]): string {
  return hosts.map((e) => `${e.ip}=${e.name}`).join(',');
}

/** /etc/hosts style text (`IP NAME [NAME...]` per line, `#` comments) into entries, one per name. */
export function parseHostsText(text: string): HostsEntry[] {
  return text.split('\n').flatMap((line) => {
    const words = line.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) return [];
    if (words.length === 1) return [{ ip: words[0]!, name: '' }];
    return words.slice(1).map((name) => ({ ip: words[0]!, name }));
  });
}

export function formatHostsText(hosts: readonly HostsEntry[]): string {
  return hosts.map((e) => `${e.ip} ${e.name}`).join('\n');
}

/**
 * What each script branches on: the choices whose every combination changes the script's structure
 * (multiplied out), and the Kubernetes thresholds it tests. The other choices only change a URL, a port
 * list or a word, and rotate through their values, as do the typed fields (empty and filled) and the
 * language (every message goes through the same quoting, tested on its own).
 */
const ENUMERATION: Readonly<Record<ScriptName, { multiply: readonly ChoiceField[]; thresholds: readonly number[] }>> = {
  'kernel-upgrade': { multiply: ['updateFirst', 'reboot'], thresholds: [] },
  'node-prep': { multiply: ['cgroupV2', 'firewall'], thresholds: [KUBERNETES_THRESHOLDS.cgroupV2Required] },
  'container-runtime': { multiply: [], thresholds: [KUBERNETES_THRESHOLDS.containerdV2Required] },
  'verify-node': {
    multiply: ['firewall'],
    thresholds: [
      KUBERNETES_THRESHOLDS.conntrackBinaryDropped,
      KUBERNETES_THRESHOLDS.kernel419ErrorFrom,
      KUBERNETES_THRESHOLDS.kernel419ErrorUntil + 1,
      KUBERNETES_THRESHOLDS.cgroupV2Required,
      KUBERNETES_THRESHOLDS.containerdV2Required,
    ],
  },
};

const ROTATING: readonly ChoiceField[] = ['proxyMode', 'mirror', 'arch', 'kernel', 'role', 'locale'];

/** Option sets for the exhaustive shellcheck run: see ENUMERATION. */
export function enumerateOptions(script: ScriptName): ScriptOptions[] {
  const { multiply, thresholds } = ENUMERATION[script];
  const fields = SCRIPT_FIELDS[script];
  const results: ScriptOptions[] = [];
  // One counter across releases, so a script with few combinations per release still sees every value.
  let i = 0;
  for (const release of RELEASES.filter((r) => scriptsFor(r).includes(script))) {
    let partials: Partial<ScriptOptions>[] = versionsAround(release, thresholds).map((kubernetesVersion) => ({ release, kubernetesVersion }));
    for (const field of multiply) {
      partials = partials.flatMap((p) => (allowedValues(field, p as Context) as readonly ChoiceValue[]).map((v) => ({ ...p, [field]: v })));
    }
    for (const partial of partials) {
      for (const field of ROTATING.filter((f) => fields.includes(f))) {
        const allowed = allowedValues(field, partial as Context) as readonly ChoiceValue[];
        (partial as Record<string, unknown>)[field] = allowed[(i + Math.floor(i / allowed.length)) % allowed.length];
      }
      if (i % 2 === 1) Object.assign(partial, SAMPLE_IDENTITY);
      results.push(completeOptions(partial));
      i++;
    }
  }
  return results;
}

const SAMPLE_IDENTITY: Partial<ScriptOptions> = {
  hostname: 'worker-1',
  hosts: [
    { ip: '10.0.0.11', name: 'master-1' },
    { ip: '10.0.0.21', name: 'worker-1' },
    { ip: 'fd00::10', name: 'k8s-api.example.internal' },
  ],
  imageRepository: 'registry.aliyuncs.com/google_containers',
  apiServerPort: 8443,
};

/** One minor below the lowest threshold and each threshold, where the release reaches it (else its newest). */
function versionsAround(release: Release, thresholds: readonly number[]): KubernetesMinor[] {
  const allowed = allowedValues('kubernetesVersion', { release });
  const lowest = Math.min(...thresholds);
  const wanted = new Set([lowest - 1, ...thresholds]);
  const picked = allowed.filter((v) => wanted.has(minorNumber(v)));
  return picked.length > 0 ? picked : [allowed[0]!];
}
