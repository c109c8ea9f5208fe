import { beforeAll, describe, expect, it } from 'vitest';
import { clusterBundleFiles } from '../../../src/lib/bundle/cluster-layout';
import { generateCluster, type GeneratedCluster } from '../../../src/lib/cluster';
import { resolved, threeByThree } from '../cluster/fixtures';

const readmeOf = (generated: GeneratedCluster, locale?: 'en' | 'zh-CN') =>
  clusterBundleFiles(generated, 'kubeadm', locale).find((f) => f.path === 'README.md')!.content;

describe("the cluster bundle's README", () => {
  let generated: GeneratedCluster;
  beforeAll(async () => {
    generated = await generateCluster(resolved(threeByThree({ key: { algo: 'ecdsa', size: 256 }, kubeletCredentials: 'tls-bootstrap' })));
  });

  it('is English by default, naming the plan, the steps and every certificate', () => {
    const readme = readmeOf(generated);
    expect(readme).toBe(readmeOf(generated, 'en'));
    expect(readme.split('\n')[0]).toBe('# Cluster PKI bundle: prod');
    expect(readme).toContain('## Steps');
    expect(readme).toContain('4. Once the API server runs: `kubectl apply -f cluster/` (rbac.yaml, bootstrap-token.yaml).');
    expect(readme).toContain('| id | signer | CN | O | SANs | usages | expiry |');
    for (const cert of generated.set.certificates) expect(readme).toContain(`| ${cert.id} | ${cert.signer} | ${cert.cn} |`);
  });

  it("follows the user's language (zh-CN) and keeps commands, paths and table cells as they are", () => {
    const readme = readmeOf(generated, 'zh-CN');
    expect(readme.split('\n')[0]).toBe('# 集群 PKI 证书包:prod');
    expect(readme).toContain('## 操作步骤');
    expect(readme).toContain('`SSH_USER=root ./distribute.sh`');
    expect(readme).toContain('`kubectl apply -f cluster/`(rbac.yaml, bootstrap-token.yaml)');
    expect(readme).toContain('- `cp-1/`: ');
    expect(readme).not.toMatch(/Steps|Certificates|This zip holds private keys|Kubeconfigs:/);
    for (const cert of generated.set.certificates) expect(readme).toContain(`| ${cert.id} | ${cert.signer} | ${cert.cn} |`);
  });

  it('changes nothing but the words between languages: the README and the bundle scripts\' comments and messages', () => {
    const WORDED = new Set(['README.md', 'distribute.sh', 'verify.sh', 'cfssl/gencert.sh']);
    const files = (locale: 'en' | 'zh-CN') => clusterBundleFiles(generated, 'kubeadm', locale);
    const unworded = (locale: 'en' | 'zh-CN') => files(locale).filter((f) => !WORDED.has(f.path));
    expect(unworded('zh-CN')).toEqual(unworded('en'));
    // Only comment lines and quoted messages differ in the scripts; the commands are the same.
    const commands = (text: string) => text.split('\n').filter((l) => !l.trimStart().startsWith('#')).map((l) => l.replace(/"[^"]*"/g, '""'));
    for (const path of ['distribute.sh', 'verify.sh', 'cfssl/gencert.sh']) {
      const [en, zh] = (['en', 'zh-CN'] as const).map((l) => String(files(l).find((f) => f.path === path)!.content));
      expect(en, path).not.toBe(zh);
      expect(commands(zh!), path).toEqual(commands(en!));
    }
  });
});
