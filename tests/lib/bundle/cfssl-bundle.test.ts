import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { buildCfsslBundle, cfsslBundleFiles, type CfsslBundleInput } from '../../../src/lib/bundle/cfssl-bundle';

const pem = (label: string, body: string) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;

function input(overrides: Partial<CfsslBundleInput> = {}): CfsslBundleInput {
  return {
    locale: 'en',
    configJson: '{"signing":{}}\n',
    ca: { certPem: pem('CERTIFICATE', 'CA'), keyPem: pem('RSA PRIVATE KEY', 'CAKEY'), csrPem: pem('CERTIFICATE REQUEST', 'CACSR'), csrJson: '{"CN":"SelfSignedCa"}', generated: true },
    certificates: [
      { name: 'etcd', profile: 'etcd', certPem: pem('CERTIFICATE', 'E'), keyPem: pem('RSA PRIVATE KEY', 'EK'), csrPem: pem('CERTIFICATE REQUEST', 'EC'), csrJson: '{"CN":"etcd"}', serverAuth: true },
      { name: 'kubernetes', profile: 'default', certPem: pem('CERTIFICATE', 'K'), csrJson: '{"CN":"kubernetes"}', serverAuth: false },
    ],
    ...overrides,
  };
}

describe('cfssl bundle', () => {
  it('uses cfssljson -bare names, keeps the JSON inputs and marks keys 0600', () => {
    const files = cfsslBundleFiles(input());
    expect(files.map((f) => f.path)).toEqual([
      'ca-config.json', 'ca-csr.json', 'ca.pem', 'ca-key.pem', 'ca.csr',
      'etcd-csr.json', 'etcd.pem', 'etcd-key.pem', 'etcd.csr',
      'kubernetes-csr.json', 'kubernetes.pem',
      'verify.sh', 'README.md',
    ]);
    const mode = (path: string) => files.find((f) => f.path === path)!.mode;
    expect(mode('ca-key.pem')).toBe(0o600);
    expect(mode('etcd-key.pem')).toBe(0o600);
    expect(mode('etcd.pem')).toBe(0o644);
    expect(mode('verify.sh')).toBe(0o755);
  });

  it('writes the equivalent cfssl commands in the README', () => {
    const readme = cfsslBundleFiles(input()).find((f) => f.path === 'README.md')!.content;
    expect(readme).toContain('cfssl gencert -initca ca-csr.json | cfssljson -bare ca');
    expect(readme).toContain('cfssl gencert -ca=ca.pem -ca-key=ca-key.pem -config=ca-config.json -profile=etcd etcd-csr.json | cfssljson -bare etcd');
    expect(readme).toContain('-config=ca-config.json kubernetes-csr.json | cfssljson -bare kubernetes');
    expect(readme).toContain('openssl verify -CAfile ca.pem etcd.pem');
  });

  it("writes the README in the user's language", () => {
    const readme = cfsslBundleFiles(input({ locale: 'zh-CN' })).find((f) => f.path === 'README.md')!.content;
    expect(readme).toContain('# 由 kubeprep 生成的证书');
    expect(readme).toContain('用 openssl 检查');
  });

  it('leaves out the CA key, CSR and initca command for an imported CA, and adds scripts', () => {
    const files = cfsslBundleFiles(
      input({ ca: { certPem: pem('CERTIFICATE', 'CA'), generated: false }, scripts: [{ name: '01-prepare node.sh', content: '#!/bin/sh\n' }] }),
    );
    const paths = files.map((f) => f.path);
    expect(paths).not.toContain('ca-key.pem');
    expect(paths).not.toContain('ca.csr');
    expect(paths).toContain('scripts/01-prepare_node.sh');
    const readme = files.find((f) => f.path === 'README.md')!.content;
    expect(readme).not.toContain('-initca');
    expect(readme).toContain('ca-key.pem is not in this bundle');
  });

  it('zips the files with their unix modes', async () => {
    const zip = await JSZip.loadAsync(await buildCfsslBundle(input()));
    expect(await zip.file('etcd.pem')!.async('string')).toBe(pem('CERTIFICATE', 'E'));
    expect((zip.file('ca-key.pem')!.unixPermissions as number) & 0o777).toBe(0o600);
    expect(await zip.file('verify.sh')!.async('string')).toContain("for entry in 'etcd:server' 'kubernetes:client'; do");
  });

  it('lists what was not issued, and why, in the README and verify.sh, and keeps its CSR JSON', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const reason = locale === 'en' ? 'profile "default" has no usages' : '签发配置 "default" 没有 usages';
      const files = cfsslBundleFiles(input({ locale, failed: [{ name: 'admin', profile: 'default', csrJson: '{"CN":"admin"}', reason }] }));
      const paths = files.map((f) => f.path);
      expect(paths).toContain('admin-csr.json');
      expect(paths).not.toContain('admin.pem');
      const readme = files.find((f) => f.path === 'README.md')!.content;
      expect(readme).toContain(locale === 'en' ? '## Not issued' : '## 未签发');
      expect(readme).toContain(locale === 'en' ? `- \`admin-csr.json\`: ${reason}` : `- \`admin-csr.json\`：${reason}`);
      const verify = files.find((f) => f.path === 'verify.sh')!.content;
      expect(verify).toContain(locale === 'en' ? 'admin: NOT ISSUED: profile \\"default\\" has no usages' : 'admin：未签发：签发配置 \\"default\\" 没有 usages');
      expect(verify).toMatch(/NOT ISSUED|未签发/);
      expect(verify.indexOf('status=1', verify.indexOf('admin'))).toBeGreaterThan(0);
    }
    // Without failures, verify.sh says nothing about them.
    expect(cfsslBundleFiles(input()).find((f) => f.path === 'verify.sh')!.content).not.toContain('NOT ISSUED');
  });
});
