// Building blocks shared by the four generators: quoting, localized echo/comment lines, the header,
// and the prelude every script starts with (arguments and --dry-run, messages, the ERR trap that names
// the failed step, the log under /var/log, the file helpers, the root and release checks).
// Generators stay lists of steps.
import { translate, type Locale, type MessageKey, type MessageParams } from '../i18n';
import { FIELD_FLAGS, SCRIPT_FIELDS, formatHostsFlag, type OptionField, type ScriptName, type ScriptOptions } from './options';
import { LOG_DIR, RELEASES, RELEASE_FACTS, type Release } from './releases';

/** One shell word: as it is when it holds only safe characters, else single-quoted so nothing inside expands. */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

const MARK = '\u0001';

/** Escapes text for the inside of a double-quoted shell word. */
function escapeDoubleQuoted(text: string): string {
  return text.replace(/[\\"$`]/g, (c) => `\\${c}`);
}

/** A catalogue message as `#` comment lines (shell scripts and the configuration files that share the syntax). */
export function shellComment(locale: Locale, key: MessageKey, params?: MessageParams): string[] {
  return translate(locale, key, params).split('\n').map((line) => `# ${line}`);
}

/**
 * A translated message as one double-quoted shell word. `vars` maps a message placeholder to a shell
 * variable (`{kver}` → `${KVER}`), so the script prints what it found at run time; other params are
 * literal text.
 */
export function shellMessage(locale: Locale, key: MessageKey, vars: Record<string, string> = {}, literals: Record<string, string | number> = {}): string {
  const params: Record<string, string | number> = { ...literals };
  for (const name of Object.keys(vars)) params[name] = `${MARK}${name}${MARK}`;
  const parts = translate(locale, key, params).split(MARK);
  const word = parts.map((part, i) => (i % 2 === 0 ? escapeDoubleQuoted(part) : `\${${vars[part]}}`)).join('');
  return `"${word}"`;
}

type Say = 'info' | 'warn' | 'die' | 'ok' | 'fail';

/** Collects lines; each generator appends steps in order. */
export class ScriptWriter {
  private readonly lines: string[] = [];
  constructor(readonly locale: Locale) {}

  t(key: MessageKey, literals?: Record<string, string | number>): string {
    return translate(this.locale, key, literals);
  }

  /** The message as a double-quoted shell word (see shellMessage). */
  m(key: MessageKey, vars?: Record<string, string>, literals?: Record<string, string | number>): string {
    return shellMessage(this.locale, key, vars, literals);
  }

  raw(...lines: string[]): this {
    this.lines.push(...lines);
    return this;
  }

  blank(): this {
    this.lines.push('');
    return this;
  }

  comment(key: MessageKey, literals?: Record<string, string | number>, indent = ''): this {
    for (const line of this.t(key, literals).split('\n')) this.lines.push(`${indent}# ${line}`);
    return this;
  }

  /** `step "…"`: numbered, announced on stdout, remembered for the ERR trap. */
  step(key: MessageKey, literals?: Record<string, string | number>): this {
    this.lines.push('', `step ${this.m(key, {}, literals)}`);
    return this;
  }

  /** `<fn> "…"` for info/warn/die/ok/fail with shell variables filled in at run time. */
  say(fn: Say, key: MessageKey, vars?: Record<string, string>, literals?: Record<string, string | number>, indent = ''): this {
    this.lines.push(`${indent}${fn} ${this.m(key, vars, literals)}`);
    return this;
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

function formatValue(field: OptionField, options: ScriptOptions): string {
  if (field === 'hosts') return formatHostsFlag(options.hosts);
  const value = String(options[field]);
  return value === '' ? value : shellQuote(value);
}

/** The exact command line that prints this script again. */
export function regenerateCommand(script: ScriptName, options: ScriptOptions): string {
  const flags = SCRIPT_FIELDS[script].map((field) => `-${FIELD_FLAGS[field]}=${formatValue(field, options)}`);
  return ['npx kubeprep script', script, ...flags].join(' ');
}

/** Shebang, what made the script, how to run and make it again, the test-only root, strict mode. */
export function writeHeader(w: ScriptWriter, script: ScriptName, options: ScriptOptions, titleKey: MessageKey): void {
  w.raw('#!/usr/bin/env bash');
  w.comment(titleKey, { file: `${script}.sh` });
  w.raw('#');
  w.comment('scripts.sh.header.usage', { file: `${script}.sh`, log: `${LOG_DIR}/${script}.log` });
  w.raw('#');
  w.comment('scripts.sh.header.options');
  for (const field of SCRIPT_FIELDS[script]) w.raw(`#   -${FIELD_FLAGS[field]}=${formatValue(field, options)}`);
  w.raw('#');
  w.comment('scripts.sh.header.regenerate');
  w.raw(`#   ${regenerateCommand(script, options)}`);
  w.comment('scripts.sh.header.webApp');
  w.raw('#');
  w.comment('scripts.sh.header.testRoot');
  // -E: functions inherit the ERR trap, so a failure inside write_file still names its step.
  w.raw('', 'set -Eeuo pipefail', '');
}

export interface PreludeOptions {
  /** Writes files: backup_once, write_file and edit_file are defined. */
  files: boolean;
  /** Read-only (verify-node): --dry-run changes nothing anyway, the report is still logged. */
  readOnly?: boolean;
}

/**
 * Arguments, messages, the ERR trap, `run` (prints instead of running under --dry-run), the file
 * helpers, the root check and the log. Every mutating command in a script goes through `run`,
 * `write_file` or `edit_file`, so --dry-run changes nothing and shows what would change.
 */
export function writePrelude(w: ScriptWriter, script: ScriptName, prelude: PreludeOptions): void {
  const file = `${script}.sh`;
  w.comment('scripts.sh.prelude.root');
  w.raw('ROOT="${KUBEPREP_ROOT:-}"', `LOG_FILE="$ROOT${LOG_DIR}/${script}.log"`, 'DRY_RUN=0', 'STEP=0', "STEP_TITLE=''", '');
  w.raw(
    'step() { STEP=$((STEP + 1)); STEP_TITLE="$1"; printf \'\\n==> [%s] %s\\n\' "$STEP" "$1"; }',
    "info() { printf '    %s\\n' \"$1\"; }",
    `warn() { printf '    %s %s\\n' ${shellQuote(w.t('scripts.sh.word.warning'))} "$1" >&2; }`,
    `die() { printf '%s %s\\n' ${shellQuote(w.t('scripts.sh.word.error'))} "$1" >&2; exit 1; }`,
    `usage() { printf '%s\\n' ${w.m('scripts.sh.prelude.usage', {}, { file })}; }`,
  );
  w.blank().comment('scripts.sh.prelude.arguments');
  w.raw(
    'for arg in "$@"; do',
    '  case "$arg" in',
    '    --dry-run) DRY_RUN=1 ;;',
    '    -h | --help) usage; exit 0 ;;',
    `    *) usage >&2; die ${w.m('scripts.sh.prelude.badArgument', { arg: 'arg' })} ;;`,
    '  esac',
    'done',
  );
  w.blank().comment('scripts.sh.prelude.trap');
  w.raw(
    'on_error() {',
    '  local code="$1" line="$2" command="$3"',
    '  if [ "$BASH_SUBSHELL" -gt 0 ]; then exit "$code"; fi',
    '  case "$command" in \'return \'*) command=${FAILED_COMMAND:-$command} line=${FAILED_LINE:-$line} ;; esac',
    `  printf '%s %s\\n' ${shellQuote(w.t('scripts.sh.word.error'))} ${w.m('scripts.sh.prelude.failed', { step: 'STEP', title: 'STEP_TITLE', line: 'line', code: 'code', command: 'command' })} >&2`,
    `  if [ "$DRY_RUN" = 0 ]; then printf '%s\\n' ${w.m('scripts.sh.prelude.seeLog', { log: 'LOG_FILE' })} >&2; fi`,
    '  exit "$code"',
    '}',
    'trap \'on_error "$?" "$LINENO" "$BASH_COMMAND"\' ERR',
  );
  // A failure inside `run` reaches the ERR trap on its `return`: run records the command and the caller's line for it.
  w.blank().comment('scripts.sh.prelude.run');
  w.raw(
    'run() {',
    '  if [ "$DRY_RUN" = 1 ]; then',
    '    local line',
    '    line=$(printf \'%q \' "$@")',
    `    info ${w.m('scripts.sh.prelude.wouldRun', { command: 'line' })}`,
    '    return 0',
    '  fi',
    '  local code=0',
    '  "$@" || code=$?',
    '  if [ "$code" != 0 ]; then FAILED_COMMAND="$*" FAILED_LINE=${BASH_LINENO[0]}; fi',
    '  return "$code"',
    '}',
  );
  if (prelude.files) writeFileHelpers(w);
  writeRootCheck(w);
  w.blank().comment(prelude.readOnly ? 'scripts.sh.prelude.logReadOnly' : 'scripts.sh.prelude.log');
  w.raw(
    'if [ "$DRY_RUN" = 0 ]; then',
    '  mkdir -p "${LOG_FILE%/*}"',
    '  exec > >(tee -a "$LOG_FILE") 2> >(tee -a "$LOG_FILE" >&2)',
    `  printf '\\n### %s %s\\n' "$(date '+%Y-%m-%dT%H:%M:%S%z')" ${shellQuote(file)}`,
    'else',
    `  info ${w.m('scripts.sh.prelude.dryRun')}`,
    'fi',
  );
}

function writeFileHelpers(w: ScriptWriter): void {
  w.blank().comment('scripts.sh.prelude.backup');
  w.raw(
    'backup_once() {',
    '  if [ "$DRY_RUN" = 0 ] && [ -f "$1" ] && [ ! -e "$1.kubeprep.bak" ]; then cp -p "$1" "$1.kubeprep.bak"; fi',
    '}',
  );
  w.blank().comment('scripts.sh.prelude.writeFile');
  w.raw(
    'FILE_CHANGED=0',
    'CHANGES=0',
    'show_change() {',
    '  if [ -f "$1" ]; then diff -u "$1" "$2" | sed \'s/^/      /\' || true; else sed \'s/^/      + /\' "$2"; fi',
    '}',
    'write_file() {',
    '  local target="$1" tmp',
    '  tmp=$(mktemp)',
    '  cat >"$tmp"',
    '  if [ -f "$target" ] && cmp -s "$tmp" "$target"; then',
    '    rm -f "$tmp"',
    '    FILE_CHANGED=0',
    `    info ${w.m('scripts.sh.file.unchanged', { file: 'target' })}`,
    '    return 0',
    '  fi',
    '  FILE_CHANGED=1',
    '  CHANGES=$((CHANGES + FILE_CHANGED))',
    '  if [ "$DRY_RUN" = 1 ]; then',
    `    info ${w.m('scripts.sh.file.wouldWrite', { file: 'target' })}`,
    '    show_change "$target" "$tmp"',
    '    rm -f "$tmp"',
    '    return 0',
    '  fi',
    '  backup_once "$target"',
    '  mkdir -p "$(dirname "$target")"',
    '  cat "$tmp" >"$target"',
    '  rm -f "$tmp"',
    `  info ${w.m('scripts.sh.file.written', { file: 'target' })}`,
    '}',
  );
  w.blank().comment('scripts.sh.prelude.editFile');
  w.raw(
    'edit_file() {',
    '  local target="$1" tmp',
    '  shift',
    '  tmp=$(mktemp)',
    '  sed "$@" "$target" >"$tmp"',
    '  write_file "$target" <"$tmp"',
    '  rm -f "$tmp"',
    '}',
  );
}

function writeRootCheck(w: ScriptWriter): void {
  w.step('scripts.sh.step.root');
  w.raw(`[ "$(id -u)" -eq 0 ] || die ${w.m('scripts.sh.root.notRoot')}`);
}

/** `case` patterns for one release: `id:version` with both lowercased. */
function releasePatterns(release: Release): string[] {
  const facts = RELEASE_FACTS[release];
  return facts.osIds.flatMap((id) => facts.versionGlobs.map((glob) => `${id}:${glob.replace(/ /g, '\\ ')}`));
}

/**
 * Reads /etc/os-release without sourcing it, names the release the host is (every release the tool
 * knows), and refuses a host that is not the one the script was generated for, saying which -release
 * would fit.
 */
export function writeReleaseCheck(w: ScriptWriter, options: ScriptOptions): void {
  w.step('scripts.sh.step.release', { release: options.release });
  w.raw(
    'os_release() { sed -n "s/^$1=//p" "$ROOT/etc/os-release" | tr -d \'"\' | head -n 1; }',
    `[ -r "$ROOT/etc/os-release" ] || die ${w.m('scripts.sh.release.noFile')}`,
    "OS_ID=$(os_release ID | tr '[:upper:]' '[:lower:]')",
    "OS_VERSION=$(os_release VERSION_ID | tr '[:upper:]' '[:lower:]')",
    'OS_NAME=$(os_release NAME)',
    'case "$OS_ID:$OS_VERSION" in',
    ...RELEASES.map((r) => `  ${releasePatterns(r).join(' | ')}) HOST_RELEASE=${r} ;;`),
    '  *) HOST_RELEASE=unknown ;;',
    'esac',
    `if [ "$HOST_RELEASE" = unknown ]; then die ${w.m('scripts.sh.release.unknownHost', { id: 'OS_ID', version: 'OS_VERSION' }, { supported: RELEASES.join(w.t('common.list.separator')) })}; fi`,
    `if [ "$HOST_RELEASE" != ${options.release} ]; then die ${w.m('scripts.sh.release.wrongHost', { id: 'OS_ID', version: 'OS_VERSION', detected: 'HOST_RELEASE' }, { expected: options.release })}; fi`,
  );
  w.say('info', 'scripts.sh.release.ok', { name: 'OS_NAME', version: 'OS_VERSION' });
}

/** `awk` reads all of its input, so unlike `| grep -q` it never trips pipefail with SIGPIPE. */
export function writeModuleHelpers(w: ScriptWriter): void {
  w.raw(
    "module_loaded() { lsmod | awk -v m=\"$1\" '$1 == m { found = 1 } END { exit !found }'; }",
    'cgroup_version() { if [ -e "$ROOT/sys/fs/cgroup/cgroup.controllers" ]; then echo 2; else echo 1; fi; }',
  );
}

/** The closing line of a script that writes files: how many it changed (or would change). */
export function writeChangeCount(w: ScriptWriter): void {
  w.raw(
    'if [ "$DRY_RUN" = 1 ]; then',
    `  info ${w.m('scripts.sh.file.wouldChange', { count: 'CHANGES' })}`,
    'else',
    `  info ${w.m('scripts.sh.file.changed', { count: 'CHANGES' })}`,
    'fi',
  );
}

/** `for <name> in <values>` over an array, so a one-value list is not a loop shellcheck flags (SC2043). */
export function forEachValue(w: ScriptWriter, arrayName: string, variable: string, values: readonly string[], body: readonly string[]): void {
  w.raw(`${arrayName}=(${values.map(shellQuote).join(' ')})`, `for ${variable} in "\${${arrayName}[@]}"; do`, ...body.map((line) => `  ${line}`), 'done');
}

/** Succeeds when version $1 (a kernel release, a containerd version) is at least major.minor $2. */
export function writeVersionAtLeast(w: ScriptWriter): void {
  w.raw(
    'version_at_least() {',
    '  awk -v have="$1" -v want="$2" \'BEGIN {',
    '    split(have, h, /[.-]/); split(want, v, /[.]/)',
    '    if (h[1] + 0 != v[1] + 0) exit !(h[1] + 0 > v[1] + 0)',
    '    exit !(h[2] + 0 >= v[2] + 0)',
    "  }'",
    '}',
  );
}

/**
 * The kernel the next boot runs: grubby's default entry (EL7 reads grubenv's saved_entry through it
 * too), or the running kernel where grubby is missing.
 */
export function writeTargetKernel(w: ScriptWriter): void {
  w.raw(
    'target_kernel() {',
    '  local default_kernel=""',
    '  if command -v grubby >/dev/null 2>&1; then default_kernel=$(grubby --default-kernel 2>/dev/null || true); fi',
    '  case "$default_kernel" in',
    '    /boot/vmlinuz-*) printf \'%s\\n\' "${default_kernel#/boot/vmlinuz-}" ;;',
    '    *) uname -r ;;',
    '  esac',
    '}',
  );
}
