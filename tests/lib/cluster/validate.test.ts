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

  it('says a new node\'s empty name and IP are required instead of calling "" a bad value', () => {
    const plan = threeByThree();
    plan.workers.push({ name: '', ip: '' });
    expect(errorsOf(plan)).toEqual([
      { code: 'cluster.node-name-required', field: 'workers[3].name' },
      { code: 'cluster.node-ip-required', field: 'workers[3].ip' },
    ]);
    plan.workers[3] = { name: 'worker-4', ip: ' ' };
    expect(errorsOf(plan)).toEqual([{ code: 'cluster.node-ip-required', field: 'workers[3].ip' }]);
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
    const dual = validatePlan(threeByThree({ apiEndpoint: vip, serviceCidr: '10.96.0.0/12, fd00:10:96::/112', podCidr: '10.244.0.0/16,fd00:10:244::/56' }));
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

  it('refuses a node name used twice, at the second node, naming the first (two control planes, or one and a worker)', async () => {
    const { describeError } = await import('../../../src/lib/i18n');
    const twoMasters = threeByThree();
    twoMasters.controlPlane[1] = { name: 'cp-1', ip: '10.0.0.12' };
    const masterAndWorker = threeByThree();
    masterAndWorker.workers[2] = { name: 'cp-1', ip: '10.0.0.23' };
    const external = threeByThree({ etcd: { topology: 'external', members: [{ name: 'etcd-1', ip: '10.0.0.31' }, { name: 'worker-1', ip: '10.0.0.32' }] } });
    expect(errorsOf(twoMasters)).toEqual([{ code: 'cluster.duplicate-node-name', field: 'controlPlane[1].name' }]);
    expect(errorsOf(masterAndWorker)).toEqual([{ code: 'cluster.duplicate-node-name', field: 'workers[2].name' }]);
    expect(errorsOf(external)).toEqual([{ code: 'cluster.duplicate-node-name', field: 'workers[0].name' }]);
    const result = validatePlan(masterAndWorker);
    expect(!result.ok && describeError('en', result.errors[0]!)).toBe(
      'Node name "cp-1" is used twice (workers[2].name and controlPlane[0].name): the two nodes would share the kubelet identity system:node:cp-1 and one bundle folder; give every node its own name.',
    );
    expect(!result.ok && describeError('zh-CN', result.errors[0]!)).toContain('controlPlane[0].name');
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
    const partial = parsePlanJson('{"controlPlane":[{"name":"a","ip":"10.1.1.1"}],"workers":[]}');
    expect(partial.plan.serviceCidr).toBe('10.96.0.0/12');
    expect(partial.plan.workers).toEqual([]);
    expect(partial.plan.loadBalancer).toEqual({ kind: 'keepalived-haproxy', interface: 'eth0' });
  });

  it('reads {} as the example plan, which is valid (what `kubeprep cluster -h` promises)', () => {
    const empty = parsePlanJson('{}');
    expect(empty).toEqual({ plan: defaultPlan(), errors: [] });
    expect(validatePlan(empty.plan).ok).toBe(true);
    expect(parsePlanJson('{"workers":[{"name":"w","ip":"192.168.10.99"}]}').plan.controlPlane).toEqual(defaultPlan().controlPlane);
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

describe('plan validation of the deployment fields', () => {
  function only(plan: ClusterPlan) {
    const result = validatePlan(plan);
    return result.ok ? [] : result.errors.map((e) => ({ code: e.code, field: e.field, allowed: e.allowed, params: e.params }));
  }

  it('defaults to the newest released minor and accepts its patches, refuses unknown minors with the allowed list', () => {
    expect(defaultPlan().kubernetesVersion).toBe('1.37');
    for (const version of ['1.37', 'v1.37.1', '1.36.0-rc.1', '1.28']) expect(validatePlan(threeByThree({ kubernetesVersion: version })).ok, version).toBe(true);
    for (const version of ['1.40', '1.38', '1.27', 'v2.0', 'latest']) {
      const [error] = only(threeByThree({ kubernetesVersion: version }));
      expect(error, version).toMatchObject({ code: 'cluster.unknown-version', field: 'kubernetesVersion', allowed: '1.37, 1.36, 1.35, 1.34, 1.33, 1.32, 1.31, 1.30, 1.29, 1.28' });
    }
  });

  it('refuses a pod range that meets the service range, holds a node or the VIP, lacks a family, or is too small', () => {
    expect(only(threeByThree({ podCidr: '10.96.0.0/16' }))).toMatchObject([{ code: 'cluster.pod-cidr-overlaps-service', field: 'podCidr', params: { cidr: '10.96.0.0/12' } }]);
    expect(only(threeByThree({ podCidr: '10.0.0.0/16' }))).toMatchObject([{ code: 'cluster.pod-cidr-contains-address', field: 'podCidr', params: { ip: '10.0.0.11' } }]);
    expect(only(threeByThree({ podCidr: '172.16.0.0/16', apiEndpoint: { vip: '172.16.0.10', dnsName: '', port: 6443 } }))).toMatchObject([{ code: 'cluster.pod-cidr-contains-address', params: { ip: '172.16.0.10' } }]);
    expect(only(threeByThree({ podCidr: '10.244.0.0/16,fd00:10:244::/56' }))).toMatchObject([{ code: 'cluster.pod-cidr-families', allowed: 'IPv4' }]);
    expect(only(threeByThree({ podCidr: '10.244.0.0/24' }))).toMatchObject([{ code: 'cluster.pod-cidr-size', allowed: '/8–/21', params: { nodes: 6 } }]);
    expect(only(threeByThree({ podCidr: '10.244.0.1/16' }))).toMatchObject([{ code: 'cluster.cidr-host-bits', params: { suggestion: '10.244.0.0/16' } }]);
    expect(only(threeByThree({ podCidr: 'pods' }))).toMatchObject([{ code: 'cluster.invalid-pod-cidr', field: 'podCidr' }]);
    expect(validatePlan(threeByThree({ podCidr: '192.168.0.0/16' })).ok).toBe(true);
  });

  it('checks the load balancer: an interface name, a VIP, and ports that can coexist', () => {
    const keepalived = { loadBalancer: { kind: 'keepalived-haproxy', interface: 'eth0' } } as const;
    expect(only(threeByThree({ ...keepalived }))).toMatchObject([{ code: 'cluster.endpoint-port-conflict', field: 'apiEndpoint.port', allowed: '8443' }]);
    const ok = threeByThree({ ...keepalived, apiEndpoint: { vip: '10.0.0.10', dnsName: '', port: 8443 } });
    expect(validatePlan(ok).ok).toBe(true);
    expect(only({ ...ok, loadBalancer: { kind: 'keepalived-haproxy', interface: 'eth 0' } })).toMatchObject([{ code: 'cluster.invalid-interface', field: 'loadBalancer.interface' }]);
    for (const name of ['', 'a'.repeat(16), 'eth0:1', 'a/b', '..']) {
      expect(only({ ...ok, loadBalancer: { kind: 'keepalived-haproxy', interface: name } }).map((e) => e.code), name).toEqual(['cluster.invalid-interface']);
    }
    expect(only({ ...ok, apiEndpoint: { vip: '', dnsName: 'api.prod.example', port: 8443 } })).toMatchObject([{ code: 'cluster.vip-required', field: 'apiEndpoint.vip' }]);
    expect(only(threeByThree({ loadBalancer: { kind: 'kube-vip', interface: 'ens192' }, apiEndpoint: { vip: '10.0.0.10', dnsName: '', port: 8443 } })))
      .toMatchObject([{ code: 'cluster.kube-vip-port', field: 'apiEndpoint.port', params: { bindPort: 6443 } }]);
    expect(validatePlan(threeByThree({ loadBalancer: { kind: 'kube-vip', interface: 'bond0.100' } })).ok).toBe(true);
    // An external load balancer needs nothing of this: the interface is not read.
    expect(validatePlan(threeByThree({ loadBalancer: { kind: 'external', interface: 'not an interface' } })).ok).toBe(true);
    expect(only(threeByThree({ loadBalancer: { kind: 'f5' as never, interface: 'eth0' } }))).toMatchObject([{ code: 'cluster.invalid-choice', field: 'loadBalancer.kind' }]);
  });

  it('takes a bootstrap token lifetime from one minute to a year', () => {
    for (const ttl of ['1m', '24h', '8760h']) expect(validatePlan(threeByThree({ bootstrapTokenTtl: ttl })).ok, ttl).toBe(true);
    for (const ttl of ['0s', '30s', '8761h', '1d', '']) {
      expect(only(threeByThree({ bootstrapTokenTtl: ttl })), ttl).toMatchObject([{ code: 'cluster.invalid-token-ttl', field: 'bootstrapTokenTtl', allowed: '1m–8760h' }]);
    }
    const resolved = validatePlan(threeByThree({ bootstrapTokenTtl: '2h30m' }));
    expect(resolved.ok && resolved.resolved.bootstrapTokenTtlNs).toBe(9_000_000_000_000n);
  });

  it('says each of these in both languages, with every placeholder filled', async () => {
    const { describeError, dictionary } = await import('../../../src/lib/i18n');
    const errors = [
      threeByThree({ kubernetesVersion: '1.40', podCidr: '10.96.0.0/16', bootstrapTokenTtl: 'x', loadBalancer: { kind: 'keepalived-haproxy', interface: 'eth 0' } }),
      threeByThree({ podCidr: '10.0.0.0/16', loadBalancer: { kind: 'kube-vip', interface: 'eth0' }, apiEndpoint: { vip: '', dnsName: '', port: 8443 } }),
      threeByThree({ podCidr: '10.244.0.0/24,fd00::/56' }), threeByThree({ podCidr: '10.244.0.0/24' }), threeByThree({ podCidr: 'x' }),
    ].flatMap((plan) => { const r = validatePlan(plan); return r.ok ? [] : r.errors; });
    expect(new Set(errors.map((e) => e.code))).toEqual(new Set([
      'cluster.unknown-version', 'cluster.pod-cidr-overlaps-service', 'cluster.invalid-token-ttl', 'cluster.invalid-interface', 'cluster.endpoint-port-conflict',
      'cluster.pod-cidr-contains-address', 'cluster.vip-required', 'cluster.kube-vip-port', 'cluster.pod-cidr-families', 'cluster.pod-cidr-size', 'cluster.invalid-pod-cidr',
    ]));
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const e of errors) {
        expect(dictionary(locale)[`error.${e.code}`], `${locale} ${e.code}`).toBeTruthy();
        expect(describeError(locale, e), `${locale} ${e.code}`).not.toMatch(/\{\w+\}/);
      }
    }
    // The words are the catalogue's, with the field and what is allowed filled in.
    expect(describeError('en', errors.find((e) => e.code === 'cluster.invalid-interface')!)).toBe('"eth 0" is not a network interface name: 1 to 15 characters without spaces, "/" or ":", such as eth0, ens192, bond0.100.');
  });
});
