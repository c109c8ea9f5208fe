import { describeWarning } from '../../../src/lib/i18n';
import { describe, expect, it } from 'vitest';
import { checkNameWhitelists, defaultSigningConfig, parseConfigJson, resolveProfile, USAGES, usageEffects } from '../../../src/lib/pki';
import { caught } from './support';

// The guide's ca-config.json (seed section 三).
const GUIDE = `{
  "signing": {
    "default": { "expiry": "87600h" },
    "profiles": {
      "kubernetes": { "usages": ["signing", "key encipherment", "server auth", "client auth"], "expiry": "87600h" },
      "etcd": { "usages": ["signing", "key encipherment", "server auth", "client auth"], "expiry": "87600h" }
    }
  }
}`;
const H = 3_600_000_000_000n;

describe('parseConfigJson', () => {
  it('reads the guide\'s config', () => {
    const { config, warnings } = parseConfigJson(GUIDE);
    expect(warnings).toEqual([]);
    expect(config.default.usages).toEqual([]);
    expect(config.default.expiry).toBe(87600n * H);
    expect(Object.keys(config.profiles)).toEqual(['kubernetes', 'etcd']);
    expect(config.profiles.etcd).toMatchObject({ usages: ['signing', 'key encipherment', 'server auth', 'client auth'], expiry: 87600n * H, expiryText: '87600h' });
  });

  it('uses the built-in default when "default" is absent (8760h, four usages)', () => {
    const { config } = parseConfigJson('{"signing":{"profiles":{"p":{"usages":["any"],"expiry":"1h"}}}}');
    expect(config.default).toEqual(defaultSigningConfig().default);
    expect(config.default).toMatchObject({ expiry: 8760n * H, usages: ['signing', 'key encipherment', 'server auth', 'client auth'] });
  });

  it('reads every profile field', () => {
    const { config } = parseConfigJson(`{"SIGNING":{"default":{"expiry":"1h","ocsp_url":"http://o","crl_url":"http://c","issuer_urls":["http://i"]},
      "profiles":{"inter":{"usages":["cert sign","crl sign"],"expiry":"0","backdate":"2h",
        "not_before":"2026-01-01T00:00:00Z","not_after":"2027-01-01T00:00:00+08:00",
        "ca_constraint":{"is_ca":true,"max_path_len":1,"max_path_len_zero":false},"name_whitelist":"\\\\.example\\\\.com$","ocsp_no_check":true}}}}`);
    const inter = config.profiles.inter!;
    expect(inter.expiry).toBe(H); // "0" inherits the default's expiry
    expect(inter.backdate).toBe(2n * H);
    expect(inter.notBefore?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(inter.notAfter?.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(inter.caConstraint).toEqual({ isCa: true, maxPathLen: 1, maxPathLenZero: false });
    expect(inter.nameWhitelist).toBe('\\.example\\.com$');
    expect(inter).toMatchObject({ ocspUrl: 'http://o', crlUrl: 'http://c', issuerUrls: ['http://i'], ocspNoCheck: true });
  });

  it('drops unknown usages with a warning, keeps the known ones in order', () => {
    const { config, warnings } = parseConfigJson('{"signing":{"profiles":{"p":{"usages":["server auth","Signing","client auth"],"expiry":"1h"}}}}');
    expect(config.profiles.p!.usages).toEqual(['server auth', 'client auth']);
    expect(warnings.map((w) => [w.code, w.field])).toEqual([['pki.unknown-usage', 'signing.profiles.p.usages']]);
  });

  it('warns about unknown profile keys such as the "expire" typo and a stray is_ca', () => {
    const { warnings } = parseConfigJson('{"signing":{"profiles":{"p":{"usages":["any"],"expiry":"1h","expire":"2h","is_ca":true}}}}');
    expect(warnings.map((w) => [w.code, w.field])).toEqual([
      ['pki.unknown-field', 'signing.profiles.p.expire'],
      ['pki.is-ca-misplaced', 'signing.profiles.p.is_ca'],
    ]);
    expect(describeWarning('en', warnings[1]!)).toContain('ca_constraint');
  });
});

describe('parseConfigJson bad input', () => {
  it.each([
    ['{"signing":{', 'pki.json-syntax', undefined],
    ['{}', 'pki.config-no-signing', 'signing'],
    ['{"signing":[]}', 'pki.json-type', 'signing'],
    ['{"signing":{"default":{"usages":["any"]}}}', 'pki.empty-expiry', 'signing.default.expiry'],
    ['{"signing":{"default":{"expiry":"0"}}}', 'pki.duration-not-positive', 'signing.default.expiry'],
    ['{"signing":{"profiles":{"p":{"usages":["any"]}}}}', 'pki.empty-expiry', 'signing.profiles.p.expiry'],
    ['{"signing":{"profiles":{"p":{"usages":["any"],"expiry":"10y"}}}}', 'pki.duration-unknown-unit', 'signing.profiles.p.expiry'],
    ['{"signing":{"profiles":{"p":{"usages":["any"],"expiry":"-5h"}}}}', 'pki.duration-not-positive', 'signing.profiles.p.expiry'],
    ['{"signing":{"profiles":{"p":{"usages":[],"expiry":"1h"}}}}', 'pki.invalid-usages', 'signing.profiles.p.usages'],
    ['{"signing":{"profiles":{"p":{"expiry":"1h"}}}}', 'pki.invalid-usages', 'signing.profiles.p.usages'],
    ['{"signing":{"profiles":{"p":{"usages":["Server Auth"],"expiry":"1h"}}}}', 'pki.invalid-usages', 'signing.profiles.p.usages'],
    ['{"signing":{"profiles":{"p":{"usages":"server auth","expiry":"1h"}}}}', 'pki.json-type', 'signing.profiles.p.usages'],
    ['{"signing":{"profiles":{"p":{"usages":["any"],"expiry":8760}}}}', 'pki.json-type', 'signing.profiles.p.expiry'],
    ['{"signing":{"profiles":{"p":{"usages":["any"],"expiry":"1h","not_before":"2026-01-01"}}}}', 'pki.invalid-timestamp', 'signing.profiles.p.not_before'],
    ['{"signing":{"profiles":{"p":{"usages":["any"],"expiry":"1h","not_before":"2027-01-01T00:00:00Z","not_after":"2026-01-01T00:00:00Z"}}}}', 'pki.invalid-validity', 'signing.profiles.p.not_after'],
    ['{"signing":{"profiles":{"p":{"usages":["any"],"expiry":"1h","name_whitelist":"(unclosed"}}}}', 'pki.invalid-whitelist', 'signing.profiles.p.name_whitelist'],
    ['{"signing":{"profiles":{"p":{"usages":["any"],"expiry":"1h","ca_constraint":{"is_ca":"true"}}}}}', 'pki.json-type', 'signing.profiles.p.ca_constraint.is_ca'],
    ['{"signing":{"profiles":{"p":"www"}}}', 'pki.json-type', 'signing.profiles.p'],
    ['{"signing":{"default":{"expiry":"1h","auth_key":"k"}}}', 'pki.config-auth-key-missing', 'signing.default.auth_key'],
    ['{"signing":{"profiles":{"p":{"usages":["any"],"expiry":"1h","prev_auth_key":"old"}}},"auth_keys":{"k":{"type":"standard","key":"00"}}}', 'pki.config-auth-key-missing', 'signing.profiles.p.prev_auth_key'],
    ['{"signing":{"default":{"expiry":"1h","auth_key":"K"}},"auth_keys":{"k":{"type":"standard","key":"00"}}}', 'pki.config-auth-key-missing', 'signing.default.auth_key'],
    ['{"signing":{"default":{"expiry":"1h","auth_key":"k"}},"auth_keys":{"k":{"type":"hmac","key":"00"}}}', 'pki.config-auth-key-type', 'auth_keys.k.type'],
    ['{"signing":{"default":{"expiry":"1h","auth_key":"k"}},"auth_keys":{"k":{"key":"00"}}}', 'pki.config-auth-key-type', 'auth_keys.k.type'],
    ['{"signing":{"default":{"expiry":"1h","auth_key":"k"}},"auth_keys":{"k":{"type":"standard","key":"abc"}}}', 'pki.config-auth-key-not-hex', 'auth_keys.k.key'],
    ['{"signing":{"default":{"expiry":"1h","auth_key":"k"}},"auth_keys":{"k":"00"}}', 'pki.json-type', 'auth_keys.k'],
    ['{"signing":{"default":{"expiry":"1h","auth_key":"k"}},"auth_keys":[]}', 'pki.json-type', 'auth_keys'],
  ])('%s -> %s', (text, code, field) => {
    // The CLI checks name_whitelist right after parsing (checkNameWhitelists), as cfssl's LoadConfig does.
    const error = caught(() => checkNameWhitelists(parseConfigJson(text).config));
    expect(error.code).toBe(code);
    if (field !== undefined) expect(error.field).toBe(field);
  });

  it('accepts the auth keys cfssl accepts: in hex, from env: or file:, empty, or named by no profile', () => {
    const ok = [
      '{"signing":{"default":{"expiry":"1h","auth_key":"k"}},"auth_keys":{"k":{"type":"standard","key":"00ffAB"}}}',
      '{"signing":{"default":{"expiry":"1h","auth_key":"k","prev_auth_key":"e"}},"auth_keys":{"k":{"type":"standard","key":"file:/etc/key"},"e":{"type":"standard","key":"env:KEY"}}}',
      '{"signing":{"default":{"expiry":"1h","auth_key":""}}}',
      '{"signing":{"default":{"expiry":"1h"}},"auth_keys":{"unused":{"type":"nonsense","key":"zz"}}}',
    ];
    for (const text of ok) expect(parseConfigJson(text).config.default.expiry, text).toBe(H);
    expect(caught(() => parseConfigJson('{"signing":{"default":{"expiry":"1h","auth_key":"k"}}}'))).toMatchObject({ cfsslCode: 5200 });
  });

  it('refuses an empty expiry with cfssl\'s code (5200, "empty expiry string")', () => {
    expect(caught(() => parseConfigJson('{"signing":{"default":{}}}'))).toMatchObject({ code: 'pki.empty-expiry', cfsslCode: 5200, field: 'signing.default.expiry' });
  });
});

describe('resolveProfile', () => {
  const { config } = parseConfigJson(GUIDE);

  it('returns the named profile without warnings', () => {
    expect(resolveProfile(config, 'etcd')).toEqual({ profile: config.profiles.etcd, name: 'etcd', warnings: [] });
    expect(resolveProfile(config).name).toBe('default');
  });

  it('falls back to default for an unknown name, with a warning naming the known profiles', () => {
    const { profile, name, warnings } = resolveProfile(config, 'etdc');
    expect(profile).toBe(config.default);
    expect(name).toBe('default');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'pki.unknown-profile', field: 'profile' });
    expect(describeWarning('en', warnings[0]!)).toContain('kubernetes, etcd');
  });
});

describe('USAGES table', () => {
  it('maps every cfssl usage string', () => {
    expect(USAGES.size).toBe(24);
    expect(USAGES.get('signing')).toEqual({ keyUsageBit: 0 });
    expect(USAGES.get('digital signature')).toEqual({ keyUsageBit: 0 });
    expect(USAGES.get('content commitment')).toEqual({ keyUsageBit: 1 });
    expect(USAGES.get('key encipherment')).toEqual({ keyUsageBit: 2 });
    expect(USAGES.get('cert sign')).toEqual({ keyUsageBit: 5 });
    expect(USAGES.get('crl sign')).toEqual({ keyUsageBit: 6 });
    expect(USAGES.get('decipher only')).toEqual({ keyUsageBit: 8 });
    expect(USAGES.get('server auth')).toEqual({ extKeyUsageOid: '1.3.6.1.5.5.7.3.1' });
    expect(USAGES.get('client auth')).toEqual({ extKeyUsageOid: '1.3.6.1.5.5.7.3.2' });
    expect(USAGES.get('s/mime')).toEqual(USAGES.get('email protection'));
    expect(USAGES.get('netscape sgc')).toEqual({ extKeyUsageOid: '2.16.840.1.113730.4.1' });
    expect(USAGES.get('Server Auth')).toBeUndefined();
  });

  it('splits usages into KU bits and EKU OIDs in list order, without de-duplication', () => {
    expect(usageEffects(['client auth', 'signing', 'server auth', 'client auth', 'bogus'])).toEqual({
      keyUsageBits: [0],
      extKeyUsageOids: ['1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2'],
      unknown: ['bogus'],
    });
  });
});
