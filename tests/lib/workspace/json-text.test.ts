import { describe, expect, it } from 'vitest';
import { applyConfigForm, applyCsrForm, getField, parseJsonText, profileNames, readConfigForm, readCsrForm } from '../../../src/lib/workspace';
import { describeError } from '../../../src/lib/i18n';
import { GUIDE_CA_CONFIG, GUIDE_ETCD_CSR } from '../../../src/lib/workspace/example';
import { KubeprepError } from '../../../src/lib/errors';

function syntaxError(text: string): KubeprepError {
  try {
    parseJsonText(text, 'etcd-csr.json');
  } catch (error) {
    return error as KubeprepError;
  }
  throw new Error('expected a syntax error');
}

describe('JSON errors with line and column', () => {
  it('points at the offending character', () => {
    const error = syntaxError('{\n  "CN": "etcd",\n  }\n');
    expect(error.code).toBe('pki.json-syntax');
    expect([error.line, error.column]).toEqual([3, 3]);
    expect(describeError('en', error)).toBe('etcd-csr.json is not valid JSON at line 3, column 3: unexpected character \'}\' where a key in double quotes should begin');
  });

  it('points at the end for truncated input', () => {
    const error = syntaxError('{\n  "CN": "etcd"');
    expect(error.line).toBe(2);
    expect(error.column).toBe(15);
  });

  it('reads Go\'s last spelling of a key, as the engine signs it', () => {
    const object = parseJsonText('{"CN":"shown","cn":"signed"}') as Record<string, unknown>;
    expect(getField(object, 'CN')).toBe('signed');
    expect(readCsrForm('{"CN":"a","cn":"b"}').CN).toBe('b');
    // The form writes into that same key, so what it then shows is again what is signed.
    const form = readCsrForm('{"CN":"a","cn":"b"}');
    form.CN = 'c';
    expect(JSON.parse(applyCsrForm('{"CN":"a","cn":"b"}', form))).toMatchObject({ CN: 'a', cn: 'c' });
  });
});

describe('CSR form view', () => {
  it('reads the guide etcd request', () => {
    expect(readCsrForm(GUIDE_ETCD_CSR)).toEqual({
      CN: 'etcd',
      names: [{ C: 'CN', ST: 'shanghai', L: 'shanghai', O: 'etcd', OU: 'System' }],
      key: { algo: 'rsa', size: 2048 },
      hosts: [],
    });
  });

  it("defaults the key to cfssl's ECDSA P-256 and matches keys case-insensitively", () => {
    const form = readCsrForm('{"cn":"x","HOSTS":["a"]}');
    expect(form).toMatchObject({ CN: 'x', key: { algo: 'ecdsa', size: 256 }, hosts: ['a'] });
  });

  it('writes back only what the form owns, keeping key spelling and unknown keys', () => {
    const text = '{"cn":"old","ca":{"expiry":"87600h"},"names":[{"O":"a","E":"x@y.z"}],"custom":1}';
    const form = readCsrForm(text);
    form.CN = 'new';
    form.hosts = ['10.0.0.1', 'etcd.local'];
    form.names[0]!.O = '';
    form.names[0]!.OU = 'ops';
    form.key = { algo: 'ecdsa', size: 384 };
    const out = JSON.parse(applyCsrForm(text, form));
    expect(out).toEqual({
      cn: 'new',
      ca: { expiry: '87600h' },
      names: [{ E: 'x@y.z', OU: 'ops' }],
      custom: 1,
      key: { algo: 'ecdsa', size: 384 },
      hosts: ['10.0.0.1', 'etcd.local'],
    });
  });

  it('does not add an empty hosts key the file did not have', () => {
    const out = JSON.parse(applyCsrForm(GUIDE_ETCD_CSR, readCsrForm(GUIDE_ETCD_CSR)));
    expect(out).toEqual(JSON.parse(GUIDE_ETCD_CSR));
  });
});

describe('config form view', () => {
  it('reads and rewrites profiles', () => {
    const form = readConfigForm(GUIDE_CA_CONFIG);
    expect(form.defaultProfile).toEqual({ name: 'default', expiry: '43800h', usages: [] });
    expect(form.profiles.map((p) => p.name)).toEqual(['server', 'client', 'peer', 'kubernetes', 'etcd']);
    form.profiles[4]!.expiry = '8760h';
    form.profiles.push({ name: 'new', expiry: '1h', usages: ['client auth'] });
    const out = JSON.parse(applyConfigForm(GUIDE_CA_CONFIG, form));
    expect(out.signing.default).toEqual({ expiry: '43800h' });
    expect(out.signing.profiles.etcd.expiry).toBe('8760h');
    expect(out.signing.profiles.new).toEqual({ expiry: '1h', usages: ['client auth'] });
    expect(profileNames(GUIDE_CA_CONFIG)).toEqual(['server', 'client', 'peer', 'kubernetes', 'etcd']);
    expect(profileNames('{')).toEqual([]);
  });
});

describe('the engine reader behind JSON.parse', () => {
  it('accepts what JSON.parse accepts', () => {
    for (const ok of ['{}', '[]', ' {"a":[1,-2.5e3,true,false,null,"x\\u00e9\\n"]} ', '"s"', '0', '{"a":{"b":[]}}']) {
      expect(parseJsonText(ok), ok).toEqual(JSON.parse(ok));
    }
  });

  it('locates the first problem of everything JSON.parse rejects (never an unlocated error)', () => {
    const cases: [string, number, string][] = [
      ['{"a":1,}', 8, "unexpected character '}' where a key in double quotes should begin"],
      ['[1,]', 4, "unexpected character ']' where a value should begin"],
      ['{"a" 1}', 6, "unexpected character '1' after a key (a colon should follow)"],
      ['{"a":01}', 7, "unexpected character '1' after a key and its value (a comma or } should follow)"],
      ["{'a':1}", 2, "unexpected character '\\'' where a key in double quotes should begin"],
      ['{"a":tru}', 9, "unexpected character '}' in true (expected 'e')"],
      ['{"a":"x', 8, 'the text ends before the JSON does'],
      ['{"a":1} x', 9, "unexpected character 'x' after the end of the JSON value"],
      ['', 1, 'the text ends before the JSON does'],
      ['{"a":1', 7, 'the text ends before the JSON does'],
    ];
    for (const [text, column, reason] of cases) {
      expect(() => JSON.parse(text), text).toThrow();
      const error = syntaxError(text);
      expect([error.code, error.line, error.column], text).toEqual(['pki.json-syntax', 1, column]);
      expect(describeError('en', error), text).toContain(reason);
    }
  });
});
