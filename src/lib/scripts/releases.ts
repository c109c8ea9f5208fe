// The one table of facts the four node script generators, the options validation, the UI and the CLI
// read: distributions and their releases, ELRepo, the CentOS vaults, Docker's containerd.io and the
// Kubernetes package repositories, their mirrors, and what kubeadm and the kubelet require. Each fact
// names its upstream source; change a fact here and every script, the UI and the CLI follow.

export const RELEASES = ['el7', 'el8', 'el9', 'el10', 'anolis8', 'alinux3', 'opencloudos8', 'openeuler24', 'kylin10'] as const;
export type Release = (typeof RELEASES)[number];

export const ARCHES = ['x86_64', 'aarch64'] as const;
export type Arch = (typeof ARCHES)[number];

export const KERNELS = ['kernel-lt', 'kernel-ml'] as const;
export type KernelFlavour = (typeof KERNELS)[number];

/** Where packages come from: upstream's own hosts, or one of the mirrors many users in China need. */
export const MIRRORS = ['official', 'aliyun', 'tuna', 'ustc'] as const;
export type Mirror = (typeof MIRRORS)[number];

export type ElrepoKey = 'v1' | 'v2';

/**
 * The Kubernetes minors the scripts install and check. Each has a package repository on pkgs.k8s.io
 * (v1.24 onwards: https://kubernetes.io/blog/2023/08/15/pkgs-k8s-io-introduction/); 1.37 is the newest
 * minor released. Newest first, the order the UI lists them in.
 */
export const KUBERNETES_MINORS = ['1.37', '1.36', '1.35', '1.34', '1.33', '1.32', '1.31', '1.30'] as const;
export type KubernetesMinor = (typeof KUBERNETES_MINORS)[number];

export function minorNumber(version: KubernetesMinor): number {
  return Number(version.split('.')[1]);
}

/** Thresholds that change what a node needs, by Kubernetes minor. */
export const KUBERNETES_THRESHOLDS = {
  /**
   * From 1.35 the kubelet refuses cgroup v1 (failCgroupV1 defaults to true) and kubeadm's
   * SystemVerification fails on it: https://kubernetes.io/docs/concepts/architecture/cgroups/
   */
  cgroupV2Required: 35,
  /**
   * 1.35 is the last minor that supports containerd 1.x; later kubelets need containerd 2.x
   * (SIG Node, https://kubernetes.io/blog/2025/12/17/kubernetes-v1-35-release/ "containerd 1.x").
   */
  containerdV2Required: 36,
  /**
   * kubeadm checks `conntrack` in PATH only below 1.32 (kubernetes/kubernetes PR #126952,
   * cmd/kubeadm/app/preflight/checks_linux.go addExecChecks).
   */
  conntrackBinaryDropped: 32,
  /**
   * kubeadm 1.32 and 1.33 fail SystemVerification below kernel 4.19; 1.34 turned the kernel check
   * into a warning (kubernetes/system-validators validators/types_unix.go; CHANGELOG-1.34, PR #131919).
   */
  kernel419ErrorFrom: 32,
  kernel419ErrorUntil: 33,
} as const;

/** How a release gets its ELRepo kernel, or null where ELRepo does not apply (not a RHEL rebuild). */
export interface ElrepoFacts {
  /** Architectures ELRepo builds kernels for on this release (aarch64 on EL9 only): https://github.com/elrepo/kernel */
  arches: readonly Arch[];
  /** kernel-lt is absent on EL10 (elrepo/packages elrepo-release/el10/elrepo.repo, elrepo/kernel git log). */
  kernels: readonly KernelFlavour[];
  /** Keys the release's elrepo-release trusts: EL10 v2 only, EL7 v1 only (elrepo/packages elrepo-release/el*). */
  keys: readonly ElrepoKey[];
}

/** Where containerd comes from on a release. */
export type ContainerdSource =
  /** Docker's containerd.io RPM, from `<docker root>/linux/<tree>/$basearch/stable`; `frozenMajor` when the tree gets no new majors. */
  | { from: 'docker'; tree: string; frozenMajor?: number }
  /**
   * No containerd recent enough in the release's repositories: the runtime stage configures the one
   * already installed (from the vendor or containerd's release tarball) and refuses when there is none.
   */
  | { from: 'preinstalled' };

export interface ReleaseFacts {
  /** Distribution family: which label group and which repository fixes apply. */
  family: 'el' | 'anolis' | 'alinux' | 'opencloudos' | 'openeuler' | 'kylin';
  /** EL-compatible major version (Docker's and ELRepo's trees are chosen by it). */
  elMajor: number | null;
  /** `ID=` values of /etc/os-release, compared lowercased. */
  osIds: readonly string[];
  /** `VERSION_ID=` shell patterns, compared lowercased. */
  versionGlobs: readonly string[];
  /** CentOS 7: repositories in the vault, ELRepo only in archives, no cgroup v2 ever. */
  legacy: boolean;
  elrepo: ElrepoFacts | null;
  packageManager: 'yum' | 'dnf';
  /** systemd boots cgroup v2 by default; can switch with a kernel argument; or cannot (systemd 219). */
  cgroupV2: 'default' | 'switchable' | 'impossible';
  /** kube-proxy nftables mode needs nft >= 1.0.1 (https://kubernetes.io/docs/reference/networking/virtual-ips/). */
  nftables: boolean;
  /** The package that provides the `iptables` command kubeadm requires. */
  iptablesPackage: string;
  containerd: ContainerdSource;
  /** container-selinux is in the release's repositories (containerd.io requires it on RHEL and its rebuilds). */
  containerSelinux: boolean;
  /** Mirrors that carry what the scripts download for this release. */
  mirrors: readonly Mirror[];
  /** Kernel of a fresh install, for messages. */
  stockKernel: string;
}

const EL_IDS = ['rhel', 'centos', 'rocky', 'almalinux', 'ol'] as const;
const ALL_MIRRORS = MIRRORS;

/**
 * What the RHEL 8 compatible distributions share: EL 8 userland (dnf, systemd 239, nft 1.0, iptables),
 * Docker's RHEL 8 tree for containerd.io, their own kernels instead of ELRepo's.
 */
const EL8_COMPATIBLE = {
  elMajor: 8,
  legacy: false,
  elrepo: null,
  packageManager: 'dnf',
  cgroupV2: 'switchable',
  nftables: true,
  iptablesPackage: 'iptables',
  containerd: { from: 'docker', tree: 'rhel/8' },
  containerSelinux: true,
  mirrors: ALL_MIRRORS,
} as const satisfies Partial<ReleaseFacts>;

export const RELEASE_FACTS: Readonly<Record<Release, ReleaseFacts>> = {
  el7: {
    family: 'el',
    elMajor: 7,
    osIds: ['centos'],
    versionGlobs: ['7', '7.*'],
    legacy: true,
    elrepo: { arches: ['x86_64'], kernels: ['kernel-lt', 'kernel-ml'], keys: ['v1'] },
    packageManager: 'yum',
    // systemd 219 has no cgroup v2 (https://github.com/systemd/systemd/issues/19760).
    cgroupV2: 'impossible',
    // EL7 ships nft 0.8.
    nftables: false,
    iptablesPackage: 'iptables',
    // Docker froze the CentOS 7 tree at containerd.io 1.6.33 (https://kurl.sh/docs/add-ons/containerd).
    containerd: { from: 'docker', tree: 'centos/7', frozenMajor: 1 },
    containerSelinux: true,
    // TUNA's ELRepo archive path for el7 is unconfirmed (TUNA dropped its EL7 help on 2024-07-02).
    mirrors: ['official', 'aliyun', 'ustc'],
    stockKernel: '3.10',
  },
  el8: {
    family: 'el',
    elMajor: 8,
    osIds: EL_IDS,
    versionGlobs: ['8', '8.*'],
    legacy: false,
    elrepo: { arches: ['x86_64'], kernels: ['kernel-lt', 'kernel-ml'], keys: ['v1', 'v2'] },
    packageManager: 'dnf',
    cgroupV2: 'switchable',
    nftables: true,
    iptablesPackage: 'iptables',
    // Docker's RHEL trees: https://docs.docker.com/engine/install/rhel/ (RHEL 8, 9, 10).
    containerd: { from: 'docker', tree: 'rhel/8' },
    containerSelinux: true,
    mirrors: ALL_MIRRORS,
    stockKernel: '4.18',
  },
  el9: {
    family: 'el',
    elMajor: 9,
    osIds: EL_IDS,
    versionGlobs: ['9', '9.*'],
    legacy: false,
    elrepo: { arches: ['x86_64', 'aarch64'], kernels: ['kernel-lt', 'kernel-ml'], keys: ['v1', 'v2'] },
    packageManager: 'dnf',
    cgroupV2: 'default',
    nftables: true,
    // EL9 replaced the legacy iptables package with iptables-nft.
    iptablesPackage: 'iptables-nft',
    containerd: { from: 'docker', tree: 'rhel/9' },
    containerSelinux: true,
    mirrors: ALL_MIRRORS,
    stockKernel: '5.14',
  },
  el10: {
    family: 'el',
    elMajor: 10,
    osIds: EL_IDS,
    versionGlobs: ['10', '10.*'],
    legacy: false,
    elrepo: { arches: ['x86_64'], kernels: ['kernel-ml'], keys: ['v2'] },
    packageManager: 'dnf',
    cgroupV2: 'default',
    nftables: true,
    iptablesPackage: 'iptables-nft',
    // RHEL 10 joined Docker's supported list in Oct 2025 (docker/docs PR #23491).
    containerd: { from: 'docker', tree: 'rhel/10' },
    containerSelinux: true,
    mirrors: ALL_MIRRORS,
    stockKernel: '6.12',
  },
  // Anolis OS 8 is binary-compatible with RHEL 8 (ID=anolis, PLATFORM_ID=platform:an8, https://openanolis.cn/).
  // It ships its own kernels (RHCK 4.18 and ANCK 5.10), so ELRepo is not offered.
  anolis8: { ...EL8_COMPATIBLE, family: 'anolis', osIds: ['anolis'], versionGlobs: ['8', '8.*'], stockKernel: '4.18 (RHCK) / 5.10 (ANCK)' },
  // Alibaba Cloud Linux 3: ID=alinux, VERSION_ID=3, PLATFORM_ID=platform:al8 (RHEL 8 compatible,
  // https://www.alibabacloud.com/help/en/alinux/). Its $releasever is 3, so the repository files
  // name the EL 8 tree explicitly instead of using $releasever.
  alinux3: { ...EL8_COMPATIBLE, family: 'alinux', osIds: ['alinux'], versionGlobs: ['3', '3.*'], stockKernel: '5.10' },
  // OpenCloudOS 8: ID=opencloudos (some builds OpenCloudOS), PLATFORM_ID=platform:oc8, RHEL 8 compatible
  // (https://www.opencloudos.org/).
  opencloudos8: { ...EL8_COMPATIBLE, family: 'opencloudos', osIds: ['opencloudos'], versionGlobs: ['8', '8.*'], stockKernel: '5.4' },
  // openEuler 24.03 LTS: ID=openEuler, VERSION_ID=24.03 (https://www.openeuler.org/). Not RHEL
  // compatible, so no Docker or ELRepo trees. Its own repositories carry containerd 1.6.22 (openEuler
  // docs, "Kubernetes Cluster Deployment Guide Based on containerd", 24.03 LTS), older than containerd's
  // own minimum for any Kubernetes minor offered here (1.30 needs 1.6.28+, 1.31 1.6.34+:
  // https://github.com/containerd/containerd/blob/main/RELEASES.md#kubernetes-support), so the runtime
  // stage configures a containerd you installed.
  openeuler24: {
    family: 'openeuler',
    elMajor: null,
    osIds: ['openeuler'],
    versionGlobs: ['24.03', '24.03.*'],
    legacy: false,
    elrepo: null,
    packageManager: 'dnf',
    cgroupV2: 'switchable',
    nftables: true,
    iptablesPackage: 'iptables',
    containerd: { from: 'preinstalled' },
    containerSelinux: false,
    mirrors: ALL_MIRRORS,
    stockKernel: '6.6',
  },
  // Kylin Linux Advanced Server V10: ID=kylin, VERSION_ID=V10 (https://www.kylinos.cn/), kernel 4.19,
  // systemd 239, nft 0.9. Its repositories derive from openEuler 20.03, whose containerd is 1.2
  // (no CRI v1, which every kubelet offered here needs), so the runtime stage configures a containerd
  // you installed.
  kylin10: {
    family: 'kylin',
    elMajor: null,
    osIds: ['kylin'],
    versionGlobs: ['v10', 'v10 *', 'v10-*'],
    legacy: false,
    elrepo: null,
    packageManager: 'dnf',
    cgroupV2: 'switchable',
    nftables: false,
    iptablesPackage: 'iptables',
    containerd: { from: 'preinstalled' },
    containerSelinux: false,
    mirrors: ALL_MIRRORS,
    stockKernel: '4.19',
  },
};

/** The newest Kubernetes minor a release can run, from its cgroup and containerd facts. */
export function newestMinorFor(release: Release): number {
  const facts = RELEASE_FACTS[release];
  let newest = minorNumber(KUBERNETES_MINORS[0]);
  if (facts.cgroupV2 === 'impossible') newest = Math.min(newest, KUBERNETES_THRESHOLDS.cgroupV2Required - 1);
  const containerd = facts.containerd;
  const major = containerd.from === 'docker' ? (containerd.frozenMajor ?? null) : null;
  if (major !== null && major < 2) newest = Math.min(newest, KUBERNETES_THRESHOLDS.containerdV2Required - 1);
  return newest;
}

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

/** The elrepo-release package that writes /etc/yum.repos.d/elrepo.repo (EL8+; EL7's URL is dead). */
export function elrepoReleaseUrl(major: number): string {
  return `https://www.elrepo.org/elrepo-release-${major}.el${major}.elrepo.noarch.rpm`;
}

/**
 * What replaces `http://elrepo.org/linux` in elrepo.repo on EL8+ (null: keep ELRepo's own hosts).
 * https://github.com/mirrorz-org/mirrorz-help contents/elrepo.mdx
 */
export const ELREPO_MIRROR_ROOTS: Readonly<Record<Mirror, string | null>> = {
  official: null,
  aliyun: 'https://mirrors.aliyun.com/elrepo',
  tuna: 'https://mirrors.tuna.tsinghua.edu.cn/elrepo',
  ustc: 'https://mirrors.ustc.edu.cn/elrepo',
};

/**
 * EL7 only: the frozen ELRepo kernel archive used as a yum baseurl. "official" is coreix, ELRepo's own
 * mirror, which kubeasz downloads from since ELRepo's site lost el7 (easzlab/kubeasz
 * docs/guide/kernel_upgrade.md).
 */
export const EL7_KERNEL_ARCHIVES: Readonly<Partial<Record<Mirror, string>>> = {
  official: 'http://mirrors.coreix.net/elrepo-archive-archive/kernel/el7/$basearch/',
  aliyun: 'https://mirrors.aliyun.com/elrepo/archive/kernel/el7/$basearch/',
  ustc: 'https://mirrors.ustc.edu.cn/elrepo/archive/kernel/el7/$basearch/',
};

/**
 * CentOS vault roots (vault.centos.org and the mirrors that copy it whole), followed by the release
 * directory. CentOS 7 moved there on 2024-06-30, CentOS Linux 8 (8.5.2111) and Stream 8 (8-stream)
 * earlier: https://www.centos.org/centos-linux-eol/; mirrors: ustclug/mirrorhelp docs/centos-vault.md
 * (note USTC's extra `centos/`), mirrorz-help contents/centos-vault.mdx.
 */
export const CENTOS_VAULTS: Readonly<Record<Mirror, string>> = {
  official: 'https://vault.centos.org/',
  aliyun: 'https://mirrors.aliyun.com/centos-vault/',
  tuna: 'https://mirrors.tuna.tsinghua.edu.cn/centos-vault/',
  ustc: 'https://mirrors.ustc.edu.cn/centos-vault/centos/',
};

export const CENTOS7_VAULT_RELEASE = '7.9.2009';
/** The last CentOS Linux 8 point release, and CentOS Stream 8's vault directory. */
export const CENTOS8_VAULT_RELEASES = { linux: '8.5.2111', stream: '8-stream' } as const;

/**
 * EPEL 7 moved to the Fedora archive when EL7 ended; the live metalink for epel-7 returns nothing and
 * makes `yum makecache` abort (https://dl.fedoraproject.org/pub/archive/epel/7/).
 */
export const EPEL7_ARCHIVE = 'https://dl.fedoraproject.org/pub/archive/epel/7';

/** The frozen EL7 versions, for messages only: the script still reads what rpm installed. */
export const EL7_FROZEN_KERNELS: Readonly<Record<KernelFlavour, string>> = {
  'kernel-lt': '5.4.278',
  'kernel-ml': '6.9.7',
};

/** /boot free space below which the upgrade refuses (one kernel + initramfs + rescue image). */
export const MIN_BOOT_FREE_MIB = 150;

/**
 * Docker's package repository (containerd.io) and the mirrors that copy `linux/` whole
 * (mirrorz-help contents/docker-ce.mdx: replace https://download.docker.com with the mirror root).
 */
export const DOCKER_ROOTS: Readonly<Record<Mirror, string>> = {
  official: 'https://download.docker.com',
  aliyun: 'https://mirrors.aliyun.com/docker-ce',
  tuna: 'https://mirrors.tuna.tsinghua.edu.cn/docker-ce',
  ustc: 'https://mirrors.ustc.edu.cn/docker-ce',
};

/** Docker's release key (https://docs.docker.com/engine/install/rhel/). */
export const DOCKER_KEY = { rpmName: 'gpg-pubkey-621e9f35', fingerprint: '060A 61C5 1B55 8A7F 742B 77AA C52F EB6B 621E 9F35' } as const;

/**
 * The Kubernetes package repository for one minor (https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/install-kubeadm/)
 * and its mirrors: Aliyun's `kubernetes-new` tree (https://developer.aliyun.com/mirror/kubernetes),
 * TUNA and USTC (https://mirrors.ustc.edu.cn/help/kubernetes.html), each carrying repodata/repomd.xml.key.
 */
export function kubernetesRepoUrl(mirror: Mirror, minor: KubernetesMinor): string {
  const roots: Record<Mirror, string> = {
    official: `https://pkgs.k8s.io/core:/stable:/v${minor}/rpm/`,
    aliyun: `https://mirrors.aliyun.com/kubernetes-new/core/stable/v${minor}/rpm/`,
    tuna: `https://mirrors.tuna.tsinghua.edu.cn/kubernetes/core:/stable:/v${minor}/rpm/`,
    ustc: `https://mirrors.ustc.edu.cn/kubernetes/core:/stable:/v${minor}/rpm/`,
  };
  return roots[mirror];
}

export { DEFAULT_IMAGE_REPOSITORY, SUGGESTED_IMAGE_REPOSITORIES } from './image-repository';

/**
 * The oldest containerd the runtime stage accepts: 1.6 reached its end of life on 2025-08-23, and
 * 1.36+ kubelets need 2.x (containerd RELEASES.md "Kubernetes support").
 */
export const MIN_CONTAINERD = { beforeV2Required: '1.7', fromV2Required: '2.0' } as const;

/** containerd's socket, for crictl (https://github.com/kubernetes-sigs/cri-tools/blob/master/docs/crictl.md). */
export const CONTAINERD_SOCKET = 'unix:///run/containerd/containerd.sock';

export const NODE_ROLES = ['control-plane', 'control-plane-external-etcd', 'worker', 'etcd'] as const;
export type NodeRole = (typeof NODE_ROLES)[number];

export const DEFAULT_API_SERVER_PORT = 6443;

/**
 * Ports each role listens on (https://kubernetes.io/docs/reference/networking/ports-and-protocols/):
 * every kubelet node 10250 (kubelet), 10256 (kube-proxy health) and the NodePort range in TCP and UDP;
 * control planes also the API server, controller-manager (10257) and scheduler (10259), and etcd
 * (2379-2380) when it is stacked on them. An external etcd member runs etcd as a static pod under a
 * kubelet (https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/setup-ha-etcd-with-kubeadm/),
 * but no kube-proxy.
 */
export function portsFor(role: NodeRole, apiServerPort: number): string[] {
  const node = ['10250/tcp', '10256/tcp', '30000-32767/tcp', '30000-32767/udp'];
  const controlPlane = [`${apiServerPort}/tcp`, '10257/tcp', '10259/tcp'];
  const etcd = ['2379-2380/tcp'];
  switch (role) {
    case 'control-plane':
      return [...controlPlane, ...etcd, ...node];
    case 'control-plane-external-etcd':
      return [...controlPlane, ...node];
    case 'worker':
      return node;
    case 'etcd':
      return [...etcd, '10250/tcp'];
  }
}

/** kubeadm's control-plane minimums (cmd/kubeadm/app/constants: ControlPlaneNumCPU, ControlPlaneMem). */
export const CONTROL_PLANE_MIN_CPUS = 2;
export const CONTROL_PLANE_MIN_MEMORY_MB = 1700;

/** kube-proxy IPVS modules; the conntrack module is probed on the kernel that boots next. */
export const IPVS_MODULES = ['ip_vs', 'ip_vs_rr', 'ip_vs_wrr', 'ip_vs_sh'] as const;

/**
 * sysctls every node gets; the bridge keys exist only once br_netfilter is loaded
 * (https://kubernetes.io/docs/setup/production-environment/container-runtimes/, kubespray, kubeasz).
 */
export const K8S_SYSCTLS: readonly (readonly [string, string])[] = [
  ['net.ipv4.ip_forward', '1'],
  ['net.bridge.bridge-nf-call-iptables', '1'],
  ['net.bridge.bridge-nf-call-ip6tables', '1'],
  ['fs.inotify.max_user_instances', '8192'],
  ['fs.inotify.max_user_watches', '524288'],
];

/**
 * Commands kubeadm's preflight requires in PATH (mandatory) or only warns about
 * (cmd/kubeadm/app/preflight/checks_linux.go addExecChecks). crictl is not in current kubeadm's list
 * (it talks CRI directly) but older kubeadm required it and it is how people inspect the node.
 */
export const REQUIRED_COMMANDS = ['ip', 'iptables', 'mount', 'nsenter', 'crictl'] as const;
export const OPTIONAL_COMMANDS = ['ebtables', 'ethtool', 'socat', 'tc'] as const;

/** UEFI variable holding the Secure Boot state (UEFI spec, EFI_GLOBAL_VARIABLE GUID): 4 attribute bytes, then 1 = on. */
export const SECURE_BOOT_EFIVAR = 'SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c';

/** Where every script writes its log. */
export const LOG_DIR = '/var/log/kubeprep';
