// Command-line plumbing shared by the PKI commands: cfssl/Go-style flags (`-flag=value`, `-flag value`,
// `--flag`), and the words printed on stderr for warnings (like cfssl's log lines) and errors.
import { isKubeprepError, type Warning } from '../lib/errors';
import { resolveProfile, type SigningConfig } from '../lib/pki';
import { writeStderr } from './io';

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

export class UsageError extends Error {}

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
      if (inline !== undefined && !['true', 'false', '1', '0'].includes(inline)) {
        throw new UsageError(`invalid boolean value "${inline}" for -${name}: use -${name} or -${name}=false`);
      }
      result.booleans[name] = inline === undefined || inline === 'true' || inline === '1';
    } else if (spec.values.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`flag needs an argument: -${name}`);
      result.values[name] = value;
    } else {
      const known = [...spec.values, ...(spec.booleans ?? [])].map((f) => `-${f}`).join(', ');
      throw new UsageError(`flag provided but not defined: -${name} (known flags: ${known})`);
    }
  }
  return result;
}

/** A Go log line, the way cfssl prints its warnings: `2026/11/27 10:23:00 [WARNING] text`. */
export function logLine(level: 'WARNING' | 'INFO' | 'ERROR', text: string, now = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}/${pad(now.getMonth() + 1)}/${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
  return `${stamp} [${level}] ${text}\n`;
}

export function printWarnings(warnings: readonly Warning[]): void {
  for (const warning of warnings) writeStderr(logLine('WARNING', warning.message));
}

/** Turns any failure into plain words on stderr and exit status 1; never a stack trace. */
export function reportError(error: unknown, prefix = ''): number {
  writeStderr(`${prefix}${describeError(error)}\n`);
  return 1;
}

export function describeError(error: unknown): string {
  if (isKubeprepError(error)) {
    const parts = [error.message];
    if (error.line !== undefined) parts.push(`at line ${error.line}, column ${error.column ?? 0}`);
    if (error.field) parts.push(`field: ${error.field}`);
    if (error.allowed) parts.push(`allowed: ${error.allowed}`);
    return parts.join('\n  ');
  }
  if (error instanceof UsageError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  const path = (error as { path?: unknown } | null)?.path;
  if (code === 'ENOENT' && typeof path === 'string') return `open ${path}: no such file or directory`;
  if (code === 'EACCES' && typeof path === 'string') return `open ${path}: permission denied`;
  if (code === 'EISDIR') return `read ${String(path ?? '')}: is a directory`;
  return error instanceof Error ? error.message : String(error);
}

/** `-hostname a,b`: split on commas without trimming (cfssl signer.SplitHosts). */
export function splitHosts(list: string | undefined): string[] | undefined {
  return list === undefined || list === '' ? undefined : list.split(',');
}

/** Resolves -profile up front so the fallback warning is printed even when signing then fails. */
export function chooseProfile(config: SigningConfig, name: string | undefined): string {
  const resolved = resolveProfile(config, name);
  printWarnings(resolved.warnings);
  return resolved.name;
}
