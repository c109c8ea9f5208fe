import { describe, expect, it } from 'vitest';
import { defaultPlan, parsePlanJson, planToJson, validatePlan, type ClusterPlan } from '../../../src/lib/cluster';
import { KubeprepError } from '../../../src/lib/errors';
import { threeByThree } from './fixtures';

function errorsOf(plan: ClusterPlan): { code: string; field: string | undefined }[] {
  const result = validatePlan(plan);
  return result.ok ? [] : result.errors.map((e) => ({ code: e.code, field: e.field }));
}

describe('plan validation', () => {
  it('accepts the default plan and the 3+3 plan', () => {
    expect(validatePlan(defaultPlan()).ok).toBe(true);
    expect(validatePlan(threeByThree()).ok).toBe(true);
  });

  it('reports invalid node IPs at the field', () => {
    const plan = threeByThree();
    plan.controlPlane[1] = { name: 'cp-2', ip: '10.0.0.300' };
    plan.workers[2] = { name: 'worker-3', ip: 'fe80::1%eth0' };
    expect(errorsOf(plan)).toEqual([
      { code: 'cluster.invalid-ip', field: 'controlPlane[1].ip' },
      { code: 'cluster.invalid-ip', field: 'workers[2].ip' },
    ]);
  });

  it('reports invalid CIDRs and says what is allowed', () => {
    for (const [serviceCidr, code] of [
      ['10.96.0.0', 'cluster.invalid-cidr'],
      ['10.96.0.0/40', 'cluster.invalid-cidr'],
      ['10.96.0.1/12', 'cluster.cidr-host-bits'],
      ['10.0.0.0/8', 'cluster.service-cidr-size'],
      ['fd00::/64', 'cluster.service-cidr-size'],
      ['10.96.0.0/12,10.128.0.0/16', 'cluster.service-cidr-families'],
    ] as const) {
      const result = validatePlan(threeByThree({ serviceCidr }));
      expect(result.ok, serviceCidr).toBe(false);
      if (result.ok) continue;
      expect(result.errors[0]!.code, serviceCidr).toBe(code);
      expect(result.errors[0]!.field).toBe('serviceCidr');
      expect(result.errors[0]!.allowed).toBeTruthy();
    }
    const hostBits = validatePlan(threeByThree({ serviceCidr: '10.96.0.1/12' }));
    expect(!hostBits.ok && hostBits.errors[0]!.params['suggestion']).toBe('10.96.0.0/12');
  });

  it('rejects an IPv6 VIP with an IPv4-only service range, accepts it dual-stack', () => {
    const vip = { vip: 'fd00::10', dnsName: '', port: 6443 };
    expect(errorsOf(threeByThree({ apiEndpoint: vip }))).toEqual([{ code: 'cluster.vip-family-mismatch', field: 'apiEndpoint.vip' }]);
    const dual = validatePlan(threeByThree({ apiEndpoint: vip, serviceCidr: '10.96.0.0/12, fd00:10:96::/112' }));
    expect(dual.ok && dual.resolved.serviceIps).toEqual(['10.96.0.1', 'fd00:10:96::1']);
    expect(dual.ok && dual.resolved.endpointUrl).toBe('https://[fd00::10]:6443');
  });

  it('rejects node names that are not DNS labels', () => {
    const plan = threeByThree();
    plan.controlPlane[0] = { name: 'CP_1', ip: '10.0.0.11' };
    plan.workers[0] = { name: 'worker-1.example.com', ip: '10.0.0.21' };
    plan.workers[1] = { name: '-worker', ip: '10.0.0.22' };
    plan.workers[2] = { name: 'w'.repeat(64), ip: '10.0.0.23' };
    expect(errorsOf(plan).map((e) => e.field)).toEqual(['controlPlane[0].name', 'workers[0].name', 'workers[1].name', 'workers[2].name']);
    expect(errorsOf(plan).every((e) => e.code === 'cluster.invalid-node-name')).toBe(true);
  });

  it('rejects zero control-plane nodes and external etcd without members', () => {
    expect(errorsOf(threeByThree({ controlPlane: [] }))).toContainEqual({ code: 'cluster.no-control-plane', field: 'controlPlane' });
    expect(errorsOf(threeByThree({ etcd: { topology: 'external', members: [] } }))).toEqual([{ code: 'cluster.no-etcd-members', field: 'etcd.members' }]);
  });

  it('rejects bad durations, key sizes, versions, SANs and ports, all at once', () => {
    const plan = threeByThree({
      caExpiry: '10y', leafExpiry: '-1h', key: { algo: 'ecdsa', size: 521 }, kubernetesVersion: '2.0',
      extraApiServerSans: ['not a name'], apiEndpoint: { vip: '', dnsName: 'bad_name', port: 70000 },
    });
    expect(errorsOf(plan).map((e) => e.field).sort()).toEqual(
      ['apiEndpoint.dnsName', 'apiEndpoint.port', 'caExpiry', 'extraApiServerSans[0]', 'key.size', 'kubernetesVersion', 'leafExpiry'].sort(),
    );
  });

  it('round-trips plan.json and keeps defaults for missing keys', () => {
    const plan = threeByThree();
    expect(parsePlanJson(planToJson(plan))).toEqual({ plan, errors: [] });
    const partial = parsePlanJson('{"controlPlane":[{"name":"a","ip":"10.1.1.1"}]}');
    expect(partial.plan.serviceCidr).toBe('10.96.0.0/12');
    expect(partial.plan.workers).toEqual([]);
  });

  it('reports wrong JSON types at their path and syntax errors with a position', () => {
    const { errors } = parsePlanJson('{"controlPlane":[{"name":1,"ip":"10.0.0.1"}],"apiEndpoint":{"port":"6443"}}');
    expect(errors.map((e) => [e.code, e.field]).sort()).toEqual([
      ['cluster.invalid-type', 'apiEndpoint.port'],
      ['cluster.invalid-type', 'controlPlane[0].name'],
    ]);
    try {
      parsePlanJson('{\n  "clusterName": "x",,\n}');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KubeprepError);
      expect((e as KubeprepError).code).toBe('pki.json-syntax');
      expect((e as KubeprepError).line).toBe(2);
    }
  });
});
