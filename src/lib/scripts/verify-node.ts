// verify-node.sh: read-only report after the reboot. Every check prints OK or FAIL and the script
// exits 1 when one failed, so it can gate automation.
import { IPVS_MODULES, K8S_SYSCTLS, RELEASE_FACTS } from './releases';
import { SCRIPT_FIELDS, validateOptions, type ScriptOptions } from './options';
import { ScriptWriter, shellMessage, shellQuote, writeHeader, writeModuleHelpers, writeOsReleaseCheck, writePrelude, writeRootCheck } from './shell';

export function generateVerifyNode(options: ScriptOptions): string {
  validateOptions(options, SCRIPT_FIELDS['verify-node']);
  const facts = RELEASE_FACTS[options.release];
  const w = new ScriptWriter(options.locale);
  writeHeader(w, 'verify-node', options, 'scripts.sh.verify.title');
  writePrelude(w, 'none');
  writeModuleHelpers(w);
  w.raw(
    'FAILED=0',
    `ok() { printf '    %s %s\\n' ${shellQuote('OK  ')} "$1"; }`,
    `fail() { printf '    %s %s\\n' ${shellQuote('FAIL')} "$1"; FAILED=$((FAILED + 1)); }`,
  );
  // Root: grubenv and the BLS entries are readable by root only on EL8+.
  writeRootCheck(w);
  writeOsReleaseCheck(w, options, facts.osIds, facts.major);
  writeKernelCheck(w, options);
  writeDefaultEntryCheck(w, options);
  writeCgroupCheck(w, options);
  writeModulesCheck(w, options);
  writeSysctlCheck(w);
  writeServicesCheck(w);
  w.step('scripts.sh.step.summary');
  w.raw(
    `if [ "$FAILED" -gt 0 ]; then die ${shellMessage(w.locale, 'scripts.sh.verify.failed', { count: 'FAILED' })}; fi`,
    `info ${shellMessage(w.locale, 'scripts.sh.verify.allOk')}`,
  );
  return w.text();
}

function writeKernelCheck(w: ScriptWriter, options: ScriptOptions): void {
  w.step('scripts.sh.step.kernel');
  w.raw(
    'RUNNING=$(uname -r)',
    `if rpm -q ${options.kernel} >/dev/null 2>&1; then`,
    `  KVER=$(rpm -q --qf '%{VERSION}-%{RELEASE}.%{ARCH}\\n' ${options.kernel} | sort -V | tail -n 1)`,
    '  if [ "$RUNNING" = "$KVER" ]; then',
    `    ok ${shellMessage(w.locale, 'scripts.sh.verify.kernelOk', { kver: 'RUNNING' }, { kernel: options.kernel })}`,
    '  else',
    `    fail ${shellMessage(w.locale, 'scripts.sh.verify.kernelOld', { running: 'RUNNING', kver: 'KVER' })}`,
    '  fi',
    'else',
    '  KVER=""',
    `  fail ${shellMessage(w.locale, 'scripts.sh.verify.kernelMissing', { running: 'RUNNING' }, { kernel: options.kernel })}`,
    'fi',
  );
}

function writeDefaultEntryCheck(w: ScriptWriter, options: ScriptOptions): void {
  w.step('scripts.sh.step.defaultEntry');
  if (RELEASE_FACTS[options.release].legacy) {
    w.raw("DEFAULT_ENTRY=$(grub2-editenv list | awk '/^saved_entry=/ { sub(/^saved_entry=/, \"\"); print }')");
    w.raw('case "$DEFAULT_ENTRY" in', '  *"($RUNNING)"*) DEFAULT_OK=1 ;;', '  *) DEFAULT_OK=0 ;;', 'esac');
  } else {
    w.raw('DEFAULT_ENTRY=$(grubby --default-kernel 2>/dev/null || true)');
    w.raw('if [ "$DEFAULT_ENTRY" = "/boot/vmlinuz-$RUNNING" ]; then DEFAULT_OK=1; else DEFAULT_OK=0; fi');
  }
  w.raw(
    `if [ "$DEFAULT_OK" = 1 ]; then ok ${shellMessage(w.locale, 'scripts.sh.verify.defaultOk', { entry: 'DEFAULT_ENTRY' })}; else fail ${shellMessage(w.locale, 'scripts.sh.verify.defaultOther', { entry: 'DEFAULT_ENTRY', running: 'RUNNING' })}; fi`,
  );
}

function writeCgroupCheck(w: ScriptWriter, options: ScriptOptions): void {
  w.step('scripts.sh.step.cgroup');
  const v1 = RELEASE_FACTS[options.release].cgroupV2 === 'impossible' ? 'scripts.sh.prep.cgroupImpossible' : 'scripts.sh.prep.cgroupV1Kept';
  w.raw(
    `if [ "$(cgroup_version)" = 2 ]; then ok ${shellMessage(w.locale, 'scripts.sh.verify.cgroupV2')}; else warn ${shellMessage(w.locale, v1)}; fi`,
  );
}

function writeModulesCheck(w: ScriptWriter, options: ScriptOptions): void {
  w.step('scripts.sh.step.modules');
  const modules = ['overlay', 'br_netfilter'];
  if (options.proxyMode === 'ipvs') modules.push(...IPVS_MODULES);
  if (options.proxyMode === 'nftables') modules.push('nf_tables');
  w.raw(
    `for module in ${modules.join(' ')}; do`,
    `  if module_loaded "$module"; then ok "$module"; else fail ${shellMessage(w.locale, 'scripts.sh.verify.moduleMissing', { module: 'module' })}; fi`,
    'done',
  );
  if (options.proxyMode === 'ipvs') {
    w.raw(
      'if module_loaded nf_conntrack || module_loaded nf_conntrack_ipv4; then ok nf_conntrack; else fail ' +
        shellMessage(w.locale, 'scripts.sh.verify.moduleMissing', {}, { module: 'nf_conntrack / nf_conntrack_ipv4' }) +
        '; fi',
    );
  }
}

function writeSysctlCheck(w: ScriptWriter): void {
  w.step('scripts.sh.step.sysctl');
  w.raw(
    `for setting in ${K8S_SYSCTLS.map(([k, v]) => `${k}=${v}`).join(' ')}; do`,
    '  key=${setting%%=*} want=${setting#*=}',
    '  have=$(sysctl -n "$key" 2>/dev/null || true)',
    `  if [ "$have" = "$want" ]; then ok "$key = $have"; else fail ${shellMessage(w.locale, 'scripts.sh.verify.sysctlWrong', { key: 'key', have: 'have', want: 'want' })}; fi`,
    'done',
  );
}

function writeServicesCheck(w: ScriptWriter): void {
  w.step('scripts.sh.step.swapTime');
  w.raw(
    `if [ "$(awk 'NR > 1 { n++ } END { print n + 0 }' "$ROOT/proc/swaps" 2>/dev/null || echo 0)" = 0 ]; then ok ${shellMessage(w.locale, 'scripts.sh.verify.swapOff')}; else fail ${shellMessage(w.locale, 'scripts.sh.verify.swapOn')}; fi`,
    `if systemctl is-active --quiet chronyd 2>/dev/null; then ok ${shellMessage(w.locale, 'scripts.sh.verify.chronyOk')}; else fail ${shellMessage(w.locale, 'scripts.sh.verify.chronyOff')}; fi`,
  );
}
