// The one table of facts about EL releases, ELRepo and the mirrors that the three script generators,
// the options validation, the UI and the CLI all read. Sources: shared/spec/kernel-upgrade.md (§1–§3,
// §6); the [Sx] tags below are that file's source list.

export const RELEASES = ['el7', 'el8', 'el9', 'el10'] as const;
export type Release = (typeof RELEASES)[number];

export const ARCHES = ['x86_64', 'aarch64'] as const;
export type Arch = (typeof ARCHES)[number];

export const KERNELS = ['kernel-lt', 'kernel-ml'] as const;
export type KernelFlavour = (typeof KERNELS)[number];

export const MIRRORS = ['elrepo', 'aliyun', 'tuna', 'ustc'] as const;
export type Mirror = (typeof MIRRORS)[number];

export type ElrepoKey = 'v1' | 'v2';

export interface ReleaseFacts {
  major: number;
  /** CentOS 7: repositories in the vault, ELRepo only in archives, no cgroup v2 ever [S1][S12][S24]. */
  legacy: boolean;
  /** `ID=` values of /etc/os-release the script accepts. */
  osIds: readonly string[];
  /** Architectures ELRepo builds kernels for on this release [S2]. */
  arches: readonly Arch[];
  /** kernel-lt is absent on EL10 [S1]. */
  kernels: readonly KernelFlavour[];
  /** Keys the release's elrepo-release package trusts: EL10 v2 only, EL7 v1 only [S1]. */
  keys: readonly ElrepoKey[];
  /** The ELRepo mirrors that carry this release (EL7: archive trees only) [S9][S10][S13]. */
  mirrors: readonly Mirror[];
  packageManager: 'yum' | 'dnf';
  /** systemd boots cgroup v2 by default (EL9+); EL8 can switch; EL7's systemd 219 cannot [S21][S24]. */
  cgroupV2: 'default' | 'switchable' | 'impossible';
  /** nftables kube-proxy needs nft ≥ 1.0.1; EL7 ships 0.8 [S23]. */
  nftables: boolean;
  /** Kernel of a fresh install, for messages. */
  stockKernel: string;
}

export const RELEASE_FACTS: Readonly<Record<Release, ReleaseFacts>> = {
  el7: {
    major: 7,
    legacy: true,
    osIds: ['centos'],
    arches: ['x86_64'],
    kernels: ['kernel-lt', 'kernel-ml'],
    keys: ['v1'],
    mirrors: ['elrepo', 'aliyun', 'ustc'],
    packageManager: 'yum',
    cgroupV2: 'impossible',
    nftables: false,
    stockKernel: '3.10',
  },
  el8: {
    major: 8,
    legacy: false,
    osIds: ['rhel', 'centos', 'rocky', 'almalinux', 'ol'],
    arches: ['x86_64'],
    kernels: ['kernel-lt', 'kernel-ml'],
    keys: ['v1', 'v2'],
    mirrors: ['elrepo', 'aliyun', 'tuna', 'ustc'],
    packageManager: 'dnf',
    cgroupV2: 'switchable',
    nftables: true,
    stockKernel: '4.18',
  },
  el9: {
    major: 9,
    legacy: false,
    osIds: ['rhel', 'centos', 'rocky', 'almalinux', 'ol'],
    arches: ['x86_64', 'aarch64'],
    kernels: ['kernel-lt', 'kernel-ml'],
    keys: ['v1', 'v2'],
    mirrors: ['elrepo', 'aliyun', 'tuna', 'ustc'],
    packageManager: 'dnf',
    cgroupV2: 'default',
    nftables: true,
    stockKernel: '5.14',
  },
  el10: {
    major: 10,
    legacy: false,
    osIds: ['rhel', 'centos', 'rocky', 'almalinux', 'ol'],
    arches: ['x86_64'],
    kernels: ['kernel-ml'],
    keys: ['v2'],
    mirrors: ['elrepo', 'aliyun', 'tuna', 'ustc'],
    packageManager: 'dnf',
    cgroupV2: 'default',
    nftables: true,
    stockKernel: '6.12',
  },
};

/** Key URLs and the rpm `gpg-pubkey-<id>` name each one installs (last 8 hex digits of the fingerprint). */
export const ELREPO_KEYS: Readonly<Record<ElrepoKey, { url: string; rpmName: string; fingerprint: string }>> = {
  v1: {
    url: 'https://www.elrepo.org/RPM-GPG-KEY-elrepo.org',
    rpmName: 'gpg-pubkey-baadae52',
    fingerprint: '96C0 104F 6315 4731 1E0B B1AE 309B C305 BAAD AE52',
  },
  v2: {
    url: 'https://www.elrepo.org/RPM-GPG-KEY-v2-elrepo.org',
    rpmName: 'gpg-pubkey-eaa31d4a',
    fingerprint: 'B8A7 5587 4DA2 40C9 DAC4 E715 5160 0989 EAA3 1D4A',
  },
};

/** The elrepo-release package that writes /etc/yum.repos.d/elrepo.repo (EL8+; EL7's URL is dead) [S1]. */
export function elrepoReleaseUrl(release: Release): string {
  const n = RELEASE_FACTS[release].major;
  return `https://www.elrepo.org/elrepo-release-${n}.el${n}.elrepo.noarch.rpm`;
}

/** What replaces `http://elrepo.org/linux` in elrepo.repo on EL8+ (null: keep ELRepo's own hosts) [S13]. */
export const ELREPO_MIRROR_ROOTS: Readonly<Record<Mirror, string | null>> = {
  elrepo: null,
  aliyun: 'https://mirrors.aliyun.com/elrepo',
  tuna: 'https://mirrors.tuna.tsinghua.edu.cn/elrepo',
  ustc: 'https://mirrors.ustc.edu.cn/elrepo',
};

/**
 * EL7 only: the frozen ELRepo kernel archive used as a yum baseurl. "elrepo" is coreix, ELRepo's own
 * mirror, which kubeasz downloads from since ELRepo's site lost el7 [S9][S10]. TUNA's archive path is
 * unconfirmed, so TUNA is not offered for EL7.
 */
export const EL7_KERNEL_ARCHIVES: Readonly<Partial<Record<Mirror, string>>> = {
  elrepo: 'http://mirrors.coreix.net/elrepo-archive-archive/kernel/el7/$basearch/',
  aliyun: 'https://mirrors.aliyun.com/elrepo/archive/kernel/el7/$basearch/',
  ustc: 'https://mirrors.ustc.edu.cn/elrepo/archive/kernel/el7/$basearch/',
};

/** EL7 only: CentOS 7.9.2009 in the vault, followed by `os/`, `updates/`, `extras/` [S12][S14]. */
export const EL7_VAULTS: Readonly<Partial<Record<Mirror, string>>> = {
  elrepo: 'https://vault.centos.org/7.9.2009/',
  aliyun: 'https://mirrors.aliyun.com/centos-vault/7.9.2009/',
  ustc: 'https://mirrors.ustc.edu.cn/centos-vault/centos/7.9.2009/',
};

/** The frozen EL7 versions, for messages only: the script still reads what rpm installed [S2]. */
export const EL7_FROZEN_KERNELS: Readonly<Record<KernelFlavour, string>> = {
  'kernel-lt': '5.4.278',
  'kernel-ml': '6.9.7',
};

/** /boot free space below which the upgrade refuses (one kernel + initramfs + rescue image) [§6.5]. */
export const MIN_BOOT_FREE_MIB = 150;

/** Ports to open when firewalld stays on: API server, etcd, kubelet, controller-manager, scheduler, NodePorts [§4]. */
export const KUBERNETES_PORTS = ['6443/tcp', '2379-2380/tcp', '10250/tcp', '10257/tcp', '10259/tcp', '30000-32767/tcp'] as const;

/** kube-proxy IPVS modules; conntrack is added by probing the running kernel [S17][S29]. */
export const IPVS_MODULES = ['ip_vs', 'ip_vs_rr', 'ip_vs_wrr', 'ip_vs_sh'] as const;

/** sysctls every node gets; the bridge keys exist only once br_netfilter is loaded [S20][S17][S9]. */
export const K8S_SYSCTLS: readonly (readonly [string, string])[] = [
  ['net.ipv4.ip_forward', '1'],
  ['net.bridge.bridge-nf-call-iptables', '1'],
  ['net.bridge.bridge-nf-call-ip6tables', '1'],
  ['fs.inotify.max_user_instances', '8192'],
  ['fs.inotify.max_user_watches', '524288'],
];
