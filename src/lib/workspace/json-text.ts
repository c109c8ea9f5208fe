// Reading and rewriting the workspace's JSON texts. The text is the source of truth (a half-typed file is
// never lost); the forms read a view of it and write back by changing only the keys they own, matched
// case-insensitively like Go's encoding/json (go/src/encoding/json/decode.go), so unknown keys and key spelling survive.
import { KubeprepError } from '../errors';
import { findJsonProblem } from './json-scan';

/** JSON.parse with the error located by line and column (`workspace.json-syntax`). */
export function parseJsonText(text: string, field?: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const problem = findJsonProblem(text);
    const detail = problem?.detail ?? (error instanceof Error ? error.message : String(error));
    const { line, column } = problem ? lineColumnAt(text, problem.offset) : locateJsonError(text, detail);
    throw new KubeprepError('workspace.json-syntax', `${field ?? 'JSON'}: ${detail} (line ${line}, column ${column})`, {
      field,
      line,
      column,
      params: { line, column, detail },
      cause: error,
    });
  }
}

/** Engines word the position differently: V8 "at position N" (+ "(line L column C)"), Firefox "at line L column C". */
export function locateJsonError(text: string, message: string): { line: number; column: number } {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  const offset = position ? Math.min(Number(position[1]), text.length) : text.length;
  return lineColumnAt(text, offset);
}

export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

export function parseJsonObject(text: string, field?: string): Record<string, unknown> {
  const value = parseJsonText(text, field);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KubeprepError('workspace.not-an-object', `${field ?? 'JSON'}: expected a JSON object`, { field, params: {} });
  }
  return value as Record<string, unknown>;
}

/** The key of OBJECT that Go's encoding/json would fill for NAME (exact match first, then case-insensitive). */
function findKey(object: Record<string, unknown>, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(object, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(object).find((k) => k.toLowerCase() === lower);
}

export function getField(object: Record<string, unknown>, name: string): unknown {
  const key = findKey(object, name);
  return key === undefined ? undefined : object[key];
}

/** Sets NAME, reusing the existing spelling of the key; `undefined` removes it. */
export function setField(object: Record<string, unknown>, name: string, value: unknown): void {
  const key = findKey(object, name) ?? name;
  if (value === undefined) delete object[key];
  else object[key] = value;
}

export function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function asStringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function stringifyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
