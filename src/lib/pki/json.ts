// A small JSON reader that reports errors the way Go's encoding/json words them (cfssl prints those
// raw), plus the 1-based line and column that Go leaves out. Go matches struct field names
// case-insensitively and ignores unknown keys; `field()` below does the same.
import { pkiError } from './errors';

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

function rememberFractional(container: object, key: string | number): void {
  const keys = fractionalNumbers.get(container) ?? new Set<string>();
  keys.add(String(key));
  fractionalNumbers.set(container, keys);
}

export function parseJson(text: string, source = 'JSON'): JsonValue {
  // A UTF-8 byte order mark (Windows editors add one) is dropped; Go would reject the file for it.
  const reader = new JsonReader(text.startsWith('\uFEFF') ? text.slice(1) : text, source);
  return reader.document();
}

class JsonReader {
  private pos = 0;
  constructor(
    private readonly text: string,
    private readonly source: string,
  ) {}

  document(): JsonValue {
    this.skipSpace();
    const value = this.value();
    this.skipSpace();
    if (this.pos < this.text.length) this.fail(`invalid character ${quoteChar(this.peek())} after top-level value`);
    return value;
  }

  private value(): JsonValue {
    const c = this.peek();
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    if (c === 't') return this.literal('true', true);
    if (c === 'f') return this.literal('false', false);
    if (c === 'n') return this.literal('null', null);
    if (c === '') this.fail('unexpected end of JSON input');
    return this.fail(`invalid character ${quoteChar(c)} looking for beginning of value`);
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
      if (c === '') this.fail('unexpected end of JSON input');
      if (c !== '"') this.fail(`invalid character ${quoteChar(c)} looking for beginning of object key string`);
      const key = this.string();
      this.skipSpace();
      if (this.peek() !== ':') this.unexpected('after object key');
      this.pos++;
      this.skipSpace();
      // defineProperty, so a "__proto__" key is plain data and never a prototype.
      const start = this.pos;
      Object.defineProperty(result, key, { value: this.value(), enumerable: true, writable: true, configurable: true });
      if (this.wasFractional(start)) rememberFractional(result, key);
      this.skipSpace();
      const next = this.peek();
      this.pos++;
      if (next === '}') return result;
      if (next !== ',') {
        this.pos--;
        this.unexpected('after object key:value pair');
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
        this.unexpected('after array element');
      }
    }
  }

  private string(): string {
    const start = ++this.pos;
    let out = '';
    let chunk = start;
    for (;;) {
      const c = this.peek();
      if (c === '') this.fail('unexpected end of JSON input');
      if (c === '"') {
        out += this.text.slice(chunk, this.pos);
        this.pos++;
        return out;
      }
      if (c < ' ') this.fail(`invalid character ${quoteChar(c)} in string literal`);
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
        if (h === '') this.fail('unexpected end of JSON input');
        if (!/[0-9a-fA-F]/.test(h)) this.fail(`invalid character ${quoteChar(h)} in \\u hexadecimal character escape`);
      }
      this.pos++;
      return String.fromCharCode(parseInt(hex, 16));
    }
    if (c === '') this.fail('unexpected end of JSON input');
    return this.fail(`invalid character ${quoteChar(c)} in string escape code`);
  }

  private number(): number {
    const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.slice(this.pos));
    if (!match) {
      this.pos++;
      const c = this.peek();
      if (c === '') this.fail('unexpected end of JSON input');
      return this.fail(`invalid character ${quoteChar(c)} in numeric literal`);
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
      if (c === '') this.fail('unexpected end of JSON input');
      if (c !== word[i]) this.fail(`invalid character ${quoteChar(c)} in literal ${word} (expecting ${quoteChar(word[i]!)})`);
      this.pos++;
    }
    return value;
  }

  private unexpected(where: string): never {
    const c = this.peek();
    if (c === '') this.fail('unexpected end of JSON input');
    return this.fail(`invalid character ${quoteChar(c)} ${where}`);
  }

  private peek(): string {
    return this.text.charAt(this.pos);
  }

  private skipSpace(): void {
    while (/^[ \t\r\n]$/.test(this.peek())) this.pos++;
  }

  private fail(message: string): never {
    const { line, column } = lineAndColumn(this.text, this.pos);
    throw pkiError('pki.json-syntax', message, {
      line,
      column,
      allowed: 'valid JSON',
      params: { source: this.source, line, column, detail: message },
    });
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

/**
 * Go's encoding/json lookup: keys match struct fields case-insensitively and are applied in document
 * order, so with several spellings of one key (`cn` and `CN`) the last one wins.
 */
export function field(object: JsonObject, name: string): JsonValue | undefined {
  let found: JsonValue | undefined;
  const lower = name.toLowerCase();
  for (const key of Object.keys(object)) {
    if (key.toLowerCase() === lower) found = object[key];
  }
  return found;
}

/** Keys of `object` that match none of `known` (case-insensitively). */
export function unknownKeys(object: JsonObject, known: readonly string[]): string[] {
  const lower = new Set(known.map((k) => k.toLowerCase()));
  return Object.keys(object).filter((k) => !lower.has(k.toLowerCase()));
}
