// node-prep.sh: what kubeadm-style installers do to every node before the kubelet starts: identity,
// swap, SELinux, firewall, modules, sysctls, time, cgroup v2 (kubespray roles/kubernetes/preinstall,
// kubeasz roles/prepare, https://kubernetes.io/docs/setup/production-environment/container-runtimes/).
// Every step first looks at the current state and changes only what differs, so a second run is a no-op.
import { IPVS_MODULES, K8S_SYSCTLS, KUBERNETES_THRESHOLDS, RELEASE_FACTS, minorNumber, portsFor } from './releases';
import { SCRIPT_FIELDS, checkScriptAvailable, validateOptions, type ScriptOptions } from './options';
import { packageManager, writeRepositoryFixes } from './repos';
import { writeHostname, writeHostsBlock, writeMachineIdentity } from './identity';
import { ScriptWriter, forEachValue, writeChangeCount, writeHeader, writeVersionAtLeast, writeModuleHelpers, writePrelude, writeReleaseCheck, writeTargetKernel } from './shell';

export function generateNodePrep(options: ScriptOptions): string {
  checkScriptAvailable('node-prep', options.release);
  validateOptions(options, SCRIPT_FIELDS['node-prep']);
  const w = new ScriptWriter(options.locale);
  writeHeader(w, 'node-prep', options, 'scripts.sh.prep.title');
  writePrelude(w, 'node-prep', { files: true });
  writeModuleHelpers(w);
  writeVersionAtLeast(w);
  writeTargetKernel(w);
  writeReleaseCheck(w, options);
  writeRepositoryFixes(w, options);
  if (options.hostname !== '') writeHostname(w, options.hostname);
  if (options.hosts.length > 0) writeHostsBlock(w, options.hosts);
  writeMachineIdentity(w);
  writeSwapOff(w);
  writeSelinux(w);
  writeFirewall(w, options);
  writePackages(w, options);
  writeModules(w, options);
  writeSysctl(w);
  writeTimeSync(w);
  writeCgroup(w, options);
  w.step('scripts.sh.step.done');
  writeChangeCount(w);
  w.raw(`if [ "$NEEDS_REBOOT" = 1 ]; then warn ${w.m('scripts.sh.prep.rebootNeeded')}; fi`);
  w.say('info', 'scripts.sh.prep.nextHint');
  return w.text();
}

const SWAP_LINE = '^[^#[:space:]][^[:space:]]*[[:space:]]+[^[:space:]]+[[:space:]]+swap[[:space:]]';

function writeSwapOff(w: ScriptWriter): void {
  w.step('scripts.sh.step.swap');
  w.comment('scripts.sh.prep.swapWhy');
  w.raw(
    'NEEDS_REBOOT=0',
    `if [ -r "$ROOT/proc/swaps" ] && [ "$(awk 'NR > 1 { n++ } END { print n + 0 }' "$ROOT/proc/swaps")" -gt 0 ]; then`,
    '  run swapoff -a',
    'fi',
    'FSTAB="$ROOT/etc/fstab"',
    `if [ -f "$FSTAB" ] && grep -Eq '${SWAP_LINE}' "$FSTAB"; then`,
    `  edit_file "$FSTAB" -E -e 's/(${SWAP_LINE}.*)$/#\\1/'`,
    `  if [ "$DRY_RUN" = 0 ]; then info ${w.m('scripts.sh.prep.fstabCommented')}; fi`,
    'fi',
  );
}

function writeSelinux(w: ScriptWriter): void {
  w.step('scripts.sh.step.selinux');
  w.comment('scripts.sh.prep.selinuxWhy');
  w.raw(
    'if command -v getenforce >/dev/null 2>&1 && [ "$(getenforce)" = Enforcing ]; then run setenforce 0; fi',
    'SELINUX_CONFIG="$ROOT/etc/selinux/config"',
    "if [ -f \"$SELINUX_CONFIG\" ] && grep -q '^SELINUX=enforcing' \"$SELINUX_CONFIG\"; then",
    "  edit_file \"$SELINUX_CONFIG\" -e 's/^SELINUX=enforcing/SELINUX=permissive/'",
    'fi',
  );
}

function writeFirewall(w: ScriptWriter, options: ScriptOptions): void {
  const ports = portsFor(options.role, options.apiServerPort);
  w.step('scripts.sh.step.firewall', { choice: w.t(`scripts.ui.firewall.${options.firewall}`) });
  if (options.firewall === 'keep') {
    w.say('info', 'scripts.sh.prep.firewallKept', {}, { ports: ports.join(' ') });
    return;
  }
  if (options.firewall === 'disable') {
    w.comment('scripts.sh.prep.firewallDisableWhy');
    w.raw(
      'if systemctl is-enabled --quiet firewalld 2>/dev/null || systemctl is-active --quiet firewalld 2>/dev/null; then',
      '  run systemctl disable --now firewalld',
      'fi',
    );
    return;
  }
  w.comment('scripts.sh.prep.firewallOpenWhy', { role: options.role });
  w.raw(
    'if systemctl is-active --quiet firewalld 2>/dev/null; then',
    '  RELOAD=0',
    `  for port in ${ports.join(' ')}; do`,
    '    if ! firewall-cmd --permanent --query-port="$port" >/dev/null 2>&1; then',
    '      run firewall-cmd --permanent --add-port="$port"',
    '      RELOAD=1',
    '    fi',
    '  done',
    '  if [ "$RELOAD" = 1 ]; then run firewall-cmd --reload; fi',
    `  warn ${w.m('scripts.sh.prep.cniPorts')}`,
    'else',
    `  info ${w.m('scripts.sh.prep.firewallNotRunning')}`,
    'fi',
  );
}

function writePackages(w: ScriptWriter, options: ScriptOptions): void {
  const packages = ['chrony', 'conntrack-tools', 'socat'];
  if (options.proxyMode === 'ipvs') packages.push('ipset', 'ipvsadm');
  if (options.proxyMode === 'nftables') packages.push('nftables');
  w.step('scripts.sh.step.packages', { packages: packages.join(' ') });
  w.raw('MISSING=()');
  forEachValue(w, 'PACKAGES', 'package', packages, ['rpm -q "$package" >/dev/null 2>&1 || MISSING+=("$package")']);
  w.raw(`if [ "\${#MISSING[@]}" -gt 0 ]; then run ${packageManager(options)} install -y "\${MISSING[@]}"; fi`);
}

/**
 * The modules are listed for the kernel the next boot runs, not the running one: node-prep after
 * kernel-upgrade but before the reboot must not write nf_conntrack_ipv4 (gone since 4.19 and RHEL
 * 8.3's 4.18; kubernetes-sigs/kubespray#6934) for a 5.x kernel, or systemd-modules-load fails on
 * every boot. Loading now uses what the running kernel has.
 */
function writeModules(w: ScriptWriter, options: ScriptOptions): void {
  w.step('scripts.sh.step.modules');
  w.comment('scripts.sh.prep.modulesWhy');
  w.raw(
    'TARGET_KERNEL=$(target_kernel)',
    'RUNNING_KERNEL=$(uname -r)',
    'module_exists() { modinfo -k "$1" "$2" >/dev/null 2>&1; }',
    `info ${w.m('scripts.sh.prep.targetKernel', { kernel: 'TARGET_KERNEL', running: 'RUNNING_KERNEL' })}`,
    'MODULES=(overlay br_netfilter)',
  );
  if (options.proxyMode === 'ipvs') {
    w.comment('scripts.sh.prep.conntrackWhy');
    w.raw(
      'if module_exists "$TARGET_KERNEL" nf_conntrack_ipv4; then CONNTRACK=nf_conntrack_ipv4; else CONNTRACK=nf_conntrack; fi',
      `info ${w.m('scripts.sh.prep.conntrackChosen', { module: 'CONNTRACK', kernel: 'TARGET_KERNEL' })}`,
      `MODULES+=(${IPVS_MODULES.join(' ')} "$CONNTRACK")`,
    );
  }
  if (options.proxyMode === 'nftables') {
    w.raw('MODULES+=(nf_tables)', `version_at_least "$TARGET_KERNEL" 5.13 || warn ${w.m('scripts.sh.prep.nftablesOldKernel')}`);
  }
  w.raw(
    'for module in "${MODULES[@]}"; do',
    `  module_exists "$TARGET_KERNEL" "$module" || die ${w.m('scripts.sh.prep.moduleUnavailable', { module: 'module', kernel: 'TARGET_KERNEL' })}`,
    'done',
    'write_file "$ROOT/etc/modules-load.d/k8s.conf" < <(printf \'%s\\n\' "${MODULES[@]}")',
    'for module in "${MODULES[@]}"; do',
    '  if module_loaded "$module"; then continue; fi',
    '  if module_exists "$RUNNING_KERNEL" "$module"; then',
    '    run modprobe "$module"',
    '  else',
    `    info ${w.m('scripts.sh.prep.moduleAfterReboot', { module: 'module', kernel: 'TARGET_KERNEL' })}`,
    '  fi',
    'done',
  );
}

/**
 * `sysctl --system` loads every file under /etc/sysctl.d, /run/sysctl.d and /usr/lib/sysctl.d and
 * exits non-zero when any of them has a key this kernel lacks (net.ipv4.tcp_tw_recycle, gone in 4.12,
 * is the usual one). That is not this script's failure: it warns, then checks that each of its own
 * keys has the value it wants, which also catches a later file that overrides one.
 */
function writeSysctl(w: ScriptWriter): void {
  const settings = K8S_SYSCTLS.map(([k, v]) => `${k}=${v}`).join(' ');
  w.step('scripts.sh.step.sysctl');
  w.comment('scripts.sh.prep.sysctlWhy');
  w.raw('write_file "$ROOT/etc/sysctl.d/k8s.conf" <<\'EOF\'', ...K8S_SYSCTLS.map(([k, v]) => `${k} = ${v}`), 'EOF');
  w.raw(
    'APPLY=$FILE_CHANGED',
    `for setting in ${settings}; do`,
    '  [ "$(sysctl -n "${setting%%=*}" 2>/dev/null || true)" = "${setting#*=}" ] || APPLY=1',
    'done',
    'if [ "$APPLY" = 1 ] && [ "$DRY_RUN" = 1 ]; then',
    '  run sysctl --system',
    'elif [ "$APPLY" = 1 ]; then',
    '  SYSCTL_ERRORS=$(mktemp)',
    '  if ! sysctl --system >/dev/null 2>"$SYSCTL_ERRORS"; then',
    `    warn ${w.m('scripts.sh.prep.sysctlOtherErrors')}`,
    "    sed 's/^/      /' \"$SYSCTL_ERRORS\" >&2",
    '  fi',
    '  rm -f "$SYSCTL_ERRORS"',
    `  for setting in ${settings}; do`,
    '    key=${setting%%=*} want=${setting#*=}',
    '    have=$(sysctl -n "$key" 2>/dev/null || true)',
    `    [ "$have" = "$want" ] || die ${w.m('scripts.sh.prep.sysctlNotApplied', { key: 'key', have: 'have', want: 'want' })}`,
    '  done',
    'fi',
  );
}

function writeTimeSync(w: ScriptWriter): void {
  w.step('scripts.sh.step.timeSync');
  w.comment('scripts.sh.prep.timeSyncWhy');
  w.raw(
    'if ! systemctl is-enabled --quiet chronyd 2>/dev/null || ! systemctl is-active --quiet chronyd 2>/dev/null; then',
    '  run systemctl enable --now chronyd',
    'fi',
  );
}

function writeCgroup(w: ScriptWriter, options: ScriptOptions): void {
  const facts = RELEASE_FACTS[options.release];
  const required = minorNumber(options.kubernetesVersion) >= KUBERNETES_THRESHOLDS.cgroupV2Required;
  w.step('scripts.sh.step.cgroup');
  w.comment('scripts.sh.prep.cgroupWhy');
  if (facts.cgroupV2 === 'impossible') {
    // Validation keeps 1.35+ off this release, so v1 is only deprecated here.
    w.say('warn', 'scripts.sh.prep.cgroupImpossible');
    return;
  }
  w.raw(`if [ "$(cgroup_version)" = 2 ]; then`, `  info ${w.m('scripts.sh.prep.cgroupV2Already')}`);
  if (!options.cgroupV2) {
    w.raw('else', `  warn ${w.m('scripts.sh.prep.cgroupV1Kept')}`, 'fi');
    return;
  }
  w.raw(
    'else',
    `  command -v grubby >/dev/null 2>&1 || die ${w.m('scripts.sh.prep.noGrubby')}`,
    '  CGROUP_ARG=systemd.unified_cgroup_hierarchy=1',
    '  if grubby --info=ALL | awk -v a="$CGROUP_ARG" \'/^args=/ && index($0, a) == 0 { missing = 1 } END { exit !missing }\'; then',
    '    run grubby --update-kernel=ALL --args="$CGROUP_ARG"',
    '  fi',
    '  NEEDS_REBOOT=1',
    `  if [ "$DRY_RUN" = 0 ]; then info ${w.m('scripts.sh.prep.cgroupSwitched')}; fi`,
  );
  if (required) w.say('warn', 'scripts.sh.prep.cgroupRequired', {}, { version: options.kubernetesVersion }, '  ');
  w.raw('fi');
}
