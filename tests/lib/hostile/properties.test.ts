// Property tests (fast-check): inputs generated and shrunk by the thousand where the corpus has one of
// each. The run counts stay modest for CI; each property's count is printed at the end, with the seed of
// any failure in fast-check's own report so it can be replayed.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it as vitestIt } from 'vitest';
import { renderKubeconfig } from '../../../src/lib/cluster';
import {
  caFromIssued,
  certInfo,
  classifyHost,
  decryptPrivateKeyPem,
  defaultSigningConfig,
  encodePem,
  encryptPrivateKeyPem,
  exportPrivateKeyPem,
  exportPublicKeyPem,
  formatGoDuration,
  formatIp,
  generateCertificate,
  generateKeyPair,
  importPrivateKeyPem,
  initCa,
  keyEncryptionKey,
  parseConfigJson,
  parseCsrJson,
  parseGoDuration,
  parseIp,
  decodePem,
  type CertificateAuthority,
  type KeyPair,
  type KeySpec,
} from '../../../src/lib/pki';
import { applyConfigForm, applyCsrForm, containsPrivateKey, readConfigForm, readCsrForm, storableText, withoutPrivateKeysIn, type ConfigForm, type CsrForm } from '../../../src/lib/workspace';
import { pemBody } from './material';

const runs = new Map<string, number>();

/** Every property gets a minute: the runs are few, but the machine CI shares may be slow. */
const it = (name: string, body: () => Promise<void>) => vitestIt(name, body, 60_000);

/** fc.assert with NUM_RUNS runs, counted for the closing line. */
async function holds<Ts extends [unknown, ...unknown[]]>(name: string, property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>, numRuns: number): Promise<void> {
  await fc.assert(property as fc.IAsyncProperty<Ts>, { numRuns });
  runs.set(name, numRuns);
}

afterAll(() => {
  const total = [...runs.values()].reduce((a, b) => a + b, 0);
  console.log(`property tests: ${runs.size} properties, ${total} runs (${[...runs].map(([n, r]) => `${n} ${r}`).join(', ')})`);
});

// ---------------------------------------------------------------------------------------------------
// Go's time.ParseDuration (go/src/time/format.go): `[-+]?` then "0", or one or more `digits[.digits]unit`
// with a digit on at least one side of the dot; units ns, us, µs (U+00B5), μs (U+03BC), ms, s, m, h.
const UNIT_NS: Record<string, bigint> = { ns: 1n, us: 1000n, 'µs': 1000n, 'μs': 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };
const LIMIT = 1n << 63n;
const GRAMMAR = /^[-+]?(?:0|(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;

interface Term {
  whole: string;
  fraction: string;
  unit: string;
}

/** Go's arithmetic for well-formed terms: whole*unit + fraction*unit/scale, refused past 1<<63. */
function goDuration(sign: string, terms: readonly Term[]): bigint | 'overflow' {
  let total = 0n;
  for (const term of terms) {
    const unit = UNIT_NS[term.unit]!;
    const whole = BigInt(term.whole === '' ? '0' : term.whole);
    if (whole > LIMIT || whole > LIMIT / unit) return 'overflow';
    let value = whole * unit;
    if (term.fraction !== '') value += (BigInt(term.fraction) * unit) / 10n ** BigInt(term.fraction.length);
    if (value > LIMIT) return 'overflow';
    total += value;
    if (total > LIMIT) return 'overflow';
  }
  if (sign === '-') return -total;
  return total > LIMIT - 1n ? 'overflow' : total;
}

/** A term whose fraction is exact in float64 too (unit/scale a whole number), as Go computes it. */
const term: fc.Arbitrary<Term> = fc.constantFrom(...Object.keys(UNIT_NS)).chain((unit) => {
  const maxFraction = unit === 'ns' ? 0 : String(UNIT_NS[unit]!).length - 1;
  return fc.record({
    whole: fc.oneof(fc.bigInt({ min: 0n, max: 10_000n }), fc.bigInt({ min: 0n, max: LIMIT / UNIT_NS[unit]! + 2n })).map(String),
    fraction: maxFraction === 0 ? fc.constant('') : fc.oneof(fc.constant(''), fc.stringMatching(new RegExp(`^[0-9]{1,${maxFraction}}$`))),
    unit: fc.constant(unit),
  });
});

describe('Go duration parser', () => {
  it('gives Go\'s value, or Go\'s overflow refusal, for every well-formed duration', async () => {
    await holds(
      'duration well-formed',
      fc.property(fc.constantFrom('', '+', '-'), fc.array(term, { minLength: 1, maxLength: 4 }), (sign, terms) => {
        const text = sign + terms.map((t) => `${t.whole}${t.fraction === '' ? '' : `.${t.fraction}`}${t.unit}`).join('');
        const expected = goDuration(sign, terms);
        if (expected === 'overflow') expect(() => parseGoDuration(text), text).toThrow(expect.objectContaining({ code: 'pki.invalid-duration' }));
        else expect(parseGoDuration(text), text).toBe(expected);
      }),
      200,
    );
  });

  it('refuses everything outside Go\'s grammar, with a duration code', async () => {
    await holds(
      'duration outside the grammar',
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789.+-nsuµμmhdy '.split('')), maxLength: 12 }), (text) => {
        fc.pre(!GRAMMAR.test(text));
        expect(() => parseGoDuration(text), JSON.stringify(text)).toThrow(expect.objectContaining({ code: expect.stringMatching(/^pki\.(invalid-duration|duration-)/) }));
      }),
      500,
    );
  });

  it('reads back what Duration.String() writes, for every int64', async () => {
    await holds(
      'duration format round trip',
      fc.property(fc.bigInt({ min: -LIMIT, max: LIMIT - 1n }), (ns) => {
        expect(parseGoDuration(formatGoDuration(ns))).toBe(ns);
      }),
      300,
    );
  });
});

// ---------------------------------------------------------------------------------------------------
describe('host classification (cfssl csr.go: IP, then email, then URI, else DNS)', () => {
  it('makes every IPv4 and IPv6 address an IP SAN with the same bytes', async () => {
    await holds(
      'hosts ip',
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (ip) => {
        const { kind, value } = classifyHost(ip);
        expect(kind).toBe('ip');
        expect(formatIp(parseIp(value)!)).toBe(formatIp(parseIp(ip)!));
      }),
      300,
    );
  });

  it('makes every host name a DNS SAN, verbatim', async () => {
    await holds(
      'hosts dns',
      fc.property(fc.domain(), (name) => {
        fc.pre(parseIp(name) === null);
        expect(classifyHost(name)).toEqual({ kind: 'dns', value: name });
      }),
      300,
    );
  });

  it('makes every address local@domain an email SAN', async () => {
    await holds(
      'hosts email',
      fc.property(fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,20}[a-z0-9]$/), fc.domain(), (local, domain) => {
        fc.pre(!local.includes('..'));
        expect(classifyHost(`${local}@${domain}`)).toEqual({ kind: 'email', value: `${local}@${domain}` });
      }),
      300,
    );
  });

  it('makes every absolute URL a URI SAN', async () => {
    await holds(
      'hosts uri',
      fc.property(fc.webUrl({ validSchemes: ['https', 'spiffe'] }), (url) => {
        expect(classifyHost(url)).toEqual({ kind: 'uri', value: url });
      }),
      300,
    );
  });

  it('never throws, whatever the text', async () => {
    await holds(
      'hosts total',
      fc.property(fc.string({ maxLength: 80, unit: 'grapheme' }), (text) => {
        expect(['dns', 'ip', 'email', 'uri']).toContain(classifyHost(text).kind);
      }),
      500,
    );
  });
});

// ---------------------------------------------------------------------------------------------------
const KEY_SPECS: readonly KeySpec[] = [
  { algo: 'ecdsa', size: 256 },
  { algo: 'ecdsa', size: 384 },
  { algo: 'ecdsa', size: 521 },
  { algo: 'ed25519', size: 256 },
  { algo: 'rsa', size: 2048 },
];
const keys = new Map<string, KeyPair[]>();

beforeAll(async () => {
  // Two keys of every kind, made once: key generation is what costs, not the round trips.
  for (const spec of KEY_SPECS) keys.set(`${spec.algo}-${spec.size}`, await Promise.all([generateKeyPair(spec), generateKeyPair(spec)]));
}, 120_000);

const anyKey = fc.constantFrom(...KEY_SPECS).chain((spec) => fc.constantFrom(...keys.get(`${spec.algo}-${spec.size}`)!));

describe('key import and export round trips', () => {
  it('reads back every key in cfssl\'s format and in PKCS#8, to the same key and the same text', async () => {
    await holds(
      'keys plain round trip',
      fc.asyncProperty(anyKey, fc.constantFrom('cfssl', 'pkcs8') as fc.Arbitrary<'cfssl' | 'pkcs8'>, async (key, format) => {
        const pem = await exportPrivateKeyPem(key, format);
        const again = await importPrivateKeyPem(pem);
        expect(again.spec).toEqual(key.spec);
        expect(await exportPublicKeyPem(again)).toBe(await exportPublicKeyPem(key));
        expect(await exportPrivateKeyPem(again, format)).toBe(pem);
      }),
      30,
    );
  });

  it('reads back every key under cfssl 1.6\'s Ed25519 label and with CRLF line ends', async () => {
    await holds(
      'keys relabelled round trip',
      fc.asyncProperty(anyKey, fc.boolean(), async (key, crlf) => {
        let pem = await exportPrivateKeyPem(key);
        if (key.spec.algo === 'ed25519') pem = encodePem('Ed25519 PRIVATE KEY', decodePem(pem)[0]!.der);
        if (crlf) pem = pem.replace(/\n/g, '\r\n');
        expect(await exportPublicKeyPem(await importPrivateKeyPem(pem))).toBe(await exportPublicKeyPem(key));
      }),
      20,
    );
  });

  it('decrypts every key it encrypted, with the passphrase, to the same key', async () => {
    await holds(
      'keys encrypted round trip',
      fc.asyncProperty(anyKey, fc.string({ minLength: 8, maxLength: 24, unit: 'grapheme' }), async (key, passphrase) => {
        // Few PBKDF2 iterations: the round trip is the point here, the iteration count has its own test.
        const kek = await keyEncryptionKey(passphrase, { iterations: 1000 });
        const encrypted = await encryptPrivateKeyPem(await exportPrivateKeyPem(key), kek);
        expect(containsPrivateKey(encrypted)).toBe(true);
        const decrypted = await decryptPrivateKeyPem(encrypted, passphrase);
        expect(await exportPublicKeyPem(await importPrivateKeyPem(decrypted))).toBe(await exportPublicKeyPem(key));
      }),
      15,
    );
  });
});

// ---------------------------------------------------------------------------------------------------
describe('certinfo of an issued certificate returns what was asked', () => {
  let ca: CertificateAuthority;
  beforeAll(async () => {
    ca = await caFromIssued(await initCa(parseCsrJson('{"CN":"property root","key":{"algo":"ecdsa","size":256}}', { initca: true })));
  });

  const printable = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 '()+,.\/:=?-]{0,30}[A-Za-z0-9]$/);
  const request = fc.record({
    CN: fc.oneof(printable, fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' }).filter((s) => s.trim() === s && s !== '')),
    O: fc.option(printable, { nil: undefined }),
    C: fc.option(fc.constantFrom('CN', 'US', 'DE', 'JP'), { nil: undefined }),
    dns: fc.uniqueArray(fc.domain(), { maxLength: 3 }),
    ips: fc.uniqueArray(fc.ipV4(), { maxLength: 3 }),
    hours: fc.integer({ min: 1, max: 24 * 365 * 20 }),
  });

  it('subject, SANs and validity', async () => {
    await holds(
      'certinfo asked',
      fc.asyncProperty(request, async (r) => {
        const names = r.O === undefined && r.C === undefined ? [] : [{ ...(r.O === undefined ? {} : { O: r.O }), ...(r.C === undefined ? {} : { C: r.C }) }];
        const csr = JSON.stringify({ CN: r.CN, names, hosts: [...r.dns, ...r.ips], key: { algo: 'ecdsa', size: 256 } });
        const { config } = parseConfigJson(JSON.stringify({ signing: { default: { expiry: `${r.hours}h`, usages: ['signing', 'server auth'] } } }));
        const issued = await generateCertificate(parseCsrJson(csr), ca, config ?? defaultSigningConfig(), {});
        const info = await certInfo(issued.certPem);
        expect(info.subject.common_name).toBe(r.CN);
        expect(info.subject.organization).toBe(r.O);
        expect(info.subject.country).toBe(r.C);
        expect(info.dns_names.sort()).toEqual(r.dns.filter((d) => parseIp(d) === null).sort());
        expect(info.ip_addresses.sort()).toEqual([...r.ips].sort());
        const lifetime = Date.parse(info.not_after) - Date.parse(info.not_before);
        // cfssl's FillTemplate: notAfter = notBefore + expiry (the 5-minute backdate moves both).
        expect(lifetime).toBe(r.hours * 3_600_000);
      }),
      25,
    );
  });
});

// ---------------------------------------------------------------------------------------------------
describe('form <-> JSON round trips', () => {
  const field = fc.string({ maxLength: 12, unit: 'grapheme' });
  const csrForm: fc.Arbitrary<CsrForm> = fc.record({
    CN: field,
    names: fc.array(fc.record({ C: field, ST: field, L: field, O: field, OU: field }), { maxLength: 3 }),
    key: fc.record({ algo: fc.constantFrom('rsa', 'ecdsa', 'ed25519'), size: fc.integer({ min: 0, max: 8192 }) }),
    hosts: fc.array(fc.string({ minLength: 1, maxLength: 20 }), { maxLength: 4 }),
  });
  const csrText = fc.oneof(
    fc.constant('{}'),
    fc.constant('{"CN":"old","ca":{"expiry":"87600h"},"serialnumber":"7","names":[{"C":"CN","OID.1.2.3":"x"}]}'),
    fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }).map((o) => JSON.stringify(o)),
  );

  it('a CSR form written into any CSR JSON reads back as the same form, and keeps the keys it does not own', async () => {
    await holds(
      'csr form round trip',
      fc.property(csrText, csrForm, (text, form) => {
        const written = applyCsrForm(text, form);
        expect(readCsrForm(written)).toEqual(form);
        const before = JSON.parse(text) as Record<string, unknown>;
        const after = JSON.parse(written) as Record<string, unknown>;
        for (const key of Object.keys(before).filter((k) => !['CN', 'names', 'key', 'hosts'].includes(k))) expect(after[key]).toEqual(before[key]);
      }),
      300,
    );
  });

  it('reading a CSR JSON into the form and writing it back changes nothing the form shows', async () => {
    await holds(
      'csr json round trip',
      fc.property(csrForm, (form) => {
        const text = applyCsrForm('{}', form);
        expect(applyCsrForm(text, readCsrForm(text))).toBe(text);
      }),
      300,
    );
  });

  const profileName = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
  const profile = fc.record({ expiry: fc.constantFrom('', '1h', '8760h', '87600h0m0s'), usages: fc.uniqueArray(fc.constantFrom('signing', 'key encipherment', 'server auth', 'client auth', 'cert sign'), { maxLength: 4 }) });
  const configForm: fc.Arbitrary<ConfigForm> = fc.record({
    defaultProfile: profile.map((p) => ({ name: 'default', ...p })),
    profiles: fc.uniqueArray(fc.tuple(profileName, profile), { maxLength: 4, selector: ([name]) => name }).map((list) => list.map(([name, p]) => ({ name, ...p }))),
  });

  it('a ca-config form written into ca-config.json reads back as the same form', async () => {
    await holds(
      'config form round trip',
      fc.property(fc.constantFrom('{}', '{"signing":{"default":{"expiry":"1h","usages":["signing"],"ca_constraint":{"is_ca":true}}},"auth_keys":{}}'), configForm, (text, form) => {
        expect(readConfigForm(applyConfigForm(text, form))).toEqual(form);
      }),
      300,
    );
  });
});

// ---------------------------------------------------------------------------------------------------
describe('no private key survives the storage filter', () => {
  const CERTIFICATE = readFileSync(new URL('../../fixtures/pki/fixture-openssl-ca.pem', import.meta.url), 'utf8');
  /** Every text form a key takes in kubeprep's output and in what people paste. */
  const keyText = fc.tuple(anyKey, fc.constantFrom('cfssl', 'pkcs8', 'ed25519-cfssl-label', 'kubeconfig', 'json', 'crlf', 'indented', 'bare-base64')).chain(([key, form]) =>
    fc.constant({ key, form }),
  );
  const noise = fc.string({ maxLength: 60, unit: 'grapheme' });

  async function rendered(key: KeyPair, form: string): Promise<{ text: string; secret: string }> {
    const pem = await exportPrivateKeyPem(key, form === 'pkcs8' ? 'pkcs8' : 'cfssl');
    const secret = pemBody(pem);
    switch (form) {
      case 'ed25519-cfssl-label':
        return { text: encodePem(key.spec.algo === 'ed25519' ? 'Ed25519 PRIVATE KEY' : 'PRIVATE KEY', decodePem(pem)[0]!.der), secret };
      case 'kubeconfig':
        return {
          text: renderKubeconfig({ clusterName: 'prod', server: 'https://10.0.0.10:6443', caPem: CERTIFICATE, user: 'admin', credentials: { certPem: CERTIFICATE, keyPem: pem } }),
          secret: Buffer.from(pem).toString('base64'),
        };
      case 'json':
        return { text: JSON.stringify({ cert: '', key: pem, csr: '' }), secret };
      case 'crlf':
        return { text: pem.replace(/\n/g, '\r\n'), secret };
      case 'indented':
        return { text: pem.replace(/^/gm, '      '), secret };
      case 'bare-base64':
        return { text: pem.split('\n').filter((l) => !l.startsWith('-----')).join('\n'), secret };
      default:
        return { text: pem, secret };
    }
  }

  it('removes the key from any text around it, in every form', async () => {
    await holds(
      'storage filter',
      fc.asyncProperty(keyText, noise, noise, async ({ key, form }, before, after) => {
        const { text, secret } = await rendered(key, form);
        const kept = storableText(`${before}\n${text}\n${after}`);
        expect(containsPrivateKey(kept)).toBe(false);
        // No 32-character piece of the key's base64 survives (a line of it would be 64).
        for (let i = 0; i + 32 <= secret.length; i += 16) expect(kept).not.toContain(secret.slice(i, i + 32));
      }),
      200,
    );
  });

  it('removes the key from any string of a JSON value', async () => {
    await holds(
      'storage filter json',
      fc.asyncProperty(anyKey, fc.jsonValue({ maxDepth: 3 }), async (key, value) => {
        const pem = await exportPrivateKeyPem(key);
        const kept = JSON.stringify(withoutPrivateKeysIn({ value, nested: [{ text: `x ${pem} y` }] }));
        for (const line of pem.split('\n').filter((l) => l.length >= 32 && !l.startsWith('-----'))) expect(kept).not.toContain(line);
      }),
      100,
    );
  });
});
