// The UI and the CLI word an error with `error.<code>` filled from its params and details: every
// placeholder must be filled, or a user sees "{size}" instead of "1024". This walks one real failure per code.
import { describe, expect, it } from 'vitest';
import { describeError, describeWarning } from '../../../src/lib/i18n';
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
  ['invalid-duration', () => parseGoDuration('10', 'expiry')],
  ['duration-unknown-unit', () => parseGoDuration('10y', 'expiry')],
  ['duration-missing-unit', () => parseGoDuration('1h10', 'expiry')],
  ['invalid-duration (no field)', () => parseGoDuration('x')],
  ['duration-not-positive', () => parseConfigJson('{"signing":{"default":{"expiry":"-5h"}}}')],
  ['invalid-oid', () => parseCsrJson('{"names":[{"OID":{"x":"y"}}]}')],
  ['invalid-timestamp', () => parseConfigJson('{"signing":{"default":{"expiry":"1h","not_before":"x"}}}')],
  ['config-no-signing', () => parseConfigJson('{}')],
  ['empty-expiry', () => parseConfigJson('{"signing":{"default":{}}}')],
  ['invalid-usages', () => parseConfigJson('{"signing":{"profiles":{"p":{"expiry":"1h"}}}}')],
  ['pem-decode', () => decodePem('x', 'ca-certificate')],
  ['pem-label', () => certInfo('-----BEGIN X-----\nAAAA\n-----END X-----\n')],
  ['der-decode', () => certInfo('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')],
  ['encrypted-key', () => importPrivateKeyPem('-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n')],
];

describe('error words', () => {
  it.each(cases)('%s fills every placeholder of error.<code> in both languages', async (_, run) => {
    const error = await caughtAsync(async () => run());
    for (const locale of ['en', 'zh-CN'] as const) {
      const words = describeError(locale, error);
      expect(words, error.code).not.toBe(`error.${error.code}`);
      expect(words, error.code).not.toMatch(/\{\w+\}|undefined|\[object/);
    }
  });

  it('fills the unknown-profile warning too', () => {
    const { config } = parseConfigJson('{"signing":{"profiles":{"a":{"usages":["any"],"expiry":"1h"}}}}');
    const [warning] = resolveProfile(config, 'b').warnings;
    expect(describeWarning('zh-CN', warning!)).toBe('未知的 profile "b"，已改用 default profile（已有：a）');
  });
});
