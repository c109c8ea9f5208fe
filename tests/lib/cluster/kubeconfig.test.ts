import { describe, expect, it } from 'vitest';
import { certificateSet, kubeconfigSpecs, renderKubeconfig } from '../../../src/lib/cluster';
import { resolved, threeByThree } from './fixtures';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('kubeconfig', () => {
  it('renders a v1 Config with embedded base64 data and a <user>@<cluster> context', () => {
    const text = renderKubeconfig({
      clusterName: 'prod', server: 'https://10.0.0.10:6443', caPem: 'CA PEM\n', user: 'kubernetes-admin',
      credentials: { certPem: 'CERT\n', keyPem: 'KEY\n' },
    });
    expect(text).toBe(
      [
        'apiVersion: v1', 'kind: Config', 'clusters:', '- cluster:',
        `    certificate-authority-data: ${b64('CA PEM\n')}`, '    server: "https://10.0.0.10:6443"', '  name: "prod"',
        'contexts:', '- context:', '    cluster: "prod"', '    user: "kubernetes-admin"', '  name: "kubernetes-admin@prod"',
        'current-context: "kubernetes-admin@prod"', 'preferences: {}', 'users:', '- name: "kubernetes-admin"', '  user:',
        `    client-certificate-data: ${b64('CERT\n')}`, `    client-key-data: ${b64('KEY\n')}`, '',
      ].join('\n'),
    );
  });

  it('quotes values safely and supports a token user', () => {
    const text = renderKubeconfig({ clusterName: 'a"b', server: 'https://[fd00::1]:6443', caPem: 'x', user: 'no', credentials: { token: 'abcdef.0123456789abcdef' } });
    expect(text).toContain('  name: "a\\"b"');
    expect(text).toContain('- name: "no"');
    expect(text).toContain('    token: "abcdef.0123456789abcdef"');
    expect(text).not.toContain('client-key-data');
  });

  it('plans admin/super-admin/cm/scheduler/kube-proxy/kubelet per node with the right servers', () => {
    const plan = resolved(threeByThree());
    const specs = kubeconfigSpecs(plan, certificateSet(plan));
    const on = (node: string) => specs.filter((s) => s.node === node).map((s) => [s.file, s.server, s.user, s.certificateId]);
    expect(on('cp-1').map(([file]) => file)).toEqual(['admin.conf', 'super-admin.conf', 'controller-manager.conf', 'scheduler.conf', 'kube-proxy.conf', 'kubelet.conf']);
    expect(on('cp-2')).toEqual([
      ['admin.conf', 'https://api.prod.example:6443', 'kubernetes-admin', 'admin-cp-2'],
      ['controller-manager.conf', 'https://10.0.0.12:6443', 'system:kube-controller-manager', 'controller-manager-cp-2'],
      ['scheduler.conf', 'https://10.0.0.12:6443', 'system:kube-scheduler', 'scheduler-cp-2'],
      ['kube-proxy.conf', 'https://api.prod.example:6443', 'system:kube-proxy', 'kube-proxy-cp-2'],
      ['kubelet.conf', 'https://api.prod.example:6443', 'system:node:cp-2', 'kubelet-client-cp-2'],
    ]);
    expect(on('worker-3').map(([file]) => file)).toEqual(['kube-proxy.conf', 'kubelet.conf']);
  });

  it('points a control-plane kubelet at its own API server from 1.33 (ControlPlaneKubeletLocalMode), workers at the endpoint', () => {
    const server = (version: string, node: string) => {
      const plan = resolved(threeByThree({ kubernetesVersion: version }));
      return kubeconfigSpecs(plan, certificateSet(plan)).find((s) => s.node === node && s.file === 'kubelet.conf')!.server;
    };
    expect(server('1.32', 'cp-3')).toBe('https://api.prod.example:6443');
    expect(server('1.33', 'cp-3')).toBe('https://10.0.0.13:6443');
    expect(server('1.37', 'cp-1')).toBe('https://10.0.0.11:6443');
    expect(server('1.37', 'worker-1')).toBe('https://api.prod.example:6443');
  });

  it('gives bootstrapping workers a bootstrap-kubelet.conf instead of kubelet.conf', () => {
    const plan = resolved(threeByThree({ kubeletCredentials: 'tls-bootstrap' }));
    const specs = kubeconfigSpecs(plan, certificateSet(plan));
    expect(specs.filter((s) => s.node === 'worker-1').map((s) => [s.file, s.certificateId])).toEqual([
      ['kube-proxy.conf', 'kube-proxy-worker-1'],
      ['bootstrap-kubelet.conf', undefined],
    ]);
  });
});
