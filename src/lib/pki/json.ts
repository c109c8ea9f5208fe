// A small JSON reader that finds the syntax errors Go's encoding/json finds (encoding/json/scanner.go),
// named by the same cases (unexpected end, invalid character in a given context) as coded reasons,
// plus the 1-based line and column that Go leaves out. Go matches struct field names case-insensitively
// and ignores unknown keys; `field()` below does the same.
import { KubeprepError, type Warning } from '../errors';
import type { MessageKey } from '../i18n';
import { messageRef, type MessageParam, type MessageRef } from '../i18n/params';
import { pkiError, pkiWarning, subjectRef, type PkiSubject } from './errors';

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * Keys whose number was written with a fraction or exponent (`2048.0`, `2e3`): Go refuses those for int
 * fields even when the value is whole, so the reader remembers them per object or array.
 */
const fractionalNumbers = new WeakMap<object, Set<string>>();

export function isFractionalLiteral(container: object, key: string | number): boolean {
  return fractionalNumbers.get(container)?.has(String(key)) ?? false;
}

/** Keys written more than once, exactly, in one object (`{"CN":"a","CN":"b"}`): parsing keeps the last. */
const repeatedKeys = new WeakMap<object, Set<string>>();

function rememberRepeated(object: object, key: string): void {
  const keys = repeatedKeys.get(object) ?? new Set<string>();
  keys.add(key);
  repeatedKeys.set(object, keys);
}

function rememberFractional(container: object, key: string | number): void {
  const keys = fractionalNumbers.get(container) ?? new Set<string>();
  keys.add(String(key));
  fractionalNumbers.set(container, keys);
}

/**
 * How deep arrays and objects may nest. Go's encoding/json stops at 10000 (scanner.go, maxNestingDepth);
 * no cfssl file needs more than five, and the forms and filters that walk a parsed document recurse, so
 * kubeprep stops at 1000 with a coded error instead of the engine's "Maximum call stack size exceeded".
 */
export const MAX_JSON_DEPTH = 1000;

/** Parses TEXT; a syntax error names the SOURCE (what it is, or the FILE it came from) and the place. */
export function parseJson(text: string, source: PkiSubject = 'json', file?: string): JsonValue {
  // A UTF-8 byte order mark (Windows editors add one) is dropped; Go would reject the file for it.
  const reader = new JsonReader(text.startsWith('\uFEFF') ? text.slice(1) : text, file ?? subjectRef(source));
  return reader.document();
}

/**
 * JSON.parse (fast, and plain objects for the forms to edit); when it refuses, this module's reader says
 * where and why, the same in every browser and in Node (`pki.json-syntax` with line and column).
 */
export function parseJsonText(text: string, file?: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) parseJson(body, 'json', file); // throws the located, coded error
  try {
    return JSON.parse(body);
  } catch (error) {
    parseJson(body, 'json', file); // throws the located, coded error
    throw new KubeprepError('common.internal', { params: { detail: String(error) }, cause: error });
  }
}

/** Whether brackets outside strings nest deeper than MAX, in one pass that never recurses. */
function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

class JsonReader {
  private pos = 0;
  private depth = 0;
  constructor(
    private readonly text: string,
    private readonly source: MessageParam,
  ) {}

  document(): JsonValue {
    this.skipSpace();
    const value = this.value();
    this.skipSpace();
    if (this.pos < this.text.length) this.invalid(this.peek(), 'pki.json.context.after-top-level');
    return value;
  }

  private value(): JsonValue {
    const c = this.peek();
    if (c === '{' || c === '[') {
      if (++this.depth > MAX_JSON_DEPTH) this.tooDeep();
      const nested = c === '{' ? this.object() : this.array();
      this.depth--;
      return nested;
    }
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    if (c === 't') return this.literal('true', true);
    if (c === 'f') return this.literal('false', false);
    if (c === 'n') return this.literal('null', null);
    return this.invalid(c, 'pki.json.context.value');
  }

  private object(): JsonObject {
    const result: JsonObject = {};
    this.pos++;
    this.skipSpace();
    if (this.peek() === '}') {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipSpace();
      const c = this.peek();
      if (c !== '"') this.invalid(c, 'pki.json.context.key');
      const key = this.string();
      this.skipSpace();
      if (this.peek() !== ':') this.invalid(this.peek(), 'pki.json.context.after-key');
      this.pos++;
      this.skipSpace();
      // defineProperty, so a "__proto__" key is plain data and never a prototype.
      const start = this.pos;
      if (Object.prototype.hasOwnProperty.call(result, key)) rememberRepeated(result, key);
      Object.defineProperty(result, key, { value: this.value(), enumerable: true, writable: true, configurable: true });
      if (this.wasFractional(start)) rememberFractional(result, key);
      this.skipSpace();
      const next = this.peek();
      this.pos++;
      if (next === '}') return result;
      if (next !== ',') {
        this.pos--;
        this.invalid(this.peek(), 'pki.json.context.after-pair');
      }
    }
  }

  private array(): JsonValue[] {
    const result: JsonValue[] = [];
    this.pos++;
    this.skipSpace();
    if (this.peek() === ']') {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipSpace();
      const start = this.pos;
      result.push(this.value());
      if (this.wasFractional(start)) rememberFractional(result, result.length - 1);
      this.skipSpace();
      const next = this.peek();
      this.pos++;
      if (next === ']') return result;
      if (next !== ',') {
        this.pos--;
        this.invalid(this.peek(), 'pki.json.context.after-element');
      }
    }
  }

  private string(): string {
    const start = ++this.pos;
    let out = '';
    let chunk = start;
    for (;;) {
      const c = this.peek();
      if (c === '') this.end();
      if (c === '"') {
        out += this.text.slice(chunk, this.pos);
        this.pos++;
        return out;
      }
      if (c < ' ') this.invalid(c, 'pki.json.context.string');
      if (c === '\\') {
        out += this.text.slice(chunk, this.pos);
        this.pos++;
        out += this.escape();
        chunk = this.pos;
        continue;
      }
      this.pos++;
    }
  }

  private escape(): string {
    const c = this.peek();
    const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
    if (c in simple) {
      this.pos++;
      return simple[c]!;
    }
    if (c === 'u') {
      const hex = this.text.slice(this.pos + 1, this.pos + 5);
      for (let i = 0; i < 4; i++) {
        this.pos++;
        const h = this.peek();
        if (!/[0-9a-fA-F]/.test(h)) this.invalid(h, 'pki.json.context.unicode-escape');
      }
      this.pos++;
      return String.fromCharCode(parseInt(hex, 16));
    }
    return this.invalid(c, 'pki.json.context.escape');
  }

  private number(): number {
    const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.slice(this.pos));
    if (!match) {
      this.pos++;
      return this.invalid(this.peek(), 'pki.json.context.number');
    }
    this.pos += match[0].length;
    return Number(match[0]);
  }

  private wasFractional(start: number): boolean {
    const text = this.text.slice(start, this.pos);
    return /^-?[0-9]/.test(text) && /[.eE]/.test(text);
  }

  private literal<T extends JsonValue>(word: string, value: T): T {
    for (let i = 0; i < word.length; i++) {
      const c = this.peek();
      if (c !== word[i]) this.invalid(c, 'pki.json.context.literal', { word, expected: quoteChar(word[i]!) });
      this.pos++;
    }
    return value;
  }

  /** Go's "invalid character 'x' <context>", or "unexpected end of JSON input" where the text ran out. */
  private invalid(c: string, context: MessageKey, params?: Record<string, string>): never {
    if (c === '') this.end();
    return this.fail(messageRef('pki.json.invalid-character', { char: quoteChar(c), context: messageRef(context, params) }));
  }

  private tooDeep(): never {
    const { line, column } = lineAndColumn(this.text, this.pos);
    throw pkiError('pki.json-too-deep', { line, column, allowed: String(MAX_JSON_DEPTH), params: { source: this.source, max: MAX_JSON_DEPTH } });
  }

  private end(): never {
    return this.fail(messageRef('pki.json.end'));
  }

  private peek(): string {
    return this.text.charAt(this.pos);
  }

  private skipSpace(): void {
    while (/^[ \t\r\n]$/.test(this.peek())) this.pos++;
  }

  private fail(reason: MessageRef): never {
    const { line, column } = lineAndColumn(this.text, this.pos);
    throw pkiError('pki.json-syntax', { line, column, params: { source: this.source, line, column, reason } });
  }
}

function lineAndColumn(text: string, pos: number): { line: number; column: number } {
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return { line, column };
}

function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return `'"'`;
  const json = JSON.stringify(c);
  return `'${json.slice(1, -1)}'`;
}

/** The JSON kind named the way Go's type errors name it. */
export function jsonKind(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const foldedKeys = new Map<string, string>();

/**
 * Go's folding of a JSON key for the case-insensitive match (foldName in encoding/json/fold.go): ASCII
 * letters by case, plus the two non-ASCII runes whose case orbit holds an ASCII letter, U+212A KELVIN
 * SIGN (k) and U+017F LATIN SMALL LETTER LONG S (s). Struct field names are ASCII, so no other rune can
 * match one.
 */
export function foldJsonKey(key: string): string {
  let folded = foldedKeys.get(key);
  if (folded === undefined) {
    folded = key.replace(/[a-z\u212a\u017f]/g, (c) => (c === '\u212a' ? 'K' : c === '\u017f' ? 'S' : c.toUpperCase()));
    // The same few dozen keys (CN, hosts, names, …) are folded for every field of every request: keep
    // them, but not whatever a hostile document brings.
    if (key.length <= 64 && foldedKeys.size < 1024) foldedKeys.set(key, folded);
  }
  return folded;
}

/**
 * The key of OBJECT that fills the struct field NAME, by Go's rule (encoding/json/decode.go, object()):
 * every key is matched in document order, exactly or else case-insensitively, and each match overwrites
 * the field, so the LAST matching key wins: `{"CN":"a","cn":"b"}` fills CN with "b". The workspace form
 * and the engine both read through here, so what the form shows is what gets signed.
 */
export function goFieldKey(object: object, name: string): string | undefined {
  const folded = foldJsonKey(name);
  let found: string | undefined;
  for (const key of Object.keys(object)) if (key === name || foldJsonKey(key) === folded) found = key;
  return found;
}

export function field(object: JsonObject, name: string): JsonValue | undefined {
  const key = goFieldKey(object, name);
  return key === undefined ? undefined : object[key];
}

/**
 * What Go would silently do with the keys of OBJECT, as warnings: keys that match no field (ignored)
 * and fields given more than once (`CN` and `cn`, or `CN` twice: the last one is used).
 */
export function keyWarnings(object: JsonObject, known: readonly string[], path = ''): Warning[] {
  const at = (key: string) => (path === '' ? key : `${path}.${key}`);
  const warnings: Warning[] = [];
  const folded = new Set(known.map(foldJsonKey));
  for (const key of Object.keys(object)) {
    if (!folded.has(foldJsonKey(key))) warnings.push(pkiWarning('pki.unknown-field', at(key), { field: at(key) }));
  }
  const repeated = repeatedKeys.get(object);
  for (const name of known) {
    const keys = Object.keys(object).filter((key) => foldJsonKey(key) === foldJsonKey(name));
    const spellings = keys.flatMap((key) => (repeated?.has(key) ? [key, key] : [key]));
    if (spellings.length > 1) {
      const used = goFieldKey(object, name)!;
      const value = JSON.stringify(object[used]);
      const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
      warnings.push(pkiWarning('pki.duplicate-key', at(name), { field: at(name), keys: spellings.join(', '), used: `"${used}": ${shown}` }));
    }
  }
  return warnings;
}
