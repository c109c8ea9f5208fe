import { describe, expect, it } from 'vitest';
import { addRequest, guideExampleWorkspace, lintWorkspace, suggestedProfile, type Workspace } from '../../../src/lib/workspace';
import { GUIDE_CA_CONFIG } from '../../../src/lib/workspace/example';

const codes = (ws: Workspace, context = {}) => lintWorkspace(ws, context).map((f) => `${f.code} ${f.file}`);

describe('workspace lint', () => {
  it("flags the guide's etcd and kubernetes requests: server auth without hosts", () => {
    const findings = lintWorkspace(guideExampleWorkspace());
    expect(findings.map((f) => [f.code, f.file, f.params?.profile])).toEqual([
      ['workspace.server-auth-without-hosts', 'etcd-csr.json', 'etcd'],
      ['workspace.server-auth-without-hosts', 'kubernetes-csr.json', 'kubernetes'],
    ]);
  });

  it('is quiet once hosts are given', () => {
    const ws = guideExampleWorkspace();
    for (const r of ws.requests) r.json = JSON.stringify({ ...JSON.parse(r.json), hosts: ['127.0.0.1'] });
    expect(lintWorkspace(ws)).toEqual([]);
  });

  it('flags an unknown profile, which falls back to default', () => {
    const ws = guideExampleWorkspace();
    ws.requests[0]!.profile = 'etdc';
    expect(codes(ws)).toContain('workspace.unknown-profile etcd-csr.json');
  });

  it("predicts Generate's failure on the guide's default profile, which has no usages", () => {
    const ws = guideExampleWorkspace();
    ws.requests[0]!.profile = 'default';
    ws.requests[1]!.profile = 'kubernets';
    const found = lintWorkspace(ws).map((f) => [f.code, f.file, f.params?.profile]);
    expect(found).toContainEqual(['workspace.profile-signs-nothing', 'etcd-csr.json', 'default']);
    // An unknown name falls back to default, and default signs nothing: both are said.
    expect(found).toContainEqual(['workspace.unknown-profile', 'kubernetes-csr.json', 'kubernets']);
    expect(found).toContainEqual(['workspace.profile-signs-nothing', 'kubernetes-csr.json', 'default']);
    // Usages cfssl does not know give nothing either.
    const config = JSON.parse(ws.config);
    config.signing.default.usages = ['Server Auth'];
    ws.config = JSON.stringify(config);
    expect(codes(ws).filter((c) => c.startsWith('workspace.profile-signs-nothing'))).toHaveLength(2);
    config.signing.default.usages = ['signing'];
    ws.config = JSON.stringify(config);
    expect(codes(ws).filter((c) => c.startsWith('workspace.profile-signs-nothing'))).toEqual([]);
  });

  it('starts new and imported requests on a profile that can sign them', () => {
    const ws = guideExampleWorkspace();
    expect(addRequest(ws).profile).toBe('client');
    expect(addRequest(ws, 'admin', JSON.stringify({ CN: 'admin', hosts: [], names: [{ O: 'system:masters' }] })).profile).toBe('client');
    expect(addRequest(ws, 'kube-proxy', JSON.stringify({ CN: 'system:kube-proxy', hosts: [] })).profile).toBe('client');
    expect(addRequest(ws, 'web', JSON.stringify({ CN: 'web', hosts: ['web.example.com'] })).profile).toBe('server');
    expect(addRequest(ws, 'peer', JSON.stringify({ CN: 'x' })).profile).toBe('peer');
    expect(lintWorkspace(ws).filter((f) => f.code === 'workspace.profile-signs-nothing')).toEqual([]);
    // A default that can sign stays the choice; a config that does not parse leaves default.
    const withUsages = JSON.parse(GUIDE_CA_CONFIG);
    withUsages.signing.default.usages = ['signing', 'client auth'];
    expect(suggestedProfile(JSON.stringify(withUsages), 'admin', '{}')).toBe('default');
    expect(suggestedProfile('{', 'admin', '{}')).toBe('default');
  });

  it('flags a DNS host that no server can have, and leaves IPs, e-mail addresses, URIs and wildcards alone', () => {
    const ws = guideExampleWorkspace();
    ws.requests[0]!.json = JSON.stringify({ CN: 'etcd', hosts: ['not a host!', '127.0.0.1', 'fd00::1', 'etcd-1', '*.etcd.local', 'a@b.example', 'spiffe://x/y', 'bad..name', '_etcd-server._tcp.local'] });
    const hosts = lintWorkspace(ws).filter((f) => f.code === 'workspace.invalid-dns-host').map((f) => f.params?.host);
    expect(hosts).toEqual(['not a host!', 'bad..name']);
  });

  it('flags weak RSA, unknown usages and expiry over ten years', () => {
    const ws = guideExampleWorkspace();
    ws.caCsr = JSON.stringify({ CN: 'ca', key: { algo: 'rsa', size: 1024 }, ca: { expiry: '876000h' } });
    const config = JSON.parse(ws.config);
    config.signing.profiles.client.usages.push('Client Auth');
    config.signing.profiles.peer.expiry = '87601h';
    ws.config = JSON.stringify(config);
    const found = codes(ws);
    expect(found).toContain('workspace.rsa-too-weak ca-csr.json');
    expect(found).toContain('workspace.unknown-usage ca-config.json');
    expect(found).toContain('workspace.expiry-over-10-years ca-config.json');
    expect(found).toContain('workspace.expiry-over-10-years ca-csr.json');
    expect(found.filter((c) => c.startsWith('workspace.expiry-over-10-years'))).toHaveLength(2);
  });

  it('flags a leaf that outlives a generated or an imported CA', () => {
    const ws = guideExampleWorkspace();
    ws.caCsr = JSON.stringify({ CN: 'ca', key: { algo: 'rsa', size: 2048 }, ca: { expiry: '8760h' } });
    expect(codes(ws).filter((c) => c.includes('outlives'))).toEqual([
      'workspace.leaf-outlives-ca etcd-csr.json',
      'workspace.leaf-outlives-ca kubernetes-csr.json',
    ]);
    const fresh = guideExampleWorkspace();
    const now = new Date('2026-01-01T00:00:00Z');
    expect(codes(fresh, { now, caNotAfter: new Date('2027-01-01T00:00:00Z') }).filter((c) => c.includes('outlives'))).toHaveLength(2);
    expect(codes(fresh, { now, caNotAfter: new Date('2036-01-01T00:00:00Z') }).filter((c) => c.includes('outlives'))).toHaveLength(0);
  });

  it('skips files that do not parse (their error is shown at the file)', () => {
    const ws = guideExampleWorkspace();
    ws.requests[0]!.json = '{"CN": ';
    ws.config = '{';
    expect(lintWorkspace(ws)).toEqual([]);
  });
});
