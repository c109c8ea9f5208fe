import { describe, expect, it } from 'vitest';
import { parseCsrJson } from '../../../src/lib/pki';
import { caught, goJsonSyntaxWords } from './support';
import { describeWarning } from '../../../src/lib/i18n';

// The guide's etcd-csr.json (seed section 三), hosts trimmed.
const ETCD = `{
  "CN": "etcd",
  "hosts": ["127.0.0.1", "192.168.1.11"],
  "key": { "algo": "rsa", "size": 2048 },
  "names": [{ "C": "CN", "ST": "BeiJing", "L": "BeiJing", "O": "k8s", "OU": "System" }]
}`;

describe('parseCsrJson', () => {
  it('reads the guide\'s CSR', () => {
    const spec = parseCsrJson(ETCD);
    expect(spec.CN).toBe('etcd');
    expect(spec.hosts).toEqual(['127.0.0.1', '192.168.1.11']);
    expect(spec.key).toEqual({ algo: 'rsa', size: 2048 });
    expect(spec.names).toEqual([{ C: 'CN', ST: 'BeiJing', L: 'BeiJing', O: 'k8s', OU: 'System' }]);
    expect(spec.warnings).toBeUndefined();
  });

  it('matches keys case-insensitively, the last spelling winning (Go encoding/json)', () => {
    const spec = parseCsrJson('{"cn":"a","Cn":"b","HOSTS":["x"],"Key":{"ALGO":"rsa","Size":3072},"Names":[{"o":"org"}]}');
    expect(spec.CN).toBe('b');
    expect(spec.hosts).toEqual(['x']);
    expect(spec.key).toEqual({ algo: 'rsa', size: 3072 });
    expect(spec.names).toEqual([{ O: 'org' }]);
  });

  it('defaults a missing or null key to ECDSA P-256', () => {
    expect(parseCsrJson('{"CN":"a"}').key).toEqual({ algo: 'ecdsa', size: 256 });
    expect(parseCsrJson('{"CN":"a","key":null}').key).toEqual({ algo: 'ecdsa', size: 256 });
    expect(parseCsrJson('{"CN":"a","key":{}}').key).toEqual({ algo: 'ecdsa', size: 256 });
    expect(parseCsrJson('{"CN":"a","key":{"size":384}}').key).toEqual({ algo: 'ecdsa', size: 384 });
  });

  it('keeps cfssl\'s pre-filled default key quirk: a partial key keeps the other default field', () => {
    expect(caught(() => parseCsrJson('{"key":{"algo":"rsa"}}'))).toMatchObject({ code: 'pki.rsa-too-weak', field: 'key.size', params: { size: 256 } });
    expect(caught(() => parseCsrJson('{"key":{"size":2048}}'))).toMatchObject({ code: 'pki.invalid-curve', field: 'key.size', params: { size: 2048 } });
  });

  it('ignores unknown keys but warns about them (typo "name" for "names", cfssl #1405)', () => {
    const spec = parseCsrJson('{"CN":"a","name":[{"O":"x"}]}');
    expect(spec.names).toEqual([]);
    expect(spec.warnings?.map((w) => [w.code, w.field])).toEqual([['pki.unknown-field', 'name']]);
  });

  it('accepts names[].SerialNumber but ignores it; keeps top-level serialnumber, E and OID', () => {
    const spec = parseCsrJson('{"CN":"a","serialnumber":"42","names":[{"SerialNumber":"7","E":"a@b.c","OID":{"2.5.4.12":"Boss"}}]}');
    expect(spec.serialnumber).toBe('42');
    expect(spec.names).toEqual([{ E: 'a@b.c', OID: { '2.5.4.12': 'Boss' } }]);
  });

  it('takes the ca object only with initca', () => {
    const spec = parseCsrJson('{"CN":"ca","ca":{"expiry":"87600h","pathlen":1,"pathlenzero":true,"backdate":"1h"}}', { initca: true });
    expect(spec.ca).toEqual({ expiry: '87600h', pathlen: 1, pathlenzero: true, backdate: '1h' });
    expect(parseCsrJson('{"CN":"ca","ca":{"expiry":""}}', { initca: true }).ca).toEqual({});
  });

  it('accepts an initca subject made of names only when every entry has C/ST/L/O/OU', () => {
    expect(parseCsrJson('{"names":[{"O":"x"},{"C":"CN"}]}', { initca: true }).CN).toBe('');
  });

  it('accepts every RSA size cfssl accepts, and all three curves', () => {
    expect(parseCsrJson('{"key":{"algo":"rsa","size":3000}}').key.size).toBe(3000);
    expect(parseCsrJson('{"key":{"algo":"rsa","size":8192}}').key.size).toBe(8192);
    expect(parseCsrJson('{"key":{"algo":"ecdsa","size":521}}').key.size).toBe(521);
    expect(parseCsrJson('{"key":{"algo":"ed25519"}}').key.algo).toBe('ed25519');
  });
});

describe('parseCsrJson bad input', () => {
  it.each([
    ['{"CN":"a",}', 1, 11, "invalid character '}' looking for beginning of object key string"],
    ['{\n  "CN": "a"\n  "hosts": []\n}', 3, 3, "invalid character '\"' after object key:value pair"],
    ['{"CN" "a"}', 1, 7, "invalid character '\"' after object key"],
    ['{"hosts":["a" "b"]}', 1, 15, "invalid character '\"' after array element"],
    ['{"CN":"a"', 1, 10, 'unexpected end of JSON input'],
    ['', 1, 1, 'unexpected end of JSON input'],
    ['{"CN":tru}', 1, 10, "invalid character '}' in literal true (expecting 'e')"],
    ['{"CN":"a"} x', 1, 12, "invalid character 'x' after top-level value"],
    ["{'CN':'a'}", 1, 2, "invalid character '\\'' looking for beginning of object key string"],
  ])('syntax %j -> line %i col %i, the case Go names', (text, line, column, message) => {
    const error = caught(() => parseCsrJson(text));
    expect(error).toMatchObject({ code: 'pki.json-syntax', line, column });
    expect(goJsonSyntaxWords(error)).toBe(message);
  });

  it.each([
    ['{"hosts":"a.example"}', 'hosts', '[]string', 'string'],
    ['{"hosts":[1]}', 'hosts[0]', 'string', 'number'],
    ['{"CN":5}', 'CN', 'string', 'number'],
    ['{"names":{"O":"x"}}', 'names', '[]object', 'object'],
    ['{"names":["O"]}', 'names[0]', 'object', 'string'],
    ['{"names":[{"O":["a","b"]}]}', 'names[0].O', 'string', 'array'],
    ['{"key":{"algo":"rsa","size":"2048"}}', 'key.size', 'int', 'string'],
    ['{"key":{"algo":"rsa","size":2048.5}}', 'key.size', 'int', 'number'],
    ['{"key":{"algo":"rsa","size":2048.0}}', 'key.size', 'int', 'number'],
    ['{"key":{"algo":"rsa","SIZE":2e3}}', 'key.size', 'int', 'number'],
    ['{"key":"rsa"}', 'key', 'object', 'string'],
  ])('type error %j at %s: %s expected, %s found (Go\'s UnmarshalTypeError)', (text, field, expected, got) => {
    expect(caught(() => parseCsrJson(text))).toMatchObject({ code: 'pki.json-type', field, allowed: expected, params: { expected, got } });
  });

  it('refuses a document that is not an object', () => {
    expect(caught(() => parseCsrJson('[]'))).toMatchObject({ code: 'pki.json-not-object', field: '$', params: { got: 'array' } });
  });

  it.each([
    ['{"key":{"algo":"rsa","size":1024}}', 'pki.rsa-too-weak', 'key.size'],
    ['{"key":{"algo":"rsa","size":16384}}', 'pki.rsa-too-large', 'key.size'],
    ['{"key":{"algo":"ecdsa","size":224}}', 'pki.invalid-curve', 'key.size'],
    ['{"key":{"algo":"ecdsa","size":2048}}', 'pki.invalid-curve', 'key.size'],
    ['{"key":{"algo":"RSA","size":2048}}', 'pki.invalid-algorithm', 'key.algo'],
    ['{"key":{"algo":"dsa","size":2048}}', 'pki.invalid-algorithm', 'key.algo'],
    ['{"CN":"a","ca":{"expiry":"1h"}}', 'pki.ca-not-allowed', 'ca'],
    ['{"names":[{"O":"x"}],"OID":1}', null, null],
  ])('%j -> %s at %s', (text, code, field) => {
    if (code === null) {
      expect(parseCsrJson(text).warnings?.[0]?.code).toBe('pki.unknown-field');
      return;
    }
    expect(caught(() => parseCsrJson(text))).toMatchObject({ code, field });
  });

  it.each([
    ['{}', 'CN'],
    ['{"CN":""}', 'CN'],
    ['{"names":[]}', 'CN'],
    ['{"names":[{"O":"x"},{"E":"a@b.c"}]}', 'CN'],
    ['{"names":[{"O":"  "}]}', 'CN'],
  ])('initca without subject %j', (text, field) => {
    expect(caught(() => parseCsrJson(text, { initca: true }))).toMatchObject({ code: 'pki.missing-subject', field });
  });

  it.each([
    ['{"CN":"ca","ca":{"expiry":"10y"}}', 'pki.duration-unknown-unit', 'ca.expiry', '"y"'],
    ['{"CN":"ca","ca":{"expiry":"-5h"}}', 'pki.duration-not-positive', 'ca.expiry', undefined],
    ['{"CN":"ca","ca":{"expiry":"0"}}', 'pki.duration-not-positive', 'ca.expiry', undefined],
    ['{"CN":"ca","ca":{"backdate":"1 h"}}', 'pki.duration-unknown-unit', 'ca.backdate', '" h"'],
    ['{"CN":"ca","ca":{"pathlen":-2}}', 'pki.pathlen-negative', 'ca.pathlen', undefined],
    ['{"CN":"ca","ca":{"pathlen":-1.5}}', 'pki.json-type', 'ca.pathlen', undefined],
    ['{"CN":"ca","ca":{"pathlenzero":"yes"}}', 'pki.json-type', 'ca.pathlenzero', undefined],
    ['{"CN":"ca","names":[{"OID":{"title":"x"}}]}', 'pki.invalid-oid', 'names[0].OID', undefined],
  ])('initca %j -> %s', (text, code, field, unit) => {
    const error = caught(() => parseCsrJson(text, { initca: true }));
    expect(error).toMatchObject({ code, field });
    if (unit) expect(error.params.unit).toBe(unit);
  });
});

describe("a key given twice, read by Go's rule (encoding/json decode.go: the last matching key wins)", () => {
  it('{"CN":"a","cn":"b"} is b, with a coded warning naming both spellings', () => {
    const spec = parseCsrJson('{"CN":"a","cn":"b"}');
    expect(spec.CN).toBe('b');
    expect(spec.warnings).toEqual([{ code: 'pki.duplicate-key', field: 'CN', params: { field: 'CN', keys: 'CN, cn', used: '"cn": "b"' } }]);
    expect(describeWarning('en', spec.warnings![0]!)).toBe('CN is given more than once (CN, cn); like cfssl, the last one is used: "cn": "b"');
    expect(describeWarning('zh-CN', spec.warnings![0]!)).toContain('以最后一个为准');
  });

  it('takes the last one whatever its spelling, and exact repeats too', () => {
    expect(parseCsrJson('{"cn":"b","CN":"a"}').CN).toBe('a');
    const repeated = parseCsrJson('{"CN":"a","CN":"b"}');
    expect(repeated.CN).toBe('b');
    expect(repeated.warnings?.[0]).toMatchObject({ code: 'pki.duplicate-key', params: { keys: 'CN, CN' } });
    expect(parseCsrJson('{"key":{"algo":"rsa","size":2048,"SIZE":3072}}').key.size).toBe(3072);
    expect(parseCsrJson('{"names":[{"o":"x","O":"y"}]}').names).toEqual([{ O: 'y' }]);
  });

  it('folds like Go: KELVIN SIGN matches K, LONG S matches S, other letters do not', () => {
    expect(parseCsrJson('{"\u212aey":{"algo":"rsa","size":2048}}').key.algo).toBe('rsa');
    expect(parseCsrJson('{"hoſts":["a.example"]}').hosts).toEqual(['a.example']);
    const other = parseCsrJson('{"ÇN":"x"}');
    expect(other.CN).toBe('');
    expect(other.warnings?.map((w) => w.code)).toEqual(['pki.unknown-field']);
  });
});
