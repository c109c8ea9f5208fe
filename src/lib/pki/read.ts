// Typed reads from parsed JSON, refusing what Go's encoding/json refuses (an UnmarshalTypeError: a
// string where cfssl's struct has []string, 2048.0 for an int). The error names the JSON path, what
// was found and the Go type expected. `null` leaves a Go field at its zero value, so it reads as absent.
import { pkiError, subjectRef, type PkiSubject } from './errors';
import { field, goFieldKey, isFractionalLiteral, isJsonObject, jsonKind, type JsonObject, type JsonValue } from './json';

export interface Location {
  /** The Go struct that owns the field in cfssl (CertificateRequest, SigningProfile...). */
  struct: string;
  /** JSON path for people and for the error's `field` (key.size, names[1].O). */
  path: string;
}

/** The Go type a field has, as a person reading JSON would name it: `csr.KeyRequest` is an object. */
function jsonTypeOf(goType: string): string {
  return goType.replace(/^(\[\]|map\[string\])?[a-z]+\.[A-Za-z]+$/, (_, prefix: string | undefined) => `${prefix ?? ''}object`).replace(/^\*/, '');
}

export function typeError(value: JsonValue, at: Location, goType: string): never {
  const expected = jsonTypeOf(goType);
  throw pkiError('pki.json-type', { field: at.path, allowed: expected, params: { field: at.path, expected, got: jsonKind(value) } });
}

export function child(at: Location, key: string): Location {
  return { struct: at.struct, path: at.path === '' ? key : `${at.path}.${key}` };
}

export function readString(object: JsonObject, key: string, at: Location): string | undefined {
  const value = field(object, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') typeError(value, child(at, key), 'string');
  return value;
}

export function readInt(object: JsonObject, key: string, at: Location): number | undefined {
  const value = field(object, key);
  if (value === undefined || value === null) return undefined;
  const actualKey = goFieldKey(object, key) ?? key;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || isFractionalLiteral(object, actualKey)) {
    typeError(value, child(at, key), 'int');
  }
  return value;
}

export function readBool(object: JsonObject, key: string, at: Location): boolean | undefined {
  const value = field(object, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') typeError(value, child(at, key), 'bool');
  return value;
}

export function readObject(object: JsonObject, key: string, at: Location, goType: string): JsonObject | undefined {
  const value = field(object, key);
  if (value === undefined || value === null) return undefined;
  if (!isJsonObject(value)) typeError(value, child(at, key), goType);
  return value;
}

export function readArray(object: JsonObject, key: string, at: Location, goType: string): JsonValue[] | undefined {
  const value = field(object, key);
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) typeError(value, child(at, key), goType);
  return value;
}

export function readStringArray(object: JsonObject, key: string, at: Location): string[] | undefined {
  const list = readArray(object, key, at, '[]string');
  if (list === undefined) return undefined;
  return list.map((item, i) => {
    if (item === null) return '';
    if (typeof item !== 'string') typeError(item, { struct: at.struct, path: `${child(at, key).path}[${i}]` }, 'string');
    return item;
  });
}

export function readStringMap(object: JsonObject, key: string, at: Location): Record<string, string> | undefined {
  const map = readObject(object, key, at, 'map[string]string');
  if (map === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map)) {
    if (typeof v !== 'string') typeError(v, child(child(at, key), k), 'string');
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true }); // `__proto__` stays data
  }
  return out;
}

/** The document itself must be an object (cfssl unmarshals it into a struct). */
export function requireObject(value: JsonValue, what: PkiSubject): JsonObject {
  if (!isJsonObject(value)) {
    throw pkiError('pki.json-not-object', { field: '$', allowed: 'object', params: { what: subjectRef(what), got: jsonKind(value) } });
  }
  return value;
}
