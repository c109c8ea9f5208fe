// `kubeprep script kernel-upgrade|node-prep|container-runtime|verify-node [flags]`: prints the script
// the web app's Node scripts screen shows for the same options. Flags follow cfssl (Go's flag package),
// parsed by the same parser as every other command: `-flag=value` or `-flag value`, a bare boolean flag
// means true, and anything that is not a flag is refused.
import { KubeprepError } from '../lib/errors';
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
import type { MessageKey } from '../lib/i18n';
import { parseFlags } from './flags';
import { writeStdout } from './io';
import { reportError, say } from './report';

const BOOLEAN_FIELDS: readonly OptionField[] = ['updateFirst', 'cgroupV2'];

/** What a typed field takes, for the usage text. */
const TEXT_HELP: Readonly<Record<TextField, MessageKey>> = {
  apiServerPort: 'cli.script.text.apiServerPort',
  imageRepository: 'cli.script.text.imageRepository',
  hostname: 'cli.script.text.hostname',
  hosts: 'cli.script.text.hosts',
};

const isTextField = (field: OptionField): field is TextField => (TEXT_FIELDS as readonly OptionField[]).includes(field);
const FIELDS = Object.keys(FIELD_FLAGS) as OptionField[];

function usage(): string {
  const lines = [say('cli.usage.script', { scripts: SCRIPT_NAMES.join('|') })];
  for (const field of FIELDS) {
    const scripts = SCRIPT_NAMES.filter((s) => SCRIPT_FIELDS[s].includes(field)).join(', ');
    const values = isTextField(field) ? say(TEXT_HELP[field]) : knownValues(field).join(' | ');
    lines.push(`  -${FIELD_FLAGS[field].padEnd(19)} ${values}  (${scripts})`);
  }
  lines.push('', say('cli.usage.script.refusals'));
  return `${lines.join('\n')}\n`;
}

function parseText(field: TextField, raw: string): ScriptOptions[TextField] {
  if (field === 'hosts') return parseHostsFlag(raw);
  if (field === 'apiServerPort') return /^\d+$/.test(raw) ? Number(raw) : NaN;
  return raw;
}

function parseValue(field: OptionField, raw: string | boolean): ScriptOptions[OptionField] {
  if (typeof raw === 'boolean') return raw;
  if (isTextField(field)) return parseText(field, raw);
  const match = knownValues(field as ChoiceField).find((v) => String(v) === raw);
  if (match === undefined) {
    const flag = FIELD_FLAGS[field];
    throw new KubeprepError('scripts.invalid-value', { field: `-${flag}`, allowed: knownValues(field as ChoiceField).join(', '), params: { flag, value: raw } });
  }
  return match;
}

/** Go-style flags into a partial option set; anything that is not a flag is an error. */
export function parseScriptFlags(args: readonly string[]): Partial<ScriptOptions> {
  const booleans = BOOLEAN_FIELDS.map((f) => FIELD_FLAGS[f]);
  const values = FIELDS.map((f) => FIELD_FLAGS[f]).filter((flag) => !booleans.includes(flag));
  const parsed = parseFlags(args, { values, booleans });
  if (parsed.positionals.length > 0) {
    throw new KubeprepError('cli.wrong-arguments', { field: parsed.positionals[0], params: { command: 'script', expected: { key: 'cli.arguments.script' } } });
  }
  const options: Partial<Record<OptionField, ScriptOptions[OptionField]>> = {};
  for (const field of FIELDS) {
    const raw = parsed.values[FIELD_FLAGS[field]] ?? parsed.booleans[FIELD_FLAGS[field]];
    if (raw !== undefined) options[field] = parseValue(field, raw);
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
  try {
    if (!(SCRIPT_NAMES as readonly string[]).includes(name)) {
      throw new KubeprepError('scripts.unknown-script', { field: name, allowed: SCRIPT_NAMES.join(', '), params: { value: name } });
    }
    const script = name as ScriptName;
    writeStdout(generateScript(script, scriptOptionsFromFlags(script, rest)));
    return 0;
  } catch (error) {
    return reportError(error, 'cli.script.failed', { script: name });
  }
}
