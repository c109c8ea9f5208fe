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
    const on = (node: string) => specs.filter((s) => s.node === node).map((s) => [s.file, s.server, s.user]);
    expect(on('cp-2')).toEqual([
      ['admin.conf', 'https://api.prod.example:6443', 'kubernetes-admin'],
      ['super-admin.conf', 'https://api.prod.example:6443', 'kubernetes-super-admin'],
      ['controller-manager.conf', 'https://10.0.0.12:6443', 'system:kube-controller-manager'],
      ['scheduler.conf', 'https://10.0.0.12:6443', 'system:kube-scheduler'],
      ['kube-proxy.conf', 'https://api.prod.example:6443', 'system:kube-proxy'],
      ['kubelet.conf', 'https://api.prod.example:6443', 'system:node:cp-2'],
    ]);
    expect(on('worker-3').map(([file]) => file)).toEqual(['kube-proxy.conf', 'kubelet.conf']);
  });

  it('gives bootstrapping workers a bootstrap-kubelet.conf instead of kubelet.conf', () => {
    const plan = resolved(threeByThree({ kubeletCredentials: 'tls-bootstrap' }));
    const specs = kubeconfigSpecs(plan, certificateSet(plan));
    expect(specs.filter((s) => s.node === 'worker-1').map((s) => [s.file, s.certificateId])).toEqual([
      ['kube-proxy.conf', 'kube-proxy'],
      ['bootstrap-kubelet.conf', undefined],
    ]);
  });
});
