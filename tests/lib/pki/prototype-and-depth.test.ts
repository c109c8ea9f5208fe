// Input shaped to reach JavaScript's machinery instead of the data: names of Object.prototype members as
// profile names, JSON keys and duration units; nesting deep enough to exhaust the stack; an RSA size
// WebCrypto cannot make exactly. Each gets its coded answer, never a TypeError or RangeError.
import { describe, expect, it } from 'vitest';
import { caught } from './support';
import { describeError } from '../../../src/lib/i18n';
import { checkKeySpec, parseConfigJson, parseCsrJson, parseGoDuration, resolveProfile } from '../../../src/lib/pki';
import { MAX_JSON_DEPTH, parseJson, parseJsonText } from '../../../src/lib/pki/json';
import { storableText } from '../../../src/lib/workspace/private-keys';

const CONFIG = '{"signing":{"default":{"expiry":"1h","usages":["signing"]},"profiles":{"kubernetes":{"usages":["server auth"],"expiry":"2h"}}}}';

describe('prototype member names are data', () => {
  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'])('-profile %s falls back to default with the unknown-profile warning', (name) => {
    const { config } = parseConfigJson(CONFIG);
    const resolved = resolveProfile(config, name);
    expect(resolved.name).toBe('default');
    expect(resolved.profile.usages).toEqual(['signing']);
    expect(resolved.warnings.map((w) => w.code)).toEqual(['pki.unknown-profile']);
    expect(resolved.warnings[0]!.params).toMatchObject({ profile: name, known: 'kubernetes' });
  });

  it('reads profiles named __proto__ and constructor as profiles, without touching any prototype', () => {
    const { config } = parseConfigJson('{"signing":{"profiles":{"__proto__":{"usages":["client auth"],"expiry":"3h"},"constructor":{"usages":["server auth"],"expiry":"4h"}}}}');
    expect(Object.keys(config.profiles).sort()).toEqual(['__proto__', 'constructor']);
    expect(resolveProfile(config, '__proto__').profile.usages).toEqual(['client auth']);
    expect(resolveProfile(config, 'constructor').profile.usages).toEqual(['server auth']);
    expect(({} as Record<string, unknown>)['usages']).toBeUndefined();
  });

  it('keeps a "__proto__" key of a CSR name map and of stored JSON as a plain key', () => {
    const spec = parseCsrJson('{"CN":"x","OID":{"__proto__":"y"}}');
    expect(spec.CN).toBe('x');
    const kept = storableText('{"__proto__":{"polluted":true},"a":1}');
    expect(JSON.parse(kept)).toEqual(JSON.parse('{"__proto__":{"polluted":true},"a":1}'));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each(['1constructor', '5toString', '2__proto__', '1hasOwnProperty'])('duration %s is an unknown unit, as Go says', (text) => {
    const error = caught(() => parseGoDuration(text, 'expiry'));
    expect(error.code).toBe('pki.duration-unknown-unit');
  });
});

describe('nesting depth', () => {
  it('refuses 100,000 nested [ with a coded error at its place, in both readers', () => {
    const deep = '['.repeat(100_000);
    for (const run of [() => parseJson(deep, 'csr-json'), () => parseJsonText(deep), () => parseCsrJson(deep)]) {
      const error = caught(run);
      expect(error.code).toBe('pki.json-too-deep');
      expect(error).toMatchObject({ line: 1, column: MAX_JSON_DEPTH + 1, allowed: String(MAX_JSON_DEPTH) });
      expect(describeError('en', error)).toMatch(/nests arrays and objects more than 1000 levels deep$/);
      expect(describeError('zh-CN', error)).toContain('嵌套超过 1000 层');
    }
  });

  it('refuses balanced deep JSON that JSON.parse alone would take, and accepts the limit itself', () => {
    const balanced = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(caught(() => parseJsonText(balanced(MAX_JSON_DEPTH + 1))).code).toBe('pki.json-too-deep');
    expect(caught(() => parseJsonText(`{"a":${'{"b":'.repeat(50_000)}1${'}'.repeat(50_001)}`)).code).toBe('pki.json-too-deep');
    expect(Array.isArray(parseJsonText(balanced(MAX_JSON_DEPTH)))).toBe(true);
    expect(Array.isArray(parseJson(balanced(MAX_JSON_DEPTH)))).toBe(true);
    // Brackets inside strings are text, not nesting.
    expect(parseJsonText(JSON.stringify({ CN: '['.repeat(5000) }))).toEqual({ CN: '['.repeat(5000) });
  });
});

describe('RSA sizes', () => {
  it('refuses a size that is not whole bytes, naming the range and the rule', () => {
    const error = caught(() => checkKeySpec({ algo: 'rsa', size: 2049 }));
    expect(error.code).toBe('pki.rsa-size-unsupported');
    expect(error.allowed).toBe('2048–8192, ×8');
    expect(describeError('en', error)).toContain('RSA key size 2049 bits cannot be made exactly: use a multiple of 8 from 2048 to 8192 bits');
    expect(caught(() => parseCsrJson('{"CN":"x","key":{"algo":"rsa","size":2049}}')).code).toBe('pki.rsa-size-unsupported');
    expect(checkKeySpec({ algo: 'rsa', size: 2056 })).toEqual({ algo: 'rsa', size: 2056 });
  });
});
