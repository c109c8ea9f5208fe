import { describe, expect, it } from 'vitest';
import { caConfig, certificateSet, trustTree, type CertificatePlan, type TrustModel } from '../../../src/lib/cluster';
import { resolved, threeByThree } from './fixtures';

const SERVER = ['signing', 'key encipherment', 'server auth'];
const CLIENT = ['signing', 'key encipherment', 'client auth'];
const BOTH = ['signing', 'key encipherment', 'server auth', 'client auth'];

type Row = [id: string, cn: string, o: string[], sans: string[], usages: string[], signer: 'ca' | 'etcd-ca' | 'front-proxy-ca'];

function apiserverSans(node: string, ip: string): string[] {
  return [node, 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local',
    '10.96.0.1', ip, '10.0.0.10', 'api.prod.example', 'k8s.example.com'];
}

/**
 * The expected table for the 3+3 plan on Kubernetes 1.31, written out by hand from kubeadm's lists
 * (docs/kubernetes-pki.md): every client identity per control-plane node (what `kubeadm join
 * --control-plane` makes), super-admin on the first one only.
 */
function expected(): Row[] {
  const cps = [['cp-1', '10.0.0.11'], ['cp-2', '10.0.0.12'], ['cp-3', '10.0.0.13']] as const;
  const nodes = [...cps, ['worker-1', '10.0.0.21'], ['worker-2', '10.0.0.22'], ['worker-3', '10.0.0.23']] as const;
  return [
    ...cps.flatMap(([n, ip]): Row[] => [
      [`apiserver-${n}`, 'kube-apiserver', [], apiserverSans(n, ip), SERVER, 'ca'],
      [`apiserver-kubelet-client-${n}`, 'kube-apiserver-kubelet-client', ['kubeadm:cluster-admins'], [], CLIENT, 'ca'],
      [`apiserver-etcd-client-${n}`, 'kube-apiserver-etcd-client', [], [], CLIENT, 'etcd-ca'],
      [`front-proxy-client-${n}`, 'front-proxy-client', [], [], CLIENT, 'front-proxy-ca'],
    ]),
    ...cps.flatMap(([n, ip]): Row[] => [
      [`etcd-server-${n}`, n, [], [n, 'localhost', ip, '127.0.0.1', '::1'], BOTH, 'etcd-ca'],
      [`etcd-peer-${n}`, n, [], [n, 'localhost', ip, '127.0.0.1', '::1'], BOTH, 'etcd-ca'],
      [`etcd-healthcheck-client-${n}`, 'kube-etcd-healthcheck-client', [], [], CLIENT, 'etcd-ca'],
    ]),
    ...cps.flatMap(([n], i): Row[] => [
      [`admin-${n}`, 'kubernetes-admin', ['kubeadm:cluster-admins'], [], CLIENT, 'ca'],
      ...(i === 0 ? [[`super-admin-${n}`, 'kubernetes-super-admin', ['system:masters'], [], CLIENT, 'ca'] as Row] : []),
      [`controller-manager-${n}`, 'system:kube-controller-manager', [], [], CLIENT, 'ca'],
      [`scheduler-${n}`, 'system:kube-scheduler', [], [], CLIENT, 'ca'],
    ]),
    ...nodes.map(([n]): Row => [`kube-proxy-${n}`, 'system:kube-proxy', ['system:node-proxier'], [], CLIENT, 'ca']),
    ...nodes.map(([n]): Row => [`kubelet-client-${n}`, `system:node:${n}`, ['system:nodes'], [], CLIENT, 'ca']),
    ...nodes.map(([n, ip]): Row => [`kubelet-server-${n}`, `system:node:${n}`, ['system:nodes'], [n, ip], SERVER, 'ca']),
  ];
}

function row(c: CertificatePlan): Row {
  return [c.id, c.cn, c.o, c.hosts, [...c.usages], c.signer];
}

describe.each<[TrustModel]>([['kubeadm'], ['single-ca-etcd'], ['single-ca']])('certificate set, 3 control-plane + 3 workers, %s', (trustModel) => {
  const plan = resolved(threeByThree({ trustModel }));
  const set = certificateSet(plan);
  const fold = (signer: Row[5]): Row[5] => {
    if (trustModel === 'single-ca') return 'ca';
    return trustModel === 'single-ca-etcd' && signer === 'front-proxy-ca' ? 'ca' : signer;
  };

  it('has exactly the expected certificates with CN, O, SANs, usages and signer', () => {
    expect(set.certificates.map(row)).toEqual(expected().map(([id, cn, o, sans, usages, signer]) => [id, cn, o, sans, usages, fold(signer)]));
  });

  it('writes the same values into each cfssl CSR JSON', () => {
    for (const c of set.certificates) {
      expect(c.csr, c.id).toEqual({ CN: c.cn, hosts: c.hosts, key: { algo: 'rsa', size: 2048 }, names: c.o.map((O) => ({ O })) });
      expect(c.expiry).toBe('8760h');
    }
  });

  it('has the CAs of the trust model', () => {
    const cas = set.cas.map((ca) => [ca.id, ca.cn, ca.csr.ca?.expiry]);
    const all = [['ca', 'kubernetes', '87600h'], ['etcd-ca', 'etcd-ca', '87600h'], ['front-proxy-ca', 'front-proxy-ca', '87600h']];
    expect(cas).toEqual({ kubeadm: all, 'single-ca-etcd': all.slice(0, 2), 'single-ca': all.slice(0, 1) }[trustModel]);
    expect(trustTree(set).reduce((n, branch) => n + branch.leaves.length, 0)).toBe(set.certificates.length);
  });

  it('binds kubeadm:cluster-admins to cluster-admin and keeps sa.key RSA on every control plane', () => {
    expect(set.clusterRoleBindings).toEqual([{ name: 'kubeadm:cluster-admins', clusterRole: 'cluster-admin', subject: { kind: 'Group', name: 'kubeadm:cluster-admins' } }]);
    expect(set.serviceAccount).toEqual({ kubeadmPath: '/etc/kubernetes/pki/sa', algo: 'rsa', size: 2048, destinations: ['cp-1', 'cp-2', 'cp-3'] });
  });
});

describe('certificate set variations', () => {
  it('follows the version: ≤1.28 system:masters and no super-admin; 1.33+ no O on apiserver-kubelet-client + CRB', () => {
    const old = certificateSet(resolved(threeByThree({ kubernetesVersion: 'v1.28.4' })));
    const byId = (set: typeof old, id: string) => set.certificates.find((c) => c.id === id);
    expect(byId(old, 'admin-cp-2')!.o).toEqual(['system:masters']);
    expect(old.certificates.filter((c) => c.kind === 'super-admin')).toEqual([]);
    expect(byId(old, 'apiserver-kubelet-client-cp-1')!.o).toEqual(['system:masters']);
    expect(old.clusterRoleBindings).toEqual([]);
    const recent = certificateSet(resolved(threeByThree({ kubernetesVersion: '1.33' })));
    expect(byId(recent, 'apiserver-kubelet-client-cp-3')!.o).toEqual([]);
    expect(recent.certificates.filter((c) => c.kind === 'super-admin').map((c) => c.destinations)).toEqual([['cp-1']]);
    expect(recent.clusterRoleBindings.map((b) => b.name)).toEqual(['kubeadm:cluster-admins', 'kubeadm:apiserver-kubelet-client']);
  });

  it('puts both first service IPs into a dual-stack apiserver cert and external etcd members get their own certs', () => {
    const plan = resolved(threeByThree({
      serviceCidr: '10.96.0.0/12,fd00:10:96::/112',
      podCidr: '10.244.0.0/16,fd00:10:244::/56',
      etcd: { topology: 'external', members: [{ name: 'etcd-a', ip: 'fd00::31' }, { name: 'etcd-b', ip: 'fd00::32' }, { name: 'etcd-c', ip: 'fd00::33' }] },
      calicoEtcdClient: true,
    }));
    const set = certificateSet(plan);
    expect(set.certificates.find((c) => c.id === 'apiserver-cp-1')!.hosts).toContain('fd00:10:96::1');
    expect(set.certificates.find((c) => c.id === 'etcd-peer-etcd-b')!.hosts).toEqual(['etcd-b', 'localhost', 'fd00::32', '127.0.0.1', '::1']);
    expect(set.certificates.filter((c) => c.kind === 'etcd-healthcheck-client').map((c) => c.destinations)).toEqual([['etcd-a'], ['etcd-b'], ['etcd-c']]);
    expect(set.certificates.filter((c) => c.kind === 'apiserver-etcd-client').map((c) => c.destinations)).toEqual([['cp-1'], ['cp-2'], ['cp-3']]);
    expect(set.certificates.find((c) => c.id === 'calico-etcd-client')).toMatchObject({ cn: 'calico', signer: 'etcd-ca', usages: CLIENT });
    expect(set.certificates.some((c) => c.id === 'etcd-server-cp-1')).toBe(false);
  });

  it('issues no static client certificates to workers with TLS bootstrap, but still serving certificates', () => {
    const set = certificateSet(resolved(threeByThree({ kubeletCredentials: 'tls-bootstrap' })));
    const ids = set.certificates.map((c) => c.id);
    expect(ids.filter((id) => id.startsWith('kubelet-client-'))).toEqual(['kubelet-client-cp-1', 'kubelet-client-cp-2', 'kubelet-client-cp-3']);
    expect(ids.filter((id) => id.startsWith('kubelet-server-'))).toHaveLength(6);
  });

  it('dedupes SANs (a member on 127.0.0.1) and uses ECDSA keys when asked', () => {
    const plan = resolved(threeByThree({ controlPlane: [{ name: 'solo', ip: '127.0.0.1' }], key: { algo: 'ecdsa', size: 256 } }));
    const set = certificateSet(plan);
    const server = set.certificates.find((c) => c.id === 'etcd-server-solo')!;
    expect(server.hosts).toEqual(['solo', 'localhost', '127.0.0.1', '::1']);
    expect(server.csr.key).toEqual({ algo: 'ecdsa', size: 256 });
    expect(set.serviceAccount.size).toBe(2048);
  });

  it('generates a ca-config.json with server, client and peer profiles', () => {
    const config = caConfig(resolved(threeByThree({ leafExpiry: '4380h' })));
    expect(config.signing.profiles).toEqual({
      server: { expiry: '4380h', usages: SERVER },
      client: { expiry: '4380h', usages: CLIENT },
      peer: { expiry: '4380h', usages: BOTH },
    });
  });
});
