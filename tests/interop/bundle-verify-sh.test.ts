// verify.sh from the cfssl bundle: shellcheck-clean, and run with the real openssl on a bundle the engine
// generated, it passes; with a certificate from another CA or a swapped key it fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { missingTools, TOOLS } from '../support/tools';
import { cfsslBundleFiles } from '../../src/lib/bundle/cfssl-bundle';
import { verifyScript } from '../../src/lib/bundle/verify-script';
import { generateWorkspace, guideExampleWorkspace } from '../../src/lib/workspace';
import { exportPrivateKeyPem, type IssuedCertificate } from '../../src/lib/pki';

const skip = missingTools(TOOLS.shellcheck, TOOLS.openssl).length > 0;

async function keyPemOf(issued: IssuedCertificate): Promise<string | undefined> {
  return issued.keyPem ?? (issued.key ? exportPrivateKeyPem(issued.key) : undefined);
}

describe.skipIf(skip)('verify.sh in the cfssl bundle', () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubeprep-bundle-'));
    const ws = guideExampleWorkspace();
    const etcd = JSON.parse(ws.requests[0]!.json);
    ws.requests[0]!.json = JSON.stringify({ ...etcd, hosts: ['127.0.0.1', 'etcd-1.example.com', '10.0.0.11'] });
    const result = await generateWorkspace({
      config: ws.config,
      ca: { kind: 'generate', csrJson: ws.caCsr },
      requests: ws.requests.map((r) => ({ name: r.name, json: r.json, profile: r.profile })),
    });
    expect(result.ca.error).toBeUndefined();
    const certificates = await Promise.all(
      result.certificates.map(async (c, i) => ({
        name: c.name,
        profile: c.profile,
        certPem: c.issued!.certPem,
        csrPem: c.issued!.csrPem,
        keyPem: await keyPemOf(c.issued!),
        csrJson: ws.requests[i]!.json,
        serverAuth: true,
      })),
    );
    const files = cfsslBundleFiles({
      locale: 'en',
      configJson: ws.config,
      ca: { certPem: result.ca.issued!.certPem, keyPem: await keyPemOf(result.ca.issued!), csrPem: result.ca.issued!.csrPem, csrJson: ws.caCsr, generated: true },
      certificates,
    });
    for (const file of files) {
      mkdirSync(dirname(join(dir, file.path)), { recursive: true });
      writeFileSync(join(dir, file.path), file.content, { mode: file.mode });
    }
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('passes shellcheck (POSIX sh)', () => {
    const script = join(dir, 'check-verify.sh');
    writeFileSync(script, verifyScript([{ name: 'etcd', serverAuth: true }, { name: 'kube-apiserver.v2', serverAuth: true }, { name: 'a_b', serverAuth: false }], 'zh-CN', [{ name: 'admin', reason: '签发配置 "default" 没有 usages；`$(rm -rf /)` 不会执行' }]));
    const run = spawnSync('shellcheck', ['--shell=sh', '--severity=style', script], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('verifies every certificate of a generated bundle and prints the SANs', () => {
    const run = spawnSync('sh', ['verify.sh'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('etcd.pem: OK');
    expect(run.stdout).toContain('kubernetes.pem: OK');
    expect(run.stdout).toMatch(/SANs: DNS:etcd-1\.example\.com, IP Address:127\.0\.0\.1, IP Address:10\.0\.0\.11/);
    expect(run.stdout).toContain('SANs: (none)');
    expect(run.stdout).toContain('etcd-key.pem: matches etcd.pem');
    expect(run.stdout).toContain('All checks passed.');
  });

  it('says which certificates were not issued and why, fails, and words a client certificate without SANs as fine', () => {
    const other = mkdtempSync(join(tmpdir(), 'kubeprep-bundle-failed-'));
    try {
      for (const name of ['ca.pem', 'ca-key.pem', 'etcd.pem', 'etcd-key.pem', 'kubernetes.pem', 'kubernetes-key.pem']) {
        writeFileSync(join(other, name), readFileSync(join(dir, name)));
      }
      const reason = 'profile "default" has no usages; `$(touch pwned)` is not run';
      writeFileSync(join(other, 'verify.sh'), verifyScript([{ name: 'etcd', serverAuth: true }, { name: 'kubernetes', serverAuth: false }], 'en', [{ name: 'admin', reason }]));
      const run = spawnSync('sh', ['verify.sh'], { cwd: other, encoding: 'utf8', timeout: 30_000 });
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('Not issued, so not in this bundle: 1');
      expect(run.stdout).toContain(`admin: NOT ISSUED: ${reason}`);
      expect(run.stdout).toContain('SANs: (none) - fine for a client certificate');
      expect(run.stdout).not.toContain('servers with this certificate fail');
      expect(run.stdout).toContain('Some checks FAILED.');
      expect(existsSync(join(other, 'pwned'))).toBe(false);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('fails for a certificate from another CA and for a swapped key', () => {
    const other = mkdtempSync(join(tmpdir(), 'kubeprep-bundle-bad-'));
    try {
      for (const name of ['verify.sh', 'ca.pem', 'ca-key.pem', 'etcd.pem', 'etcd-key.pem', 'kubernetes.pem', 'kubernetes-key.pem']) {
        writeFileSync(join(other, name), readFileSync(join(dir, name)));
      }
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(other, 'stranger-key.pem'), '-out', join(other, 'kubernetes.pem'), '-subj', '/CN=stranger', '-days', '1'], { stdio: 'ignore' });
      writeFileSync(join(other, 'etcd-key.pem'), readFileSync(join(dir, 'kubernetes-key.pem')));
      const run = spawnSync('sh', ['verify.sh'], { cwd: other, encoding: 'utf8', timeout: 30_000 });
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('etcd-key.pem: DOES NOT match etcd.pem');
      expect(run.stdout).toContain('Some checks FAILED.');
      expect(run.stdout + run.stderr).toMatch(/kubernetes\.pem.*(error|fail)/is);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
