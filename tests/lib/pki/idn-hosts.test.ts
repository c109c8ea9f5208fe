// Host names outside ASCII: a DNS SAN is an IA5String, so an internationalized name is written as its
// A-labels (with a warning that shows both forms), and anything still not a DNS name is refused with
// the rule it breaks. Go's x509 refuses to parse a certificate with raw Unicode there.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeError, describeWarning } from '../../../src/lib/i18n';
import {
  caFromIssued, certInfo, defaultSigningConfig, generateCertificate, initCa, parseCsrJson, signCsrPem, type CertificateAuthority,
} from '../../../src/lib/pki';
import { checkDnsName } from '../../../src/lib/pki/hosts';
import { caught, caughtAsync } from './support';

let ca: CertificateAuthority;
beforeAll(async () => {
  ca = await caFromIssued(await initCa(parseCsrJson('{"CN":"idn root"}', { initca: true })));
});

describe('checkDnsName', () => {
  it.each([
    ['bücher.de', 'xn--bcher-kva.de'],
    ['Bücher.DE', 'xn--bcher-kva.de'],
    ['例え.テスト', 'xn--r8jz45g.xn--zckzah'],
    ['例え。テスト', 'xn--r8jz45g.xn--zckzah'],
    ['*.bücher.de', '*.xn--bcher-kva.de'],
    ['kubernetes.default.svc.cluster.local', 'kubernetes.default.svc.cluster.local'],
    ['*.example.com', '*.example.com'],
    ['under_score.example', 'under_score.example'],
    ['example.com.', 'example.com.'],
  ])('%s -> %s', (name, ascii) => {
    expect(checkDnsName(name)).toEqual({ ok: true, ascii });
  });

  it.each([
    ['not a host!', 'character', ' '],
    ['evil\u202egnp.exe', 'idna', undefined],
    ['\u202eexample.com', 'idna', undefined],
    ['a..b', 'empty-label', undefined],
    ['.', 'empty-label', undefined],
    ['-lead.example', 'leading-hyphen', undefined],
    [`${'a'.repeat(64)}.example`, 'label-too-long', undefined],
    [`${'a.'.repeat(127)}ab`, 'name-too-long', undefined],
    ['*', 'wildcard', undefined],
    ['a.*.example', 'wildcard', undefined],
    ['f*o.example', 'wildcard', undefined],
    ['a/b', 'character', '/'],
    ['bü cher.de', 'character', ' '],
    ['１.２.３.４', 'idna', undefined],
  ])('refuses %j: %s', (name, rule, char) => {
    expect(checkDnsName(name)).toEqual({ ok: false, rule, ...(char === undefined ? {} : { char }) });
  });
});

describe('hosts in CSR JSON and -hostname', () => {
  it('writes the A-label and warns with both forms', async () => {
    const spec = parseCsrJson('{"CN":"x","hosts":["bücher.de","10.0.0.1","例え.テスト"]}');
    expect(spec.hosts).toEqual(['xn--bcher-kva.de', '10.0.0.1', 'xn--r8jz45g.xn--zckzah']);
    expect(spec.warnings?.map((w) => [w.code, w.field])).toEqual([['pki.idn-host', 'hosts[0]'], ['pki.idn-host', 'hosts[2]']]);
    expect(describeWarning('en', spec.warnings![0]!)).toBe('Host "bücher.de" is written as its ASCII form "xn--bcher-kva.de" (IDNA A-label), the only form a certificate may hold and Go can read');
    const issued = await generateCertificate(spec, ca, defaultSigningConfig());
    expect((await certInfo(issued.certPem)).sans).toEqual(['xn--bcher-kva.de', 'xn--r8jz45g.xn--zckzah', '10.0.0.1']);
    expect(issued.warnings.map((w) => w.code)).toContain('pki.idn-host');
  });

  it('refuses what is no DNS name with the rule, at its place in the list', () => {
    const error = caught(() => parseCsrJson('{"CN":"x","hosts":["ok.example","not a host!"]}'));
    expect(error).toMatchObject({ code: 'pki.invalid-dns-name', field: 'hosts[1]' });
    expect(describeError('en', error)).toBe('"not a host!" in hosts is not a valid DNS name: a label may hold only letters, digits, "-" and "_", and " " is none of these');
    expect(describeError('zh-CN', error)).toContain('不是合法的 DNS 名称');
    const bidi = caught(() => parseCsrJson(JSON.stringify({ CN: 'x', hosts: ['evil\u202egnp.exe'] })));
    expect(describeError('en', bidi)).toContain('it is not a valid internationalized domain name (UTS #46 refuses it)');
  });

  it('applies the same to -hostname when generating and when signing a CSR', async () => {
    const issued = await generateCertificate(parseCsrJson('{"CN":"x"}'), ca, defaultSigningConfig(), { hostnames: ['bücher.de'] });
    expect((await certInfo(issued.certPem)).sans).toEqual(['xn--bcher-kva.de']);
    expect(issued.warnings.map((w) => [w.code, w.field])).toContainEqual(['pki.idn-host', 'hostname[0]']);
    const signed = await signCsrPem(issued.csrPem, ca, defaultSigningConfig(), { hostnames: ['例え.テスト'] });
    expect((await certInfo(signed.certPem)).sans).toEqual(['xn--r8jz45g.xn--zckzah']);
    expect(await caughtAsync(() => signCsrPem(issued.csrPem, ca, defaultSigningConfig(), { hostnames: ['a b'] }))).toMatchObject({ code: 'pki.invalid-dns-name', field: 'hostname[0]' });
  });
});
