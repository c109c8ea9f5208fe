import { describe, expect, it } from 'vitest';
import { allKubeconfigs, generateCluster } from '../../../src/lib/cluster';
import { certInfo, verifyChain } from '../../../src/lib/pki';
import { resolved, threeByThree } from './fixtures';

describe('generateCluster', () => {
  it('issues every certificate of the table, signed by its CA, with the planned CN, O, SANs and usages', async () => {
    const plan = resolved(threeByThree({ key: { algo: 'ecdsa', size: 256 }, kubeletCredentials: 'tls-bootstrap', calicoEtcdClient: true }));
    const progress: number[] = [];
    const generated = await generateCluster(plan, { now: new Date('2026-01-01T00:00:00Z'), onProgress: (done) => progress.push(done) });
    expect(progress.at(-1)).toBe(generated.set.cas.length + generated.set.certificates.length + 1);
    for (const cert of generated.set.certificates) {
      const pair = generated.certificates.get(cert.id)!;
      const chain = await verifyChain(pair.certPem, [generated.cas.get(cert.signer)!.certPem], { now: new Date('2026-06-01T00:00:00Z') });
      expect(chain.ok, `${cert.id}: ${chain.problems.join(',')}`).toBe(true);
      const info = await certInfo(pair.certPem);
      expect(info.subject.common_name, cert.id).toBe(cert.cn);
      expect(info.subject.organization ?? '', cert.id).toBe(cert.o.join(','));
      expect([...info.dns_names, ...info.ip_addresses].sort(), cert.id).toEqual([...cert.hosts].sort());
      expect(info.ext_key_usages.sort(), cert.id).toEqual(cert.usages.filter((u) => u.endsWith(' auth')).sort());
      expect(info.key_usages.sort(), cert.id).toEqual(['digital signature', 'key encipherment']);
      // cfssl backdates notBefore by 5 minutes and counts the expiry from there.
      expect(Math.abs(Date.parse(info.not_after) - Date.parse('2027-01-01T00:00:00Z')), `${cert.id} ${info.not_after}`).toBeLessThanOrEqual(3_600_000);
    }
    expect(generated.serviceAccount.pubPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(generated.serviceAccount.keyPem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect([...generated.manifests.keys()]).toEqual(['rbac.yaml', 'bootstrap-token.yaml', 'calico-etcd-secrets.yaml']);
    const kubeconfigs = allKubeconfigs(generated);
    expect(kubeconfigs.get('worker-1/bootstrap-kubelet.conf')).toContain(`token: "${generated.bootstrapToken!.token}"`);
    expect(kubeconfigs.get('cp-1/admin.conf')).toContain('client-key-data: ');
  });
});

