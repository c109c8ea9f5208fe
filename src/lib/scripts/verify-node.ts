// verify-node.sh: read-only report before `kubeadm join`. It checks what node-prep.sh and
// container-runtime.sh set and what kubeadm's preflight rejects (cmd/kubeadm/app/preflight/checks.go:
// SystemVerification, swap, required commands, the CRI, the kubelet's version and service, port
// 10250, the node name, ip_forward; NumCPU and Mem on control planes). Every check prints OK, WARN or
// FAIL; the script exits 1 when one failed, so it can gate automation.
import {
  CONTAINERD_SOCKET,
  CONTROL_PLANE_MIN_CPUS,
  CONTROL_PLANE_MIN_MEMORY_MB,
  IPVS_MODULES,
  K8S_SYSCTLS,
  KERNELS,
  KUBERNETES_THRESHOLDS,
  OPTIONAL_COMMANDS,
  RELEASE_FACTS,
  REQUIRED_COMMANDS,
  minorNumber,
  portsFor,
} from './releases';
import { SCRIPT_FIELDS, checkScriptAvailable, validateOptions, type ScriptOptions } from './options';
import { HOSTS_BEGIN, HOSTS_END, writeIdentityHelpers, writeProductUuidCase } from './identity';
import { ScriptWriter, forEachValue, shellQuote, writeHeader, writeModuleHelpers, writePrelude, writeReleaseCheck, writeVersionAtLeast } from './shell';

export function generateVerifyNode(options: ScriptOptions): string {
  checkScriptAvailable('verify-node', options.release);
  validateOptions(options, SCRIPT_FIELDS['verify-node']);
  const w = new ScriptWriter(options.locale);
  writeHeader(w, 'verify-node', options, 'scripts.sh.verify.title');
  writePrelude(w, 'verify-node', { files: false, readOnly: true });
  writeModuleHelpers(w);
  writeVersionAtLeast(w);
  writeIdentityHelpers(w);
  w.raw(
    'FAILED=0',
    'WARNED=0',
    `ok() { printf '    %s %s\\n' ${shellQuote('OK  ')} "$1"; }`,
    `fail() { printf '    %s %s\\n' ${shellQuote('FAIL')} "$1"; FAILED=$((FAILED + 1)); }`,
    `notice() { printf '    %s %s\\n' ${shellQuote('WARN')} "$1"; WARNED=$((WARNED + 1)); }`,
  );
  writeReleaseCheck(w, options);
  writeKernelCheck(w, options);
  writeCgroupCheck(w, options);
  writeSwapCheck(w);
  writeSelinuxCheck(w);
  writeFirewallCheck(w, options);
  writeModulesCheck(w, options);
  writeSysctlCheck(w);
  writeTimeCheck(w);
  writeCommandsCheck(w, options);
  writeRuntimeCheck(w, options);
  writeKubeletCheck(w, options);
  writeIdentityCheck(w, options);
  if (options.role === 'control-plane' || options.role === 'control-plane-external-etcd') writeControlPlaneCheck(w);
  w.step('scripts.sh.step.summary');
  w.raw(
    `if [ "$FAILED" -gt 0 ]; then die ${w.m('scripts.sh.verify.failed', { count: 'FAILED', warnings: 'WARNED' })}; fi`,
    `info ${w.m('scripts.sh.verify.allOk', { warnings: 'WARNED' })}`,
  );
  return w.text();
}

function writeKernelCheck(w: ScriptWriter, options: ScriptOptions): void {
  const facts = RELEASE_FACTS[options.release];
  const minor = minorNumber(options.kubernetesVersion);
  const t = KUBERNETES_THRESHOLDS;
  w.step('scripts.sh.step.kernel');
  w.raw('RUNNING=$(uname -r)');
  if (minor >= t.kernel419ErrorFrom && minor <= t.kernel419ErrorUntil) {
    w.raw(
      `if version_at_least "$RUNNING" 4.19; then ok ${w.m('scripts.sh.verify.kernelRunning', { kver: 'RUNNING' })}; else fail ${w.m('scripts.sh.verify.kernelTooOld', { kver: 'RUNNING' }, { version: options.kubernetesVersion })}; fi`,
    );
  } else {
    w.raw(
      `if version_at_least "$RUNNING" 4.19; then ok ${w.m('scripts.sh.verify.kernelRunning', { kver: 'RUNNING' })}; else notice ${w.m('scripts.sh.verify.kernelOldWarn', { kver: 'RUNNING' })}; fi`,
    );
  }
  if (!facts.elrepo) return;
  // An ELRepo kernel is optional (EL9/EL10's stock kernels are fine); once installed it must be the one running and the default.
  w.raw(
    'ELREPO_KVER=""',
    `for flavour in ${KERNELS.join(' ')}; do`,
    '  if rpm -q "$flavour" >/dev/null 2>&1; then',
    "    ELREPO_KVER=$(rpm -q --qf '%{VERSION}-%{RELEASE}.%{ARCH}\\n' \"$flavour\" | sort -V | tail -n 1)",
    '    if [ "$RUNNING" = "$ELREPO_KVER" ]; then',
    `      ok ${w.m('scripts.sh.verify.kernelOk', { kver: 'RUNNING', kernel: 'flavour' })}`,
    '    else',
    `      fail ${w.m('scripts.sh.verify.kernelOld', { running: 'RUNNING', kver: 'ELREPO_KVER' })}`,
    '    fi',
    '  fi',
    'done',
  );
  if (facts.legacy) {
    w.raw("DEFAULT_ENTRY=$(grub2-editenv list 2>/dev/null | awk '/^saved_entry=/ { sub(/^saved_entry=/, \"\"); print }')");
    w.raw('case "$DEFAULT_ENTRY" in', '  *"($RUNNING)"*) DEFAULT_OK=1 ;;', '  *) DEFAULT_OK=0 ;;', 'esac');
  } else {
    w.raw('DEFAULT_ENTRY=$(grubby --default-kernel 2>/dev/null || true)');
    w.raw('if [ "$DEFAULT_ENTRY" = "/boot/vmlinuz-$RUNNING" ]; then DEFAULT_OK=1; else DEFAULT_OK=0; fi');
  }
  w.raw(
    'if [ -n "$ELREPO_KVER" ]; then',
    `  if [ "$DEFAULT_OK" = 1 ]; then ok ${w.m('scripts.sh.verify.defaultOk', { entry: 'DEFAULT_ENTRY' })}; else fail ${w.m('scripts.sh.verify.defaultOther', { entry: 'DEFAULT_ENTRY', running: 'RUNNING' })}; fi`,
    'else',
    `  info ${w.m('scripts.sh.verify.stockKernel', {}, { stock: facts.stockKernel })}`,
    'fi',
  );
}

function writeCgroupCheck(w: ScriptWriter, options: ScriptOptions): void {
  const required = minorNumber(options.kubernetesVersion) >= KUBERNETES_THRESHOLDS.cgroupV2Required;
  w.step('scripts.sh.step.cgroup');
  const v1 = required
    ? `fail ${w.m('scripts.sh.verify.cgroupV1Refused', {}, { version: options.kubernetesVersion })}`
    : `notice ${w.m(RELEASE_FACTS[options.release].cgroupV2 === 'impossible' ? 'scripts.sh.prep.cgroupImpossible' : 'scripts.sh.prep.cgroupV1Kept')}`;
  w.raw(`if [ "$(cgroup_version)" = 2 ]; then ok ${w.m('scripts.sh.verify.cgroupV2')}; else ${v1}; fi`);
}

const SWAP_LINE = '^[^#[:space:]][^[:space:]]*[[:space:]]+[^[:space:]]+[[:space:]]+swap[[:space:]]';

function writeSwapCheck(w: ScriptWriter): void {
  w.step('scripts.sh.step.swapCheck');
  w.raw(
    `if [ "$(awk 'NR > 1 { n++ } END { print n + 0 }' "$ROOT/proc/swaps" 2>/dev/null || echo 0)" = 0 ]; then ok ${w.m('scripts.sh.verify.swapOff')}; else fail ${w.m('scripts.sh.verify.swapOn')}; fi`,
    `if [ -f "$ROOT/etc/fstab" ] && grep -Eq '${SWAP_LINE}' "$ROOT/etc/fstab"; then fail ${w.m('scripts.sh.verify.swapInFstab')}; else ok ${w.m('scripts.sh.verify.fstabClean')}; fi`,
  );
}

function writeSelinuxCheck(w: ScriptWriter): void {
  w.step('scripts.sh.step.selinuxCheck');
  w.raw(
    'if command -v getenforce >/dev/null 2>&1; then',
    '  SELINUX_MODE=$(getenforce)',
    `  if [ "$SELINUX_MODE" = Enforcing ]; then fail ${w.m('scripts.sh.verify.selinuxEnforcing')}; else ok ${w.m('scripts.sh.verify.selinuxMode', { mode: 'SELINUX_MODE' })}; fi`,
    'fi',
    `if [ -f "$ROOT/etc/selinux/config" ] && grep -q '^SELINUX=enforcing' "$ROOT/etc/selinux/config"; then fail ${w.m('scripts.sh.verify.selinuxConfig')}; fi`,
  );
}

function writeFirewallCheck(w: ScriptWriter, options: ScriptOptions): void {
  const ports = portsFor(options.role, options.apiServerPort);
  w.step('scripts.sh.step.firewallCheck');
  if (options.firewall === 'keep') {
    w.raw(
      `if systemctl is-active --quiet firewalld 2>/dev/null; then notice ${w.m('scripts.sh.prep.firewallKept', {}, { ports: ports.join(' ') })}; else ok ${w.m('scripts.sh.prep.firewallNotRunning')}; fi`,
    );
    return;
  }
  if (options.firewall === 'disable') {
    w.raw(
      'if systemctl is-active --quiet firewalld 2>/dev/null || systemctl is-enabled --quiet firewalld 2>/dev/null; then',
      `  fail ${w.m('scripts.sh.verify.firewallOn')}`,
      'else',
      `  ok ${w.m('scripts.sh.verify.firewallOff')}`,
      'fi',
    );
    return;
  }
  w.raw(
    'if systemctl is-active --quiet firewalld 2>/dev/null; then',
    `  for port in ${ports.join(' ')}; do`,
    `    if firewall-cmd --query-port="$port" >/dev/null 2>&1 && firewall-cmd --permanent --query-port="$port" >/dev/null 2>&1; then ok "$port"; else fail ${w.m('scripts.sh.verify.portClosed', { port: 'port' })}; fi`,
    '  done',
    'else',
    `  ok ${w.m('scripts.sh.prep.firewallNotRunning')}`,
    'fi',
  );
}

function writeModulesCheck(w: ScriptWriter, options: ScriptOptions): void {
  const modules = ['overlay', 'br_netfilter'];
  if (options.proxyMode === 'ipvs') modules.push(...IPVS_MODULES);
  if (options.proxyMode === 'nftables') modules.push('nf_tables');
  w.step('scripts.sh.step.modulesCheck');
  w.raw(
    'MODULES_FILE="$ROOT/etc/modules-load.d/k8s.conf"',
    'listed() { [ -f "$MODULES_FILE" ] && awk -v m="$1" \'$1 == m { found = 1 } END { exit !found }\' "$MODULES_FILE"; }',
    `for module in ${modules.join(' ')}; do`,
    `  if module_loaded "$module"; then ok "$module"; else fail ${w.m('scripts.sh.verify.moduleMissing', { module: 'module' })}; fi`,
    `  listed "$module" || fail ${w.m('scripts.sh.verify.moduleNotPersisted', { module: 'module' })}`,
    'done',
  );
  if (options.proxyMode === 'ipvs') {
    w.raw(
      'if module_loaded nf_conntrack || module_loaded nf_conntrack_ipv4; then ok nf_conntrack; else fail ' +
        w.m('scripts.sh.verify.moduleMissing', {}, { module: 'nf_conntrack / nf_conntrack_ipv4' }) +
        '; fi',
      `listed nf_conntrack || listed nf_conntrack_ipv4 || fail ${w.m('scripts.sh.verify.moduleNotPersisted', {}, { module: 'nf_conntrack' })}`,
    );
  }
  w.comment('scripts.sh.verify.modulesBootWhy');
  w.raw(
    'if [ -f "$MODULES_FILE" ]; then',
    '  while read -r module _; do',
    '    case "$module" in \'\' | \'#\'*) continue ;; esac',
    `    modinfo "$module" >/dev/null 2>&1 || fail ${w.m('scripts.sh.verify.moduleUnknown', { module: 'module', kver: 'RUNNING' })}`,
    '  done <"$MODULES_FILE"',
    'fi',
  );
}

function writeSysctlCheck(w: ScriptWriter): void {
  w.step('scripts.sh.step.sysctlCheck');
  w.raw(
    'SYSCTL_FILE="$ROOT/etc/sysctl.d/k8s.conf"',
    `for setting in ${K8S_SYSCTLS.map(([k, v]) => `${k}=${v}`).join(' ')}; do`,
    '  key=${setting%%=*} want=${setting#*=}',
    '  have=$(sysctl -n "$key" 2>/dev/null || true)',
    `  if [ "$have" = "$want" ]; then ok "$key = $have"; else fail ${w.m('scripts.sh.verify.sysctlWrong', { key: 'key', have: 'have', want: 'want' })}; fi`,
    "  if ! { [ -f \"$SYSCTL_FILE\" ] && awk -F= -v k=\"$key\" -v v=\"$want\" '{ gsub(/[[:space:]]/, \"\") } $1 == k && $2 == v { found = 1 } END { exit !found }' \"$SYSCTL_FILE\"; }; then",
    `    fail ${w.m('scripts.sh.verify.sysctlNotPersisted', { key: 'key' })}`,
    '  fi',
    'done',
  );
}

function writeTimeCheck(w: ScriptWriter): void {
  w.step('scripts.sh.step.timeCheck');
  w.raw(
    `if systemctl is-active --quiet chronyd 2>/dev/null; then ok ${w.m('scripts.sh.verify.chronyOk')}; else fail ${w.m('scripts.sh.verify.chronyOff')}; fi`,
  );
}

function writeCommandsCheck(w: ScriptWriter, options: ScriptOptions): void {
  const required: string[] = [...REQUIRED_COMMANDS];
  if (minorNumber(options.kubernetesVersion) < KUBERNETES_THRESHOLDS.conntrackBinaryDropped) required.push('conntrack');
  w.step('scripts.sh.step.commands');
  w.raw(
    `for command in ${required.join(' ')}; do`,
    `  if command -v "$command" >/dev/null 2>&1; then ok "$command"; else fail ${w.m('scripts.sh.verify.commandMissing', { command: 'command' })}; fi`,
    'done',
    `for command in ${OPTIONAL_COMMANDS.join(' ')}; do`,
    `  command -v "$command" >/dev/null 2>&1 || notice ${w.m('scripts.sh.verify.commandOptional', { command: 'command' })}`,
    'done',
  );
}

function writeRuntimeCheck(w: ScriptWriter, options: ScriptOptions): void {
  w.step('scripts.sh.step.runtimeCheck');
  w.raw(
    `if systemctl is-active --quiet containerd 2>/dev/null; then ok ${w.m('scripts.sh.verify.containerdActive')}; else fail ${w.m('scripts.sh.verify.containerdInactive')}; fi`,
    `if grep -qs '^runtime-endpoint: ${CONTAINERD_SOCKET}$' "$ROOT/etc/crictl.yaml"; then ok ${w.m('scripts.sh.verify.crictlConfigured')}; else fail ${w.m('scripts.sh.verify.crictlNotConfigured', {}, { socket: CONTAINERD_SOCKET })}; fi`,
    `if command -v crictl >/dev/null 2>&1 && crictl info >/dev/null 2>&1; then ok ${w.m('scripts.sh.verify.criReachable')}; else fail ${w.m('scripts.sh.verify.criUnreachable')}; fi`,
    'CONTAINERD_CONFIG=""',
    'if command -v containerd >/dev/null 2>&1; then CONTAINERD_CONFIG=$(containerd config dump 2>/dev/null || true); fi',
    `if printf '%s\\n' "$CONTAINERD_CONFIG" | grep -q 'SystemdCgroup = true'; then ok ${w.m('scripts.sh.verify.systemdCgroup')}; else fail ${w.m('scripts.sh.verify.noSystemdCgroup')}; fi`,
    'if command -v kubeadm >/dev/null 2>&1; then',
    `  SANDBOX_IMAGE=$(kubeadm config images list --kubernetes-version "$(kubeadm version -o short)" --image-repository ${shellQuote(options.imageRepository)} 2>/dev/null | awk '/\\/pause:/ { image = $0 } END { print image }')`,
    `  if [ -n "$SANDBOX_IMAGE" ] && printf '%s\\n' "$CONTAINERD_CONFIG" | grep -qF "\\"$SANDBOX_IMAGE\\""; then ok ${w.m('scripts.sh.verify.sandboxOk', { image: 'SANDBOX_IMAGE' })}; else notice ${w.m('scripts.sh.verify.sandboxOther', { image: 'SANDBOX_IMAGE' })}; fi`,
    'fi',
  );
}

function writeKubeletCheck(w: ScriptWriter, options: ScriptOptions): void {
  const version = options.kubernetesVersion;
  w.step('scripts.sh.step.kubeletCheck');
  w.raw(
    'for package in kubelet kubeadm kubectl; do',
    '  if rpm -q "$package" >/dev/null 2>&1; then',
    "    installed=$(rpm -q --qf '%{VERSION}\\n' \"$package\" | head -n 1)",
    '    case "$installed" in',
    `      ${version}.*) ok "$package $installed" ;;`,
    `      *) fail ${w.m('scripts.sh.runtime.otherMinor', { package: 'package', installed: 'installed' }, { version })} ;;`,
    '    esac',
    '  else',
    `    fail ${w.m('scripts.sh.verify.packageMissing', { package: 'package' })}`,
    '  fi',
    'done',
    `if systemctl is-enabled --quiet kubelet 2>/dev/null; then ok ${w.m('scripts.sh.verify.kubeletEnabled')}; else fail ${w.m('scripts.sh.verify.kubeletDisabled')}; fi`,
  );
  w.comment('scripts.sh.verify.portWhy');
  w.raw(
    'if [ ! -f "$ROOT/etc/kubernetes/kubelet.conf" ]; then',
    "  if [ -n \"$(ss -Hltn 'sport = :10250' 2>/dev/null || true)\" ]; then",
    `    fail ${w.m('scripts.sh.verify.portInUse', {}, { port: 10250 })}`,
    '  else',
    `    ok ${w.m('scripts.sh.verify.portFree', {}, { port: 10250 })}`,
    '  fi',
    'fi',
  );
}

function writeIdentityCheck(w: ScriptWriter, options: ScriptOptions): void {
  w.step('scripts.sh.step.identity');
  w.raw(
    'NODE_NAME=$(uname -n)',
    "if printf '%s' \"$NODE_NAME\" | grep -Eq '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$'; then",
    `  ok ${w.m('scripts.sh.verify.hostnameValid', { name: 'NODE_NAME' })}`,
    'else',
    `  fail ${w.m('scripts.sh.verify.hostnameInvalid', { name: 'NODE_NAME' })}`,
    'fi',
  );
  if (options.hostname !== '') {
    w.raw(`if [ "$NODE_NAME" != ${shellQuote(options.hostname)} ]; then fail ${w.m('scripts.sh.verify.hostnameOther', { name: 'NODE_NAME' }, { expected: options.hostname })}; fi`);
  }
  w.raw(
    "RESOLVED=$(getent hosts \"$NODE_NAME\" 2>/dev/null | awk '{ print $1; exit }' || true)",
    `if [ -z "$RESOLVED" ]; then notice ${w.m('scripts.sh.verify.hostnameUnresolved', { name: 'NODE_NAME' })}; fi`,
  );
  const own = options.hosts.find((e) => e.name === options.hostname);
  if (own) {
    w.raw(`if [ -n "$RESOLVED" ] && [ "$RESOLVED" != ${shellQuote(own.ip)} ]; then fail ${w.m('scripts.sh.verify.hostnameResolvesElsewhere', { name: 'NODE_NAME', ip: 'RESOLVED' }, { expected: own.ip })}; fi`);
  }
  if (options.hosts.length > 0) {
    w.raw(
      `HOSTS_BLOCK=$(awk '/^${HOSTS_BEGIN}/ { inside = 1; next } /^${HOSTS_END}/ { inside = 0 } inside' "$ROOT/etc/hosts" 2>/dev/null || true)`,
    );
    forEachValue(w, 'HOSTS_ENTRIES', 'entry', options.hosts.map((e) => `${e.ip} ${e.name}`), [
      `if printf '%s\\n' "$HOSTS_BLOCK" | grep -qxF "$entry"; then ok "/etc/hosts: $entry"; else fail ${w.m('scripts.sh.verify.hostsMissing', { entry: 'entry' })}; fi`,
    ]);
  }
  writeProductUuidCase(w, { missing: 'fail', placeholder: 'notice', found: 'ok' });
  w.raw(
    'MACS=$(mac_addresses)',
    `if [ -n "$MACS" ]; then ok ${w.m('scripts.sh.identity.macs', { macs: 'MACS' })}; else notice ${w.m('scripts.sh.verify.noMacs')}; fi`,
    `info ${w.m('scripts.sh.verify.compareIdentity')}`,
  );
}

function writeControlPlaneCheck(w: ScriptWriter): void {
  w.step('scripts.sh.step.controlPlane');
  w.raw(
    'CPUS=$(nproc)',
    `if [ "$CPUS" -ge ${CONTROL_PLANE_MIN_CPUS} ]; then ok ${w.m('scripts.sh.verify.cpus', { count: 'CPUS' })}; else fail ${w.m('scripts.sh.verify.tooFewCpus', { count: 'CPUS' }, { min: CONTROL_PLANE_MIN_CPUS })}; fi`,
    "MEMORY_MB=$(awk '/^MemTotal:/ { print int($2 / 1024) }' \"$ROOT/proc/meminfo\")",
    `if [ "\${MEMORY_MB:-0}" -ge ${CONTROL_PLANE_MIN_MEMORY_MB} ]; then ok ${w.m('scripts.sh.verify.memory', { mb: 'MEMORY_MB' })}; else fail ${w.m('scripts.sh.verify.tooLittleMemory', { mb: 'MEMORY_MB' }, { min: CONTROL_PLANE_MIN_MEMORY_MB })}; fi`,
  );
}
