import { describe, expect, it, vi } from 'vitest';
import {
  BOOTSTRAP_GROUP, bootstrapClusterRoleBindings, bootstrapTokenSecretYaml, clusterRoleBindingsYaml,
  generateBootstrapToken, randomTokenCharacters, TOKEN_PATTERN,
} from '../../../src/lib/cluster';

describe('bootstrap token', () => {
  it('has the [a-z0-9]{6}.[a-z0-9]{16} format', () => {
    for (let i = 0; i < 50; i++) expect(generateBootstrapToken().token).toMatch(TOKEN_PATTERN);
  });

  it('draws from crypto.getRandomValues', () => {
    const spy = vi.spyOn(globalThis.crypto, 'getRandomValues');
    generateBootstrapToken();
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it('rejects bytes ≥ 252 so every character is equally likely', () => {
    // 255 and 252 are rejected; 0 → a, 35 → 9, 251 → 251 % 36 = 35 → 9, 36 → a.
    const bytes = [255, 0, 252, 35, 251, 36];
    const source = (buffer: Uint8Array) => {
      buffer.set(bytes.slice(0, buffer.length));
      return buffer;
    };
    expect(randomTokenCharacters(4, source)).toBe('a99a');
  });

  it('is close to uniform over many draws', () => {
    const counts = new Map<string, number>();
    for (const ch of randomTokenCharacters(36_000)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(36);
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(200);
  });

  it('renders the Secret and the kubeadm ClusterRoleBindings', () => {
    const token = { id: 'abcdef', secret: '0123456789abcdef', token: 'abcdef.0123456789abcdef' };
    const secret = bootstrapTokenSecretYaml(token, new Date('2026-01-02T03:04:05.678Z'), 'kubeprep prod');
    expect(secret).toContain('name: "bootstrap-token-abcdef"');
    expect(secret).toContain('type: bootstrap.kubernetes.io/token');
    expect(secret).toContain('expiration: "2026-01-02T03:04:05Z"');
    expect(secret).toContain(`auth-extra-groups: "${BOOTSTRAP_GROUP}"`);
    expect(secret).toContain('token-secret: "0123456789abcdef"');
    const crbs = clusterRoleBindingsYaml(bootstrapClusterRoleBindings());
    expect(crbs.split('\n---\n')).toHaveLength(3);
    expect(crbs).toContain('name: "kubeadm:node-autoapprove-certificate-rotation"');
    expect(crbs).toContain('name: "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient"');
    expect(crbs).toContain('name: "system:node-bootstrapper"');
  });
});
