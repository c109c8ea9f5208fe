// The checks for what the deployment files need beyond the certificates: the target version (a released
// minor), the pod range, the load balancer in front of the API servers and the bootstrap token's
// lifetime. Each problem is a coded error at its plan field; its words are the catalogue's
// (`error.<code>`), so the app, the CLI and both languages say the same thing.
import type { KubeprepError } from '../errors';
import { parseGoDuration } from '../pki';
import { HOUR_NS } from '../pki/facts';
import { cidrContains, cidrsOverlap, parseAddress, parseCidr, suggestedNetwork, type Cidr } from './cidr';
import type { ClusterPlan } from './plan';
import { KUBERNETES_VERSIONS, kubernetesRelease, type KubernetesRelease } from './releases';
import { parseMinorVersion, planError } from './validate';

/** `1.37`, `v1.37.1`, `1.37.0-rc.1` → its release; anything else, or a minor not released, is an error. */
export function checkKubernetesVersion(text: string, problems: KubeprepError[]): KubernetesRelease | null {
  const minor = parseMinorVersion(text);
  const release = minor === null ? undefined : kubernetesRelease(minor);
  if (release) return release;
  problems.push(planError('cluster.unknown-version', 'kubernetesVersion', KUBERNETES_VERSIONS.join(', '), { value: text }));
  return null;
}

/**
 * kube-controller-manager gives every node a /24 (IPv4) or /64 (IPv6) of the pod range
 * (--node-cidr-mask-size defaults) and refuses a range more than 16 bits wider than that for IPv6
 * (pkg/controller/nodeipam/ipam/cidrset/cidr_set.go, clusterSubnetMaxDiff).
 */
const NODE_MASK = { 4: 24, 6: 64 } as const;

export function checkPodCidr(plan: ClusterPlan, serviceCidrs: Cidr[], problems: KubeprepError[]): Cidr[] {
  const field = 'podCidr';
  const cidrs: Cidr[] = [];
  for (const part of plan.podCidr.split(',').map((s) => s.trim())) {
    const parsed = parseCidr(part);
    if ('problem' in parsed) {
      if (parsed.problem === 'host-bits') {
        const suggestion = suggestedNetwork(part);
        problems.push(planError('cluster.cidr-host-bits', field, suggestion, { value: part, suggestion }));
      } else {
        problems.push(planError('cluster.invalid-pod-cidr', field, '10.244.0.0/16, fd00:10:244::/56', { value: part }));
      }
      continue;
    }
    cidrs.push(parsed.cidr);
  }
  if (cidrs.length !== plan.podCidr.split(',').length) return cidrs;
  const families = (list: Cidr[]) => list.map((c) => c.family).sort().join(',');
  if (families(cidrs) !== families(serviceCidrs) && serviceCidrs.length > 0) {
    problems.push(planError('cluster.pod-cidr-families', field, serviceCidrs.map((c) => `IPv${c.family}`).join(' + '), { value: plan.podCidr }));
    return cidrs;
  }
  const nodes = new Set([...plan.controlPlane, ...plan.workers].map((n) => n.name)).size;
  for (const cidr of cidrs) {
    const service = serviceCidrs.find((s) => cidrsOverlap(s, cidr));
    if (service) {
      problems.push(planError('cluster.pod-cidr-overlaps-service', field, undefined, { value: cidr.text, cidr: service.text }));
    }
    const addresses = [...plan.controlPlane, ...plan.etcd.members, ...plan.workers].map((n) => n.ip).concat(plan.apiEndpoint.vip);
    const inside = addresses.find((ip) => {
      const address = parseAddress(ip);
      return address !== null && cidrContains(cidr, address);
    });
    if (inside !== undefined) {
      problems.push(planError('cluster.pod-cidr-contains-address', field, undefined, { value: cidr.text, ip: inside }));
    }
    const nodeMask = NODE_MASK[cidr.family];
    const narrowest = nodeMask - Math.max(1, Math.ceil(Math.log2(Math.max(nodes, 2))));
    const widest = cidr.family === 6 ? nodeMask - 16 : 8;
    if (cidr.prefix > narrowest || cidr.prefix < widest) {
      problems.push(planError('cluster.pod-cidr-size', field, `/${widest}–/${narrowest}`, { value: cidr.text, widest, narrowest, nodes, mask: nodeMask }));
    }
  }
  return cidrs;
}

/**
 * Linux accepts an interface name of 1 to 15 bytes, not `.` or `..`, without `/`, `:` or white space
 * (net/core/dev.c, dev_valid_name; IFNAMSIZ 16 with the NUL).
 */
export function isInterfaceName(name: string): boolean {
  return /^[^\s/:]{1,15}$/u.test(name) && name !== '.' && name !== '..' && new TextEncoder().encode(name).length <= 15;
}

export function checkLoadBalancer(plan: ClusterPlan, problems: KubeprepError[]): void {
  const { kind, interface: name } = plan.loadBalancer;
  if (kind === 'external') return;
  if (!isInterfaceName(name)) {
    problems.push(planError('cluster.invalid-interface', 'loadBalancer.interface', 'eth0, ens192, bond0.100', { value: name }));
  }
  if (plan.apiEndpoint.vip === '') {
    problems.push(planError('cluster.vip-required', 'apiEndpoint.vip', '192.168.10.10', { kind }));
  }
  const { port } = plan.apiEndpoint;
  if (kind === 'keepalived-haproxy' && port === plan.apiServerBindPort) {
    // haproxy and kube-apiserver both listen on every control-plane node: one port each.
    problems.push(planError('cluster.endpoint-port-conflict', 'apiEndpoint.port', String(port === 8443 ? 16443 : 8443), { port }));
  }
  if (kind === 'kube-vip' && port !== plan.apiServerBindPort) {
    // kube-vip in ARP mode only moves the address: the VIP's port is kube-apiserver's own.
    problems.push(planError('cluster.kube-vip-port', 'apiEndpoint.port', String(plan.apiServerBindPort), { port, bindPort: plan.apiServerBindPort }));
  }
}

const MINUTE_NS = HOUR_NS / 60n;
const MAX_TOKEN_TTL_NS = 8760n * HOUR_NS;

/** A positive lifetime from one minute to a year; kubeadm's "0 = never expires" is not offered. */
export function checkTokenTtl(text: string, problems: KubeprepError[]): bigint {
  let ns = 0n;
  try {
    ns = parseGoDuration(text, 'bootstrapTokenTtl');
  } catch {
    /* reported below */
  }
  if (ns >= MINUTE_NS && ns <= MAX_TOKEN_TTL_NS) return ns;
  problems.push(planError('cluster.invalid-token-ttl', 'bootstrapTokenTtl', '1m–8760h', { value: text }));
  return 0n;
}

export type { KubernetesRelease };
