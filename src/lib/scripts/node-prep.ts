// node-prep.sh: what kubeadm-style installers do to every node before the kubelet starts (spec §4).
// Every step first looks at the current state and changes only what differs, so a second run is a no-op.
import { IPVS_MODULES, K8S_SYSCTLS, KUBERNETES_PORTS, RELEASE_FACTS } from './releases';
import { SCRIPT_FIELDS, validateOptions, type ScriptOptions } from './options';
import {
  ScriptWriter,
  shellMessage,
  writeHeader,
  writeKernelAtLeast,
  writeModuleHelpers,
  writeOsReleaseCheck,
  writePrelude,
  writeRootCheck,
} from './shell';

export function generateNodePrep(options: ScriptOptions): string {
  validateOptions(options, SCRIPT_FIELDS['node-prep']);
  const facts = RELEASE_FACTS[options.release];
  const w = new ScriptWriter(options.locale);
  writeHeader(w, 'node-prep', options, 'scripts.sh.prep.title');
  writePrelude(w, 'write');
  writeModuleHelpers(w);
  writeKernelAtLeast(w);
  writeRootCheck(w);
  writeOsReleaseCheck(w, options, facts.osIds, facts.major);
  writeSwapOff(w);
  writeSelinux(w);
  writeFirewall(w, options);
  writePackages(w, options);
  writeModules(w, options);
  writeSysctl(w);
  writeTimeSync(w);
  writeCgroup(w, options);
  w.step('scripts.sh.step.done');
  w.raw(`if [ "$NEEDS_REBOOT" = 1 ]; then warn ${shellMessage(w.locale, 'scripts.sh.prep.rebootNeeded')}; fi`);
  w.say('info', 'scripts.sh.prep.verifyHint');
  return w.text();
}

function writeSwapOff(w: ScriptWriter): void {
  w.step('scripts.sh.step.swap');
  w.comment('scripts.sh.prep.swapWhy');
  const swapLine = '^[^#[:space:]][^[:space:]]*[[:space:]]+[^[:space:]]+[[:space:]]+swap[[:space:]]';
  w.raw(
    'NEEDS_REBOOT=0',
    `if [ -r "$ROOT/proc/swaps" ] && [ "$(awk 'NR > 1 { n++ } END { print n + 0 }' "$ROOT/proc/swaps")" -gt 0 ]; then`,
    '  swapoff -a',
    'fi',
    'FSTAB="$ROOT/etc/fstab"',
    `if [ -f "$FSTAB" ] && grep -Eq '${swapLine}' "$FSTAB"; then`,
    '  backup_once "$FSTAB"',
    `  sed -i -E 's/(${swapLine}.*)$/#\\1/' "$FSTAB"`,
    `  info ${shellMessage(w.locale, 'scripts.sh.prep.fstabCommented')}`,
    'fi',
  );
}

function writeSelinux(w: ScriptWriter): void {
  w.step('scripts.sh.step.selinux');
  w.comment('scripts.sh.prep.selinuxWhy');
  w.raw(
    'if command -v getenforce >/dev/null 2>&1 && [ "$(getenforce)" = Enforcing ]; then setenforce 0; fi',
    'SELINUX_CONFIG="$ROOT/etc/selinux/config"',
    "if [ -f \"$SELINUX_CONFIG\" ] && grep -q '^SELINUX=enforcing' \"$SELINUX_CONFIG\"; then",
    '  backup_once "$SELINUX_CONFIG"',
    "  sed -i 's/^SELINUX=enforcing/SELINUX=permissive/' \"$SELINUX_CONFIG\"",
    'fi',
  );
}

function writeFirewall(w: ScriptWriter, options: ScriptOptions): void {
  w.step('scripts.sh.step.firewall', { choice: w.t(`scripts.ui.firewall.${options.firewall}`) });
  if (options.firewall === 'keep') {
    w.say('info', 'scripts.sh.prep.firewallKept', {}, { ports: KUBERNETES_PORTS.join(' ') });
    return;
  }
  if (options.firewall === 'disable') {
    w.comment('scripts.sh.prep.firewallDisableWhy');
    w.raw(
      'if systemctl is-enabled --quiet firewalld 2>/dev/null || systemctl is-active --quiet firewalld 2>/dev/null; then',
      '  systemctl disable --now firewalld',
      'fi',
    );
    return;
  }
  w.comment('scripts.sh.prep.firewallOpenWhy');
  w.raw(
    'if systemctl is-active --quiet firewalld 2>/dev/null; then',
    '  RELOAD=0',
    `  for port in ${KUBERNETES_PORTS.join(' ')}; do`,
    '    if ! firewall-cmd --permanent --query-port="$port" >/dev/null 2>&1; then',
    '      firewall-cmd --permanent --add-port="$port"',
    '      RELOAD=1',
    '    fi',
    '  done',
    '  if [ "$RELOAD" = 1 ]; then firewall-cmd --reload; fi',
    `  warn ${shellMessage(w.locale, 'scripts.sh.prep.cniPorts')}`,
    'else',
    `  info ${shellMessage(w.locale, 'scripts.sh.prep.firewallNotRunning')}`,
    'fi',
  );
}

function writePackages(w: ScriptWriter, options: ScriptOptions): void {
  const packages = ['chrony', 'conntrack-tools', 'socat'];
  if (options.proxyMode === 'ipvs') packages.push('ipset', 'ipvsadm');
  if (options.proxyMode === 'nftables') packages.push('nftables');
  const tool = RELEASE_FACTS[options.release].packageManager;
  w.step('scripts.sh.step.packages', { packages: packages.join(' ') });
  w.raw(
    'MISSING=()',
    `for package in ${packages.join(' ')}; do`,
    '  rpm -q "$package" >/dev/null 2>&1 || MISSING+=("$package")',
    'done',
    `if [ "\${#MISSING[@]}" -gt 0 ]; then ${tool} install -y "\${MISSING[@]}"; fi`,
  );
}

function writeModules(w: ScriptWriter, options: ScriptOptions): void {
  w.step('scripts.sh.step.modules');
  w.comment('scripts.sh.prep.modulesWhy');
  w.raw('MODULES=(overlay br_netfilter)');
  if (options.proxyMode === 'ipvs') {
    w.comment('scripts.sh.prep.conntrackWhy');
    w.raw(
      'if modinfo nf_conntrack_ipv4 >/dev/null 2>&1; then CONNTRACK=nf_conntrack_ipv4; else CONNTRACK=nf_conntrack; fi',
      `info ${shellMessage(w.locale, 'scripts.sh.prep.conntrackChosen', { module: 'CONNTRACK' })}`,
      `MODULES+=(${IPVS_MODULES.join(' ')} "$CONNTRACK")`,
    );
  }
  if (options.proxyMode === 'nftables') {
    w.raw(
      'MODULES+=(nf_tables)',
      `kernel_at_least 5.13 || warn ${shellMessage(w.locale, 'scripts.sh.prep.nftablesOldKernel')}`,
    );
  }
  w.raw(
    'printf \'%s\\n\' "${MODULES[@]}" | write_file "$ROOT/etc/modules-load.d/k8s.conf"',
    'for module in "${MODULES[@]}"; do',
    '  module_loaded "$module" || modprobe "$module"',
    'done',
  );
}

function writeSysctl(w: ScriptWriter): void {
  w.step('scripts.sh.step.sysctl');
  w.comment('scripts.sh.prep.sysctlWhy');
  w.raw('write_file "$ROOT/etc/sysctl.d/k8s.conf" <<\'EOF\'', ...K8S_SYSCTLS.map(([k, v]) => `${k} = ${v}`), 'EOF');
  w.raw(
    'APPLY=$FILE_CHANGED',
    `for setting in ${K8S_SYSCTLS.map(([k, v]) => `${k}=${v}`).join(' ')}; do`,
    '  [ "$(sysctl -n "${setting%%=*}" 2>/dev/null || true)" = "${setting#*=}" ] || APPLY=1',
    'done',
    'if [ "$APPLY" = 1 ]; then sysctl --system >/dev/null; fi',
  );
}

function writeTimeSync(w: ScriptWriter): void {
  w.step('scripts.sh.step.timeSync');
  w.comment('scripts.sh.prep.timeSyncWhy');
  w.raw(
    'if ! systemctl is-enabled --quiet chronyd 2>/dev/null || ! systemctl is-active --quiet chronyd 2>/dev/null; then',
    '  systemctl enable --now chronyd',
    'fi',
  );
}

function writeCgroup(w: ScriptWriter, options: ScriptOptions): void {
  const facts = RELEASE_FACTS[options.release];
  w.step('scripts.sh.step.cgroup');
  w.comment('scripts.sh.prep.cgroupWhy');
  if (facts.cgroupV2 === 'impossible') {
    w.say('warn', 'scripts.sh.prep.cgroupImpossible');
    return;
  }
  if (facts.cgroupV2 === 'switchable' && !options.cgroupV2) {
    w.raw(`if [ "$(cgroup_version)" = 1 ]; then warn ${shellMessage(w.locale, 'scripts.sh.prep.cgroupV1Kept')}; fi`);
    return;
  }
  if (facts.cgroupV2 === 'default') {
    w.raw(
      `if [ "$(cgroup_version)" = 2 ]; then info ${shellMessage(w.locale, 'scripts.sh.prep.cgroupV2Already')}; else warn ${shellMessage(w.locale, 'scripts.sh.prep.cgroupV1OnDefault')}; fi`,
    );
    return;
  }
  w.raw(
    'CGROUP_ARG=systemd.unified_cgroup_hierarchy=1',
    'if grubby --info=ALL | awk -v a="$CGROUP_ARG" \'/^args=/ && index($0, a) == 0 { missing = 1 } END { exit !missing }\'; then',
    '  grubby --update-kernel=ALL --args="$CGROUP_ARG"',
    'fi',
    'if [ "$(cgroup_version)" = 2 ]; then',
    `  info ${shellMessage(w.locale, 'scripts.sh.prep.cgroupV2Already')}`,
    'else',
    '  NEEDS_REBOOT=1',
    `  info ${shellMessage(w.locale, 'scripts.sh.prep.cgroupSwitched')}`,
    'fi',
  );
}
