// Building blocks shared by the three generators: quoting, localized echo/comment lines, the header,
// and the bash functions every script starts with. Generators stay lists of steps.
import { translate, type Locale, type MessageKey } from '../i18n';
import { FIELD_FLAGS, SCRIPT_FIELDS, type ScriptName, type ScriptOptions } from './options';

/** One shell word, single-quoted: nothing inside expands. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

const MARK = '\u0001';

/** Escapes text for the inside of a double-quoted shell word. */
function escapeDoubleQuoted(text: string): string {
  return text.replace(/[\\"$`]/g, (c) => `\\${c}`);
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

/** Collects lines; each generator appends steps in order. */
export class ScriptWriter {
  private readonly lines: string[] = [];
  constructor(readonly locale: Locale) {}

  t(key: MessageKey, literals?: Record<string, string | number>): string {
    return translate(this.locale, key, literals);
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

  /** `step "…"`: numbered, announced on stdout. */
  step(key: MessageKey, literals?: Record<string, string | number>): this {
    this.lines.push('', `step ${shellMessage(this.locale, key, {}, literals)}`);
    return this;
  }

  /** `<fn> "…"` for info/warn/die/ok/fail with shell variables filled in at run time. */
  say(fn: 'info' | 'warn' | 'die' | 'ok' | 'fail', key: MessageKey, vars?: Record<string, string>, literals?: Record<string, string | number>, indent = ''): this {
    this.lines.push(`${indent}${fn} ${shellMessage(this.locale, key, vars, literals)}`);
    return this;
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

function formatValue(value: ScriptOptions[keyof ScriptOptions]): string {
  return String(value);
}

/** The exact command line that prints this script again. */
export function regenerateCommand(script: ScriptName, options: ScriptOptions): string {
  const flags = SCRIPT_FIELDS[script].map((field) => `-${FIELD_FLAGS[field]}=${formatValue(options[field])}`);
  return ['npx kubeprep script', script, ...flags].join(' ');
}

/** Shebang, what made the script, how to make it again, the test-only root, strict mode. */
export function writeHeader(w: ScriptWriter, script: ScriptName, options: ScriptOptions, titleKey: MessageKey): void {
  w.raw('#!/usr/bin/env bash');
  w.comment(titleKey, { file: `${script}.sh` });
  w.raw('#');
  w.comment('scripts.sh.header.options');
  for (const field of SCRIPT_FIELDS[script]) w.raw(`#   -${FIELD_FLAGS[field]}=${formatValue(options[field])}`);
  w.raw('#');
  w.comment('scripts.sh.header.regenerate');
  w.raw(`#   ${regenerateCommand(script, options)}`);
  w.comment('scripts.sh.header.webApp');
  w.raw('#');
  w.comment('scripts.sh.header.testRoot');
  w.raw('', 'set -euo pipefail', '');
}

/** Helpers every script defines: ROOT, step numbering, messages; and, when it changes files, the backup/write helpers. */
export function writePrelude(w: ScriptWriter, files: 'none' | 'backup' | 'write'): void {
  w.comment('scripts.sh.prelude.root');
  w.raw('ROOT="${KUBEPREP_ROOT:-}"', 'STEP=0', '');
  w.raw(
    'step() { STEP=$((STEP + 1)); printf \'\\n==> [%s] %s\\n\' "$STEP" "$1"; }',
    "info() { printf '    %s\\n' \"$1\"; }",
    `warn() { printf '    %s %s\\n' ${shellQuote(w.t('scripts.sh.word.warning'))} "$1" >&2; }`,
    `die() { printf '%s %s\\n' ${shellQuote(w.t('scripts.sh.word.error'))} "$1" >&2; exit 1; }`,
  );
  if (files === 'none') return;
  w.blank().comment('scripts.sh.prelude.backup');
  w.raw(
    'backup_once() {',
    '  if [ -f "$1" ] && [ ! -e "$1.kubeprep.bak" ]; then cp -p "$1" "$1.kubeprep.bak"; fi',
    '}',
  );
  if (files === 'backup') return;
  w.blank().comment('scripts.sh.prelude.writeFile');
  w.raw(
    'FILE_CHANGED=0',
    'write_file() {',
    '  local target="$1" tmp',
    '  tmp=$(mktemp)',
    '  cat >"$tmp"',
    '  if [ -f "$target" ] && cmp -s "$tmp" "$target"; then',
    '    rm -f "$tmp"',
    '    FILE_CHANGED=0',
    `    info ${shellMessage(w.locale, 'scripts.sh.file.unchanged', { file: 'target' })}`,
    '    return 0',
    '  fi',
    '  backup_once "$target"',
    '  mkdir -p "$(dirname "$target")"',
    '  cat "$tmp" >"$target"',
    '  rm -f "$tmp"',
    '  FILE_CHANGED=1',
    `  info ${shellMessage(w.locale, 'scripts.sh.file.written', { file: 'target' })}`,
    '}',
  );
}

/** Value of a key in /etc/os-release, without sourcing the file. */
export function writeOsReleaseCheck(w: ScriptWriter, options: ScriptOptions, osIds: readonly string[], major: number): void {
  w.step('scripts.sh.step.release', { release: options.release });
  w.raw(
    'os_release() { sed -n "s/^$1=//p" "$ROOT/etc/os-release" | tr -d \'"\' | head -n 1; }',
    '[ -r "$ROOT/etc/os-release" ] || die ' + shellMessage(w.locale, 'scripts.sh.release.noFile'),
    'OS_ID=$(os_release ID)',
    'OS_VERSION=$(os_release VERSION_ID)',
    'case "$OS_ID" in',
    `  ${osIds.join(' | ')}) ;;`,
    `  *) die ${shellMessage(w.locale, 'scripts.sh.release.wrongId', { id: 'OS_ID' }, { expected: osIds.join(', ') })} ;;`,
    'esac',
    `[ "\${OS_VERSION%%.*}" = "${major}" ] || die ${shellMessage(w.locale, 'scripts.sh.release.wrongVersion', { version: 'OS_VERSION' }, { expected: major })}`,
  );
  w.say('info', 'scripts.sh.release.ok', { id: 'OS_ID', version: 'OS_VERSION' });
}

export function writeRootCheck(w: ScriptWriter): void {
  w.step('scripts.sh.step.root');
  w.raw(`[ "$(id -u)" -eq 0 ] || die ${shellMessage(w.locale, 'scripts.sh.root.notRoot')}`);
}

/** `awk` reads all of its input, so unlike `| grep -q` it never trips pipefail with SIGPIPE. */
export function writeModuleHelpers(w: ScriptWriter): void {
  w.raw(
    "module_loaded() { lsmod | awk -v m=\"$1\" '$1 == m { found = 1 } END { exit !found }'; }",
    'cgroup_version() { if [ -e "$ROOT/sys/fs/cgroup/cgroup.controllers" ]; then echo 2; else echo 1; fi; }',
  );
}

/** Succeeds when the running kernel is at least major.minor. */
export function writeKernelAtLeast(w: ScriptWriter): void {
  w.raw(
    'kernel_at_least() {',
    '  awk -v have="$(uname -r)" -v want="$1" \'BEGIN {',
    '    split(have, h, /[.-]/); split(want, v, /[.]/)',
    '    if (h[1] + 0 != v[1] + 0) exit !(h[1] + 0 > v[1] + 0)',
    '    exit !(h[2] + 0 >= v[2] + 0)',
    "  }'",
    '}',
  );
}
