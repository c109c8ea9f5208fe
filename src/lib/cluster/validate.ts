// Checks every value of a plan and resolves what the certificate set needs (service IPs, etcd
// members, endpoint URL, version-dependent identities). Returns ALL problems, each at its field, so
// the form can show them in place and nothing the user typed is lost.
import { KubeprepError } from '../errors';
import { parseAddress, parseCidr, firstUsableAddress, bitsOf, suggestedNetwork, type Cidr, type IpFamily } from './cidr';
import { parseGoDuration } from '../pki';
import type { ClusterPlan, PlanNode } from './plan';
import { isImageRepository } from '../scripts/image-repository';
import { LOAD_BALANCER_KINDS, TRUST_MODELS } from './plan';
import type { KubernetesRelease } from './releases';
import { checkKubernetesVersion, checkLoadBalancer, checkPodCidr, checkTokenTtl } from './validate-deployment';

export interface ResolvedPlan {
  plan: ClusterPlan;
  serviceCidrs: Cidr[];
  /** First address of each service range: the `kubernetes` Service ClusterIP(s). */
  serviceIps: string[];
  podCidrs: Cidr[];
  minorVersion: number;
  release: KubernetesRelease;
  bootstrapTokenTtlNs: bigint;
  etcdMembers: PlanNode[];
  /** Every node once, in plan order (control plane, external etcd, workers). */
  allNodes: PlanNode[];
  /** What kubeconfigs dial: https://<dnsName or VIP or first control-plane IP>:<port>. */
  endpointUrl: string;
  caExpiryNs: bigint;
  leafExpiryNs: bigint;
  /** O of admin.conf after applying the version default. */
  adminGroup: string;
}

export type ValidationResult = { ok: true; resolved: ResolvedPlan } | { ok: false; errors: KubeprepError[] };

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** RFC 1123 label, as Kubernetes requires for node names we put in `system:node:<name>`. */
export function isDnsLabel(name: string): boolean {
  return DNS_LABEL.test(name);
}

/** RFC 1123 subdomain (case-insensitive here: DNS SANs compare case-insensitively). */
export function isDnsSubdomain(name: string, options: { wildcard?: boolean } = {}): boolean {
  const body = options.wildcard && name.startsWith('*.') ? name.slice(2) : name;
  return body.length <= 253 && body.split('.').every((label) => isDnsLabel(label.toLowerCase()));
}

/** `1.31`, `v1.31`, `1.31.2`, `v1.31.2-rc.0` → 31. */
export function parseMinorVersion(text: string): number | null {
  const match = /^v?1\.(\d{1,3})(\.\d+)?(-[0-9A-Za-z.-]+)?$/.exec(text);
  return match ? Number(match[1]) : null;
}

/** kubeadm 1.29 (KEP-4214) moved admin.conf from system:masters to kubeadm:cluster-admins. */
export function defaultAdminGroup(minorVersion: number): string {
  return minorVersion >= 29 ? 'kubeadm:cluster-admins' : 'system:masters';
}

class Problems {
  readonly list: KubeprepError[] = [];
  add(code: string, field: string, message: string, allowed: string, params: Record<string, string | number> = {}): void {
    this.list.push(new KubeprepError(code, `${field}: ${message}`, { field, allowed, params: { field, ...params } }));
  }
}

function checkNodes(nodes: PlanNode[], field: string, p: Problems): void {
  nodes.forEach((node, i) => {
    if (!isDnsLabel(node.name)) {
      p.add('cluster.invalid-node-name', `${field}[${i}].name`, `"${node.name}" is not a valid node name`,
        'lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters (RFC 1123 label)',
        { value: node.name });
    }
    if (!parseAddress(node.ip)) {
      p.add('cluster.invalid-ip', `${field}[${i}].ip`, `"${node.ip}" is not an IP address`, 'an IPv4 (10.0.0.11) or IPv6 (fd00::11) address', { value: node.ip });
    }
  });
}

function checkServiceCidr(text: string, p: Problems): Cidr[] {
  const parts = text.split(',').map((s) => s.trim());
  const cidrs: Cidr[] = [];
  parts.forEach((part) => {
    const parsed = parseCidr(part);
    if ('problem' in parsed) {
      if (parsed.problem === 'host-bits') {
        const suggestion = suggestedNetwork(part);
        p.add('cluster.cidr-host-bits', 'serviceCidr', `"${part}" has host bits set`, `the network address, e.g. ${suggestion}`, { value: part, suggestion });
      } else {
        p.add('cluster.invalid-cidr', 'serviceCidr', `"${part}" is not a CIDR`, 'address/prefix, e.g. 10.96.0.0/12 or fd00:10:96::/112; two ranges (IPv4,IPv6) for dual-stack', { value: part });
      }
      return;
    }
    // kube-apiserver refuses ranges with more than 20 host bits (options/validation.go, maxCIDRBits).
    const hostBits = bitsOf(parsed.cidr.family) - parsed.cidr.prefix;
    if (hostBits > 20 || hostBits < 2) {
      p.add('cluster.service-cidr-size', 'serviceCidr', `"${part}" has ${hostBits} host bits`,
        'a prefix from /12 to /30 for IPv4 and from /108 to /126 for IPv6 (kube-apiserver allows at most 20 host bits)', { value: part });
      return;
    }
    cidrs.push(parsed.cidr);
  });
  if (parts.length > 2 || (cidrs.length === 2 && cidrs[0]!.family === cidrs[1]!.family)) {
    p.add('cluster.service-cidr-families', 'serviceCidr', `"${text}" is not a valid dual-stack range`, 'one CIDR, or one IPv4 and one IPv6 CIDR separated by a comma', { value: text });
  }
  return cidrs;
}

function checkEndpoint(plan: ClusterPlan, families: Set<IpFamily>, p: Problems): void {
  const { vip, dnsName, port } = plan.apiEndpoint;
  if (vip !== '') {
    const address = parseAddress(vip);
    if (!address) {
      p.add('cluster.invalid-ip', 'apiEndpoint.vip', `"${vip}" is not an IP address`, 'an IPv4 or IPv6 address, or empty', { value: vip });
    } else if (families.size > 0 && !families.has(address.family)) {
      // Clients reach the VIP in one family while every Service lives in the other: the apiserver's
      // advertised endpoint and the kubernetes Service cannot both be reached (issue 7, bad input).
      p.add('cluster.vip-family-mismatch', 'apiEndpoint.vip', `IPv${address.family} VIP "${vip}" with an IPv${[...families][0]}-only service range`,
        `an IPv${[...families][0]} VIP, or a dual-stack serviceCidr`, { value: vip, vipFamily: address.family, serviceFamily: [...families][0]! });
    }
  }
  if (dnsName !== '' && !isDnsSubdomain(dnsName)) {
    p.add('cluster.invalid-dns-name', 'apiEndpoint.dnsName', `"${dnsName}" is not a DNS name`, 'a DNS name such as k8s-api.example.internal, or empty', { value: dnsName });
  }
  checkPort(port, 'apiEndpoint.port', p);
  checkPort(plan.apiServerBindPort, 'apiServerBindPort', p);
}

function checkPort(port: number, field: string, p: Problems): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    p.add('cluster.invalid-port', field, `${port} is not a TCP port`, '1 to 65535', { value: port });
  }
}

function checkChoices(plan: ClusterPlan, p: Problems): void {
  const choice = (value: string, allowed: string[], field: string) => {
    if (!allowed.includes(value)) p.add('cluster.invalid-choice', field, `"${value}" is not allowed`, allowed.join(', '), { value, allowed: allowed.join(', ') });
  };
  choice(plan.trustModel, [...TRUST_MODELS], 'trustModel');
  choice(plan.loadBalancer.kind, [...LOAD_BALANCER_KINDS], 'loadBalancer.kind');
  choice(plan.etcd.topology, ['stacked', 'external'], 'etcd.topology');
  choice(plan.kubeletCredentials, ['static', 'tls-bootstrap'], 'kubeletCredentials');
  const sizes: Record<string, number[]> = { rsa: [2048, 3072, 4096], ecdsa: [256, 384] };
  if (!sizes[plan.key.algo]) choice(plan.key.algo, Object.keys(sizes), 'key.algo');
  else if (!sizes[plan.key.algo]!.includes(plan.key.size)) {
    const allowed = sizes[plan.key.algo]!.join(', ');
    p.add('cluster.invalid-key-size', 'key.size', `${plan.key.algo} ${plan.key.size} is not offered`, allowed, { value: plan.key.size, allowed });
  }
}

function checkDuration(text: string, field: string, p: Problems): bigint {
  try {
    const ns = parseGoDuration(text, field);
    if (ns > 0n) return ns;
  } catch {
    /* reported below */
  }
  p.add('cluster.invalid-duration', field, `"${text}" is not a positive Go duration`, 'a duration such as 8760h (1 year) or 87600h (10 years)', { value: text });
  return 0n;
}

export function validatePlan(plan: ClusterPlan): ValidationResult {
  const p = new Problems();
  if (!isDnsSubdomain(plan.clusterName) || plan.clusterName !== plan.clusterName.toLowerCase()) {
    p.add('cluster.invalid-cluster-name', 'clusterName', `"${plan.clusterName}" is not a valid cluster name`, 'lowercase letters, digits, "-" and "." (RFC 1123 subdomain)', { value: plan.clusterName });
  }
  const release = checkKubernetesVersion(plan.kubernetesVersion, p.list);
  if (plan.controlPlane.length === 0) {
    p.add('cluster.no-control-plane', 'controlPlane', 'the plan has no control-plane node', 'at least one control-plane node (three for high availability)');
  }
  checkNodes(plan.controlPlane, 'controlPlane', p);
  if (plan.etcd.topology === 'external') {
    if (plan.etcd.members.length === 0) {
      p.add('cluster.no-etcd-members', 'etcd.members', 'external etcd needs members', 'at least one etcd member (three or five for high availability)');
    }
    checkNodes(plan.etcd.members, 'etcd.members', p);
  }
  checkNodes(plan.workers, 'workers', p);
  const serviceCidrs = checkServiceCidr(plan.serviceCidr, p);
  const podCidrs = checkPodCidr(plan, serviceCidrs, p.list);
  checkEndpoint(plan, new Set(serviceCidrs.map((c) => c.family)), p);
  if (LOAD_BALANCER_KINDS.includes(plan.loadBalancer.kind)) checkLoadBalancer(plan, p.list);
  if (!isDnsSubdomain(plan.clusterDomain)) {
    p.add('cluster.invalid-dns-name', 'clusterDomain', `"${plan.clusterDomain}" is not a DNS domain`, 'a DNS domain such as cluster.local', { value: plan.clusterDomain });
  }
  plan.extraApiServerSans.forEach((san, i) => {
    if (!parseAddress(san) && !isDnsSubdomain(san, { wildcard: true })) {
      p.add('cluster.invalid-san', `extraApiServerSans[${i}]`, `"${san}" is neither an IP address nor a DNS name`, 'an IP address or a DNS name (*.example.com allowed)', { value: san });
    }
  });
  checkChoices(plan, p);
  const caExpiryNs = checkDuration(plan.caExpiry, 'caExpiry', p);
  const leafExpiryNs = checkDuration(plan.leafExpiry, 'leafExpiry', p);
  if (plan.adminGroup !== '' && !/^[^\s,/]+$/.test(plan.adminGroup)) {
    p.add('cluster.invalid-group', 'adminGroup', `"${plan.adminGroup}" is not a group name`, 'an RBAC group such as kubeadm:cluster-admins, or empty for the version default', { value: plan.adminGroup });
  }
  if (plan.imageRepository !== undefined && !isImageRepository(plan.imageRepository)) {
    p.add('cluster.invalid-image-repository', 'imageRepository', `"${plan.imageRepository}" is not an image repository`,
      'a registry host with an optional port and path, without a scheme: registry.k8s.io, registry.aliyuncs.com/google_containers', { value: plan.imageRepository });
  }
  const bootstrapTokenTtlNs = checkTokenTtl(plan.bootstrapTokenTtl, p.list);
  if (p.list.length > 0 || release === null) return { ok: false, errors: p.list };
  return { ok: true, resolved: resolve(plan, { serviceCidrs, podCidrs, release, caExpiryNs, leafExpiryNs, bootstrapTokenTtlNs }) };
}

interface Checked {
  serviceCidrs: Cidr[];
  podCidrs: Cidr[];
  release: KubernetesRelease;
  caExpiryNs: bigint;
  leafExpiryNs: bigint;
  bootstrapTokenTtlNs: bigint;
}

function canonicalNode(node: PlanNode): PlanNode {
  return { name: node.name, ip: parseAddress(node.ip)!.text };
}

function resolve(plan: ClusterPlan, checked: Checked): ResolvedPlan {
  const { serviceCidrs, podCidrs } = checked;
  const controlPlane = plan.controlPlane.map(canonicalNode);
  const workers = plan.workers.map(canonicalNode);
  const external = plan.etcd.topology === 'external' ? plan.etcd.members.map(canonicalNode) : [];
  const vip = plan.apiEndpoint.vip === '' ? '' : parseAddress(plan.apiEndpoint.vip)!.text;
  const normalized: ClusterPlan = {
    ...plan,
    controlPlane,
    workers,
    etcd: { topology: plan.etcd.topology, members: external },
    apiEndpoint: { ...plan.apiEndpoint, vip },
    serviceCidr: serviceCidrs.map((c) => c.text).join(','),
    podCidr: podCidrs.map((c) => c.text).join(','),
  };
  const host = plan.apiEndpoint.dnsName || vip || controlPlane[0]!.ip;
  return {
    plan: normalized,
    serviceCidrs,
    serviceIps: serviceCidrs.map(firstUsableAddress),
    podCidrs,
    minorVersion: checked.release.minor,
    release: checked.release,
    bootstrapTokenTtlNs: checked.bootstrapTokenTtlNs,
    etcdMembers: plan.etcd.topology === 'stacked' ? controlPlane : external,
    allNodes: [...controlPlane, ...external, ...workers],
    endpointUrl: httpsUrl(host, plan.apiEndpoint.port),
    caExpiryNs: checked.caExpiryNs,
    leafExpiryNs: checked.leafExpiryNs,
    adminGroup: plan.adminGroup || defaultAdminGroup(checked.release.minor),
  };
}

/** https://host:port with IPv6 literals in brackets (RFC 3986 §3.2.2). */
export function httpsUrl(host: string, port: number): string {
  return `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
