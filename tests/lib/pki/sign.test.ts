import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  caFromIssued,
  certInfo,
  decodePem,
  defaultSigningConfig,
  generateCertificate,
  generateKeyPair,
  generateMany,
  initCa,
  keyMatchesCertificate,
  loadCertificateAuthority,
  parseConfigJson,
  checkNameWhitelists,
  parseCsrJson,
  signatureAlgorithmFor,
  signCsrPem,
  validityFor,
  verifyChain,
  type CertificateAuthority,
  type IssuedCertificate,
} from '../../../src/lib/pki';
import { certificateFromPem, csrFromPem, type ParsedCertificate } from '../../../src/lib/pki/x509';
import { OID } from '../../../src/lib/pki/oid';
import { caught, caughtAsync } from './support';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/pki/${name}`, import.meta.url), 'utf8');
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const NOW = new Date('2026-11-27T10:22:31Z');
const H = 3_600_000;

const CONFIG = parseConfigJson(`{"signing":{"default":{"expiry":"87600h"},"profiles":{
  "kubernetes":{"usages":["signing","key encipherment","server auth","client auth"],"expiry":"87600h"},
  "server-only":{"usages":["server auth"],"expiry":"8760h"},
  "intermediate":{"usages":["cert sign","crl sign"],"expiry":"43800h","ca_constraint":{"is_ca":true,"max_path_len":0,"max_path_len_zero":true}},
  "urls":{"usages":["signing"],"expiry":"1h","ocsp_url":"http://ocsp.example","issuer_urls":["http://ca.example/ca.crt"],"crl_url":"http://ca.example/crl","ocsp_no_check":true},
  "whitelisted":{"usages":["signing"],"expiry":"1h","name_whitelist":"\\\\.example\\\\.com$"},
  "late":{"usages":["signing"],"expiry":"1h","not_before":"2049-06-01T00:00:00Z","not_after":"2051-01-01T00:00:00Z"}
}}}`).config;

const ROOT_JSON = '{"CN":"kubernetes","key":{"algo":"rsa","size":2048},"names":[{"C":"CN","ST":"BeiJing","L":"BeiJing","O":"k8s","OU":"System"}]}';

function extensionOids(cert: ParsedCertificate): string[] {
  return cert.extensions.map((e) => e.oid);
}
function extension(cert: ParsedCertificate, oid: string) {
  return cert.extensions.find((e) => e.oid === oid);
}

let root: IssuedCertificate;
let ca: CertificateAuthority;

beforeAll(async () => {
  root = await initCa(parseCsrJson(ROOT_JSON, { initca: true }), { now: NOW });
  ca = await caFromIssued(root);
});

describe('initCa (cfssl gencert -initca)', () => {
  it('makes a self-signed v3 CA: KU cert sign + crl sign, BC CA:TRUE, SKI, no AKI, no EKU', () => {
    const cert = certificateFromPem(root.certPem);
    expect(cert.version).toBe(3);
    expect(hex(cert.issuer.der)).toBe(hex(cert.subject.der));
    expect(extensionOids(cert)).toEqual([OID.keyUsage, OID.basicConstraints, OID.subjectKeyId]);
    expect(extension(cert, OID.keyUsage)).toMatchObject({ critical: true });
    expect(hex(extension(cert, OID.keyUsage)!.value)).toBe('03020106');
    expect(extension(cert, OID.basicConstraints)!.critical).toBe(true);
    expect(hex(extension(cert, OID.basicConstraints)!.value)).toBe('30030101ff');
    expect(root.keyPem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(decodePem(root.csrPem)[0]!.label).toBe('CERTIFICATE REQUEST');
  });

  it('sets notBefore = round(now, 1 min) - 5 min and notAfter = notBefore + 43800h', () => {
    const cert = certificateFromPem(root.certPem);
    expect(cert.notBefore.toISOString()).toBe('2026-11-27T10:18:00.000Z');
    expect(cert.notAfter.getTime() - cert.notBefore.getTime()).toBe(43800 * H);
    expect(cert.notAfter.toISOString()).toBe('2031-11-26T10:18:00.000Z');
  });

  it('uses a 20-byte serial with the top bit cleared', async () => {
    const serials = await Promise.all(
      Array.from({ length: 3 }, async () => certificateFromPem((await generateCertificate(parseCsrJson('{"CN":"s"}'), ca, CONFIG, { profile: 'kubernetes' })).certPem).serial),
    );
    for (const serial of serials) {
      expect(serial.length).toBeLessThanOrEqual(20);
      expect(serial[0]! & 0x80).toBe(0);
    }
    expect(new Set(serials.map(hex)).size).toBe(3);
  });

  it('computes the SKI as SHA-1 of the subjectPublicKey bits', async () => {
    const cert = certificateFromPem(root.certPem);
    const spki = decodePem(await import('../../../src/lib/pki').then((m) => m.exportPublicKeyPem(ca.key)))[0]!.der;
    const bits = spki.subarray(spki.length - 270); // RSA-2048: BIT STRING contents are the last 270 bytes
    const sha1 = new Uint8Array(await crypto.subtle.digest('SHA-1', new Uint8Array(bits)));
    expect(hex(extension(cert, OID.subjectKeyId)!.value)).toBe(`0414${hex(sha1)}`);
  });

  it.each([
    ['{"pathlen":1}', '30060101ff020101', []],
    ['{"pathlen":0,"pathlenzero":true}', '30060101ff020100', []],
    ['{"pathlen":0}', '30030101ff', []],
    ['{"pathlen":2,"pathlenzero":true}', '30060101ff020102', ['pki.pathlenzero-ignored']],
    // -1 is Go's "no limit" (cfssl's pathlen is a Go int), and is not 0, so pathlenzero is ignored.
    ['{"pathlen":-1}', '30030101ff', []],
    ['{"pathlen":-1,"pathlenzero":true}', '30030101ff', ['pki.pathlenzero-ignored']],
  ])('ca %s -> BasicConstraints %s', async (caJson, bc, warnings) => {
    const spec = parseCsrJson(`{"CN":"ca","key":{"algo":"ecdsa","size":256},"ca":${caJson}}`, { initca: true });
    const issued = await initCa(spec);
    expect(hex(extension(certificateFromPem(issued.certPem), OID.basicConstraints)!.value)).toBe(bc);
    expect(issued.warnings.map((w) => w.code)).toEqual(warnings);
    // The CSR carries cfssl's BasicConstraints request too, with the same path length (csr.go appendCAInfoToCSR).
    expect(hex(csrFromPem(issued.csrPem).extensions.find((e) => e.oid === OID.basicConstraints)!.value)).toBe(bc);
  });

  it('keeps only IP SANs on a CA, while its CSR keeps all hosts', async () => {
    const issued = await initCa(parseCsrJson('{"CN":"ca","hosts":["ca.local","10.0.0.1","a@b.c"]}', { initca: true }));
    const info = await certInfo(issued.certPem);
    expect(info.ip_addresses).toEqual(['10.0.0.1']);
    expect(info.dns_names).toEqual([]);
    expect(info.email_addresses).toEqual([]);
  });

  it('honours ca.expiry and ca.backdate', async () => {
    const issued = await initCa(parseCsrJson('{"CN":"ca","ca":{"expiry":"876000h","backdate":"1h"}}', { initca: true }), { now: NOW });
    const cert = certificateFromPem(issued.certPem);
    expect(cert.notBefore.toISOString()).toBe('2026-11-27T09:23:00.000Z');
    expect(cert.notAfter.getTime() - cert.notBefore.getTime()).toBe(876000 * H);
    expect(hex(cert.tbs)).toContain(`180f${Buffer.from('2126').toString('hex')}`); // GeneralizedTime after 2050
  });

  it('re-issues with an existing key and then outputs no key', async () => {
    const issued = await initCa(parseCsrJson('{"CN":"again"}', { initca: true }), { key: ca.key });
    expect(issued.keyPem).toBeUndefined();
    expect(await keyMatchesCertificate(ca.key, issued.certPem)).toBe(true);
  });
});

describe('generateCertificate (cfssl gencert -ca -ca-key -config -profile)', () => {
  let leaf: IssuedCertificate;
  beforeAll(async () => {
    const spec = parseCsrJson('{"CN":"etcd","hosts":["10.0.0.2","spiffe://c/x","etcd.local","a@b.c","::1","localhost"],"key":{"algo":"ecdsa","size":384}}');
    leaf = await generateCertificate(spec, ca, CONFIG, { profile: 'kubernetes', now: NOW });
  });

  it('writes KU, EKU, BC, SKI, AKI, SAN in Go\'s order with cfssl\'s bytes', () => {
    const cert = certificateFromPem(leaf.certPem);
    expect(extensionOids(cert)).toEqual([OID.keyUsage, OID.extKeyUsage, OID.basicConstraints, OID.subjectKeyId, OID.authorityKeyId, OID.subjectAltName]);
    expect(hex(extension(cert, OID.keyUsage)!.value)).toBe('030205a0');
    expect(hex(extension(cert, OID.extKeyUsage)!.value)).toBe('301406082b0601050507030106082b06010505070302');
    expect(extension(cert, OID.basicConstraints)).toMatchObject({ critical: true });
    expect(hex(extension(cert, OID.basicConstraints)!.value)).toBe('3000');
    expect(extension(cert, OID.subjectAltName)!.critical).toBe(false);
  });

  it('sets AKI to the CA\'s SKI and copies the issuer DN bytes', () => {
    const cert = certificateFromPem(leaf.certPem);
    const caCert = certificateFromPem(root.certPem);
    const caSki = extension(caCert, OID.subjectKeyId)!.value.subarray(2);
    expect(hex(extension(cert, OID.authorityKeyId)!.value)).toBe(`30168014${hex(caSki)}`);
    expect(hex(cert.issuer.der)).toBe(hex(caCert.subject.der));
  });

  it('emits SANs DNS, email, IP, URI, each group in input order', async () => {
    const info = await certInfo(leaf.certPem);
    expect(info.dns_names).toEqual(['etcd.local', 'localhost']);
    expect(info.email_addresses).toEqual(['a@b.c']);
    expect(info.ip_addresses).toEqual(['10.0.0.2', '::1']);
    expect(info.uris).toEqual(['spiffe://c/x']);
    const san = hex(extension(certificateFromPem(leaf.certPem), OID.subjectAltName)!.value);
    expect(san.indexOf('820a')).toBeLessThan(san.indexOf('8105'));
    expect(san.indexOf('8105')).toBeLessThan(san.indexOf('87040a000002'));
    expect(san).toContain('871000000000000000000000000000000001');
  });

  it('signs with the CA key\'s algorithm (RSA-2048 CA -> sha256WithRSA, even for a P-384 leaf)', () => {
    expect(certificateFromPem(leaf.certPem).signatureAlgorithmOid).toBe(OID.sha256WithRSA);
    expect(csrFromPem(leaf.csrPem).signatureAlgorithmOid).toBe(OID.ecdsaWithSHA384);
  });

  it('writes a v1 PKCS#10 CSR with the SANs in an extensionRequest', () => {
    const csr = csrFromPem(leaf.csrPem);
    expect(csr.version).toBe(0);
    expect(csr.extensions.map((e) => e.oid)).toEqual([OID.subjectAltName]);
  });

  it('verifies against the CA and matches its own key', async () => {
    expect(await verifyChain(leaf.certPem, [root.certPem], { now: NOW })).toEqual({ ok: true, problems: [], length: 2 });
    expect(await keyMatchesCertificate(leaf.key!, leaf.certPem)).toBe(true);
    expect(await keyMatchesCertificate(ca.key, leaf.certPem)).toBe(false);
  });

  it('warns when hosts are missing (cfssl CSRNoHostMessage) and never copies CN into SANs', async () => {
    const issued = await generateCertificate(parseCsrJson('{"CN":"admin"}'), ca, CONFIG, { profile: 'kubernetes' });
    expect(issued.warnings.map((w) => w.code)).toEqual(['pki.hosts-missing']);
    expect(extension(certificateFromPem(issued.certPem), OID.subjectAltName)).toBeUndefined();
  });

  it('lets -hostname replace the hosts', async () => {
    const issued = await generateCertificate(parseCsrJson('{"CN":"x","hosts":["a.example"]}'), ca, CONFIG, { profile: 'kubernetes', hostnames: ['10.1.1.1', 'b.example'] });
    expect((await certInfo(issued.certPem)).sans).toEqual(['b.example', '10.1.1.1']);
  });

  it('falls back to the default profile for an unknown name, with a warning', async () => {
    const issued = await generateCertificate(parseCsrJson('{"CN":"x","hosts":["x"]}'), ca, defaultSigningConfig(), { profile: 'etdc' });
    expect(issued.warnings.map((w) => w.code)).toEqual(['pki.unknown-profile']);
  });

  it('omits KU when the profile has no KU usages', async () => {
    const issued = await generateCertificate(parseCsrJson('{"CN":"x","hosts":["x"]}'), ca, CONFIG, { profile: 'server-only' });
    expect(extensionOids(certificateFromPem(issued.certPem))[0]).toBe(OID.extKeyUsage);
  });

  it('writes AIA, CRL DP and OCSP no-check from the profile, in order', async () => {
    const issued = await generateCertificate(parseCsrJson('{"CN":"x","hosts":["x"]}'), ca, CONFIG, { profile: 'urls' });
    const cert = certificateFromPem(issued.certPem);
    expect(extensionOids(cert)).toEqual([
      OID.keyUsage, OID.basicConstraints, OID.subjectKeyId, OID.authorityKeyId, OID.authorityInfoAccess, OID.subjectAltName, OID.crlDistributionPoints, OID.ocspNoCheck,
    ]);
    expect(hex(extension(cert, OID.crlDistributionPoints)!.value)).toBe(`301d301ba019a0178615${Buffer.from('http://ca.example/crl').toString('hex')}`);
  });

  it('uses absolute not_before/not_after, GeneralizedTime from 2050', async () => {
    const cert = certificateFromPem((await generateCertificate(parseCsrJson('{"CN":"x","hosts":["x"]}'), ca, CONFIG, { profile: 'late' })).certPem);
    expect(cert.notBefore.toISOString()).toBe('2049-06-01T00:00:00.000Z');
    expect(cert.notAfter.toISOString()).toBe('2051-01-01T00:00:00.000Z');
    expect(hex(cert.tbs)).toContain(`170d${Buffer.from('490601000000Z').toString('hex')}`);
    expect(hex(cert.tbs)).toContain(`180f${Buffer.from('20510101000000Z').toString('hex')}`);
  });

  it('issues an intermediate through ca_constraint (pathlen 0, CA SANs stripped) that signs leaves', async () => {
    const inter = await generateCertificate(parseCsrJson('{"CN":"intermediate","hosts":["inter.local"]}'), ca, CONFIG, { profile: 'intermediate' });
    const cert = certificateFromPem(inter.certPem);
    expect(hex(extension(cert, OID.basicConstraints)!.value)).toBe('30060101ff020100');
    expect(extension(cert, OID.subjectAltName)).toBeUndefined();
    const interCa = await caFromIssued(inter);
    const leaf = await generateCertificate(parseCsrJson('{"CN":"leaf","hosts":["leaf"]}'), interCa, CONFIG, { profile: 'kubernetes' });
    expect(await verifyChain(leaf.certPem, [inter.certPem, root.certPem])).toMatchObject({ ok: true, length: 3 });
    // Signing another CA below a pathlen-0 intermediate breaks its constraint.
    const deeper = await generateCertificate(parseCsrJson('{"CN":"deeper"}'), interCa, CONFIG, { profile: 'intermediate' });
    const below = await generateCertificate(parseCsrJson('{"CN":"leaf2","hosts":["l"]}'), await caFromIssued(deeper), CONFIG, { profile: 'kubernetes' });
    expect((await verifyChain(below.certPem, [deeper.certPem, inter.certPem, root.certPem])).problems).toContain('pki.chain-path-length');
  });
});

describe('signature algorithm follows the signing key', () => {
  it.each([
    [{ algo: 'rsa', size: 2048 }, OID.sha256WithRSA],
    [{ algo: 'rsa', size: 3072 }, OID.sha384WithRSA],
    [{ algo: 'rsa', size: 4096 }, OID.sha512WithRSA],
    [{ algo: 'rsa', size: 8192 }, OID.sha512WithRSA],
    [{ algo: 'ecdsa', size: 256 }, OID.ecdsaWithSHA256],
    [{ algo: 'ecdsa', size: 384 }, OID.ecdsaWithSHA384],
    [{ algo: 'ecdsa', size: 521 }, OID.ecdsaWithSHA512],
    [{ algo: 'ed25519', size: 256 }, OID.ed25519],
  ] as const)('%o -> %s', (spec, oid) => {
    expect(signatureAlgorithmFor(spec).oid).toBe(oid);
  });

  it('RSA parameters are NULL, ECDSA has none', () => {
    expect(hex(signatureAlgorithmFor({ algo: 'rsa', size: 2048 }).identifier)).toBe('300d06092a864886f70d01010b0500');
    expect(hex(signatureAlgorithmFor({ algo: 'ecdsa', size: 256 }).identifier)).toBe('300a06082a8648ce3d040302');
  });

  it('a P-521 CA signs with ecdsa-with-SHA512 and DER-encoded signatures that verify', async () => {
    const ecRoot = await initCa(parseCsrJson('{"CN":"ec","key":{"algo":"ecdsa","size":521}}', { initca: true }));
    const leaf = await generateCertificate(parseCsrJson('{"CN":"x","hosts":["x"],"key":{"algo":"rsa","size":2048}}'), await caFromIssued(ecRoot), CONFIG, { profile: 'kubernetes' });
    const cert = certificateFromPem(leaf.certPem);
    expect(cert.signatureAlgorithmOid).toBe(OID.ecdsaWithSHA512);
    expect(cert.signature[0]).toBe(0x30);
    expect((await verifyChain(leaf.certPem, [ecRoot.certPem])).ok).toBe(true);
  });
});

describe('Ed25519 (RFC 8410), which PKI.js 3.4 does not know: signed and checked by the engine\'s own crypto engine', () => {
  it('an Ed25519 CA signs leaves that verify, and signCsrPem checks an Ed25519 CSR\'s self-signature', async () => {
    const edRoot = await initCa(parseCsrJson('{"CN":"ed","key":{"algo":"ed25519"}}', { initca: true }));
    const edCa = await caFromIssued(edRoot);
    const leaf = await generateCertificate(parseCsrJson('{"CN":"x","hosts":["x"],"key":{"algo":"ed25519"}}'), edCa, CONFIG, { profile: 'kubernetes' });
    expect(certificateFromPem(leaf.certPem).signatureAlgorithmOid).toBe(OID.ed25519);
    expect(hex(certificateFromPem(leaf.certPem).tbs)).toContain('300506032b6570'); // AlgorithmIdentifier without parameters
    expect(await verifyChain(leaf.certPem, [edRoot.certPem])).toEqual({ ok: true, problems: [], length: 2 });
    expect((await signCsrPem(leaf.csrPem, edCa, CONFIG, { profile: 'kubernetes' })).certPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const der = decodePem(leaf.csrPem)[0]!.der.slice();
    der[der.length - 1]! ^= 0x01;
    const { encodePem } = await import('../../../src/lib/pki');
    expect(await caughtAsync(() => signCsrPem(encodePem('CERTIFICATE REQUEST', der), edCa, CONFIG))).toMatchObject({ code: 'pki.csr-signature' });
    const forged = await generateCertificate(parseCsrJson('{"CN":"y","hosts":["y"]}'), await caFromIssued(await initCa(parseCsrJson('{"CN":"ed","key":{"algo":"ed25519"}}', { initca: true }))), CONFIG, { profile: 'kubernetes' });
    expect((await verifyChain(forged.certPem, [edRoot.certPem])).problems).toEqual(['pki.chain-signature']);
  });
});

describe('validityFor', () => {
  const profile = CONFIG.profiles.kubernetes!;
  it.each([
    ['2026-11-27T10:22:29.999Z', '2026-11-27T10:17:00.000Z'],
    ['2026-11-27T10:22:30.000Z', '2026-11-27T10:18:00.000Z'],
    ['2026-11-27T10:00:00.000Z', '2026-11-27T09:55:00.000Z'],
  ])('now %s -> notBefore %s', (now, notBefore) => {
    const v = validityFor(profile, new Date(now));
    expect(v.notBefore.toISOString()).toBe(notBefore);
    expect(v.notAfter.getTime() - v.notBefore.getTime()).toBe(87600 * H);
  });

  it('uses the profile backdate instead of 5 minutes', () => {
    expect(validityFor({ ...profile, backdate: 3_600_000_000_000n }, new Date('2026-11-27T10:22:31Z')).notBefore.toISOString()).toBe('2026-11-27T09:23:00.000Z');
  });
});

describe('signCsrPem (cfssl sign)', () => {
  it('signs an openssl CSR: subject re-encoded in Go order, SANs from the CSR', async () => {
    const issued = await signCsrPem(fixture('fixture-openssl-p256.csr'), ca, CONFIG, { profile: 'kubernetes' });
    const info = await certInfo(issued.certPem);
    expect(info.subject).toEqual({ common_name: 'system:node:worker-1', country: 'CN', organization: 'system:nodes', names: ['CN', 'system:nodes', 'system:node:worker-1'] });
    expect(info.sans).toEqual(['worker-1', '10.0.0.21']);
    expect(issued.csrPem).toBe(fixture('fixture-openssl-p256.csr'));
    expect(issued.keyPem).toBeUndefined();
  });

  it('lets -hostname replace the CSR\'s SANs', async () => {
    const issued = await signCsrPem(fixture('fixture-openssl-p256.csr'), ca, CONFIG, { profile: 'kubernetes', hostnames: ['n1.example'] });
    expect((await certInfo(issued.certPem)).sans).toEqual(['n1.example']);
  });
});

describe('generateMany', () => {
  it('starts every key generation before the first one finishes (Promise.all, not one after another)', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const original = crypto.subtle.generateKey.bind(crypto.subtle);
    const spy = vi.spyOn(crypto.subtle, 'generateKey').mockImplementation((async (...args: Parameters<typeof original>) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await original(...args);
      } finally {
        inFlight--;
      }
    }) as typeof crypto.subtle.generateKey);
    try {
      const jobs = ['a', 'b', 'c', 'd'].map((cn) => ({ spec: parseCsrJson(`{"CN":"${cn}","hosts":["${cn}"]}`), profile: 'kubernetes' }));
      const issued = await generateMany(jobs, ca, CONFIG);
      expect(issued).toHaveLength(4);
      expect(maxInFlight).toBe(4);
      for (const one of issued) expect(one.keyPem).toMatch(/EC PRIVATE KEY/);
      expect((await certInfo(issued[2]!.certPem)).subject.common_name).toBe('c');
    } finally {
      spy.mockRestore();
    }
  });
});

describe('signing bad input', () => {
  it('rejects a CSR whose signature does not verify', async () => {
    const good = (await generateCertificate(parseCsrJson('{"CN":"x","hosts":["x"]}'), ca, CONFIG, { profile: 'kubernetes' })).csrPem;
    const der = decodePem(good)[0]!.der.slice();
    der[der.length - 5]! ^= 0xff;
    const { encodePem } = await import('../../../src/lib/pki');
    expect(await caughtAsync(() => signCsrPem(encodePem('CERTIFICATE REQUEST', der), ca, CONFIG))).toMatchObject({ code: 'pki.csr-signature', field: 'csr' });
  });

  it('rejects a certificate given as a CSR, and a truncated CSR', async () => {
    expect(await caughtAsync(() => signCsrPem(root.certPem, ca, CONFIG))).toMatchObject({ code: 'pki.pem-label', field: 'csr' });
    expect(await caughtAsync(() => signCsrPem(root.csrPem.slice(0, 200), ca, CONFIG))).toMatchObject({ code: 'pki.pem-decode', field: 'csr' });
  });

  it('rejects a CSR asking for a CA under a non-CA profile (Policy violation request)', async () => {
    const caRequest = (await initCa(parseCsrJson('{"CN":"sub","ca":{"pathlen":1}}', { initca: true }))).csrPem;
    expect(await caughtAsync(() => signCsrPem(caRequest, ca, CONFIG, { profile: 'kubernetes' }))).toMatchObject({ code: 'pki.policy-violation', field: 'profile' });
  });

  it('refuses a profile without usages (cfssl: Invalid policy: no key usage available)', async () => {
    const error = await caughtAsync(() => generateCertificate(parseCsrJson('{"CN":"x"}'), ca, CONFIG));
    expect(error).toMatchObject({ code: 'pki.no-key-usage', field: 'signing.default.usages', cfsslCode: 5100, params: { profile: 'default' } });
  });

  it('enforces name_whitelist on CN and DNS names', async () => {
    expect(await caughtAsync(() => generateCertificate(parseCsrJson('{"CN":"a.example.com","hosts":["evil.org"]}'), ca, CONFIG, { profile: 'whitelisted' }))).toMatchObject({
      code: 'pki.whitelist-mismatch',
      field: 'hosts',
    });
    await expect(generateCertificate(parseCsrJson('{"CN":"a.example.com","hosts":["b.example.com","10.0.0.1"]}'), ca, CONFIG, { profile: 'whitelisted' })).resolves.toBeTruthy();
  });

  it('matches name_whitelist with RE2 in linear time: ^(a+)+$ against 40 a\'s and "!" is refused at once, (?i) works', async () => {
    const config = parseConfigJson('{"signing":{"profiles":{"redos":{"usages":["signing"],"expiry":"1h","name_whitelist":"^(a+)+$"},"nocase":{"usages":["signing"],"expiry":"1h","name_whitelist":"(?i)^ETCD-[0-9]+$"}}}}').config;
    const evil = `${'a'.repeat(40)}!`;
    expect(await caughtAsync(() => generateCertificate(parseCsrJson(JSON.stringify({ CN: evil })), ca, config, { profile: 'redos' }))).toMatchObject({
      code: 'pki.whitelist-mismatch',
      params: { name: evil },
    });
    await expect(generateCertificate(parseCsrJson(JSON.stringify({ CN: 'a'.repeat(40) })), ca, config, { profile: 'redos' })).resolves.toBeTruthy();
    await expect(generateCertificate(parseCsrJson('{"CN":"etcd-1","hosts":["Etcd-2"]}'), ca, config, { profile: 'nocase' })).resolves.toBeTruthy();
  });

  it('refuses a name_whitelist Go refuses (lookahead, backreference), with Go\'s reason', async () => {
    const { describeError } = await import('../../../src/lib/i18n');
    for (const pattern of ['a(?=b)', '(a)\\1']) {
      const error = caught(() => checkNameWhitelists(parseConfigJson(JSON.stringify({ signing: { default: { usages: ['signing'], expiry: '1h', name_whitelist: pattern } } })).config));
      expect(error).toMatchObject({ code: 'pki.invalid-whitelist', field: 'signing.default.name_whitelist' });
      expect(describeError('en', error)).toMatch(/^signing\.default\.name_whitelist is not a regular expression Go's regexp \(RE2\) accepts: error parsing regexp: invalid (or unsupported Perl syntax|escape sequence)/);
    }
  });

  it('rejects a CA key that does not match the CA certificate, in any key format', async () => {
    for (const key of ['fixture-p256-sec1.pem', 'fixture-p256-pkcs8.pem']) {
      expect(await caughtAsync(() => loadCertificateAuthority(fixture('fixture-openssl-ca.pem'), fixture(key)))).toMatchObject({ code: 'pki.key-mismatch', field: 'ca-key' });
    }
    for (const key of ['fixture-rsa2048-pkcs1.pem', 'fixture-rsa2048-pkcs8.pem']) {
      const opensslCa = await loadCertificateAuthority(fixture('fixture-openssl-ca.pem'), fixture(key));
      const leaf = await generateCertificate(parseCsrJson('{"CN":"x","hosts":["x"]}'), opensslCa, CONFIG, { profile: 'kubernetes' });
      expect((await verifyChain(leaf.certPem, [fixture('fixture-openssl-ca.pem')])).ok).toBe(true);
    }
  });

  it('rejects garbage as a CA certificate', async () => {
    expect(await caughtAsync(() => loadCertificateAuthority('-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n', root.keyPem!))).toMatchObject({ code: 'pki.der-decode' });
  });

  it('rejects unknown key specs before generating anything', async () => {
    expect(await caughtAsync(() => generateKeyPair({ algo: 'ecdsa', size: 224 }))).toMatchObject({ code: 'pki.invalid-curve' });
  });
});

describe('verifyChain problems', () => {
  it('reports a missing issuer, expiry and a non-CA issuer', async () => {
    const other = await initCa(parseCsrJson('{"CN":"other"}', { initca: true }));
    const leaf = await generateCertificate(parseCsrJson('{"CN":"x","hosts":["x"]}'), ca, CONFIG, { profile: 'kubernetes' });
    expect((await verifyChain(leaf.certPem, [other.certPem])).problems).toEqual(['pki.chain-no-issuer']);
    expect((await verifyChain(leaf.certPem, [root.certPem], { now: new Date('2140-01-01T00:00:00Z') })).problems).toContain('pki.chain-expired');
    expect((await verifyChain(leaf.certPem, [root.certPem], { now: new Date('2000-01-01T00:00:00Z') })).problems).toContain('pki.chain-not-yet-valid');
    const leafCa = { ...(await caFromIssued(leaf)) };
    const grandchild = await generateCertificate(parseCsrJson('{"CN":"y","hosts":["y"]}'), leafCa, CONFIG, { profile: 'kubernetes' });
    const result = await verifyChain(grandchild.certPem, [leaf.certPem, root.certPem]);
    expect(result.ok).toBe(false);
    expect(result.problems).toContain('pki.chain-issuer-not-ca');
    expect(result.problems).toContain('pki.chain-issuer-no-cert-sign');
  });

  it('accepts a root checked against itself as a one-certificate chain', async () => {
    expect(await verifyChain(root.certPem, [root.certPem], { now: NOW })).toEqual({ ok: true, problems: [], length: 1 });
  });

  it('reports a bad signature when the issuer name matches but the key does not', async () => {
    const twin = await initCa(parseCsrJson(ROOT_JSON, { initca: true }));
    const leaf = await generateCertificate(parseCsrJson('{"CN":"x","hosts":["x"]}'), ca, CONFIG, { profile: 'kubernetes' });
    expect((await verifyChain(leaf.certPem, [twin.certPem])).problems).toEqual(['pki.chain-signature']);
  });
});

describe('signCsrPem with a subject file (cfssl PopulateSubjectFromCSR)', () => {
  it('replaces the attribute types the file sets and keeps the rest from the CSR', async () => {
    const { parseSubjectJson } = await import('../../../src/lib/pki');
    const subject = parseSubjectJson('{"names":[{"OU":"only ou"},{"O":"new org"}]}');
    const issued = await signCsrPem(fixture('fixture-openssl-p256.csr'), ca, CONFIG, { profile: 'kubernetes', subject });
    const info = await certInfo(issued.certPem);
    expect(info.subject).toEqual({
      common_name: 'system:node:worker-1',
      country: 'CN',
      organization: 'new org',
      organizational_unit: 'only ou',
      names: ['CN', 'new org', 'only ou', 'system:node:worker-1'],
    });
  });

  it('rejects a subject file with the wrong types', async () => {
    const { parseSubjectJson } = await import('../../../src/lib/pki');
    const { caught } = await import('./support');
    expect(caught(() => parseSubjectJson('{"CN":1}'))).toMatchObject({ code: 'pki.json-type', field: 'CN' });
  });
});

describe('hosts edge cases', () => {
  it('"hosts": [""] avoids the warning but writes an empty dNSName, as cfssl does', async () => {
    const issued = await generateCertificate(parseCsrJson('{"CN":"x","hosts":[""]}'), ca, CONFIG, { profile: 'kubernetes' });
    expect(issued.warnings).toEqual([]);
    expect(hex(extension(certificateFromPem(issued.certPem), OID.subjectAltName)!.value)).toBe('30028200');
  });

  it('makes the SAN critical when the subject is empty (RFC 5280 4.2.1.6)', async () => {
    const issued = await generateCertificate(parseCsrJson('{"hosts":["only.example"]}'), ca, CONFIG, { profile: 'kubernetes' });
    const cert = certificateFromPem(issued.certPem);
    expect(hex(cert.subject.der)).toBe('3000');
    expect(extension(cert, OID.subjectAltName)!.critical).toBe(true);
  });
});
