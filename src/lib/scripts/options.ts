// The options the three scripts are generated from, which values each field may take for a given
// release (read from the facts table), and the validation the CLI refuses with. The UI asks
// `allowedValues` so it never offers a combination that does not exist.
import { KubeprepError } from '../errors';
import { LOCALES, type Locale } from '../i18n';
import { ARCHES, KERNELS, MIRRORS, RELEASE_FACTS, RELEASES, type Arch, type KernelFlavour, type Mirror, type Release } from './releases';

export const SCRIPT_NAMES = ['kernel-upgrade', 'node-prep', 'verify-node'] as const;
export type ScriptName = (typeof SCRIPT_NAMES)[number];

export const FIREWALL_CHOICES = ['disable', 'open', 'keep'] as const;
export type FirewallChoice = (typeof FIREWALL_CHOICES)[number];

export const PROXY_MODES = ['iptables', 'ipvs', 'nftables'] as const;
export type ProxyMode = (typeof PROXY_MODES)[number];

export const REBOOT_CHOICES = ['later', 'now'] as const;
export type RebootChoice = (typeof REBOOT_CHOICES)[number];

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
  /** EL8 only: add systemd.unified_cgroup_hierarchy=1 to every boot entry. */
  cgroupV2: boolean;
  locale: Locale;
}

export type OptionField = keyof ScriptOptions;
type OptionValue = ScriptOptions[OptionField];

/** Which fields shape which script; the header and the regenerate command list only these. */
export const SCRIPT_FIELDS: Readonly<Record<ScriptName, readonly OptionField[]>> = {
  'kernel-upgrade': ['release', 'arch', 'kernel', 'mirror', 'updateFirst', 'reboot', 'locale'],
  'node-prep': ['release', 'firewall', 'proxyMode', 'cgroupV2', 'locale'],
  'verify-node': ['release', 'kernel', 'proxyMode', 'locale'],
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
  locale: 'lang',
};

/** Preferred values; a release that lacks one gets the first value it allows. */
const PREFERRED: ScriptOptions = {
  release: 'el9',
  arch: 'x86_64',
  kernel: 'kernel-lt',
  mirror: 'elrepo',
  updateFirst: true,
  reboot: 'later',
  firewall: 'disable',
  proxyMode: 'iptables',
  cgroupV2: true,
  locale: 'en',
};

/** Every value a field may take on the given release (the other fields do not constrain each other). */
export function allowedValues<F extends OptionField>(field: F, release: Release): readonly ScriptOptions[F][] {
  const facts = RELEASE_FACTS[release];
  const table: { [K in OptionField]: readonly ScriptOptions[K][] } = {
    release: RELEASES,
    arch: facts.arches,
    kernel: facts.kernels,
    mirror: facts.mirrors,
    updateFirst: [true, false],
    reboot: REBOOT_CHOICES,
    firewall: FIREWALL_CHOICES,
    proxyMode: facts.nftables ? PROXY_MODES : PROXY_MODES.filter((m) => m !== 'nftables'),
    cgroupV2: facts.cgroupV2 === 'switchable' ? [true, false] : [facts.cgroupV2 === 'default'],
    locale: LOCALES,
  };
  return table[field];
}

/** Every value a field may take on some release: what the CLI parses before checking the combination. */
export function knownValues(field: OptionField): readonly OptionValue[] {
  const all: { [K in OptionField]: readonly ScriptOptions[K][] } = {
    release: RELEASES,
    arch: ARCHES,
    kernel: KERNELS,
    mirror: MIRRORS,
    updateFirst: [true, false],
    reboot: REBOOT_CHOICES,
    firewall: FIREWALL_CHOICES,
    proxyMode: PROXY_MODES,
    cgroupV2: [true, false],
    locale: LOCALES,
  };
  return all[field];
}

/** Fills the missing fields (and replaces values the release lacks) with the nearest valid choice. */
export function completeOptions(partial: Partial<ScriptOptions>): ScriptOptions {
  const release = partial.release && RELEASES.includes(partial.release) ? partial.release : PREFERRED.release;
  const result = { ...PREFERRED, release } as Record<OptionField, OptionValue>;
  for (const field of Object.keys(PREFERRED) as OptionField[]) {
    if (field === 'release') continue;
    const allowed = allowedValues(field, release) as readonly OptionValue[];
    const wanted = partial[field];
    result[field] = wanted !== undefined && allowed.includes(wanted) ? wanted : allowed.includes(PREFERRED[field]) ? PREFERRED[field] : allowed[0]!;
  }
  return result as unknown as ScriptOptions;
}

const REASONS: Partial<Record<OptionField, { code: string; why: (release: Release) => string }>> = {
  arch: { code: 'scripts.unsupportedArch', why: (r) => `ELRepo builds no ${r} kernels for this architecture (aarch64 only on EL9)` },
  kernel: { code: 'scripts.unsupportedKernel', why: (r) => `ELRepo ships no such kernel for ${r} (EL10 has kernel-ml only)` },
  mirror: { code: 'scripts.unsupportedMirror', why: (r) => `this mirror does not carry ELRepo's ${r} tree` },
  proxyMode: { code: 'scripts.unsupportedProxyMode', why: (r) => `${r} ships nft older than 1.0.1, which kube-proxy's nftables mode needs` },
  cgroupV2: {
    code: 'scripts.unsupportedCgroup',
    why: (r) => (r === 'el7' ? "CentOS 7's systemd 219 cannot run cgroup v2" : `${r} boots cgroup v2 already`),
  },
};

function describe(value: OptionValue): string {
  return String(value);
}

/**
 * Refuses a combination that does not exist, naming the field (as its CLI flag), the reason and what
 * that release allows. Values outside every release's list are `scripts.invalidValue`.
 */
export function validateOptions(options: ScriptOptions, fields: readonly OptionField[] = Object.keys(PREFERRED) as OptionField[]): void {
  for (const field of fields) {
    const value = options[field];
    const flag = FIELD_FLAGS[field];
    if (!knownValues(field).includes(value)) {
      const allowed = knownValues(field).map(describe).join(', ');
      throw new KubeprepError('scripts.invalidValue', `-${flag}: "${describe(value)}" is not one of ${allowed}`, {
        field: flag,
        allowed,
        params: { flag, value: describe(value), allowed },
      });
    }
    const allowedHere = allowedValues(field, options.release) as readonly OptionValue[];
    if (!allowedHere.includes(value)) {
      const allowed = allowedHere.map(describe).join(', ');
      const reason = REASONS[field];
      const why = reason ? reason.why(options.release) : 'not available here';
      throw new KubeprepError(reason?.code ?? 'scripts.invalidValue', `-${flag}=${describe(value)} is not possible on ${options.release}: ${why}; allowed: ${allowed}`, {
        field: flag,
        allowed,
        params: { flag, value: describe(value), release: options.release, allowed },
      });
    }
  }
}

/** Every valid option set for one script, for exhaustive tests (locale included). */
export function enumerateOptions(script: ScriptName): ScriptOptions[] {
  const fields = SCRIPT_FIELDS[script].filter((f) => f !== 'release');
  const results: ScriptOptions[] = [];
  for (const release of RELEASES) {
    let partials: Partial<ScriptOptions>[] = [{ release }];
    for (const field of fields) {
      partials = partials.flatMap((p) => (allowedValues(field, release) as readonly OptionValue[]).map((v) => ({ ...p, [field]: v })));
    }
    results.push(...partials.map(completeOptions));
  }
  return results;
}
