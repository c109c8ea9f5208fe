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
    // Signed a few at a time and finished in any order, listed in the set's order.
    expect([...generated.cas.keys()]).toEqual(generated.set.cas.map((ca) => ca.role));
    expect([...generated.certificates.keys()]).toEqual(generated.set.certificates.map((cert) => cert.id));
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
    expect([...generated.manifests.keys()]).toEqual(['rbac.yaml', 'bootstrap-token.yaml', 'cluster-info.yaml', 'calico-etcd-secrets.yaml']);
    const kubeconfigs = allKubeconfigs(generated);
    expect(kubeconfigs.get('worker-1/bootstrap-kubelet.conf')).toContain(`token: "${generated.bootstrapToken.token}"`);
    expect(kubeconfigs.get('cp-1/admin.conf')).toContain('client-key-data: ');
  });

  it('makes the bootstrap token expire the plan\'s TTL after Generate, pins the cluster CA, and keys encryption at rest from the CSPRNG', async () => {
    const now = new Date('2026-11-29T10:00:00Z');
    const plan = resolved(threeByThree({ key: { algo: 'ecdsa', size: 256 }, bootstrapTokenTtl: '36h' }));
    const [a, b] = await Promise.all([generateCluster(plan, { now }), generateCluster(plan, { now })]);
    expect(a.tokenExpires.toISOString()).toBe('2026-11-30T22:00:00.000Z');
    expect(a.manifests.get('bootstrap-token.yaml')).toContain('expiration: "2026-11-30T22:00:00Z"');
    expect(a.caCertHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.encryptionKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    // Fresh secrets every time: another token, another CA, another key.
    expect(b.bootstrapToken.token).not.toBe(a.bootstrapToken.token);
    expect(b.caCertHash).not.toBe(a.caCertHash);
    expect(b.encryptionKey).not.toBe(a.encryptionKey);
    const off = await generateCluster(resolved(threeByThree({ key: { algo: 'ecdsa', size: 256 }, encryptionAtRest: false })), { now });
    expect(off.encryptionKey).toBeUndefined();
  });
});

