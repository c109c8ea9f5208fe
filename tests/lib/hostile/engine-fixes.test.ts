// The hostile inputs whose fixes came with the engine's hardening (deep JSON, RSA sizes, IDN and DNS
// rules, profile times, prototype keys, name_whitelist on RE2, duplicate node names, existing-CA checks,
// cfssl's JSON output in Inspect): the same doors and the same rule as corpus.test.ts, one exact outcome
// per input, every refusal coded and worded in both languages, each case under a time limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostile, type HostileCase } from './case';
import { outcome, prepareDoors } from './doors';
import { makeMaterial, type Material } from './material';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const csrWithHost = (host: string) => JSON.stringify({ CN: 'h', hosts: [host] });
const profile = (body: object) => JSON.stringify({ signing: { default: { expiry: '1h', usages: ['signing'] }, profiles: { p: { usages: ['signing'], expiry: '1h', ...body } } } });
const whitelist = (pattern: string) => JSON.stringify({ signing: { default: { expiry: '1h', usages: ['signing', 'server auth'], name_whitelist: pattern } } });
const cp = (names: string[]) => names.map((name, i) => ({ name, ip: `10.0.0.${11 + i}` }));
const root = (m: Material) => ({ cert: m.caCert, key: m.caKey });

export const ENGINE_FIX_CASES: readonly HostileCase[] = [
  // JSON nesting: a coded error, not "Maximum call stack size exceeded"
  hostile('csr', '10,000 nested arrays as a value', `{"CN":"a","hosts":${nested(10_000)}}`, 'pki.json-too-deep'),
  hostile('csr', '100,000 nested [ (the stack)', nested(100_000), 'pki.json-too-deep'),
  hostile('csr', '100,000 nested objects', '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000), 'pki.json-too-deep'),
  hostile('plan-json', '100,000 nested arrays', '{"workers":' + nested(100_000) + '}', 'pki.json-too-deep'),
  // RSA sizes WebCrypto cannot make exactly
  hostile('key-spec', 'RSA 2049 bits', { algo: 'rsa', size: 2049 }, 'pki.rsa-size-unsupported at key.size'),
  hostile('key-spec', 'RSA 3071 bits', { algo: 'rsa', size: 3071 }, 'pki.rsa-size-unsupported at key.size'),
  hostile('key-spec', 'RSA 2056 bits (whole bytes)', { algo: 'rsa', size: 2056 }, 'rsa 2056'),
  // hosts: IDNs become A-labels with a note; what is still no DNS name is refused with its rule
  hostile('csr', 'IDN host bücher.de', csrWithHost('bücher.de'), 'ok warn pki.idn-host'),
  hostile('csr', 'IDN host 例え.テスト', csrWithHost('例え.テスト'), 'ok warn pki.idn-host'),
  hostile('csr', 'IDN wildcard *.bücher.de', csrWithHost('*.bücher.de'), 'ok warn pki.idn-host'),
  hostile('csr', 'a right-to-left override in a host', csrWithHost('evil\u202Egro.example'), 'pki.invalid-dns-name at hosts[0]'),
  hostile('csr', 'a host with a space', csrWithHost('not a host!'), 'pki.invalid-dns-name at hosts[0]'),
  hostile('csr', 'a host in brackets', csrWithHost('[::1]'), 'pki.invalid-dns-name at hosts[0]'),
  hostile('csr', 'a host with a path', csrWithHost('example.com/path'), 'pki.invalid-dns-name at hosts[0]'),
  hostile('csr', 'HTML as a host', csrWithHost('<img src=x onerror=alert(1)>'), 'pki.invalid-dns-name at hosts[0]'),
  hostile('csr', 'an IP with a port as a host', csrWithHost('10.0.0.1:6443'), 'pki.invalid-dns-name at hosts[0]'),
  hostile('csr', 'an empty label', csrWithHost('a..example'), 'pki.invalid-dns-name at hosts[0]'),
  hostile('csr', 'a label of 64 characters', csrWithHost(`${'a'.repeat(64)}.example`), 'pki.invalid-dns-name at hosts[0]'),
  hostile('csr', 'a wildcard in the middle', csrWithHost('a.*.example'), 'pki.invalid-dns-name at hosts[0]'),
  hostile('csr', 'a label starting with a hyphen', csrWithHost('-a.example'), 'pki.invalid-dns-name at hosts[0]'),
  hostile('csr', 'a fully qualified name (root dot)', csrWithHost('example.com.'), 'ok'),
  hostile('csr', 'a plain wildcard', csrWithHost('*.example.com'), 'ok'),
  hostile('sign', 'an IDN in -hostname', (m: Material) => ({ ca: root(m), csrPem: m.leafCsr, hostnames: ['bücher.de'] }), 'signed CN=hostile leaf sans=xn--bcher-kva.de warn pki.idn-host'),
  hostile('sign', 'a bidi override in -hostname', (m: Material) => ({ ca: root(m), csrPem: m.leafCsr, hostnames: ['a\u202Eb.example'] }), 'pki.invalid-dns-name at hostname[0]'),
  // profile times
  hostile('sign', 'a profile not_after in the past, no not_before', (m: Material) => ({ ca: root(m), csrJson: '{"CN":"t","hosts":["t.example"]}', config: profile({ not_after: '2020-01-01T00:00:00Z' }), profile: 'p' }), 'pki.not-after-in-past at not_after'),
  hostile('ca-config', 'not_before on February 30th', profile({ not_before: '2020-02-30T00:00:00Z', not_after: '2030-01-01T00:00:00Z' }), 'pki.timestamp-out-of-range at signing.profiles.p.not_before'),
  hostile('ca-config', 'not_after at hour 25', profile({ not_after: '2030-01-01T25:00:00Z' }), 'pki.timestamp-out-of-range at signing.profiles.p.not_after'),
  // -profile naming an Object.prototype member: the default profile and a warning, never "usages is not iterable"
  hostile('ca-config', '-profile toString', `${profile({})}#toString`, 'profile default expiry 3600000000000ns warn pki.unknown-profile'),
  hostile('ca-config', '-profile constructor', `${profile({})}#constructor`, 'profile default expiry 3600000000000ns warn pki.unknown-profile'),
  hostile('ca-config', '-profile __proto__', `${profile({})}#__proto__`, 'profile default expiry 3600000000000ns warn pki.unknown-profile'),
  hostile('ca-config', '-profile hasOwnProperty', `${profile({})}#hasOwnProperty`, 'profile default expiry 3600000000000ns warn pki.unknown-profile'),
  hostile('duration', 'a unit named toString', '1toString', 'pki.duration-unknown-unit at expiry'),
  hostile('duration', 'a unit named __proto__', '1__proto__', 'pki.duration-unknown-unit at expiry'),
  // name_whitelist compiled as Go compiles it (RE2), matched in linear time
  hostile('sign', '^(a+)+$ against 40 a\'s and !', (m: Material) => ({ ca: root(m), csrJson: `{"CN":"${'a'.repeat(40)}!"}`, config: whitelist('^(a+)+$') }), 'pki.whitelist-mismatch at hosts'),
  hostile('sign', '(a|aa)+$ against 5,000 a\'s and !', (m: Material) => ({ ca: root(m), csrJson: `{"CN":"x","hosts":["${'a'.repeat(5000)}!.example"]}`, config: whitelist('^(a|aa)+$') }), 'pki.invalid-dns-name at hosts[0]'),
  hostile('sign', 'RE2\'s (?i) accepted', (m: Material) => ({ ca: root(m), csrJson: '{"CN":"A.EXAMPLE.COM","hosts":["b.example.com"]}', config: whitelist('(?i)\\.example\\.com$') }), 'signed CN=A.EXAMPLE.COM sans=b.example.com'),
  hostile('ca-config', 'a lookahead refused as Go refuses it', whitelist('^(?=a)'), 'pki.invalid-whitelist at signing.default.name_whitelist'),
  hostile('ca-config', 'a backreference refused as Go refuses it', whitelist('(a)\\1'), 'pki.invalid-whitelist at signing.default.name_whitelist'),
  hostile('ca-config', 'a possessive quantifier refused', whitelist('a++'), 'pki.invalid-whitelist at signing.default.name_whitelist'),
  // duplicate node names
  hostile('plan', 'two control planes named m1', { controlPlane: cp(['m1', 'm1', 'm3']) }, 'cluster.duplicate-node-name at controlPlane[1].name'),
  hostile('plan', 'a control plane and a worker named m1', { controlPlane: cp(['m1', 'm2', 'm3']), workers: [{ name: 'm1', ip: '10.0.0.21' }] }, 'cluster.duplicate-node-name at workers[0].name'),
  // signing with an existing CA that should not sign, and a weak request
  hostile('sign', 'a signer that is not a CA (CA:FALSE)', (m: Material) => ({ ca: { cert: m.leafCert, key: m.leafKey }, csrJson: '{"CN":"x","hosts":["x.example"]}' }), 'signed CN=x sans=x.example warn pki.ca-not-ca'),
  hostile('sign', 'a signer that expired', (m: Material) => ({ ca: m.expiredCa, csrJson: '{"CN":"x","hosts":["x.example"]}' }), 'signed CN=x sans=x.example warn pki.ca-expired'),
  hostile('sign', 'a signer on an RSA-1024 key', (m: Material) => ({ ca: m.weakCa, csrJson: '{"CN":"x","hosts":["x.example"]}' }), 'signed CN=x sans=x.example warn pki.ca-weak-key'),
  hostile('sign', 'a CSR on an RSA-1024 key', (m: Material) => ({ ca: root(m), csrPem: m.weakCsr }), 'signed CN=weak leaf sans=weak.example warn pki.csr-weak-key'),
  // Inspect finds PEM inside cfssl's JSON output
  hostile('inspect', 'cfssl gencert\'s JSON output', (m: Material) => JSON.stringify({ cert: m.leafCert, csr: m.leafCsr, key: m.leafKey }), 'certificate; csr; private-key'),
  hostile('inspect', 'cfssl gencert\'s JSON output, one line', (m: Material) => JSON.stringify({ cert: m.leafCert }), 'certificate'),
];

const CASE_TIME_LIMIT_MS = 10_000;
let material: Material;
let handled = 0;

beforeAll(async () => {
  [material] = await Promise.all([makeMaterial(), prepareDoors()]);
}, 60_000);

describe('hostile inputs the engine fixes handle', () => {
  it.each(ENGINE_FIX_CASES.map((c) => [`${c.door}: ${c.label}`, c] as const))('%s', async (_label, testCase) => {
    const started = performance.now();
    const result = await outcome(testCase, material);
    expect(result).toBe(testCase.expected);
    expect(performance.now() - started, 'time taken (ms)').toBeLessThan(CASE_TIME_LIMIT_MS);
    handled++;
  }, 2 * CASE_TIME_LIMIT_MS);
});

afterAll(() => {
  console.log(`hostile inputs (engine fixes): ${handled} handled`);
});
