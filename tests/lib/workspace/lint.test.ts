import { describe, expect, it } from 'vitest';
import { guideExampleWorkspace, lintWorkspace, type Workspace } from '../../../src/lib/workspace';

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
