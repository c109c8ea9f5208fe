import { describe, expect, it } from 'vitest';
import { certificateSet, lintPlan, type ClusterPlan, type LintFinding } from '../../../src/lib/cluster';
import { lintFixKey, lintWhyKey, translate } from '../../../src/lib/i18n';
import { resolved, threeByThree } from './fixtures';

/** A day Kubernetes 1.31, the fixtures' minor, was still patched (maintenance mode from 2025-08-28). */
const NOW = new Date('2025-09-01T00:00:00Z');

function lint(overrides: Partial<ClusterPlan> = {}, now = NOW): LintFinding[] {
  const plan = resolved(threeByThree(overrides));
  return lintPlan(plan, certificateSet(plan), now);
}

const codes = (findings: LintFinding[]) => findings.map((f) => f.code);

describe('plan lint', () => {
  it('is quiet for a sound 3+3 kubeadm plan', () => {
    expect(lint()).toEqual([]);
  });

  it('flags an endpoint missing from an apiserver certificate', () => {
    const plan = resolved(threeByThree());
    const set = certificateSet(plan);
    const cert = set.certificates.find((c) => c.id === 'apiserver-cp-2')!;
    cert.hosts = cert.hosts.filter((h) => h !== '10.0.0.10');
    const findings = lintPlan(plan, set, NOW);
    expect(findings.map((f) => [f.code, f.params?.['certificate'], f.params?.['host']])).toEqual([['cluster.endpoint-missing-from-sans', 'apiserver-cp-2', '10.0.0.10']]);
    expect(translate('en', lintWhyKey(findings[0]!.code), findings[0]!.params)).toMatch(/x509/);
  });

  it('flags several control planes without a VIP or DNS name', () => {
    expect(codes(lint({ apiEndpoint: { vip: '', dnsName: '', port: 6443 } }))).toEqual(['cluster.no-endpoint']);
  });

  it('flags an even number of etcd members and links to the quorum screen', () => {
    const [finding] = lint({ controlPlane: threeByThree().controlPlane.slice(0, 2) });
    expect(finding).toMatchObject({ code: 'cluster.even-etcd', field: 'controlPlane', link: '#/raft', params: { members: 2, quorum: 2 } });
    expect(translate('en', lintFixKey(finding!.code), finding!.params)).toMatch(/1 or 3/);
  });

  it('flags a duplicate node IP at the second occurrence (a duplicate name is a validation error)', () => {
    const plan = threeByThree();
    plan.workers[1] = { name: 'worker-2', ip: '10.0.0.12' };
    expect(lint(plan).map((f) => [f.code, f.field])).toEqual([['cluster.duplicate-node-ip', 'workers[1].ip']]);
  });

  it('flags a service range that contains a node IP', () => {
    const findings = lint({ serviceCidr: '10.0.0.0/12' });
    expect(findings.map((f) => f.field)).toEqual(['controlPlane[0].ip', 'controlPlane[1].ip', 'controlPlane[2].ip', 'workers[0].ip', 'workers[1].ip', 'workers[2].ip']);
    expect(new Set(codes(findings))).toEqual(new Set(['cluster.service-cidr-overlaps-node']));
  });

  it('flags system:masters on a 1.29+ admin but not on 1.28', () => {
    expect(codes(lint({ adminGroup: 'system:masters' }))).toEqual(['cluster.masters-admin']);
    expect(codes(lint({ adminGroup: 'system:masters', kubernetesVersion: '1.28' }))).not.toContain('cluster.masters-admin');
  });

  it('flags, as an error first, etcd trusting the one CA, and the front-proxy client signed by the cluster CA', () => {
    const single = lint({ trustModel: 'single-ca' });
    expect(single.map((f) => [f.code, f.severity])).toEqual([
      ['cluster.etcd-trusts-cluster-ca', 'error'],
      ['cluster.front-proxy-cluster-ca', undefined],
    ]);
    expect(translate('en', lintFixKey(single[0]!.code), single[0]!.params)).toContain('One CA + a separate etcd CA');
    // The fix: a separate etcd CA leaves only the front-proxy warning.
    expect(codes(lint({ trustModel: 'single-ca-etcd' }))).toEqual(['cluster.front-proxy-cluster-ca']);
  });

  it('flags a minor past its end of life with the date and the supported ones, against the day it runs', () => {
    const [finding] = lint({}, new Date('2026-11-29T12:00:00Z'));
    expect(finding).toMatchObject({ code: 'cluster.version-end-of-life', field: 'kubernetesVersion', params: { minor: 31, date: '2025-10-28', supported: '1.37, 1.36, 1.35' } });
    expect(codes(lint({ kubernetesVersion: '1.37' }, new Date('2026-11-29T12:00:00Z')))).toEqual([]);
    expect(codes(lint({ kubernetesVersion: '1.37' }, new Date('2027-10-28T00:00:00Z')))).toEqual(['cluster.version-end-of-life']);
  });

  it('says when the node scripts cannot serve the minor, and when Secrets are not encrypted', () => {
    expect(codes(lint({ kubernetesVersion: '1.29' }, new Date('2024-06-01T00:00:00Z')))).toEqual(['cluster.no-node-scripts']);
    expect(codes(lint({ encryptionAtRest: false }))).toEqual(['cluster.no-encryption-at-rest']);
  });

  it('flags CAs that expire before their leaves, and long leaf lifetimes', () => {
    expect(codes(lint({ caExpiry: '4380h' }))).toEqual(['cluster.ca-expires-before-leaves']);
    expect(codes(lint({ caExpiry: '876000h', leafExpiry: '438000h' }))).toEqual(['cluster.long-leaf-validity', 'cluster.long-ca-validity']);
    expect(codes(lint({ caExpiry: '87601h' }))).toEqual(['cluster.long-ca-validity']);
  });
});

describe('lint and error messages in both languages', () => {
  const unfilled = /\{\w+\}/;

  it('has a title, why and fix for every finding, with every placeholder filled', async () => {
    const { describeWarning } = await import('../../../src/lib/i18n');
    const plan = resolved(threeByThree({
      controlPlane: threeByThree().controlPlane.slice(0, 2), apiEndpoint: { vip: '', dnsName: '', port: 6443 }, serviceCidr: '10.0.0.0/12',
      adminGroup: 'system:masters', trustModel: 'single-ca', caExpiry: '8000h', leafExpiry: '9000h',
      workers: [{ name: 'worker-1', ip: '10.0.0.11' }],
    }));
    const set = certificateSet(plan);
    set.certificates[0]!.hosts = [];
    plan.plan.apiEndpoint.vip = '10.0.0.10';
    const noEndpoint = resolved(threeByThree({ apiEndpoint: { vip: '', dnsName: '', port: 6443 }, caExpiry: '100000h', kubernetesVersion: '1.28', encryptionAtRest: false }));
    const findings = [...lintPlan(plan, set, NOW), ...lintPlan(noEndpoint, certificateSet(noEndpoint), NOW)];
    expect(new Set(findings.map((f) => f.code)).size).toBe(14);
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const f of findings) {
        const words = [describeWarning(locale, f), translate(locale, lintWhyKey(f.code), f.params), translate(locale, lintFixKey(f.code), f.params)];
        for (const text of words) expect(text, `${locale} ${f.code}`).not.toMatch(unfilled);
      }
    }
  });

  it('has an error.<code> message for every validation error, with its placeholders filled', async () => {
    const { describeError } = await import('../../../src/lib/i18n');
    const { validatePlan, parsePlanJson } = await import('../../../src/lib/cluster');
    const bad = threeByThree({
      clusterName: 'Bad Name', kubernetesVersion: 'x', serviceCidr: '10.96.0.1/12', caExpiry: 'x', leafExpiry: 'y',
      key: { algo: 'rsa', size: 1024 }, extraApiServerSans: ['a b'], adminGroup: 'a b', apiEndpoint: { vip: 'nope', dnsName: '-x', port: 0 },
      controlPlane: [{ name: 'A', ip: '1' }], etcd: { topology: 'external', members: [] },
    });
    const result = validatePlan(bad);
    const errors = result.ok ? [] : result.errors;
    const more = [
      validatePlan(threeByThree({ controlPlane: [], serviceCidr: '10.96.0.0/12,10.0.0.0/16,fd00::/112' })),
      validatePlan(threeByThree({ trustModel: 'x' as never, apiEndpoint: { vip: 'fd00::1', dnsName: '', port: 1 } })),
      validatePlan(threeByThree({ serviceCidr: '10.0.0.0/8,x' })),
    ].flatMap((r) => (r.ok ? [] : r.errors));
    const typeErrors = parsePlanJson('{"clusterName": 1}').errors;
    const all = [...errors, ...more, ...typeErrors];
    expect(new Set(all.map((e) => e.code)).size).toBeGreaterThanOrEqual(19);
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const e of all) expect(describeError(locale, e), `${locale} error.${e.code}`).not.toMatch(unfilled);
    }
  });
});
