// The files that run the plan: systemd units whose every path is a file the bundle puts on that node,
// the VIP (haproxy, keepalived, kube-vip), the EncryptionConfiguration, and the YAML they are written in.
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterBundleFiles, clusterBundleFilesInSlices } from '../../../src/lib/bundle/cluster-layout';
import {
  certificateSet, encryptionConfigurationYaml, generateCluster, generateEncryptionKey, haproxyConfig, keepalivedCheckScript, keepalivedConfig,
  kubeletConfigurationYaml, kubeProxyConfigurationYaml, kubeVipManifest, nodeFiles, unitsFor, unitText, vrrpPriorities,
  type GeneratedCluster, type Layout,
} from '../../../src/lib/cluster';
import { toYaml } from '../../../src/lib/cluster/yaml';
import { resolved, threeByThree } from './fixtures';

const keepalivedPlan = () => resolved(threeByThree({
  key: { algo: 'ecdsa', size: 256 },
  loadBalancer: { kind: 'keepalived-haproxy', interface: 'ens192' }, apiEndpoint: { vip: '10.0.0.10', dnsName: '', port: 8443 },
}));

/** Every absolute path a unit names (flag values and binaries), split on commas. */
function pathsIn(text: string): string[] {
  return [...text.matchAll(/(?:=|\s)(\/[^\s,\\]+)/g)].map((m) => m[1]!);
}

describe('systemd units', () => {
  const layouts: Layout[] = ['cfssl', 'kubeadm'];
  const plans = {
    stacked: resolved(threeByThree({ kubeletCredentials: 'tls-bootstrap' })),
    external: resolved(threeByThree({ trustModel: 'single-ca-etcd', etcd: { topology: 'external', members: [{ name: 'etcd-1', ip: '10.0.0.31' }, { name: 'etcd-2', ip: '10.0.0.32' }, { name: 'etcd-3', ip: '10.0.0.33' }] } })),
  };

  it('run etcd, the control plane, the kubelet and kube-proxy where the binary install needs them; kubeadm only external etcd', () => {
    expect(unitsFor(plans.stacked, 'cfssl', 'cp-1')).toEqual(['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy']);
    expect(unitsFor(plans.stacked, 'cfssl', 'worker-1')).toEqual(['kubelet', 'kube-proxy']);
    expect(unitsFor(plans.stacked, 'kubeadm', 'cp-1')).toEqual([]);
    expect(unitsFor(plans.external, 'kubeadm', 'etcd-2')).toEqual(['etcd']);
    expect(unitsFor(plans.external, 'cfssl', 'cp-1')).toEqual(['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy']);
  });

  // kubeadm runs stacked etcd and the control plane as static pods: no units there.
  it.each(Object.entries(plans).flatMap(([name, plan]) => layouts.map((layout) => [name, layout, plan] as const)).filter(([name, layout]) => name !== 'stacked' || layout !== 'kubeadm'))(
    'name only files the bundle puts on the node (%s etcd, %s layout)', (_name, layout, plan) => {
      const set = certificateSet(plan);
      const files = nodeFiles(plan, set, layout);
      let checked = 0;
      for (const node of plan.allNodes) {
        const placed = new Set(files.filter((f) => f.node === node.name).map((f) => f.path));
        for (const unit of unitsFor(plan, layout, node.name)) {
          const text = unitText(plan, set, layout, node.name, unit);
          for (const path of pathsIn(text)) {
            // Binaries are installed by hand; the data directory and kubelet.conf of a bootstrapping kubelet are made at run time.
            if (path.startsWith('/usr/local/bin/') || path === '/var/lib/etcd' || path === '/etc/kubernetes/kubelet.conf' && text.includes('bootstrap-kubeconfig')) continue;
            expect(placed.has(path), `${node.name} ${unit}: ${path}`).toBe(true);
            checked++;
          }
        }
        if (layout === 'cfssl' && unitsFor(plan, layout, node.name).includes('kubelet')) {
          const config = kubeletConfigurationYaml(plan, set, layout, node.name).replace(/: "?/g, '= ');
          for (const path of pathsIn(config).filter((p) => p !== '/etc/kubernetes/manifests')) expect(placed.has(path), `${node.name} kubelet config ${path}`).toBe(true);
        }
      }
      expect(checked).toBeGreaterThan(layout === 'cfssl' ? 100 : 10);
    });

  it('give etcd the plan\'s members, mutual TLS on both ports, and the etcd CA of the trust model', () => {
    const set = certificateSet(plans.external);
    const text = unitText(plans.external, set, 'kubeadm', 'etcd-2', 'etcd');
    expect(text).toContain('--initial-cluster=etcd-1=https://10.0.0.31:2380,etcd-2=https://10.0.0.32:2380,etcd-3=https://10.0.0.33:2380 \\');
    expect(text).toContain('--listen-client-urls=https://10.0.0.32:2379 \\');
    for (const flag of ['--client-cert-auth=true', '--peer-client-cert-auth=true', '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt', '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt']) {
      expect(text).toContain(flag);
    }
    const apiserver = unitText(plans.external, set, 'cfssl', 'cp-2', 'kube-apiserver');
    expect(apiserver).toContain('--etcd-servers=https://10.0.0.31:2379,https://10.0.0.32:2379,https://10.0.0.33:2379 \\');
    expect(apiserver).toContain('--etcd-cafile=/etc/kubernetes/ssl/etcd-ca.pem');
    // One CA + etcd CA: the front-proxy role is the cluster CA's.
    expect(apiserver).toContain('--requestheader-client-ca-file=/etc/kubernetes/ssl/ca.pem');
    expect(apiserver).toContain('--encryption-provider-config=/etc/kubernetes/enc/encryption-config.yaml');
  });

  it('bootstrap workers\' kubelets with a token, and sign their certificates in the controller manager', () => {
    const set = certificateSet(plans.stacked);
    expect(unitText(plans.stacked, set, 'cfssl', 'worker-1', 'kubelet')).toContain('--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf');
    expect(unitText(plans.stacked, set, 'cfssl', 'cp-1', 'kubelet')).not.toContain('bootstrap-kubeconfig');
    const kcm = unitText(plans.stacked, set, 'cfssl', 'cp-1', 'kube-controller-manager');
    expect(kcm).toContain('--cluster-signing-key-file=/etc/kubernetes/ssl/ca-key.pem');
    expect(kcm).toContain('--controllers=*,bootstrapsigner,tokencleaner');
    expect(kcm).toContain('--cluster-cidr=10.244.0.0/16');
    expect(kubeletConfigurationYaml(plans.stacked, set, 'cfssl', 'worker-2')).toContain('clusterDNS:\n- "10.96.0.10"\n');
    expect(kubeProxyConfigurationYaml(plans.stacked, 'worker-2', { proxyMode: 'ipvs' })).toContain('mode: ipvs\n');
  });
});

describe('the VIP', () => {
  it('gives keepalived one MASTER, descending priorities and a check weight that drops a failed node below every healthy one', () => {
    expect(vrrpPriorities(3)).toEqual({ priorities: [120, 110, 100], weight: -30 });
    for (const n of [1, 2, 3, 5, 7]) {
      const { priorities, weight } = vrrpPriorities(n);
      expect(priorities[0]! + weight).toBeLessThan(Math.min(...priorities));
    }
    const plan = keepalivedPlan();
    const first = keepalivedConfig(plan, plan.plan.controlPlane[0]!, 'en');
    const third = keepalivedConfig(plan, plan.plan.controlPlane[2]!, 'en');
    expect(first).toContain('  state MASTER\n');
    expect(third).toContain('  state BACKUP\n');
    expect(third).toContain('  priority 100\n');
    expect(third).toContain('  interface ens192\n');
    expect(third).toContain('    10.0.0.10/32\n');
    expect(first.replace(/cp-1/g, 'X').replace(/MASTER/, 'S').replace(/120/, 'P')).toBe(third.replace(/cp-3/g, 'X').replace(/BACKUP/, 'S').replace(/100/, 'P'));
    expect(keepalivedCheckScript(plan, 'en')).toContain('https://127.0.0.1:6443/livez');
  });

  it('gives haproxy every API server behind the endpoint port', () => {
    const text = haproxyConfig(keepalivedPlan(), 'en');
    expect(text).toContain('  bind *:8443\n');
    expect(text.match(/^ {2}server /gm)).toHaveLength(3);
    expect(text).toContain('  server cp-2 10.0.0.12:6443\n');
    expect(text).toContain('  http-check send meth GET uri /livez\n');
  });

  it('mounts super-admin.conf into the first node\'s kube-vip (admin.conf has no rights during init), admin.conf elsewhere', () => {
    const plan = resolved(threeByThree({ loadBalancer: { kind: 'kube-vip', interface: 'eth1' } }));
    const first = kubeVipManifest(plan, plan.plan.controlPlane[0]!);
    expect(first).toContain('path: /etc/kubernetes/super-admin.conf');
    expect(first).toContain('value: eth1');
    expect(first).toContain('value: "10.0.0.10"');
    expect(first).toContain('value: "6443"');
    expect(kubeVipManifest(plan, plan.plan.controlPlane[1]!)).toContain('path: /etc/kubernetes/admin.conf');
    const old = resolved(threeByThree({ kubernetesVersion: '1.28', loadBalancer: { kind: 'kube-vip', interface: 'eth1' } }));
    expect(kubeVipManifest(old, old.plan.controlPlane[0]!)).toContain('path: /etc/kubernetes/admin.conf');
    const files = nodeFiles(plan, certificateSet(plan), 'kubeadm').filter((f) => f.source.type === 'kube-vip-manifest').map((f) => `${f.node}:${f.path}`);
    // Join's preflight wants /etc/kubernetes/manifests empty: the other nodes get it staged.
    expect(files).toEqual(['cp-1:/etc/kubernetes/manifests/kube-vip.yaml', 'cp-2:/opt/kubeprep/kube-vip.yaml', 'cp-3:/opt/kubeprep/kube-vip.yaml']);
  });
});

describe('encryption at rest', () => {
  let generated: GeneratedCluster;
  beforeAll(async () => {
    generated = await generateCluster(keepalivedPlan());
  });

  it('puts one EncryptionConfiguration, secret, on every control-plane node and only there', () => {
    for (const layout of ['kubeadm', 'cfssl'] as const) {
      const configs = clusterBundleFiles(generated, layout).filter((f) => f.path.endsWith('/etc/kubernetes/enc/encryption-config.yaml'));
      expect(configs.map((f) => f.path.split('/')[0])).toEqual(['cp-1', 'cp-2', 'cp-3']);
      expect(new Set(configs.map((f) => f.content)).size).toBe(1);
      expect(configs.every((f) => f.mode === 0o600)).toBe(true);
      expect(configs[0]!.content).toMatch(new RegExp(`secret: "?${generated.encryptionKey!.replace(/[+/]/g, '\\$&')}"?\n`));
    }
  });

  it('uses secretbox with a 32-byte key and keeps identity last so older Secrets stay readable', () => {
    let seen: Uint8Array = new Uint8Array();
    const key = generateEncryptionKey((b) => (seen = b.fill(7)));
    expect(seen).toHaveLength(32);
    const text = encryptionConfigurationYaml(key);
    expect(text).toBe([
      'apiVersion: apiserver.config.k8s.io/v1', 'kind: EncryptionConfiguration', 'resources:', '- resources:', '  - secrets', '  providers:',
      '  - secretbox:', '      keys:', '      - name: key1', `        secret: ${'BwcH'.repeat(10)}Bwc=`, '  - identity: {}', '',
    ].join('\n'));
  });
});

describe('the YAML writer', () => {
  it('leaves identifiers, paths and URLs plain and quotes anything a parser could take for another type', () => {
    expect(toYaml({ a: 'kubeadm.k8s.io/v1beta4', b: 'unix:///run/x.sock', c: 'https://[fd00::1]:6443', d: 'system:masters' }))
      .toBe('a: kubeadm.k8s.io/v1beta4\nb: unix:///run/x.sock\nc: https://[fd00::1]:6443\nd: system:masters\n');
    expect(toYaml({ a: 'yes', b: 'NO', c: '6443', d: '1e3', e: '10.0.0.1', f: 'a b', g: '', h: 'x: y', i: '*,bootstrapsigner' }))
      .toBe('a: "yes"\nb: "NO"\nc: "6443"\nd: "1e3"\ne: "10.0.0.1"\nf: "a b"\ng: ""\nh: "x: y"\ni: "*,bootstrapsigner"\n');
    expect(toYaml({ list: [], map: {}, nested: [{ a: 1, b: [true] }], skip: undefined, text: 'line 1\nline 2\n' }))
      .toBe('list: []\nmap: {}\nnested:\n- a: 1\n  b:\n  - true\ntext: |\n  line 1\n  line 2\n');
  });
});

describe('clusterBundleFilesInSlices', () => {
  let generated: GeneratedCluster;
  beforeAll(async () => {
    generated = await generateCluster(keepalivedPlan());
  });

  it('lays out the very files clusterBundleFiles does, in the same order', async () => {
    for (const layout of ['cfssl', 'kubeadm'] as const) {
      const sliced = await clusterBundleFilesInSlices(generated, layout, 'zh-CN', { locale: 'zh-CN' });
      expect(sliced).toEqual(clusterBundleFiles(generated, layout, 'zh-CN', { locale: 'zh-CN' }));
      expect(sliced.length).toBeGreaterThan(50);
    }
  });
});
