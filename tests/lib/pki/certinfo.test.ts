import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  caFromIssued,
  certInfo,
  certInfoJson,
  cfsslJsonOutput,
  bareFileNames,
  csrInfo,
  defaultConfigJson,
  defaultCsrJson,
  generateCertificate,
  initCa,
  keyIdText,
  parseConfigJson,
  parseCsrJson,
  type IssuedCertificate,
} from '../../../src/lib/pki';
import { missingTools, TOOLS } from '../../support/tools';
import { caughtAsync } from './support';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/pki/${name}`, import.meta.url), 'utf8');
const CONFIG = parseConfigJson('{"signing":{"profiles":{"k":{"usages":["signing","key encipherment","server auth","client auth"],"expiry":"8760h"}}}}').config;

let root: IssuedCertificate;
let leaf: IssuedCertificate;
beforeAll(async () => {
  root = await initCa(parseCsrJson('{"CN":"kubernetes","key":{"algo":"ecdsa","size":384},"names":[{"C":"CN","ST":"BeiJing","L":"BeiJing","O":"k8s","OU":"System"}]}', { initca: true }), {
    now: new Date('2026-11-27T10:22:31Z'),
  });
  leaf = await generateCertificate(
    parseCsrJson('{"CN":"kube-apiserver","hosts":["10.96.0.1","kubernetes.default","ops@x.io","https://k8s.example/"],"names":[{"O":"k8s"},{"O":"A&B"}]}'),
    await caFromIssued(root),
    CONFIG,
    { profile: 'k', now: new Date('2026-11-27T10:22:31Z') },
  );
});

describe('certInfo', () => {
  it('fills cfssl certinfo\'s fields', async () => {
    const info = await certInfo(leaf.certPem);
    expect(info.subject).toEqual({ common_name: 'kube-apiserver', organization: 'A&B,k8s', names: ['A&B', 'k8s', 'kube-apiserver'] });
    expect(info.issuer).toEqual({
      common_name: 'kubernetes',
      country: 'CN',
      organization: 'k8s',
      organizational_unit: 'System',
      locality: 'BeiJing',
      province: 'BeiJing',
      names: ['CN', 'BeiJing', 'BeiJing', 'k8s', 'System', 'kubernetes'],
    });
    expect(info.sans).toEqual(['kubernetes.default', '10.96.0.1']);
    expect(info.not_before).toBe('2026-11-27T10:18:00Z');
    expect(info.not_after).toBe('2027-11-27T10:18:00Z');
    expect(info.sigalg).toBe('ECDSAWithSHA384');
    expect(info.subject_key_id).toMatch(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
    expect(info.authority_key_id).toBe((await certInfo(root.certPem)).subject_key_id);
    expect(info.pem).toBe(leaf.certPem);
  });

  it('adds usages, constraints, every SAN kind, the key and fingerprints', async () => {
    const info = await certInfo(leaf.certPem);
    expect(info.key_usages).toEqual(['digital signature', 'key encipherment']);
    expect(info.ext_key_usages).toEqual(['server auth', 'client auth']);
    expect(info.basic_constraints).toEqual({ is_ca: false });
    expect(info.email_addresses).toEqual(['ops@x.io']);
    expect(info.uris).toEqual(['https://k8s.example/']);
    expect(info.public_key).toEqual({ algorithm: 'ecdsa', size: 256 });
    const rootInfo = await certInfo(root.certPem);
    expect(rootInfo.authority_key_id).toBe('');
    expect(rootInfo.key_usages).toEqual(['cert sign', 'crl sign']);
    expect(rootInfo.basic_constraints).toEqual({ is_ca: true });
  });

  it.skipIf(missingTools(TOOLS.openssl).length > 0)('agrees with openssl on serial and fingerprints', async () => {
    const info = await certInfo(leaf.certPem);
    const out = execFileSync('openssl', ['x509', '-noout', '-serial', '-fingerprint', '-sha256'], { input: leaf.certPem }).toString();
    const serialHex = /serial=([0-9A-F]+)/.exec(out)![1]!;
    expect(BigInt(`0x${serialHex}`).toString()).toBe(info.serial_number);
    expect(out).toContain(`Fingerprint=${info.sha256_fingerprint}`);
  });

  it('prints JSON in cfssl\'s key order, 2-space, sans left out when empty', async () => {
    const json = certInfoJson(await certInfo(leaf.certPem));
    expect(Object.keys(JSON.parse(json)).slice(0, 10)).toEqual([
      'subject', 'issuer', 'serial_number', 'sans', 'not_before', 'not_after', 'sigalg', 'authority_key_id', 'subject_key_id', 'pem',
    ]);
    expect(json.split('\n')[1]).toMatch(/^ {2}"subject"/);
    expect(JSON.parse(certInfoJson(await certInfo(root.certPem)))).not.toHaveProperty('sans');
  });

  it('writes key ids with two digits per byte', () => {
    expect(keyIdText(Uint8Array.of(0x7b, 0x01, 0xf6))).toBe('7B:01:F6');
  });

  it('decodes a CSR and checks its signature', async () => {
    const info = await csrInfo(fixture('fixture-openssl-p256.csr'));
    expect(info.subject.common_name).toBe('system:node:worker-1');
    expect(info.sans).toEqual(['worker-1', '10.0.0.21']);
    expect(info.signature_valid).toBe(true);
    expect(info.sigalg).toBe('ECDSAWithSHA256');
  });

  it.each([
    ['', 'pki.pem-decode'],
    ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', 'pki.der-decode'],
    ['-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----\n', 'pki.pem-label'],
  ])('bad certificate %j -> %s', async (pem, code) => {
    expect(await caughtAsync(() => certInfo(pem))).toMatchObject({ code, field: 'certificate' });
  });
});

describe('cfssljson output and names', () => {
  it('prints one line with sorted keys cert, csr, key', () => {
    const line = cfsslJsonOutput({ certPem: 'C\n', csrPem: 'R\n', keyPem: 'K\n' });
    expect(line).toBe('{"cert":"C\\n","csr":"R\\n","key":"K\\n"}\n');
    expect(cfsslJsonOutput({ certPem: 'C', csrPem: 'R' })).toBe('{"cert":"C","csr":"R"}\n');
  });

  it('escapes <, > and & like Go', () => {
    expect(cfsslJsonOutput({ certPem: '<&>', csrPem: '' })).toBe('{"cert":"\\u003c\\u0026\\u003e","csr":""}\n');
  });

  it('names files like cfssljson -bare', () => {
    expect(bareFileNames('etcd')).toEqual({ cert: 'etcd.pem', key: 'etcd-key.pem', csr: 'etcd.csr' });
  });
});

describe('print-defaults', () => {
  it('matches cfssl\'s CSR and config examples', () => {
    expect(JSON.parse(defaultCsrJson())).toEqual({
      CN: 'example.net',
      hosts: ['example.net', 'www.example.net'],
      key: { algo: 'ecdsa', size: 256 },
      names: [{ C: 'US', ST: 'CA', L: 'San Francisco' }],
    });
    expect(defaultCsrJson()).toContain('\n    "CN": "example.net",\n');
    const { config } = parseConfigJson(defaultConfigJson());
    expect(config.default.expiry).toBe(168n * 3_600_000_000_000n);
    expect(config.profiles.www!.usages).toEqual(['signing', 'key encipherment', 'server auth']);
  });
});
