// `kubeprep script kernel-upgrade|node-prep|container-runtime|verify-node [flags]`: prints the script
// the web app's Node scripts screen shows for the same options. Flags follow cfssl (Go's flag package):
// `-flag=value` or `-flag value`, and a bare boolean flag means true. It keeps its own parser rather than
// src/cli/flags.ts `parseFlags`: these errors are KubeprepErrors with codes, field and allowed values
// (error.scripts.unknown-flag/missing-value/invalid-value, shared with the UI), and stray positionals are refused.
import { KubeprepError, isKubeprepError } from '../lib/errors';
import {
  FIELD_FLAGS,
  SCRIPT_FIELDS,
  SCRIPT_NAMES,
  TEXT_FIELDS,
  checkScriptAvailable,
  completeOptions,
  generateScript,
  knownValues,
  parseHostsFlag,
  validateOptions,
  type ChoiceField,
  type OptionField,
  type ScriptName,
  type ScriptOptions,
  type TextField,
} from '../lib/scripts';
import { writeStderr, writeStdout } from './io';

const BOOLEAN_FIELDS: readonly OptionField[] = ['updateFirst', 'cgroupV2'];

const TEXT_HELP: Readonly<Record<TextField, string>> = {
  apiServerPort: '<port>, default 6443',
  imageRepository: '<registry[/path]>, default registry.k8s.io',
  hostname: '<name>, empty keeps it',
  hosts: '<ip>=<name>[,<ip>=<name>...], the managed /etc/hosts block',
};

const isTextField = (field: OptionField): field is TextField => (TEXT_FIELDS as readonly OptionField[]).includes(field);

function usage(): string {
  const lines = [`Usage: kubeprep script ${SCRIPT_NAMES.join('|')} [flags]`, '', 'Flags (each script reads the ones it needs):'];
  for (const field of Object.keys(FIELD_FLAGS) as OptionField[]) {
    const scripts = SCRIPT_NAMES.filter((s) => SCRIPT_FIELDS[s].includes(field)).join(', ');
    const values = isTextField(field) ? TEXT_HELP[field] : knownValues(field).join(' | ');
    lines.push(`  -${FIELD_FLAGS[field].padEnd(19)} ${values}  (${scripts})`);
  }
  lines.push('', 'A value the chosen -release does not have (kernel-lt on el10, aarch64 on el7, 1.35 on el7...) is refused with the reason.');
  return `${lines.join('\n')}\n`;
}

function fieldForFlag(flag: string): OptionField {
  const field = (Object.keys(FIELD_FLAGS) as OptionField[]).find((f) => FIELD_FLAGS[f] === flag);
  if (!field) {
    const allowed = Object.values(FIELD_FLAGS).map((f) => `-${f}`).join(', ');
    throw new KubeprepError('scripts.unknown-flag', `unknown flag -${flag}; allowed: ${allowed}`, { field: flag, allowed, params: { flag, allowed } });
  }
  return field;
}

function parseText(field: TextField, raw: string): ScriptOptions[TextField] {
  if (field === 'hosts') return parseHostsFlag(raw);
  if (field === 'apiServerPort') return /^\d+$/.test(raw) ? Number(raw) : NaN;
  return raw;
}

function parseValue(field: OptionField, raw: string): ScriptOptions[OptionField] {
  if (isTextField(field)) return parseText(field, raw);
  if (BOOLEAN_FIELDS.includes(field)) {
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
  }
  const match = knownValues(field as ChoiceField).find((v) => String(v) === raw);
  if (match === undefined) {
    const flag = FIELD_FLAGS[field];
    const allowed = knownValues(field as ChoiceField).join(', ');
    throw new KubeprepError('scripts.invalid-value', `-${flag}: "${raw}" is not one of ${allowed}`, { field: flag, allowed, params: { flag, value: raw, allowed } });
  }
  return match;
}

/** Go-style flags into a partial option set; anything that is not a flag is an error. */
export function parseScriptFlags(args: readonly string[]): Partial<ScriptOptions> {
  const options: Partial<Record<OptionField, ScriptOptions[OptionField]>> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const match = /^--?([a-z0-9-]+)(?:=(.*))?$/s.exec(arg);
    if (!match) {
      const allowed = 'flags only (-flag=value or -flag value)';
      throw new KubeprepError('scripts.unknown-flag', `unexpected argument "${arg}"; allowed: ${allowed}`, { field: arg, allowed, params: { flag: arg, allowed: 'flags only' } });
    }
    const flag = match[1]!;
    const field = fieldForFlag(flag);
    let raw = match[2];
    if (raw === undefined) {
      if (BOOLEAN_FIELDS.includes(field)) raw = 'true';
      else if (i + 1 < args.length) raw = args[++i]!;
      else throw new KubeprepError('scripts.missing-value', `flag -${flag} needs a value`, { field: flag, params: { flag } });
    }
    options[field] = parseValue(field, raw);
  }
  return options as Partial<ScriptOptions>;
}

/** Explicit flags are checked against the release; missing ones take the nearest valid default. */
export function scriptOptionsFromFlags(name: ScriptName, args: readonly string[]): ScriptOptions {
  const given = parseScriptFlags(args);
  const options = { ...completeOptions(given), ...given } as ScriptOptions;
  checkScriptAvailable(name, options.release);
  validateOptions(options, SCRIPT_FIELDS[name]);
  return options;
}

export async function scriptCommand(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    writeStdout(usage());
    return name ? 0 : 1;
  }
  if (!(SCRIPT_NAMES as readonly string[]).includes(name)) {
    writeStderr(`kubeprep script: unknown script "${name}"; allowed: ${SCRIPT_NAMES.join(', ')}\n\n${usage()}`);
    return 1;
  }
  try {
    const script = name as ScriptName;
    writeStdout(generateScript(script, scriptOptionsFromFlags(script, rest)));
    return 0;
  } catch (error) {
    if (!isKubeprepError(error)) throw error;
    writeStderr(`kubeprep script ${name}: ${error.message}\n`);
    return 1;
  }
}
