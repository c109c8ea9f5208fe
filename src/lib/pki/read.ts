// Typed reads from parsed JSON with Go encoding/json's type-error wording
// ("json: cannot unmarshal string into Go struct field CertificateRequest.hosts of type []string").
// `null` leaves a Go field at its zero value, so it reads as "absent" here.
import { pkiError } from './errors';
import { field, isFractionalLiteral, isJsonObject, jsonKind, type JsonObject, type JsonValue } from './json';

export interface Location {
  /** The Go struct that owns the field, for the Go-style message (CertificateRequest, SigningProfile...). */
  struct: string;
  /** JSON path for people and for the error's `field` (key.size, names[1].O). */
  path: string;
}

export function typeError(value: JsonValue, at: Location, goType: string, allowed: string): never {
  const kind = typeof value === 'number' ? `number ${value}` : jsonKind(value);
  const goPath = at.path.replace(/\[\d+\]/g, '');
  throw pkiError('pki.json-type', `json: cannot unmarshal ${kind} into Go struct field ${at.struct}.${goPath} of type ${goType}`, {
    field: at.path,
    allowed,
    params: { field: at.path, allowed, got: jsonKind(value) },
  });
}

export function child(at: Location, key: string): Location {
  return { struct: at.struct, path: at.path === '' ? key : `${at.path}.${key}` };
}

export function readString(object: JsonObject, key: string, at: Location): string | undefined {
  const value = field(object, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') typeError(value, child(at, key), 'string', 'a string');
  return value;
}

export function readInt(object: JsonObject, key: string, at: Location): number | undefined {
  const value = field(object, key);
  if (value === undefined || value === null) return undefined;
  const actualKey = Object.keys(object).filter((k) => k.toLowerCase() === key.toLowerCase()).pop() ?? key;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || isFractionalLiteral(object, actualKey)) {
    typeError(value, child(at, key), 'int', 'a whole number');
  }
  return value;
}

export function readBool(object: JsonObject, key: string, at: Location): boolean | undefined {
  const value = field(object, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') typeError(value, child(at, key), 'bool', 'true or false');
  return value;
}

export function readObject(object: JsonObject, key: string, at: Location, goType: string): JsonObject | undefined {
  const value = field(object, key);
  if (value === undefined || value === null) return undefined;
  if (!isJsonObject(value)) typeError(value, child(at, key), goType, 'a JSON object');
  return value;
}

export function readArray(object: JsonObject, key: string, at: Location, goType: string): JsonValue[] | undefined {
  const value = field(object, key);
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) typeError(value, child(at, key), goType, 'a JSON array');
  return value;
}

export function readStringArray(object: JsonObject, key: string, at: Location): string[] | undefined {
  const list = readArray(object, key, at, '[]string');
  if (list === undefined) return undefined;
  return list.map((item, i) => {
    if (item === null) return '';
    if (typeof item !== 'string') typeError(item, { struct: at.struct, path: `${child(at, key).path}[${i}]` }, '[]string', 'a list of strings');
    return item;
  });
}

export function readStringMap(object: JsonObject, key: string, at: Location): Record<string, string> | undefined {
  const map = readObject(object, key, at, 'map[string]string');
  if (map === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map)) {
    if (typeof v !== 'string') typeError(v, child(child(at, key), k), 'string', 'a string');
    out[k] = v;
  }
  return out;
}

export function requireObject(value: JsonValue, goType: string, what: string): JsonObject {
  if (!isJsonObject(value)) {
    throw pkiError('pki.json-type', `json: cannot unmarshal ${jsonKind(value)} into Go value of type ${goType}`, {
      field: '$',
      allowed: `a JSON object (${what})`,
      params: { field: what, allowed: 'a JSON object', got: jsonKind(value) },
    });
  }
  return value;
}
