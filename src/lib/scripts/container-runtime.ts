// container-runtime.sh: what `kubeadm join` checks next: a CRI runtime (containerd with the systemd
// cgroup driver and the sandbox image from the chosen image repository), crictl pointed at it, the
// commands kubeadm requires (iptables...), container-selinux, and kubelet/kubeadm/kubectl of the target
// minor from pkgs.k8s.io or a mirror, the kubelet enabled
// (https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/install-kubeadm/,
// https://kubernetes.io/docs/setup/production-environment/container-runtimes/#containerd).
import {
  CONTAINERD_SOCKET,
  DOCKER_KEY,
  DOCKER_ROOTS,
  KUBERNETES_THRESHOLDS,
  MIN_CONTAINERD,
  RELEASE_FACTS,
  kubernetesRepoUrl,
  minorNumber,
} from './releases';
import { SCRIPT_FIELDS, checkScriptAvailable, validateOptions, type ScriptOptions } from './options';
import { packageManager, writeRepositoryFixes } from './repos';
import { containerdConfig, crictlConfig } from './containerd-config';
import { ScriptWriter, forEachValue, shellQuote, writeChangeCount, writeHeader, writeModuleHelpers, writePrelude, writeReleaseCheck, writeVersionAtLeast } from './shell';

export function generateContainerRuntime(options: ScriptOptions): string {
  checkScriptAvailable('container-runtime', options.release);
  validateOptions(options, SCRIPT_FIELDS['container-runtime']);
  const w = new ScriptWriter(options.locale);
  writeHeader(w, 'container-runtime', options, 'scripts.sh.runtime.title');
  writePrelude(w, 'container-runtime', { files: true });
  writeModuleHelpers(w);
  writeVersionAtLeast(w);
  writeReleaseCheck(w, options);
  writeCgroupPrecondition(w, options);
  writeRepositoryFixes(w, options);
  writeContainerdSource(w, options);
  writeKubernetesRepository(w, options);
  writePackages(w, options);
  writeContainerdVersion(w, options);
  writeSandboxImage(w, options);
  writeContainerdConfig(w, options);
  writeServices(w);
  w.step('scripts.sh.step.done');
  writeChangeCount(w);
  w.say('info', 'scripts.sh.runtime.nextHint');
  return w.text();
}

/** From 1.35 the kubelet refuses cgroup v1: refuse before installing anything that cannot start. */
function writeCgroupPrecondition(w: ScriptWriter, options: ScriptOptions): void {
  if (minorNumber(options.kubernetesVersion) < KUBERNETES_THRESHOLDS.cgroupV2Required) return;
  w.step('scripts.sh.step.cgroup');
  w.raw(`if [ "$(cgroup_version)" = 1 ]; then die ${w.m('scripts.sh.runtime.cgroupV1', {}, { version: options.kubernetesVersion })}; fi`);
  w.say('info', 'scripts.sh.prep.cgroupV2Already');
}

function writeContainerdSource(w: ScriptWriter, options: ScriptOptions): void {
  const facts = RELEASE_FACTS[options.release];
  const source = facts.containerd;
  if (source.from === 'preinstalled') {
    w.step('scripts.sh.step.containerdPreinstalled');
    w.comment('scripts.sh.runtime.preinstalledWhy', { release: options.release });
    w.raw(`command -v containerd >/dev/null 2>&1 || die ${w.m('scripts.sh.runtime.noContainerd', {}, { min: MIN_CONTAINERD.beforeV2Required, v2: MIN_CONTAINERD.fromV2Required })}`);
    return;
  }
  const root = DOCKER_ROOTS[options.mirror];
  const family = source.tree.split('/')[0]!;
  const baseurl = `${root}/linux/${source.tree}/$basearch/stable`;
  w.step('scripts.sh.step.dockerRepo', { url: `${root}/linux/${source.tree}/` });
  w.comment('scripts.sh.runtime.dockerRepoWhy');
  w.comment('scripts.sh.kernel.keyFingerprint', { key: 'Docker', fingerprint: DOCKER_KEY.fingerprint });
  w.raw(
    `if ! rpm -q ${DOCKER_KEY.rpmName} >/dev/null 2>&1; then run rpm --import ${root}/linux/${family}/gpg; fi`,
    'write_file "$ROOT/etc/yum.repos.d/docker-ce-kubeprep.repo" <<\'EOF\'',
    `# ${w.t('scripts.sh.repos.marker')}`,
    '[kubeprep-docker-ce]',
    'name=Docker CE stable (containerd.io) - $basearch',
    `baseurl=${baseurl}`,
    'enabled=1',
    'gpgcheck=1',
    `gpgkey=${root}/linux/${family}/gpg`,
    'EOF',
  );
}

function writeKubernetesRepository(w: ScriptWriter, options: ScriptOptions): void {
  const url = kubernetesRepoUrl(options.mirror, options.kubernetesVersion);
  w.step('scripts.sh.step.kubernetesRepo', { version: options.kubernetesVersion, url });
  w.comment('scripts.sh.runtime.kubernetesRepoWhy');
  w.raw(
    'write_file "$ROOT/etc/yum.repos.d/kubernetes.repo" <<\'EOF\'',
    `# ${w.t('scripts.sh.repos.marker')}`,
    '[kubernetes]',
    `name=Kubernetes ${options.kubernetesVersion}`,
    `baseurl=${url}`,
    'enabled=1',
    'gpgcheck=1',
    `gpgkey=${url}repodata/repomd.xml.key`,
    'exclude=kubelet kubeadm kubectl cri-tools kubernetes-cni',
    'EOF',
  );
}

function writePackages(w: ScriptWriter, options: ScriptOptions): void {
  const facts = RELEASE_FACTS[options.release];
  const tool = packageManager(options);
  const packages = [facts.iptablesPackage];
  if (facts.containerd.from === 'docker') packages.push('containerd.io');
  w.step('scripts.sh.step.runtimePackages', { packages: [...packages, ...(facts.containerSelinux ? ['container-selinux'] : [])].join(' ') });
  w.raw('MISSING=()');
  forEachValue(w, 'PACKAGES', 'package', packages, ['rpm -q "$package" >/dev/null 2>&1 || MISSING+=("$package")']);
  if (facts.containerSelinux) {
    w.comment('scripts.sh.runtime.containerSelinuxWhy');
    w.raw('if [ -f "$ROOT/etc/selinux/config" ] && ! rpm -q container-selinux >/dev/null 2>&1; then MISSING+=(container-selinux); fi');
  }
  w.raw(`if [ "\${#MISSING[@]}" -gt 0 ]; then run ${tool} install -y "\${MISSING[@]}"; fi`);
  const version = options.kubernetesVersion;
  w.step('scripts.sh.step.kubernetesPackages', { version });
  w.comment('scripts.sh.runtime.kubernetesPackagesWhy');
  w.raw(
    'MISSING=()',
    'for package in kubelet kubeadm kubectl; do',
    '  if rpm -q "$package" >/dev/null 2>&1; then',
    "    installed=$(rpm -q --qf '%{VERSION}\\n' \"$package\" | head -n 1)",
    `    case "$installed" in`,
    `      ${version}.*) ;;`,
    `      *) die ${w.m('scripts.sh.runtime.otherMinor', { package: 'package', installed: 'installed' }, { version })} ;;`,
    '    esac',
    '  else',
    '    MISSING+=("$package")',
    '  fi',
    'done',
    `if [ "\${#MISSING[@]}" -gt 0 ]; then run ${tool} install -y --disableexcludes=kubernetes "\${MISSING[@]}"; fi`,
  );
}

/**
 * The config version follows the containerd that is installed (the Docker tree may hold 1.7 or 2.x);
 * under --dry-run, before anything is installed, the one the repository will give.
 */
function writeContainerdVersion(w: ScriptWriter, options: ScriptOptions): void {
  const source = RELEASE_FACTS[options.release].containerd;
  const expectedMajor = source.from === 'docker' ? (source.frozenMajor ?? 2) : 2;
  const v2Required = minorNumber(options.kubernetesVersion) >= KUBERNETES_THRESHOLDS.containerdV2Required;
  w.step('scripts.sh.step.containerdVersion');
  w.raw(
    'if command -v containerd >/dev/null 2>&1; then',
    "  CONTAINERD_VERSION=$(containerd --version | awk '{ v = $3; sub(/^v/, \"\", v); print v }')",
    'else',
    `  CONTAINERD_VERSION=${expectedMajor}.0`,
    `  info ${w.m('scripts.sh.runtime.containerdAssumed', { version: 'CONTAINERD_VERSION' })}`,
    'fi',
    'CONTAINERD_MAJOR=${CONTAINERD_VERSION%%.*}',
    `info ${w.m('scripts.sh.runtime.containerdFound', { version: 'CONTAINERD_VERSION' })}`,
  );
  const minimum = v2Required ? MIN_CONTAINERD.fromV2Required : MIN_CONTAINERD.beforeV2Required;
  // CentOS 7's frozen containerd.io 1.6.33 is the only one there is; elsewhere 1.6 (end of life) is refused.
  if (source.from === 'docker' && source.frozenMajor !== undefined && !v2Required) return;
  w.raw(
    `version_at_least "$CONTAINERD_VERSION" ${minimum} || die ${w.m('scripts.sh.runtime.containerdTooOld', { version: 'CONTAINERD_VERSION' }, { min: minimum, kubernetes: options.kubernetesVersion })}`,
  );
}

function writeSandboxImage(w: ScriptWriter, options: ScriptOptions): void {
  const repo = options.imageRepository;
  w.step('scripts.sh.step.sandboxImage', { repository: repo });
  w.comment('scripts.sh.runtime.sandboxWhy');
  w.raw(
    `IMAGE_REPOSITORY=${shellQuote(repo)}`,
    'if command -v kubeadm >/dev/null 2>&1; then',
    '  KUBEADM_VERSION=$(kubeadm version -o short)',
    "  SANDBOX_IMAGE=$(kubeadm config images list --kubernetes-version \"$KUBEADM_VERSION\" --image-repository \"$IMAGE_REPOSITORY\" | awk '/\\/pause:/ { image = $0 } END { print image }')",
    `  [ -n "$SANDBOX_IMAGE" ] || die ${w.m('scripts.sh.runtime.noSandbox')}`,
    'elif [ "$DRY_RUN" = 1 ]; then',
    `  SANDBOX_IMAGE="$IMAGE_REPOSITORY/pause:(kubeadm ${options.kubernetesVersion})"`,
    'else',
    `  die ${w.m('scripts.sh.runtime.noKubeadm')}`,
    'fi',
    `info ${w.m('scripts.sh.runtime.sandbox', { image: 'SANDBOX_IMAGE' })}`,
  );
}

function writeContainerdConfig(w: ScriptWriter, options: ScriptOptions): void {
  const header = w.t('scripts.sh.runtime.configMarker', { version: options.kubernetesVersion });
  w.step('scripts.sh.step.containerdConfig');
  w.comment('scripts.sh.runtime.configWhy');
  w.raw(
    'CONFIG="$ROOT/etc/containerd/config.toml"',
    'if [ "$CONTAINERD_MAJOR" -ge 2 ]; then',
    '  write_file "$CONFIG" <<EOF',
    containerdConfig(3, '${SANDBOX_IMAGE}', header).trimEnd(),
    'EOF',
    'else',
    '  write_file "$CONFIG" <<EOF',
    containerdConfig(2, '${SANDBOX_IMAGE}', header).trimEnd(),
    'EOF',
    'fi',
    'CONFIG_CHANGED=$FILE_CHANGED',
    'write_file "$ROOT/etc/crictl.yaml" <<\'EOF\'',
    crictlConfig(CONTAINERD_SOCKET).trimEnd(),
    'EOF',
  );
}

function writeServices(w: ScriptWriter): void {
  w.step('scripts.sh.step.services');
  w.comment('scripts.sh.runtime.servicesWhy');
  w.raw(
    'if ! systemctl is-enabled --quiet containerd 2>/dev/null || ! systemctl is-active --quiet containerd 2>/dev/null; then',
    '  run systemctl enable --now containerd',
    'elif [ "$CONFIG_CHANGED" = 1 ]; then',
    '  run systemctl restart containerd',
    'fi',
    'if ! systemctl is-enabled --quiet kubelet 2>/dev/null; then run systemctl enable kubelet; fi',
  );
}
