// Command-line plumbing shared by every command: cfssl/Go-style flags (`-flag=value`, `-flag value`,
// `--flag`, a bare boolean flag means true), refused with the command line's own codes (cli.*). It imports
// no engine: the command dispatcher uses it before it knows which command (and which code) to load.
import { KubeprepError } from '../lib/errors';

export interface FlagSpec {
  /** Flags that take a value. */
  values: readonly string[];
  /** Boolean flags (`-initca`, `-initca=true`). */
  booleans?: readonly string[];
}

export interface ParsedFlags {
  values: Record<string, string>;
  booleans: Record<string, boolean>;
  positionals: string[];
}

const BOOLEAN_WORDS = ['true', 'false', '1', '0'];

export function parseFlags(args: readonly string[], spec: FlagSpec): ParsedFlags {
  const result: ParsedFlags = { values: {}, booleans: {}, positionals: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      result.positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      result.positionals.push(arg);
      continue;
    }
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    const inline = eq >= 0 ? body.slice(eq + 1) : undefined;
    if (spec.booleans?.includes(name)) {
      if (inline !== undefined && !BOOLEAN_WORDS.includes(inline)) {
        throw new KubeprepError('cli.invalid-boolean', { field: `-${name}`, allowed: BOOLEAN_WORDS.join(', '), params: { flag: name, value: inline } });
      }
      result.booleans[name] = inline === undefined || inline === 'true' || inline === '1';
    } else if (spec.values.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new KubeprepError('cli.flag-needs-value', { field: `-${name}`, params: { flag: name } });
      result.values[name] = value;
    } else {
      const known = [...spec.values, ...(spec.booleans ?? [])].map((f) => `-${f}`).join(', ');
      throw new KubeprepError('cli.unknown-flag', { field: `-${name}`, allowed: known, params: { flag: name } });
    }
  }
  return result;
}

/** A flag whose value must be one of CHOICES. */
export function choiceFlag<T extends string>(values: Readonly<Record<string, string>>, flag: string, choices: readonly T[], fallback: T): T {
  const value = values[flag] ?? fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new KubeprepError('cli.invalid-choice', { field: `-${flag}`, allowed: choices.join(', '), params: { flag, value } });
  }
  return value as T;
}

/** `-hostname a,b`: split on commas without trimming (cfssl signer.SplitHosts). */
export function splitHosts(list: string | undefined): string[] | undefined {
  return list === undefined || list === '' ? undefined : list.split(',');
}
