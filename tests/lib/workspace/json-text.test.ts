import { describe, expect, it } from 'vitest';
import { applyConfigForm, applyCsrForm, lineColumnAt, locateJsonError, parseJsonText, profileNames, readConfigForm, readCsrForm } from '../../../src/lib/workspace';
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
    expect(error.code).toBe('workspace.json-syntax');
    expect([error.line, error.column]).toEqual([3, 3]);
    expect(error.params.line).toBe(3);
  });

  it('points at the end for truncated input', () => {
    const error = syntaxError('{\n  "CN": "etcd"');
    expect(error.line).toBe(2);
    expect(error.column).toBe(15);
  });

  it('understands the wordings of other engines', () => {
    expect(locateJsonError('{}', 'JSON.parse: expected property name at line 4 column 7 of the JSON data')).toEqual({ line: 4, column: 7 });
    expect(locateJsonError('ab\ncd', 'Unexpected token in JSON at position 4')).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt('abc', 0)).toEqual({ line: 1, column: 1 });
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

describe('JSON scanner', () => {
  it('accepts what JSON.parse accepts', async () => {
    const { findJsonProblem } = await import('../../../src/lib/workspace/json-scan');
    for (const ok of ['{}', '[]', ' {"a":[1,-2.5e3,true,false,null,"x\\u00e9\\n"]} ', '"s"', '0', '{"a":{"b":[]}}']) {
      expect(() => JSON.parse(ok)).not.toThrow();
      expect(findJsonProblem(ok), ok).toBeNull();
    }
  });

  it('finds the first problem of what JSON.parse rejects', async () => {
    const { findJsonProblem } = await import('../../../src/lib/workspace/json-scan');
    const cases: [string, number, string][] = [
      ['{"a":1,}', 7, 'trailing comma'],
      ['[1,]', 3, 'trailing comma'],
      ['{"a" 1}', 5, 'unexpected "1"'],
      ['{"a":01}', 6, 'unexpected "1"'],
      ["{'a':1}", 1, 'unexpected "\'"'],
      ['{"a":tru}', 8, 'unexpected "}"'],
      ['{"a":"x', 7, 'unterminated string'],
      ['{"a":1} x', 8, 'unexpected "x"'],
      ['', 0, 'unexpected end of input'],
      ['{"a":1', 6, 'unexpected end of input'],
    ];
    for (const [text, offset, detail] of cases) {
      expect(() => JSON.parse(text), text).toThrow();
      expect(findJsonProblem(text), text).toEqual({ offset, detail });
    }
  });
});
