// `kubeprep cluster -plan -out -layout`, run in-process through the CLI's main(): errors at the
// plan field, lint findings as warnings, and a zip with the chosen layout that unzip reads.
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { run } from '../support/cfssl';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.openssl, TOOLS.bash).length > 0;
const work = mkdtempSync(join(tmpdir(), 'kubeprep-cluster-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(skip)('kubeprep cluster', () => {
  let stderr = '';
  beforeEach(() => {
    stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  function planFile(name: string, plan: unknown): string {
    const path = join(work, name);
    writeFileSync(path, JSON.stringify(plan));
    return path;
  }

  it('reports every plan problem with its field and writes nothing', async () => {
    const plan = planFile('bad.json', { controlPlane: [{ name: 'cp-1', ip: '10.0.0.1' }, { name: 'CP 2', ip: '10.0.0.999' }], serviceCidr: '10.96.0.1/12' });
    const out = join(work, 'bad.zip');
    expect(await main(['cluster', `-plan=${plan}`, `-out=${out}`])).toBe(1);
    expect(stderr).toContain('controlPlane[1].name');
    expect(stderr).toContain('controlPlane[1].ip');
    expect(stderr).toMatch(/serviceCidr[\s\S]*10\.96\.0\.0\/12/);
    expect(() => statSync(out)).toThrow();
  });

  it('refuses an unknown layout and a missing flag', async () => {
    expect(await main(['cluster', '-plan=x.json', '-out=y.zip', '-layout=kubespray'])).toBe(1);
    expect(stderr).toContain('kubeadm, cfssl');
    expect(await main(['cluster', '-plan=x.json'])).toBe(1);
    expect(stderr).toContain('kubeprep cluster: cluster needs -plan, -out\n  allowed: -plan, -out');
  });

  it('writes a cfssl-layout zip (mode 0600), prints lint warnings, and its verify.sh passes', async () => {
    const plan = planFile('lab.json', {
      clusterName: 'cli-lab', key: { algo: 'ecdsa', size: 256 },
      controlPlane: [{ name: 'cp-1', ip: '10.1.0.11' }, { name: 'cp-2', ip: '10.1.0.12' }],
      workers: [{ name: 'w-1', ip: '10.1.0.21' }],
      apiEndpoint: { vip: '', dnsName: '', port: 6443 },
      loadBalancer: { kind: 'external', interface: 'eth0' },
      trustModel: 'single-ca',
    });
    const out = join(work, 'lab.zip');
    expect(await main(['cluster', '-plan', plan, '-out', out, '-layout=cfssl']), stderr).toBe(0);
    expect(stderr).toContain('[WARNING] 2 etcd members');
    expect(stderr).toContain('[WARNING] Several control-plane nodes but no load-balancer VIP or DNS name (apiEndpoint.vip)');
    // The one-CA model: an error-level finding with its fix, printed first; the bundle is still written.
    expect(stderr.indexOf('[ERROR] etcd trusts every certificate the one cluster CA signs (trustModel)')).toBeGreaterThanOrEqual(0);
    expect(stderr.indexOf('[ERROR]')).toBeLessThan(stderr.indexOf('[WARNING]'));
    expect(stderr).toContain('Fix: Choose “One CA + a separate etcd CA”');
    expect(stderr).toMatch(/\[INFO\] The bootstrap token [a-z0-9]{6} expires at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(24h after it was generated\)/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const dir = join(work, 'lab');
    expect((await run('unzip', ['-q', out, '-d', dir])).code).toBe(0);
    expect(statSync(join(dir, 'cp-2/etc/kubernetes/ssl/apiserver.pem')).isFile()).toBe(true);
    expect(statSync(join(dir, 'cp-2/etc/kubernetes/ssl/apiserver-key.pem')).mode & 0o777).toBe(0o600);
    const verify = await run('bash', [join(dir, 'verify.sh')], { timeoutMs: 200_000 });
    expect(verify.code, verify.stdout.split('\n').filter((l) => l.startsWith('FAIL')).join('\n')).toBe(0);
  }, 300_000);
});
