// kernel-upgrade.sh: an ELRepo kernel, made the default boot entry by path (grubby, EL8+) or by menu
// title (EL7), never by index — the guide's `GRUB_DEFAULT=0` breaks as soon as another kernel sorts
// first (spec §3, §6.7).
import {
  EL7_FROZEN_KERNELS,
  EL7_KERNEL_ARCHIVES,
  EL7_VAULTS,
  ELREPO_KEYS,
  ELREPO_MIRROR_ROOTS,
  MIN_BOOT_FREE_MIB,
  RELEASE_FACTS,
  elrepoReleaseUrl,
} from './releases';
import { validateOptions, SCRIPT_FIELDS, type ScriptOptions } from './options';
import { ScriptWriter, shellMessage, shellQuote, writeHeader, writeOsReleaseCheck, writePrelude, writeRootCheck } from './shell';

export function generateKernelUpgrade(options: ScriptOptions): string {
  validateOptions(options, SCRIPT_FIELDS['kernel-upgrade']);
  const facts = RELEASE_FACTS[options.release];
  const w = new ScriptWriter(options.locale);
  writeHeader(w, 'kernel-upgrade', options, 'scripts.sh.kernel.title');
  writePrelude(w, facts.legacy ? 'write' : 'backup');
  if (facts.legacy) writeLegacyWarning(w);
  writeRootCheck(w);
  writeOsReleaseCheck(w, options, facts.osIds, facts.major);
  w.raw(`[ "$(uname -m)" = ${shellQuote(options.arch)} ] || die ${shellMessage(w.locale, 'scripts.sh.release.wrongArch', {}, { arch: options.arch })}`);
  writeSecureBootCheck(w);
  writeBootSpaceCheck(w, options);
  writeKeys(w, options);
  if (facts.legacy) writeEl7Repositories(w, options);
  else writeElrepoRelease(w, options);
  if (options.updateFirst) writeUpdateOthers(w, options);
  writeInstallKernel(w, options);
  if (facts.legacy) writeDefaultByTitle(w);
  else writeDefaultByPath(w);
  writeAfterReboot(w, options);
  return w.text();
}

function pm(options: ScriptOptions): string {
  return RELEASE_FACTS[options.release].packageManager;
}

function writeLegacyWarning(w: ScriptWriter): void {
  w.blank().comment('scripts.sh.kernel.legacyComment');
  w.say('warn', 'scripts.sh.kernel.legacy');
}

function writeSecureBootCheck(w: ScriptWriter): void {
  w.step('scripts.sh.step.secureBoot');
  w.comment('scripts.sh.kernel.secureBootWhy');
  w.raw(
    'if [ -d "$ROOT/sys/firmware/efi" ] && command -v mokutil >/dev/null 2>&1; then',
    '  SB_STATE=$(mokutil --sb-state 2>&1 || true)',
    '  case "$SB_STATE" in',
    `    *"SecureBoot enabled"*) die ${shellMessage(w.locale, 'scripts.sh.kernel.secureBootOn')} ;;`,
    '  esac',
    'fi',
  );
  w.say('info', 'scripts.sh.kernel.secureBootOff');
}

/** Before anything changes; only when the kernel still has to be installed (a second run must pass). */
function writeBootSpaceCheck(w: ScriptWriter, options: ScriptOptions): void {
  const cleanup = RELEASE_FACTS[options.release].legacy ? 'package-cleanup --oldkernels --count=2' : 'dnf remove --oldinstallonly';
  w.step('scripts.sh.step.bootSpace');
  w.raw(
    `if ! rpm -q ${options.kernel} >/dev/null 2>&1; then`,
    '  BOOT_FREE=$(df -Pm "$ROOT/boot" | awk \'NR == 2 { print $4 }\')',
    `  [ "\${BOOT_FREE:-0}" -ge ${MIN_BOOT_FREE_MIB} ] || die ${shellMessage(w.locale, 'scripts.sh.kernel.bootFull', { free: 'BOOT_FREE' }, { min: MIN_BOOT_FREE_MIB, cleanup })}`,
    `  info ${shellMessage(w.locale, 'scripts.sh.kernel.bootOk', { free: 'BOOT_FREE' })}`,
    'fi',
  );
}

function writeKeys(w: ScriptWriter, options: ScriptOptions): void {
  const keys = RELEASE_FACTS[options.release].keys;
  w.step('scripts.sh.step.keys', { keys: keys.join(' + ') });
  w.comment('scripts.sh.kernel.keysWhy');
  for (const key of keys) {
    const { url, rpmName, fingerprint } = ELREPO_KEYS[key];
    w.comment('scripts.sh.kernel.keyFingerprint', { key, fingerprint });
    w.raw(`if ! rpm -q ${rpmName} >/dev/null 2>&1; then rpm --import ${url}; fi`);
  }
}

function writeEl7Repositories(w: ScriptWriter, options: ScriptOptions): void {
  const vault = EL7_VAULTS[options.mirror]!;
  const archive = EL7_KERNEL_ARCHIVES[options.mirror]!;
  w.step('scripts.sh.step.vault', { url: vault });
  w.comment('scripts.sh.kernel.vaultWhy');
  w.raw('write_file "$ROOT/etc/yum.repos.d/CentOS-Base.repo" <<\'EOF\'');
  w.raw(`# ${w.t('scripts.sh.kernel.repoMarker')}`);
  for (const [section, dir] of [['base', 'os'], ['updates', 'updates'], ['extras', 'extras']] as const) {
    w.raw(
      `[${section}]`,
      `name=CentOS-7.9.2009 - ${section} (vault)`,
      `baseurl=${vault}${dir}/$basearch/`,
      'gpgcheck=1',
      'gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-7',
      '',
    );
  }
  w.raw('EOF', 'REPOS_CHANGED=$FILE_CHANGED');
  w.step('scripts.sh.step.archive', { url: archive });
  w.comment('scripts.sh.kernel.archiveWhy', { lt: EL7_FROZEN_KERNELS['kernel-lt'], ml: EL7_FROZEN_KERNELS['kernel-ml'] });
  w.raw(
    'write_file "$ROOT/etc/yum.repos.d/elrepo-kernel-archive.repo" <<\'EOF\'',
    `# ${w.t('scripts.sh.kernel.repoMarker')}`,
    '[elrepo-kernel-archive]',
    'name=ELRepo kernel archive for EL7 (frozen since June 2024)',
    `baseurl=${archive}`,
    'enabled=0',
    'gpgcheck=1',
    `gpgkey=${ELREPO_KEYS.v1.url}`,
    'EOF',
    'if [ "$REPOS_CHANGED" = 1 ] || [ "$FILE_CHANGED" = 1 ]; then',
    '  yum clean all',
    '  yum makecache',
    'fi',
  );
}

function writeElrepoRelease(w: ScriptWriter, options: ScriptOptions): void {
  const tool = pm(options);
  w.step('scripts.sh.step.elrepoRelease');
  w.raw(`if ! rpm -q elrepo-release >/dev/null 2>&1; then ${tool} install -y ${elrepoReleaseUrl(options.release)}; fi`);
  const root = ELREPO_MIRROR_ROOTS[options.mirror];
  if (root === null) return;
  w.step('scripts.sh.step.mirror', { url: root });
  w.comment('scripts.sh.kernel.mirrorWhy');
  w.raw(
    'ELREPO_REPO="$ROOT/etc/yum.repos.d/elrepo.repo"',
    "if grep -Eq '^mirrorlist=|^baseurl=https?://elrepo\\.org/linux|^[[:space:]]+https?://' \"$ELREPO_REPO\"; then",
    '  backup_once "$ELREPO_REPO"',
    "  sed -i -e 's|^mirrorlist=|#mirrorlist=|' \\",
    "    -e '/^[[:space:]]\\{1,\\}https\\{0,1\\}:\\/\\//d' \\",
    `    -e 's|^baseurl=https\\{0,1\\}://elrepo.org/linux|baseurl=${root}|' "$ELREPO_REPO"`,
    `  ${tool} makecache`,
    'else',
    `  info ${shellMessage(w.locale, 'scripts.sh.file.unchanged', { file: 'ELREPO_REPO' })}`,
    'fi',
  );
}

function writeUpdateOthers(w: ScriptWriter, options: ScriptOptions): void {
  const tool = pm(options);
  w.step('scripts.sh.step.updateOthers');
  w.comment('scripts.sh.kernel.updateWhy');
  w.raw(
    'UPDATES=0',
    `${tool} -q check-update --exclude='kernel*' >/dev/null || UPDATES=$?`,
    'case "$UPDATES" in',
    `  0) info ${shellMessage(w.locale, 'scripts.sh.kernel.upToDate')} ;;`,
    `  100) ${tool} update -y --exclude='kernel*' ;;`,
    `  *) die ${shellMessage(w.locale, 'scripts.sh.kernel.checkUpdateFailed', { code: 'UPDATES' }, { tool })} ;;`,
    'esac',
  );
}

function writeInstallKernel(w: ScriptWriter, options: ScriptOptions): void {
  const legacy = RELEASE_FACTS[options.release].legacy;
  const repo = legacy ? 'elrepo-kernel-archive' : 'elrepo-kernel';
  w.step('scripts.sh.step.install', { kernel: options.kernel });
  w.raw(
    `if rpm -q ${options.kernel} >/dev/null 2>&1; then`,
    `  info ${shellMessage(w.locale, 'scripts.sh.kernel.alreadyInstalled', {}, { kernel: options.kernel })}`,
    'else',
    `  ${pm(options)} --enablerepo=${repo} install -y ${options.kernel}`,
    'fi',
  );
  w.comment('scripts.sh.kernel.findVersionWhy');
  w.raw(
    `KVER=$(rpm -q --qf '%{VERSION}-%{RELEASE}.%{ARCH}\\n' ${options.kernel} | sort -V | tail -n 1)`,
    `if [ -z "$KVER" ] || [ ! -e "$ROOT/boot/vmlinuz-$KVER" ]; then die ${shellMessage(w.locale, 'scripts.sh.kernel.noVmlinuz', { kver: 'KVER' })}; fi`,
  );
  w.say('info', 'scripts.sh.kernel.installed', { kver: 'KVER' });
}

function writeDefaultByPath(w: ScriptWriter): void {
  w.step('scripts.sh.step.defaultPath');
  w.comment('scripts.sh.kernel.defaultPathWhy');
  w.raw(
    'if [ "$(grubby --default-kernel 2>/dev/null || true)" != "/boot/vmlinuz-$KVER" ]; then',
    '  grubby --set-default "/boot/vmlinuz-$KVER"',
    'fi',
    `[ "$(grubby --default-kernel)" = "/boot/vmlinuz-$KVER" ] || die ${shellMessage(w.locale, 'scripts.sh.kernel.defaultFailed', { kver: 'KVER' })}`,
  );
  w.say('info', 'scripts.sh.kernel.defaultIs', { entry: 'KVER' });
  w.say('warn', 'scripts.sh.kernel.stockUpdateTakesDefault');
}

function writeDefaultByTitle(w: ScriptWriter): void {
  w.step('scripts.sh.step.defaultTitle');
  w.comment('scripts.sh.kernel.defaultTitleWhy');
  w.raw(
    'GRUB_DEFAULTS="$ROOT/etc/default/grub"',
    'REGENERATE=0',
    "if ! grep -q '^GRUB_DEFAULT=saved$' \"$GRUB_DEFAULTS\"; then",
    '  backup_once "$GRUB_DEFAULTS"',
    "  if grep -q '^GRUB_DEFAULT=' \"$GRUB_DEFAULTS\"; then",
    "    sed -i 's/^GRUB_DEFAULT=.*/GRUB_DEFAULT=saved/' \"$GRUB_DEFAULTS\"",
    '  else',
    "    echo 'GRUB_DEFAULT=saved' >>\"$GRUB_DEFAULTS\"",
    '  fi',
    '  REGENERATE=1',
    'fi',
  );
  w.comment('scripts.sh.kernel.grubCfgWhy');
  w.raw(
    'if [ -d "$ROOT/sys/firmware/efi" ]; then GRUB_CFG=/boot/efi/EFI/centos/grub.cfg; else GRUB_CFG=/boot/grub2/grub.cfg; fi',
    'if [ ! -f "$ROOT$GRUB_CFG" ] || ! grep -qF "($KVER)" "$ROOT$GRUB_CFG"; then REGENERATE=1; fi',
    'if [ "$REGENERATE" = 1 ]; then grub2-mkconfig -o "$ROOT$GRUB_CFG"; fi',
  );
  w.comment('scripts.sh.kernel.titleWhy');
  w.raw(
    'TITLE=$(awk -F"\'" -v k="($KVER)" \'/^menuentry / && index($2, k) && tolower($2) !~ /rescue/ { print $2; exit }\' "$ROOT$GRUB_CFG")',
    `[ -n "$TITLE" ] || die ${shellMessage(w.locale, 'scripts.sh.kernel.noTitle', { kver: 'KVER', cfg: 'GRUB_CFG' })}`,
    "saved_entry() { grub2-editenv list | awk '/^saved_entry=/ { sub(/^saved_entry=/, \"\"); print }'; }",
    'if [ "$(saved_entry)" != "$TITLE" ]; then grub2-set-default "$TITLE"; fi',
    `[ "$(saved_entry)" = "$TITLE" ] || die ${shellMessage(w.locale, 'scripts.sh.kernel.defaultFailed', { kver: 'KVER' })}`,
  );
  w.say('info', 'scripts.sh.kernel.defaultIs', { entry: 'TITLE' });
}

function writeAfterReboot(w: ScriptWriter, options: ScriptOptions): void {
  const legacy = RELEASE_FACTS[options.release].legacy;
  w.step('scripts.sh.step.afterReboot');
  w.say('info', 'scripts.sh.kernel.checkAfterReboot');
  w.raw(
    'info "  uname -r                      # = $KVER"',
    legacy ? "info \"  grub2-editenv list            # saved_entry=$TITLE\"" : 'info "  grubby --default-kernel       # = /boot/vmlinuz-$KVER"',
    "info '  cat /proc/cmdline'",
    "info '  stat -fc %T /sys/fs/cgroup/   # cgroup2fs = v2, tmpfs = v1'",
    "info '  bash verify-node.sh'",
    'if [ "$(uname -r)" = "$KVER" ]; then',
    `  info ${shellMessage(w.locale, 'scripts.sh.kernel.alreadyRunning', { kver: 'KVER' })}`,
  );
  if (options.reboot === 'now') {
    w.raw('else', `  info ${shellMessage(w.locale, 'scripts.sh.kernel.rebootingNow')}`, '  reboot', 'fi');
  } else {
    w.raw('else', `  info ${shellMessage(w.locale, 'scripts.sh.kernel.rebootLater')}`, 'fi');
  }
}
