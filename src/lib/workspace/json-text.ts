// Reading and rewriting the workspace's JSON texts. The text is the source of truth (a half-typed file is
// never lost); the forms read a view of it and write back by changing only the keys they own, found by
// Go's encoding/json rule (src/lib/pki/json.ts goFieldKey), so what the form shows is what cfssl and the
// engine sign, and unknown keys and key spelling survive.
import { KubeprepError } from '../errors';
import { goFieldKey, parseJsonText } from '../pki/json';

export { parseJsonText };

export function parseJsonObject(text: string, file?: string): Record<string, unknown> {
  const value = parseJsonText(text, file);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KubeprepError('workspace.not-an-object', file === undefined ? {} : { field: file });
  }
  return value as Record<string, unknown>;
}

export function getField(object: Record<string, unknown>, name: string): unknown {
  const key = goFieldKey(object, name);
  return key === undefined ? undefined : object[key];
}

/** Sets NAME in the key Go would read it from (keeping its spelling); `undefined` removes it. */
export function setField(object: Record<string, unknown>, name: string, value: unknown): void {
  const key = goFieldKey(object, name) ?? name;
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
