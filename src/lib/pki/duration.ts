// Go's time.ParseDuration and Duration.String, rule for rule (go/src/time/format.go), because cfssl
// durations (`expiry`, `backdate`, `ca.expiry`) are parsed by Go and users copy them between tools.
// Values are nanoseconds as bigint: the Go range (±2^63 ns, about 292 years) does not fit a double.
// A refusal names Go's case (unknown unit, missing unit, anything else invalid) as its code.
import { pkiError, type PkiErrorCode } from './errors';
import { HOUR_NS } from './facts';

const UNITS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5 micro sign
  'μs': 1_000n, // U+03BC Greek small letter mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: HOUR_NS,
};

/** The units, as a person types them, for error messages. */
export const DURATION_UNITS = 'ns, us, ms, s, m, h';

const LIMIT = 1n << 63n;

/** Parses like Go's time.ParseDuration; refuses what Go refuses, with Go's case as the code. */
export function parseGoDuration(text: string, field?: string): bigint {
  const refuse = (code: PkiErrorCode, unit?: string): never => {
    throw pkiError(code, {
      field,
      allowed: DURATION_UNITS,
      params: { field: field ?? '', value: text, ...(unit === undefined ? {} : { unit: goQuote(unit) }) },
      cfsslCode: 5200,
    });
  };
  const invalid = (): never => refuse('pki.invalid-duration');
  let s = text;
  let negative = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') invalid();
  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]!))) invalid();
    const whole = leadingInt(s);
    if (whole === null) invalid();
    let { value, rest } = whole!;
    const consumedWhole = rest.length !== s.length;
    s = rest;
    let fraction = 0n;
    let scale = 1;
    let consumedFraction = false;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      const before = s.length;
      ({ fraction, scale, rest: s } = leadingFraction(s));
      consumedFraction = s.length !== before;
    }
    if (!consumedWhole && !consumedFraction) invalid();
    let i = 0;
    while (i < s.length && s[i] !== '.' && !isDigit(s[i]!)) i++;
    if (i === 0) refuse('pki.duration-missing-unit');
    const unitText = s.slice(0, i);
    s = s.slice(i);
    const unit = Object.hasOwn(UNITS, unitText) ? UNITS[unitText] : undefined; // not `constructor` of Object.prototype
    if (unit === undefined) refuse('pki.duration-unknown-unit', unitText);
    if (value > LIMIT / unit!) invalid();
    value *= unit!;
    if (fraction > 0n) {
      // Go: uint64(float64(f) * (float64(unit) / scale)), float64 on purpose.
      value += BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
      if (value > LIMIT) invalid();
    }
    total += value;
    if (total > LIMIT) invalid();
  }
  if (negative) return -total;
  if (total > LIMIT - 1n) invalid();
  return total;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function leadingInt(s: string): { value: bigint; rest: string } | null {
  let i = 0;
  let x = 0n;
  for (; i < s.length && isDigit(s[i]!); i++) {
    if (x > LIMIT / 10n) return null;
    x = x * 10n + BigInt(s.charCodeAt(i) - 48);
    if (x > LIMIT) return null;
  }
  return { value: x, rest: s.slice(i) };
}

function leadingFraction(s: string): { fraction: bigint; scale: number; rest: string } {
  let i = 0;
  let x = 0n;
  let scale = 1;
  let overflow = false;
  for (; i < s.length && isDigit(s[i]!); i++) {
    if (overflow) continue;
    if (x > (LIMIT - 1n) / 10n) {
      overflow = true;
      continue;
    }
    const y = x * 10n + BigInt(s.charCodeAt(i) - 48);
    if (y > LIMIT) {
      overflow = true;
      continue;
    }
    x = y;
    scale *= 10;
  }
  return { fraction: x, scale, rest: s.slice(i) };
}

/** Go's time package quote(): non-ASCII and control bytes as \xNN, `"` and `\` escaped. */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x80 || code < 0x20) {
      for (const byte of new TextEncoder().encode(ch)) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return out + '"';
}

/** Go's Duration.String(): `8760h0m0s`, `1.5s`, `300ms`, `0s`. */
export function formatGoDuration(ns: bigint): string {
  const negative = ns < 0n;
  let u = negative ? -ns : ns;
  let out: string;
  if (u < 1_000_000_000n) {
    if (u === 0n) return '0s';
    let unit: string;
    let precision: number;
    if (u < 1_000n) {
      unit = 'ns';
      precision = 0;
    } else if (u < 1_000_000n) {
      unit = 'µs';
      precision = 3;
    } else {
      unit = 'ms';
      precision = 6;
    }
    out = formatFraction(u, precision) + unit;
  } else {
    const seconds = formatFraction(u, 9);
    u /= 1_000_000_000n;
    out = `${u % 60n}${seconds.slice(seconds.indexOf('.') >= 0 ? seconds.indexOf('.') : seconds.length)}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return negative ? `-${out}` : out;
}

/** v / 10^precision with trailing zeros (and a bare point) dropped. */
function formatFraction(v: bigint, precision: number): string {
  const divisor = 10n ** BigInt(precision);
  const whole = v / divisor;
  const fraction = (v % divisor).toString().padStart(precision, '0').replace(/0+$/, '');
  return fraction === '' ? `${whole}` : `${whole}.${fraction}`;
}
