// The checks for what the deployment files need beyond the certificates: the target version (a released
// minor), the pod range, the load balancer in front of the API servers and the bootstrap token's
// lifetime. Each problem is a coded error at its plan field; its words are the catalogue's
// (`error.<code>`), so the app, the CLI and both languages say the same thing.
import { KubeprepError } from '../errors';
import { translate, type MessageKey } from '../i18n';
import { parseGoDuration } from '../pki';
import { cidrContains, cidrsOverlap, parseAddress, parseCidr, suggestedNetwork, type Cidr } from './cidr';
import type { ClusterPlan } from './plan';
import { KUBERNETES_VERSIONS, kubernetesRelease, type KubernetesRelease } from './releases';

export type DeploymentErrorCode =
  | 'cluster.unknown-version'
  | 'cluster.invalid-pod-cidr'
  | 'cluster.cidr-host-bits'
  | 'cluster.pod-cidr-families'
  | 'cluster.pod-cidr-overlaps-service'
  | 'cluster.pod-cidr-contains-address'
  | 'cluster.pod-cidr-size'
  | 'cluster.invalid-interface'
  | 'cluster.vip-required'
  | 'cluster.endpoint-port-conflict'
  | 'cluster.kube-vip-port'
  | 'cluster.invalid-token-ttl';

/** A coded error at a plan field; `allowed` is data (values, examples), the sentence is the catalogue's. */
export function deploymentError(code: DeploymentErrorCode, field: string, allowed: string | undefined, params: Record<string, string | number>): KubeprepError {
  const all = { field, ...(allowed === undefined ? {} : { allowed }), ...params };
  const message = `${field}: ${translate('en', `error.${code}` as MessageKey, all)}`;
  return new KubeprepError(code, message, { field, ...(allowed === undefined ? {} : { allowed }), params: all });
}

/** `1.37`, `v1.37.1`, `1.37.0-rc.1` → its release; anything else, or a minor not released, is an error. */
export function checkKubernetesVersion(text: string, problems: KubeprepError[]): KubernetesRelease | null {
  const match = /^v?1\.(\d{1,3})(\.\d+)?(-[0-9A-Za-z.-]+)?$/.exec(text);
  const release = match ? kubernetesRelease(Number(match[1])) : undefined;
  if (release) return release;
  problems.push(deploymentError('cluster.unknown-version', 'kubernetesVersion', KUBERNETES_VERSIONS.join(', '), { value: text }));
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
        problems.push(deploymentError('cluster.cidr-host-bits', field, suggestion, { value: part, suggestion }));
      } else {
        problems.push(deploymentError('cluster.invalid-pod-cidr', field, '10.244.0.0/16, fd00:10:244::/56', { value: part }));
      }
      continue;
    }
    cidrs.push(parsed.cidr);
  }
  if (cidrs.length !== plan.podCidr.split(',').length) return cidrs;
  const families = (list: Cidr[]) => list.map((c) => c.family).sort().join(',');
  if (families(cidrs) !== families(serviceCidrs) && serviceCidrs.length > 0) {
    problems.push(deploymentError('cluster.pod-cidr-families', field, serviceCidrs.map((c) => `IPv${c.family}`).join(' + '), { value: plan.podCidr }));
    return cidrs;
  }
  const nodes = new Set([...plan.controlPlane, ...plan.workers].map((n) => n.name)).size;
  for (const cidr of cidrs) {
    const service = serviceCidrs.find((s) => cidrsOverlap(s, cidr));
    if (service) {
      problems.push(deploymentError('cluster.pod-cidr-overlaps-service', field, undefined, { value: cidr.text, cidr: service.text }));
    }
    const addresses = [...plan.controlPlane, ...plan.etcd.members, ...plan.workers].map((n) => n.ip).concat(plan.apiEndpoint.vip);
    const inside = addresses.find((ip) => {
      const address = parseAddress(ip);
      return address !== null && cidrContains(cidr, address);
    });
    if (inside !== undefined) {
      problems.push(deploymentError('cluster.pod-cidr-contains-address', field, undefined, { value: cidr.text, ip: inside }));
    }
    const nodeMask = NODE_MASK[cidr.family];
    const narrowest = nodeMask - Math.max(1, Math.ceil(Math.log2(Math.max(nodes, 2))));
    const widest = cidr.family === 6 ? nodeMask - 16 : 8;
    if (cidr.prefix > narrowest || cidr.prefix < widest) {
      problems.push(deploymentError('cluster.pod-cidr-size', field, `/${widest}–/${narrowest}`, { value: cidr.text, widest, narrowest, nodes, mask: nodeMask }));
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
    problems.push(deploymentError('cluster.invalid-interface', 'loadBalancer.interface', 'eth0, ens192, bond0.100', { value: name }));
  }
  if (plan.apiEndpoint.vip === '') {
    problems.push(deploymentError('cluster.vip-required', 'apiEndpoint.vip', '192.168.10.10', { kind }));
  }
  const { port } = plan.apiEndpoint;
  if (kind === 'keepalived-haproxy' && port === plan.apiServerBindPort) {
    // haproxy and kube-apiserver both listen on every control-plane node: one port each.
    problems.push(deploymentError('cluster.endpoint-port-conflict', 'apiEndpoint.port', String(port === 8443 ? 16443 : 8443), { port }));
  }
  if (kind === 'kube-vip' && port !== plan.apiServerBindPort) {
    // kube-vip in ARP mode only moves the address: the VIP's port is kube-apiserver's own.
    problems.push(deploymentError('cluster.kube-vip-port', 'apiEndpoint.port', String(plan.apiServerBindPort), { port, bindPort: plan.apiServerBindPort }));
  }
}

const MINUTE_NS = 60_000_000_000n;
const MAX_TOKEN_TTL_NS = 8760n * 60n * MINUTE_NS;

/** A positive lifetime from one minute to a year; kubeadm's "0 = never expires" is not offered. */
export function checkTokenTtl(text: string, problems: KubeprepError[]): bigint {
  let ns = 0n;
  try {
    ns = parseGoDuration(text, 'bootstrapTokenTtl');
  } catch {
    /* reported below */
  }
  if (ns >= MINUTE_NS && ns <= MAX_TOKEN_TTL_NS) return ns;
  problems.push(deploymentError('cluster.invalid-token-ttl', 'bootstrapTokenTtl', '1m–8760h', { value: text }));
  return 0n;
}

export type { KubernetesRelease };
