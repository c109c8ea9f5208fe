import { beforeAll, describe, expect, it } from 'vitest';
import { clusterBundleFiles } from '../../../src/lib/bundle/cluster-layout';
import { generateCluster, type GeneratedCluster } from '../../../src/lib/cluster';
import { resolved, threeByThree } from '../cluster/fixtures';

const readmeOf = (generated: GeneratedCluster, locale?: 'en' | 'zh-CN', layout: 'kubeadm' | 'cfssl' = 'kubeadm') =>
  clusterBundleFiles(generated, layout, locale).find((f) => f.path === 'README.md')!.content;

describe("the cluster bundle's README", () => {
  let generated: GeneratedCluster;
  beforeAll(async () => {
    generated = await generateCluster(resolved(threeByThree({ key: { algo: 'ecdsa', size: 256 }, kubeletCredentials: 'tls-bootstrap', bootstrapTokenTtl: '48h' })), { now: new Date('2026-11-29T08:30:00Z') });
  });

  it('is English by default, naming the plan, the steps and every certificate', () => {
    const readme = readmeOf(generated);
    expect(readme).toBe(readmeOf(generated, 'en'));
    expect(readme.split('\n')[0]).toBe('# Cluster PKI bundle: prod');
    expect(readme).toContain('## Steps');
    expect(readme).toContain(`Bootstrap token \`${generated.bootstrapToken.id}\` expires at **2026-12-01 08:30 UTC** (48h after the bundle was made)`);
    expect(readme).toContain(generated.caCertHash);
    expect(readme).not.toContain(generated.bootstrapToken.secret);
    expect(readme).toContain('| id | signer | CN | O | SANs | usages | expiry |');
    for (const cert of generated.set.certificates) expect(readme).toContain(`| ${cert.id} | ${cert.signer} | ${cert.cn} |`);
  });

  it("follows the user's language (zh-CN) and keeps commands, paths and table cells as they are", () => {
    const readme = readmeOf(generated, 'zh-CN');
    expect(readme.split('\n')[0]).toBe('# 集群 PKI 证书包：prod');
    expect(readme).toContain('## 操作步骤');
    expect(readme).toContain('`SSH_USER=root ./distribute.sh`');
    expect(readme).toContain('**2026-12-01 08:30 UTC**');
    expect(readme).toContain('`kubeadm init --config /opt/kubeprep/kubeadm-config.yaml`');
    expect(readme).toContain('- `cp-1/`：');
    expect(readme).not.toMatch(/Steps|Certificates|This zip holds private keys|Kubeconfigs:/);
    for (const cert of generated.set.certificates) expect(readme).toContain(`| ${cert.id} | ${cert.signer} | ${cert.cn} |`);
  });

  it('lists, for the kubeadm layout, kubeadm init on the first control plane, the RBAC step with super-admin.conf, then the joins in order', () => {
    const readme = readmeOf(generated);
    const steps = readme.split('\n').filter((line) => /^\d+\. /.test(line));
    const index = (text: string) => steps.findIndex((line) => line.includes(text));
    expect(index('kubeadm init --config')).toBeGreaterThan(index('distribute.sh'));
    expect(steps[index('kubeadm init --config')]).toContain('On cp-1:');
    expect(steps[index('super-admin.conf')]).toContain('`kubectl --kubeconfig cp-1/etc/kubernetes/super-admin.conf apply -f cluster/rbac.yaml`');
    expect(index('super-admin.conf')).toBe(index('kubeadm init --config') + 1);
    expect(steps[index('super-admin.conf') + 1]).toContain('(cp-2, cp-3)');
    expect(steps[index('super-admin.conf') + 2]).toContain('(worker-1, worker-2, worker-3)');
    // A worker's pki/ca.crt is written by join: the files are checked on the nodes after it.
    expect(index('KUBEPREP_ROOT=/ ./verify.sh')).toBe(index('super-admin.conf') + 3);
    const commands = readme.slice(readme.indexOf('```sh'), readme.indexOf('```', readme.indexOf('```sh') + 3));
    expect(commands.split('\n').filter((l) => l.startsWith('kubeadm '))).toEqual([
      'kubeadm init --config /opt/kubeprep/kubeadm-config.yaml',
      ...Array.from({ length: 5 }, () => 'kubeadm join --config /opt/kubeprep/kubeadm-config.yaml'),
    ]);
    expect(commands).toContain('# cp-2 (10.0.0.12)');
  });

  it('lists, for the binary install, the units per node and applies every manifest with super-admin.conf', () => {
    const readme = readmeOf(generated, 'en', 'cfssl');
    expect(readme).not.toContain('kubeadm init');
    expect(readme).toContain('`kubectl --kubeconfig cp-1/etc/kubernetes/super-admin.conf apply -f cluster/`');
    expect(readme).toContain('- `cp-1`: etcd.service, kube-apiserver.service, kube-controller-manager.service, kube-scheduler.service, kubelet.service, kube-proxy.service');
    expect(readme).toContain('- `worker-1`: kubelet.service, kube-proxy.service');
  });

  it('changes nothing but the words between languages: the README and the bundle scripts\' comments and messages', () => {
    const WORDED = new Set(['README.md', 'distribute.sh', 'verify.sh', 'cfssl/gencert.sh']);
    const files = (locale: 'en' | 'zh-CN') => clusterBundleFiles(generated, 'kubeadm', locale);
    // keepalived and haproxy configurations carry a comment in the bundle's language too.
    const worded = (path: string) => WORDED.has(path) || /\/(haproxy\.cfg|keepalived\.conf|check_apiserver\.sh)$/.test(path);
    const unworded = (locale: 'en' | 'zh-CN') => files(locale).filter((f) => !worded(f.path));
    expect(unworded('zh-CN')).toEqual(unworded('en'));
    // Only comment lines and quoted messages differ in the scripts; the commands are the same.
    const commands = (text: string) => text.split('\n').filter((l) => !l.trimStart().startsWith('#')).map((l) => l.replace(/"[^"]*"/g, '""'));
    for (const path of files('en').map((f) => f.path).filter((p) => worded(p) && p !== 'README.md')) {
      const [en, zh] = (['en', 'zh-CN'] as const).map((l) => String(files(l).find((f) => f.path === path)!.content));
      expect(en, path).not.toBe(zh);
      expect(commands(zh!), path).toEqual(commands(en!));
    }
  });
});
