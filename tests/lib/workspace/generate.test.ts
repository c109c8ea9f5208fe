import { describe, expect, it } from 'vitest';
import { generateWorkspace, guideExampleWorkspace, type CertificateStatus } from '../../../src/lib/workspace';
import { certInfo, verifyChain } from '../../../src/lib/pki';

function guideInput() {
  const ws = guideExampleWorkspace();
  return {
    ws,
    input: {
      config: ws.config,
      ca: { kind: 'generate' as const, csrJson: ws.caCsr },
      requests: ws.requests.map((r) => ({ name: r.name, json: r.json, profile: r.profile })),
    },
  };
}

describe('generating a workspace', () => {
  it("issues the guide's CA and leaves, reporting progress per certificate", async () => {
    const events: [string, CertificateStatus][] = [];
    const { input } = guideInput();
    const result = await generateWorkspace(input, (name, status) => events.push([name, status]));
    expect(result.ca.error).toBeUndefined();
    expect(result.ca.generated).toBe(true);
    expect(result.certificates.map((c) => [c.name, c.profile, c.error])).toEqual([
      ['etcd', 'etcd', undefined],
      ['kubernetes', 'kubernetes', undefined],
    ]);
    const ca = result.ca.issued!.certPem;
    for (const cert of result.certificates) {
      expect((await verifyChain(cert.issued!.certPem, [ca])).ok).toBe(true);
      expect((await certInfo(cert.issued!.certPem)).subject.common_name).toBe(cert.name);
    }
    expect((await certInfo(ca)).subject.common_name).toBe('SelfSignedCa');
    // Every key is started before anything is signed: keys are generated concurrently.
    const firstDone = events.findIndex(([, s]) => s === 'done');
    expect(events.slice(0, 3).map(([n, s]) => `${n} ${s}`).sort()).toEqual(['ca generating-key', 'etcd generating-key', 'kubernetes generating-key']);
    expect(firstDone).toBeGreaterThanOrEqual(3);
    for (const name of ['ca', 'etcd', 'kubernetes']) expect(events).toContainEqual([name, 'done']);
  }, 60_000);

  it('fails one certificate without stopping the others', async () => {
    const { input } = guideInput();
    input.requests.push({ name: 'broken', json: '{"CN": "x",', profile: 'client' });
    input.requests.push({ name: 'weak', json: '{"CN":"w","key":{"algo":"rsa","size":1024}}', profile: 'client' });
    input.requests.push({ name: 'small', json: '{"CN":"admin","names":[{"O":"system:masters"}]}', profile: 'client' });
    const failed: string[] = [];
    const result = await generateWorkspace(input, (name, status) => status === 'failed' && failed.push(name));
    const byName = Object.fromEntries(result.certificates.map((c) => [c.name, c]));
    expect(byName.broken!.error?.code).toMatch(/json/);
    expect(byName.weak!.error?.code).toBe('pki.rsa-too-weak');
    expect(byName.small!.issued?.certPem).toContain('BEGIN CERTIFICATE');
    expect(byName.etcd!.issued).toBeDefined();
    expect(failed.sort()).toEqual(['broken', 'weak']);
  }, 60_000);

  it('reports a broken CA on the CA and on every leaf, without throwing', async () => {
    const { input } = guideInput();
    input.ca = { kind: 'generate', csrJson: '{"key":{"algo":"rsa","size":2048}}' };
    const result = await generateWorkspace(input);
    expect(result.ca.error?.code).toBe('pki.missing-subject');
    expect(result.certificates.map((c) => c.error?.code)).toEqual(['workspace.no-ca', 'workspace.no-ca']);
  }, 60_000);

  it('signs with an existing CA', async () => {
    const { input } = guideInput();
    const first = await generateWorkspace(input);
    const again = await generateWorkspace({ ...input, ca: { kind: 'existing', authority: first.ca.authority! } });
    expect(again.ca.generated).toBe(false);
    expect(again.ca.issued).toBeUndefined();
    expect((await verifyChain(again.certificates[0]!.issued!.certPem, [first.ca.issued!.certPem])).ok).toBe(true);
  }, 60_000);
});

describe('one value for a key given twice, on screen and in the certificate', () => {
  it('{"CN":"a","cn":"b"}: the form shows b and the certificate says b', async () => {
    const { generateWorkspace, guideExampleWorkspace, readCsrForm } = await import('../../../src/lib/workspace');
    const { certInfo } = await import('../../../src/lib/pki');
    const json = '{"CN":"a","cn":"b","hosts":["b.example"]}';
    expect(readCsrForm(json).CN).toBe('b');
    const ws = guideExampleWorkspace();
    const result = await generateWorkspace({ config: ws.config, ca: { kind: 'generate', csrJson: ws.caCsr }, requests: [{ name: 'b', json, profile: 'etcd' }] });
    const issued = result.certificates[0]!.issued!;
    expect((await certInfo(issued.certPem)).subject.common_name).toBe('b');
    expect(issued.warnings.map((w) => w.code)).toContain('pki.duplicate-key');
  });
});
