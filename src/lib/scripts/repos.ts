// Repositories that must work before any package step: CentOS 7's base repositories move to the vault,
// EPEL 7 to the Fedora archive, ELRepo's dead el7 trees are switched off; a CentOS Linux 8 or Stream 8
// host (ID=centos, mirrors gone) gets the 8.5.2111 / 8-stream vault. Every script that installs
// packages runs this first, so each one works on its own, and a second run changes nothing.
import { CENTOS7_VAULT_RELEASE, CENTOS8_VAULT_RELEASES, CENTOS_VAULTS, EPEL7_ARCHIVE, RELEASE_FACTS } from './releases';
import type { ScriptOptions } from './options';
import type { ScriptWriter } from './shell';

/**
 * The package manager with the options every call needs. On CentOS 7, where any third-party repository
 * may have died with EL7, an unreachable repository is skipped instead of aborting the whole command.
 */
export function packageManager(options: ScriptOptions): string {
  const facts = RELEASE_FACTS[options.release];
  return facts.legacy ? `${facts.packageManager} --setopt=skip_if_unavailable=1` : facts.packageManager;
}

/** Writes the fixes a release needs (REPOS_CHANGED=1 when any file changed); false when it needs none. */
export function writeRepositoryFixes(w: ScriptWriter, options: ScriptOptions): boolean {
  const facts = RELEASE_FACTS[options.release];
  if (facts.legacy) {
    w.raw('REPOS_CHANGED=0');
    writeCentos7Vault(w, options);
    writeCentos7Leftovers(w);
    w.raw('if [ "$REPOS_CHANGED" = 1 ]; then', `  run ${facts.packageManager} clean all`, `  run ${packageManager(options)} makecache`, 'fi');
    return true;
  }
  if (facts.family === 'el' && facts.elMajor === 8) {
    writeCentos8Vault(w, options);
    return true;
  }
  return false;
}

function writeCentos7Vault(w: ScriptWriter, options: ScriptOptions): void {
  const vault = `${CENTOS_VAULTS[options.mirror]}${CENTOS7_VAULT_RELEASE}/`;
  w.step('scripts.sh.step.vault', { url: vault });
  w.comment('scripts.sh.repos.vaultWhy');
  w.raw('write_file "$ROOT/etc/yum.repos.d/CentOS-Base.repo" <<\'EOF\'');
  w.raw(`# ${w.t('scripts.sh.repos.marker')}`);
  for (const [section, dir] of [['base', 'os'], ['updates', 'updates'], ['extras', 'extras']] as const) {
    w.raw(
      `[${section}]`,
      `name=CentOS-${CENTOS7_VAULT_RELEASE} - ${section} (vault)`,
      `baseurl=${vault}${dir}/$basearch/`,
      'gpgcheck=1',
      'gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-7',
      '',
    );
  }
  w.raw('EOF', 'if [ "$FILE_CHANGED" = 1 ]; then REPOS_CHANGED=1; fi');
}

/** EPEL 7 onto the archive; ELRepo's own el7 sections off (its live el7 trees are empty). */
function writeCentos7Leftovers(w: ScriptWriter): void {
  w.step('scripts.sh.step.leftovers');
  w.comment('scripts.sh.repos.leftoversWhy');
  w.raw(
    'for repo in "$ROOT"/etc/yum.repos.d/epel*.repo; do',
    '  [ -f "$repo" ] || continue',
    "  if grep -Eq '^(metalink|mirrorlist)=|^#?baseurl=.*/epel/7/' \"$repo\"; then",
    "    edit_file \"$repo\" -e 's|^metalink=|#metalink=|' -e 's|^mirrorlist=|#mirrorlist=|' \\",
    `      -e 's|^#\\{0,1\\}baseurl=[^[:space:]]*/epel/7/|baseurl=${EPEL7_ARCHIVE}/|'`,
    '    if [ "$FILE_CHANGED" = 1 ]; then REPOS_CHANGED=1; fi',
    '  fi',
    'done',
    'ELREPO_REPO="$ROOT/etc/yum.repos.d/elrepo.repo"',
    "if [ -f \"$ELREPO_REPO\" ] && grep -q '^enabled=1' \"$ELREPO_REPO\"; then",
    "  edit_file \"$ELREPO_REPO\" -e 's/^enabled=1/enabled=0/'",
    '  REPOS_CHANGED=1',
    'fi',
  );
}

function writeCentos8Vault(w: ScriptWriter, options: ScriptOptions): void {
  w.raw('', 'if [ "$OS_ID" = centos ]; then', `  step ${w.m('scripts.sh.step.vault8', {}, { url: CENTOS_VAULTS[options.mirror] })}`);
  w.comment('scripts.sh.repos.vault8Why', {}, '  ');
  w.raw('  REPOS_CHANGED=0', '  VAULT_REPO="$ROOT/etc/yum.repos.d/CentOS-Vault-kubeprep.repo"', '  case "$OS_NAME" in');
  for (const [pattern, release] of [['*Stream*', CENTOS8_VAULT_RELEASES.stream], ['*', CENTOS8_VAULT_RELEASES.linux]] as const) {
    w.raw(`    ${pattern})`, '      write_file "$VAULT_REPO" <<\'EOF\'', `# ${w.t('scripts.sh.repos.marker')}`);
    for (const section of ['BaseOS', 'AppStream', 'extras', 'PowerTools']) {
      w.raw(
        `[kubeprep-vault-${section.toLowerCase()}]`,
        `name=CentOS ${release} - ${section} (vault)`,
        `baseurl=${CENTOS_VAULTS[options.mirror]}${release}/${section}/$basearch/os/`,
        `enabled=${section === 'PowerTools' ? 0 : 1}`,
        'gpgcheck=1',
        'gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-centosofficial',
        '',
      );
    }
    w.raw('EOF', '      ;;');
  }
  w.raw(
    '  esac',
    '  if [ "$FILE_CHANGED" = 1 ]; then REPOS_CHANGED=1; fi',
    '  for repo in "$ROOT"/etc/yum.repos.d/CentOS-*.repo; do',
    '    if [ ! -f "$repo" ] || [ "$repo" = "$VAULT_REPO" ]; then continue; fi',
    "    if grep -q '^enabled=1' \"$repo\"; then",
    "      edit_file \"$repo\" -e 's/^enabled=1/enabled=0/'",
    '      REPOS_CHANGED=1',
    '    fi',
    '  done',
    '  if [ "$REPOS_CHANGED" = 1 ]; then run dnf clean all; run dnf makecache; fi',
    'fi',
  );
}
