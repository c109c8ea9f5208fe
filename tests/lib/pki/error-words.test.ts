// The UI words an error with `error.<code>` filled from its params: every placeholder must be filled,
// or a user sees "{size}" instead of "1024". This walks one real failure per code.
import { describe, expect, it } from 'vitest';
import { dictionary, translate, type MessageKey } from '../../../src/lib/i18n';
import {
  certInfo,
  decodePem,
  importPrivateKeyPem,
  parseConfigJson,
  parseCsrJson,
  resolveProfile,
  parseGoDuration,
} from '../../../src/lib/pki';
import { caughtAsync } from './support';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

const cases: [string, () => unknown][] = [
  ['json-syntax', () => parseCsrJson('{')],
  ['json-type', () => parseCsrJson('{"hosts":"a"}')],
  ['json-type (root)', () => parseCsrJson('[]')],
  ['json-type (profile)', () => parseConfigJson('{"signing":{"profiles":{"p":1}}}')],
  ['invalid-algorithm', () => parseCsrJson('{"key":{"algo":"dsa","size":1}}')],
  ['rsa-too-weak', () => parseCsrJson('{"key":{"algo":"rsa","size":1024}}')],
  ['rsa-too-large', () => parseCsrJson('{"key":{"algo":"rsa","size":9000}}')],
  ['invalid-curve', () => parseCsrJson('{"key":{"algo":"ecdsa","size":1}}')],
  ['missing-subject', () => parseCsrJson('{}', { initca: true })],
  ['ca-not-allowed', () => parseCsrJson('{"ca":{}}')],
  ['invalid-duration', () => parseGoDuration('10y', 'expiry')],
  ['duration-not-positive', () => parseConfigJson('{"signing":{"default":{"expiry":"-5h"}}}')],
  ['invalid-oid', () => parseCsrJson('{"names":[{"OID":{"x":"y"}}]}')],
  ['invalid-timestamp', () => parseConfigJson('{"signing":{"default":{"expiry":"1h","not_before":"x"}}}')],
  ['config-no-signing', () => parseConfigJson('{}')],
  ['empty-expiry', () => parseConfigJson('{"signing":{"default":{}}}')],
  ['invalid-usages', () => parseConfigJson('{"signing":{"profiles":{"p":{"expiry":"1h"}}}}')],
  ['pem-decode', () => decodePem('x', 'ca.pem')],
  ['pem-label', () => certInfo('-----BEGIN X-----\nAAAA\n-----END X-----\n')],
  ['der-decode', () => certInfo('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')],
  ['encrypted-key', () => importPrivateKeyPem('-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n')],
];

describe('error words', () => {
  it.each(cases)('%s fills every placeholder of error.<code> in both languages', async (_, run) => {
    const error = await caughtAsync(async () => run());
    for (const locale of ['en', 'zh-CN'] as const) {
      const template = dictionary(locale)[`error.${error.code}`];
      expect(template, error.code).toBeDefined();
      for (const name of placeholders(template!)) expect(error.params, `${error.code} needs {${name}}`).toHaveProperty(name);
      expect(translate(locale, `error.${error.code}` as MessageKey, error.params)).not.toMatch(/\{\w+\}/);
    }
  });

  it('fills the unknown-profile warning too', () => {
    const { config } = parseConfigJson('{"signing":{"profiles":{"a":{"usages":["any"],"expiry":"1h"}}}}');
    const [warning] = resolveProfile(config, 'b').warnings;
    expect(translate('zh-CN', `error.${warning!.code}` as MessageKey, warning!.params)).toBe('未知的 profile "b",已改用 default profile(已有:a)');
  });
});
