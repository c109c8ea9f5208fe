// kernel-upgrade.sh: an ELRepo kernel, made the default boot entry by path (grubby, EL8+) or by menu
// title (EL7), never by index: the guide's `GRUB_DEFAULT=0` breaks as soon as another kernel sorts
// first (https://github.com/elrepo/kernel/issues/10). RHEL and its rebuilds only.
import {
  EL7_FROZEN_KERNELS,
  EL7_KERNEL_ARCHIVES,
  ELREPO_KEYS,
  ELREPO_MIRROR_ROOTS,
  MIN_BOOT_FREE_MIB,
  RELEASE_FACTS,
  SECURE_BOOT_EFIVAR,
  elrepoReleaseUrl,
} from './releases';
import { checkScriptAvailable, validateOptions, SCRIPT_FIELDS, type ScriptOptions } from './options';
import { packageManager, writeRepositoryFixes } from './repos';
import { ScriptWriter, shellQuote, writeChangeCount, writeHeader, writePrelude, writeReleaseCheck } from './shell';

export function generateKernelUpgrade(options: ScriptOptions): string {
  checkScriptAvailable('kernel-upgrade', options.release);
  validateOptions(options, SCRIPT_FIELDS['kernel-upgrade']);
  const facts = RELEASE_FACTS[options.release];
  const w = new ScriptWriter(options.locale);
  writeHeader(w, 'kernel-upgrade', options, 'scripts.sh.kernel.title');
  writePrelude(w, 'kernel-upgrade', { files: true });
  if (facts.legacy) writeLegacyWarning(w);
  writeReleaseCheck(w, options);
  w.raw(`[ "$(uname -m)" = ${shellQuote(options.arch)} ] || die ${w.m('scripts.sh.release.wrongArch', {}, { arch: options.arch })}`);
  writeSecureBootCheck(w);
  writeBootSpaceCheck(w, options);
  writeKeys(w, options);
  writeRepositoryFixes(w, options);
  if (facts.legacy) writeEl7Archive(w, options);
  else writeElrepoRelease(w, options);
  if (options.updateFirst) writeUpdateOthers(w, options);
  writeInstallKernel(w, options);
  if (facts.legacy) writeDefaultByTitle(w);
  else writeDefaultByPath(w);
  writeAfterReboot(w, options);
  return w.text();
}

function writeLegacyWarning(w: ScriptWriter): void {
  w.blank().comment('scripts.sh.kernel.legacyComment');
  w.say('warn', 'scripts.sh.kernel.legacy');
}

/**
 * ELRepo kernels are unsigned (`%global signkernel 0` in every elrepo/kernel spec), so under Secure
 * Boot the shim refuses them. The state is read from the UEFI variable (efivarfs: 4 attribute bytes,
 * then 1 = on; the older sysfs `vars/` interface: `data` holds the byte), with mokutil as a last
 * resort; a UEFI host whose state cannot be read is refused too.
 */
function writeSecureBootCheck(w: ScriptWriter): void {
  w.step('scripts.sh.step.secureBoot');
  w.comment('scripts.sh.kernel.secureBootWhy');
  w.raw(
    'SECURE_BOOT=off',
    'if [ -d "$ROOT/sys/firmware/efi" ]; then',
    '  SECURE_BOOT=unknown',
    `  EFIVAR="$ROOT/sys/firmware/efi/efivars/${SECURE_BOOT_EFIVAR}"`,
    `  SYSFS_VAR="$ROOT/sys/firmware/efi/vars/${SECURE_BOOT_EFIVAR}/data"`,
    '  if [ -r "$EFIVAR" ]; then',
    "    SB_BYTE=$(od -An -t u1 -j 4 -N 1 \"$EFIVAR\" | tr -d ' ')",
    '  elif [ -r "$SYSFS_VAR" ]; then',
    "    SB_BYTE=$(od -An -t u1 -N 1 \"$SYSFS_VAR\" | tr -d ' ')",
    '  elif command -v mokutil >/dev/null 2>&1; then',
    '    case "$(mokutil --sb-state 2>&1 || true)" in',
    '      *"SecureBoot enabled"*) SB_BYTE=1 ;;',
    '      *"SecureBoot disabled"*) SB_BYTE=0 ;;',
    '      *) SB_BYTE="" ;;',
    '    esac',
    '  else',
    '    SB_BYTE=""',
    '  fi',
    '  case "$SB_BYTE" in',
    '    1) SECURE_BOOT=on ;;',
    '    0) SECURE_BOOT=off ;;',
    '  esac',
    'fi',
    'case "$SECURE_BOOT" in',
    `  on) die ${w.m('scripts.sh.kernel.secureBootOn')} ;;`,
    `  unknown) die ${w.m('scripts.sh.kernel.secureBootUnknown', {}, { efivar: SECURE_BOOT_EFIVAR })} ;;`,
    'esac',
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
    `  [ "\${BOOT_FREE:-0}" -ge ${MIN_BOOT_FREE_MIB} ] || die ${w.m('scripts.sh.kernel.bootFull', { free: 'BOOT_FREE' }, { min: MIN_BOOT_FREE_MIB, cleanup })}`,
    `  info ${w.m('scripts.sh.kernel.bootOk', { free: 'BOOT_FREE' })}`,
    'fi',
  );
}

function writeKeys(w: ScriptWriter, options: ScriptOptions): void {
  const keys = RELEASE_FACTS[options.release].elrepo!.keys;
  w.step('scripts.sh.step.keys', { keys: keys.join(' + ') });
  w.comment('scripts.sh.kernel.keysWhy');
  for (const key of keys) {
    const { url, rpmName, fingerprint } = ELREPO_KEYS[key];
    w.comment('scripts.sh.kernel.keyFingerprint', { key, fingerprint });
    w.raw(`if ! rpm -q ${rpmName} >/dev/null 2>&1; then run rpm --import ${url}; fi`);
  }
}

function writeEl7Archive(w: ScriptWriter, options: ScriptOptions): void {
  const archive = EL7_KERNEL_ARCHIVES[options.mirror]!;
  w.step('scripts.sh.step.archive', { url: archive });
  w.comment('scripts.sh.kernel.archiveWhy', { lt: EL7_FROZEN_KERNELS['kernel-lt'], ml: EL7_FROZEN_KERNELS['kernel-ml'] });
  w.raw(
    'write_file "$ROOT/etc/yum.repos.d/elrepo-kernel-archive.repo" <<\'EOF\'',
    `# ${w.t('scripts.sh.repos.marker')}`,
    '[elrepo-kernel-archive]',
    'name=ELRepo EL7 kernel archive, frozen 2024-06',
    `baseurl=${archive}`,
    'enabled=0',
    'gpgcheck=1',
    `gpgkey=${ELREPO_KEYS.v1.url}`,
    'EOF',
    'if [ "$FILE_CHANGED" = 1 ] && [ "$REPOS_CHANGED" = 0 ]; then',
    `  run ${packageManager(options)} makecache`,
    'fi',
  );
}

function writeElrepoRelease(w: ScriptWriter, options: ScriptOptions): void {
  const tool = packageManager(options);
  const major = RELEASE_FACTS[options.release].elMajor!;
  w.step('scripts.sh.step.elrepoRelease');
  w.raw(`if ! rpm -q elrepo-release >/dev/null 2>&1; then run ${tool} install -y ${elrepoReleaseUrl(major)}; fi`);
  const root = ELREPO_MIRROR_ROOTS[options.mirror];
  if (root === null) return;
  w.step('scripts.sh.step.mirror', { url: root });
  w.comment('scripts.sh.kernel.mirrorWhy');
  w.raw(
    'ELREPO_REPO="$ROOT/etc/yum.repos.d/elrepo.repo"',
    "if [ -f \"$ELREPO_REPO\" ] && grep -Eq '^mirrorlist=|^baseurl=https?://elrepo\\.org/linux|^[[:space:]]+https?://' \"$ELREPO_REPO\"; then",
    "  edit_file \"$ELREPO_REPO\" -e 's|^mirrorlist=|#mirrorlist=|' \\",
    "    -e '/^[[:space:]]\\{1,\\}https\\{0,1\\}:\\/\\//d' \\",
    `    -e 's|^baseurl=https\\{0,1\\}://elrepo.org/linux|baseurl=${root}|'`,
    `  run ${tool} makecache`,
    'elif [ -f "$ELREPO_REPO" ]; then',
    `  info ${w.m('scripts.sh.file.unchanged', { file: 'ELREPO_REPO' })}`,
    'fi',
  );
}

function writeUpdateOthers(w: ScriptWriter, options: ScriptOptions): void {
  const tool = packageManager(options);
  w.step('scripts.sh.step.updateOthers');
  w.comment('scripts.sh.kernel.updateWhy');
  w.raw(
    'UPDATES=0',
    `${tool} -q check-update --exclude='kernel*' >/dev/null || UPDATES=$?`,
    'case "$UPDATES" in',
    `  0) info ${w.m('scripts.sh.kernel.upToDate')} ;;`,
    `  100) run ${tool} update -y --exclude='kernel*' ;;`,
    `  *) die ${w.m('scripts.sh.kernel.checkUpdateFailed', { code: 'UPDATES' }, { tool: RELEASE_FACTS[options.release].packageManager })} ;;`,
    'esac',
  );
}

function writeInstallKernel(w: ScriptWriter, options: ScriptOptions): void {
  const legacy = RELEASE_FACTS[options.release].legacy;
  const repo = legacy ? 'elrepo-kernel-archive' : 'elrepo-kernel';
  w.step('scripts.sh.step.install', { kernel: options.kernel });
  w.raw(
    `if rpm -q ${options.kernel} >/dev/null 2>&1; then`,
    `  info ${w.m('scripts.sh.kernel.alreadyInstalled', {}, { kernel: options.kernel })}`,
    'else',
    `  run ${packageManager(options)} --enablerepo=${repo} install -y ${options.kernel}`,
    'fi',
  );
  w.comment('scripts.sh.kernel.findVersionWhy');
  w.raw(
    'KVER=""',
    `if rpm -q ${options.kernel} >/dev/null 2>&1; then KVER=$(rpm -q --qf '%{VERSION}-%{RELEASE}.%{ARCH}\\n' ${options.kernel} | sort -V | tail -n 1); fi`,
    'if [ -z "$KVER" ] && [ "$DRY_RUN" = 1 ]; then',
    `  info ${w.m('scripts.sh.kernel.dryRunStops')}`,
    '  exit 0',
    'fi',
    `if [ -z "$KVER" ] || [ ! -e "$ROOT/boot/vmlinuz-$KVER" ]; then die ${w.m('scripts.sh.kernel.noVmlinuz', { kver: 'KVER' })}; fi`,
  );
  w.say('info', 'scripts.sh.kernel.installed', { kver: 'KVER' });
}

function writeDefaultByPath(w: ScriptWriter): void {
  w.step('scripts.sh.step.defaultPath');
  w.comment('scripts.sh.kernel.defaultPathWhy');
  w.raw(
    'if [ "$(grubby --default-kernel 2>/dev/null || true)" != "/boot/vmlinuz-$KVER" ]; then',
    '  run grubby --set-default "/boot/vmlinuz-$KVER"',
    'fi',
    'if [ "$DRY_RUN" = 0 ] && [ "$(grubby --default-kernel)" != "/boot/vmlinuz-$KVER" ]; then',
    `  die ${w.m('scripts.sh.kernel.defaultFailed', { kver: 'KVER' })}`,
    'fi',
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
    "  if grep -q '^GRUB_DEFAULT=' \"$GRUB_DEFAULTS\"; then",
    "    edit_file \"$GRUB_DEFAULTS\" -e 's/^GRUB_DEFAULT=.*/GRUB_DEFAULT=saved/'",
    '  else',
    "    write_file \"$GRUB_DEFAULTS\" < <(cat \"$GRUB_DEFAULTS\"; echo 'GRUB_DEFAULT=saved')",
    '  fi',
    '  REGENERATE=1',
    'fi',
  );
  w.comment('scripts.sh.kernel.grubCfgWhy');
  w.raw(
    'if [ -d "$ROOT/sys/firmware/efi" ]; then GRUB_CFG=/boot/efi/EFI/centos/grub.cfg; else GRUB_CFG=/boot/grub2/grub.cfg; fi',
    'if [ ! -f "$ROOT$GRUB_CFG" ] || ! grep -qF "($KVER)" "$ROOT$GRUB_CFG"; then REGENERATE=1; fi',
    'if [ "$REGENERATE" = 1 ]; then run grub2-mkconfig -o "$ROOT$GRUB_CFG"; fi',
  );
  w.comment('scripts.sh.kernel.titleWhy');
  w.raw(
    'TITLE=""',
    'if [ -f "$ROOT$GRUB_CFG" ]; then',
    '  TITLE=$(awk -F"\'" -v k="($KVER)" \'/^menuentry / && index($2, k) && tolower($2) !~ /rescue/ { print $2; exit }\' "$ROOT$GRUB_CFG")',
    'fi',
    'if [ -z "$TITLE" ] && [ "$DRY_RUN" = 1 ]; then',
    `  info ${w.m('scripts.sh.kernel.dryRunStops')}`,
    '  exit 0',
    'fi',
    `[ -n "$TITLE" ] || die ${w.m('scripts.sh.kernel.noTitle', { kver: 'KVER', cfg: 'GRUB_CFG' })}`,
    "saved_entry() { grub2-editenv list | awk '/^saved_entry=/ { sub(/^saved_entry=/, \"\"); print }'; }",
    'if [ "$(saved_entry)" != "$TITLE" ]; then run grub2-set-default "$TITLE"; fi',
    `if [ "$DRY_RUN" = 0 ] && [ "$(saved_entry)" != "$TITLE" ]; then die ${w.m('scripts.sh.kernel.defaultFailed', { kver: 'KVER' })}; fi`,
  );
  w.say('info', 'scripts.sh.kernel.defaultIs', { entry: 'TITLE' });
}

function writeAfterReboot(w: ScriptWriter, options: ScriptOptions): void {
  const legacy = RELEASE_FACTS[options.release].legacy;
  w.step('scripts.sh.step.afterReboot');
  writeChangeCount(w);
  w.say('info', 'scripts.sh.kernel.checkAfterReboot');
  w.raw(
    'info "  uname -r                      # = $KVER"',
    legacy ? "info \"  grub2-editenv list            # saved_entry=$TITLE\"" : 'info "  grubby --default-kernel       # = /boot/vmlinuz-$KVER"',
    "info '  cat /proc/cmdline'",
    "info '  stat -fc %T /sys/fs/cgroup/   # cgroup2fs = v2, tmpfs = v1'",
    "info '  bash verify-node.sh'",
    'if [ "$(uname -r)" = "$KVER" ]; then',
    `  info ${w.m('scripts.sh.kernel.alreadyRunning', { kver: 'KVER' })}`,
  );
  if (options.reboot === 'now') {
    w.raw('else', `  info ${w.m('scripts.sh.kernel.rebootingNow')}`, '  run reboot', 'fi');
  } else {
    w.raw('else', `  info ${w.m('scripts.sh.kernel.rebootLater')}`, 'fi');
  }
}
