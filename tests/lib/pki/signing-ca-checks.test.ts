// A CA brought to sign with that cannot sign soundly (no CA, expired, RSA-1024 with SHA-1), and a CSR
// with an RSA-1024 key: cfssl signs each without a word; kubeprep signs too, and says why it will fail.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWarning } from '../../../src/lib/i18n';
import {
  caFromIssued, certificateDetails, defaultSigningConfig, generateCertificate, initCa, loadCertificateAuthority, parseCsrJson, signCsrPem,
  signingCaFactsFromInfo, type CertificateAuthority,
} from '../../../src/lib/pki';
import { lintWorkspace } from '../../../src/lib/workspace';
import { guideExampleWorkspace as exampleWorkspace } from '../../../src/lib/workspace/example';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/pki/${name}`, import.meta.url), 'utf8');
const codes = (warnings: { code: string }[]) => warnings.map((w) => w.code);

let sound: CertificateAuthority;
let leafAsCa: CertificateAuthority;
let weak: CertificateAuthority;
const LATER = new Date(Date.now() + 2 * 3600_000);

beforeAll(async () => {
  sound = await caFromIssued(await initCa(parseCsrJson('{"CN":"short CA","ca":{"expiry":"1h"}}', { initca: true })));
  leafAsCa = await caFromIssued(await generateCertificate(parseCsrJson('{"CN":"just a leaf","hosts":["leaf.example"]}'), sound, defaultSigningConfig()));
  weak = await loadCertificateAuthority(fixture('fixture-rsa1024-sha1-ca.pem'), fixture('fixture-rsa1024-sha1-ca-key.pem'));
});

describe('signing with a doubtful CA', () => {
  const request = () => parseCsrJson('{"CN":"x","hosts":["x.example"]}');

  it('says nothing for a sound CA within its validity', async () => {
    expect(codes((await generateCertificate(request(), sound, defaultSigningConfig())).warnings)).toEqual([]);
  });

  it('warns that a CA:FALSE certificate is no CA, and still signs as cfssl does', async () => {
    const issued = await generateCertificate(request(), leafAsCa, defaultSigningConfig());
    expect(codes(issued.warnings)).toEqual(['pki.ca-not-ca']);
    expect(describeWarning('en', issued.warnings[0]!)).toBe('The signing certificate just a leaf is not a CA (basic constraints CA:FALSE or absent): clients will refuse what it signs');
  });

  it('warns that the CA has expired, with its notAfter', async () => {
    const issued = await generateCertificate(request(), sound, defaultSigningConfig(), { now: LATER });
    expect(codes(issued.warnings)).toEqual(['pki.ca-expired']);
    expect(describeWarning('zh-CN', issued.warnings[0]!)).toContain('已于');
  });

  it('warns about an RSA-1024 CA with a SHA-1 signature, and about an RSA-1024 CSR', async () => {
    const issued = await generateCertificate(request(), weak, defaultSigningConfig());
    expect(codes(issued.warnings)).toEqual(['pki.ca-weak-key']);
    expect(issued.warnings[0]!.params).toMatchObject({ subject: 'fixture weak CA', algorithm: 'RSA 1024, SHA1WithRSA' });
    const signed = await signCsrPem(fixture('fixture-rsa1024.csr'), sound, defaultSigningConfig());
    expect(codes(signed.warnings)).toEqual(['pki.csr-weak-key']);
    expect(describeWarning('en', signed.warnings[0]!)).toContain('RSA 1024 bits');
  });
});

describe('the Certificates screen\'s lint with an imported CA', () => {
  it('lists the same three problems as findings about ca.pem, with why and fix', async () => {
    const now = new Date();
    const lint = async (pem: string, at = now) => lintWorkspace(exampleWorkspace(), { ca: signingCaFactsFromInfo((await certificateDetails(pem)).info), now: at });
    const rules = async (pem: string, at = now) => (await lint(pem, at)).filter((f) => f.file === 'ca.pem').map((f) => f.code);
    expect(await rules(sound.certPem)).toEqual([]);
    expect(await rules(leafAsCa.certPem)).toEqual(['workspace.ca-not-ca']);
    expect(await rules(sound.certPem, LATER)).toEqual(['workspace.ca-expired']);
    expect(await rules(weak.certPem)).toEqual(['workspace.ca-weak']);
  });
});
