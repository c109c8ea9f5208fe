import { describe, expect, it } from 'vitest';
import {
  certificateSet, cfsslInputs, distributeScript, LAYOUTS, LOAD_BALANCER_KINDS, nodeFiles, opensslSanPatterns, TRUST_MODELS, verifyScript, type Layout, type TrustModel,
} from '../../../src/lib/cluster';
import { SCRIPT_NAMES } from '../../../src/lib/scripts';
import { resolved, threeByThree } from './fixtures';

function files(trustModel: TrustModel, layout: Layout) {
  const plan = resolved(threeByThree({ trustModel }));
  return { plan, set: certificateSet(plan), files: nodeFiles(plan, certificateSet(plan), layout) };
}

describe('node file placement', () => {
  it('orders each node\'s files as Intl.Collator(\'en\') would, in every layout, trust model, load balancer and etcd topology', () => {
    const collator = new Intl.Collator('en').compare;
    let checked = 0;
    for (const trustModel of TRUST_MODELS) {
      for (const kind of LOAD_BALANCER_KINDS) {
        for (const etcd of [{ topology: 'stacked' as const, members: [] }, { topology: 'external' as const, members: [{ name: 'etcd-1', ip: '10.0.0.31' }, { name: 'etcd-2', ip: '10.0.0.32' }, { name: 'etcd-3', ip: '10.0.0.33' }] }]) {
          // haproxy listens beside kube-apiserver: on another port than its 6443.
          const apiEndpoint = { vip: '10.0.0.10', dnsName: 'api.prod.example', port: kind === 'keepalived-haproxy' ? 8443 : 6443 };
          const plan = resolved(threeByThree({ trustModel, etcd, apiEndpoint, loadBalancer: { kind, interface: 'eth0' }, calicoEtcdClient: true }));
          for (const layout of LAYOUTS) {
            const placed = nodeFiles(plan, certificateSet(plan), layout, SCRIPT_NAMES);
            for (const node of new Set(placed.map((f) => f.node))) {
              const paths = placed.filter((f) => f.node === node).map((f) => f.path);
              expect(paths, `${trustModel} ${kind} ${etcd.topology} ${layout} ${node}`).toEqual([...paths].sort(collator));
              checked += paths.length;
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('puts the kubeadm tree on the first control-plane node: everything kubeadm init would make, and its configuration', () => {
    const paths = files('kubeadm', 'kubeadm').files.filter((f) => f.node === 'cp-1').map((f) => f.path);
    expect(paths).toEqual([
      '/etc/kubernetes/admin.conf', '/etc/kubernetes/controller-manager.conf', '/etc/kubernetes/enc/encryption-config.yaml', '/etc/kubernetes/kubelet.conf',
      '/etc/kubernetes/pki/apiserver-etcd-client.crt', '/etc/kubernetes/pki/apiserver-etcd-client.key',
      '/etc/kubernetes/pki/apiserver-kubelet-client.crt', '/etc/kubernetes/pki/apiserver-kubelet-client.key',
      '/etc/kubernetes/pki/apiserver.crt', '/etc/kubernetes/pki/apiserver.key',
      '/etc/kubernetes/pki/ca.crt', '/etc/kubernetes/pki/ca.key',
      '/etc/kubernetes/pki/etcd/ca.crt', '/etc/kubernetes/pki/etcd/ca.key',
      '/etc/kubernetes/pki/etcd/healthcheck-client.crt', '/etc/kubernetes/pki/etcd/healthcheck-client.key',
      '/etc/kubernetes/pki/etcd/peer.crt', '/etc/kubernetes/pki/etcd/peer.key',
      '/etc/kubernetes/pki/etcd/server.crt', '/etc/kubernetes/pki/etcd/server.key',
      '/etc/kubernetes/pki/front-proxy-ca.crt', '/etc/kubernetes/pki/front-proxy-ca.key',
      '/etc/kubernetes/pki/front-proxy-client.crt', '/etc/kubernetes/pki/front-proxy-client.key',
      '/etc/kubernetes/pki/sa.key', '/etc/kubernetes/pki/sa.pub',
      '/etc/kubernetes/scheduler.conf', '/etc/kubernetes/super-admin.conf',
      '/opt/kubeprep/kubeadm-config.yaml',
      '/var/lib/kubelet/pki/kubelet.crt', '/var/lib/kubelet/pki/kubelet.key',
    ]);
  });

  it('gives a joining control-plane node no kubelet.conf and no super-admin.conf: join bootstraps the one and kubeadm writes the other on the first node only', () => {
    const paths = files('kubeadm', 'kubeadm').files.filter((f) => f.node === 'cp-2').map((f) => f.path);
    expect(paths).not.toContain('/etc/kubernetes/kubelet.conf');
    expect(paths).not.toContain('/etc/kubernetes/super-admin.conf');
    expect(paths).not.toContain('/etc/kubernetes/bootstrap-kubelet.conf');
    expect(paths.filter((p) => p.endsWith('.conf'))).toEqual(['/etc/kubernetes/admin.conf', '/etc/kubernetes/controller-manager.conf', '/etc/kubernetes/scheduler.conf']);
    expect(paths).toContain('/etc/kubernetes/pki/ca.key');
    expect(paths).toContain('/etc/kubernetes/pki/sa.key');
    expect(paths.some((p) => p.startsWith('/etc/kubernetes/manifests/'))).toBe(false);
  });

  it('gives a kubeadm worker nothing `kubeadm join` writes (pki/ca.crt, kubelet.conf), and marks every key and credential secret', () => {
    const { files: all } = files('kubeadm', 'kubeadm');
    const worker = all.filter((f) => f.node === 'worker-1');
    expect(worker.map((f) => [f.path, f.secret])).toEqual([
      ['/opt/kubeprep/kubeadm-config.yaml', true],
      ['/var/lib/kubelet/pki/kubelet.crt', false], ['/var/lib/kubelet/pki/kubelet.key', true],
    ]);
    expect(all.filter((f) => /\.key$|-key\.pem$/.test(f.path) && f.path !== '/etc/kubernetes/pki/sa.pub').every((f) => f.secret)).toBe(true);
  });

  it('gives a worker of the binary install its kubeconfigs, CA, units and their configurations', () => {
    const worker = files('kubeadm', 'cfssl').files.filter((f) => f.node === 'worker-1').map((f) => [f.path, f.secret]);
    expect(worker).toEqual([
      ['/etc/kubernetes/kube-proxy.conf', true], ['/etc/kubernetes/kubelet.conf', true],
      ['/etc/kubernetes/ssl/ca.pem', false], ['/etc/kubernetes/ssl/kube-proxy-key.pem', true], ['/etc/kubernetes/ssl/kube-proxy.pem', false],
      ['/etc/kubernetes/ssl/kubelet-client-key.pem', true], ['/etc/kubernetes/ssl/kubelet-client.pem', false],
      ['/etc/kubernetes/ssl/kubelet-key.pem', true], ['/etc/kubernetes/ssl/kubelet.pem', false],
      ['/etc/systemd/system/kube-proxy.service', false], ['/etc/systemd/system/kubelet.service', false],
      ['/var/lib/kube-proxy/config.yaml', false], ['/var/lib/kubelet/config.yaml', false],
    ]);
  });

  it('uses one ca.pem in the single-CA cfssl layout and <name>.pem names', () => {
    const cp = files('single-ca', 'cfssl').files.filter((f) => f.node === 'cp-1').map((f) => f.path);
    expect(cp.filter((p) => p.includes('ca'))).toContain('/etc/kubernetes/ssl/ca.pem');
    expect(cp.some((p) => p.includes('etcd-ca') || p.includes('front-proxy-ca'))).toBe(false);
    expect(cp).toContain('/etc/kubernetes/ssl/admin-key.pem');
    expect(cp).toContain('/etc/kubernetes/ssl/etcd-peer.pem');
  });

  it('writes every CA role path in the single-CA kubeadm layout so kubeadm finds them', () => {
    const { files: all } = files('single-ca', 'kubeadm');
    const cp = all.filter((f) => f.node === 'cp-1' && f.source.type.startsWith('ca-'));
    expect(cp.map((f) => [f.path, f.source])).toEqual([
      ['/etc/kubernetes/pki/ca.crt', { type: 'ca-cert', role: 'ca' }], ['/etc/kubernetes/pki/ca.key', { type: 'ca-key', role: 'ca' }],
      ['/etc/kubernetes/pki/etcd/ca.crt', { type: 'ca-cert', role: 'ca' }], ['/etc/kubernetes/pki/etcd/ca.key', { type: 'ca-key', role: 'ca' }],
      ['/etc/kubernetes/pki/front-proxy-ca.crt', { type: 'ca-cert', role: 'ca' }], ['/etc/kubernetes/pki/front-proxy-ca.key', { type: 'ca-key', role: 'ca' }],
    ]);
  });
});

describe('bundle scripts and cfssl inputs', () => {
  it('distribute.sh copies every file of a node with scp and chmods the secrets', () => {
    const { plan, files: all } = files('kubeadm', 'kubeadm');
    const script = distributeScript(plan, all, 'en');
    expect(script.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(script).toContain('set -euo pipefail');
    expect(script).toContain("send worker-2 10.0.0.22 0600 /var/lib/kubelet/pki/kubelet.key");
    expect(script).toContain("send cp-3 10.0.0.13 0644 /etc/kubernetes/pki/ca.crt");
    expect(script.match(/^ {6}send /gm)).toHaveLength(all.length);
    expect(script).toContain('send worker-1 10.0.0.21 0600 /opt/kubeprep/kubeadm-config.yaml');
  });

  it('verify.sh checks each certificate against its signer with its SANs', () => {
    const { plan, set, files: all } = files('kubeadm', 'kubeadm');
    const script = verifyScript(plan, set, 'kubeadm', all, 'en');
    expect(script).toContain(
      "check_cert cp-1 /etc/kubernetes/pki/etcd/server.crt /etc/kubernetes/pki/etcd/ca.crt /etc/kubernetes/pki/etcd/server.key dns:cp-1 dns:localhost ipaddress:10.0.0.11 ipaddress:127.0.0.1 'ipaddress:0:0:0:0:0:0:0:1|ipaddress:::1'",
    );
    expect(script).toContain('check_kubeconfig cp-1 /etc/kubernetes/kubelet.conf');
    // A kubeadm worker's CA is written by `kubeadm join`: on the bundle it is read from cp-1's folder.
    expect(script).toContain('check_cert worker-1 /var/lib/kubelet/pki/kubelet.crt @cp-1:/etc/kubernetes/pki/ca.crt /var/lib/kubelet/pki/kubelet.key dns:worker-1 ipaddress:10.0.0.21');
  });

  it('formats SAN patterns as openssl prints them', () => {
    expect(opensslSanPatterns('Kubernetes.Default')).toBe('dns:kubernetes.default');
    expect(opensslSanPatterns('fd00:10:96::1')).toBe('ipaddress:fd00:10:96:0:0:0:0:1|ipaddress:fd00:10:96::1');
  });

  it('emits cfssl inputs for every CA and certificate', () => {
    const { plan, set } = files('kubeadm', 'kubeadm');
    const inputs = cfsslInputs(plan, set, 'en');
    expect(inputs.size).toBe(1 + set.cas.length + set.certificates.length + 1);
    expect(JSON.parse(inputs.get('apiserver-cp-1-csr.json')!)).toEqual(set.certificates[0]!.csr);
    expect(inputs.get('gencert.sh')).toContain('cfssl gencert -ca=etcd-ca.pem -ca-key=etcd-ca-key.pem -config=ca-config.json -profile=peer etcd-peer-cp-2-csr.json | cfssljson -bare etcd-peer-cp-2');
  });
});
