// Checks every value of a plan and resolves what the certificate set needs (service IPs, etcd
// members, endpoint URL, version-dependent identities). Returns ALL problems, each at its field, so
// the form can show them in place and nothing the user typed is lost.
import { KubeprepError } from '../errors';
import { parseAddress, parseCidr, firstUsableAddress, bitsOf, suggestedNetwork, type Cidr, type IpFamily } from './cidr';
import { parseGoDuration } from '../pki';
import type { ClusterPlan, PlanNode } from './plan';
import { isImageRepository, SUGGESTED_IMAGE_REPOSITORIES } from '../scripts/image-repository';
import type { ClusterErrorCode } from './errors';
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

/** A coded error at a plan field; `allowed` is data (values, examples), the sentence is the catalogue's. */
export function planError(code: ClusterErrorCode, field: string, allowed: string | undefined, params: Record<string, string | number> = {}): KubeprepError {
  return new KubeprepError(code, { field, ...(allowed === undefined ? {} : { allowed }), params: { field, ...params } });
}

class Problems {
  readonly list: KubeprepError[] = [];
  add(code: ClusterErrorCode, field: string, allowed: string | undefined, params: Record<string, string | number> = {}): void {
    this.list.push(planError(code, field, allowed, params));
  }
}

function checkNodes(nodes: PlanNode[], field: string, p: Problems): void {
  nodes.forEach((node, i) => {
    // A node just added has empty fields: say they are required, not that "" is a bad value.
    if (node.name.trim() === '') p.add('cluster.node-name-required', `${field}[${i}].name`, 'a-z 0-9 -');
    else if (!isDnsLabel(node.name)) {
      p.add('cluster.invalid-node-name', `${field}[${i}].name`, 'a-z 0-9 -', { value: node.name });
    }
    if (node.ip.trim() === '') p.add('cluster.node-ip-required', `${field}[${i}].ip`, '10.0.0.11, fd00::11');
    else if (!parseAddress(node.ip)) {
      p.add('cluster.invalid-ip', `${field}[${i}].ip`, '10.0.0.11, fd00::11', { value: node.ip });
    }
  });
}

/**
 * One name, one node: the name is the kubelet's identity (system:node:<name>), the bundle's folder and
 * the key of distribute.sh and verify.sh, so a second node with it would receive the first one's files.
 * Reported at the second occurrence, naming the first.
 */
function checkDuplicateNames(plan: ClusterPlan, p: Problems): void {
  const groups: [PlanNode[], string][] = [[plan.controlPlane, 'controlPlane'], [plan.etcd.topology === 'external' ? plan.etcd.members : [], 'etcd.members'], [plan.workers, 'workers']];
  const seen = new Map<string, string>();
  for (const [nodes, field] of groups) {
    nodes.forEach((node, i) => {
      if (!isDnsLabel(node.name)) return; // already refused as a name
      const here = `${field}[${i}].name`;
      const first = seen.get(node.name);
      if (first === undefined) seen.set(node.name, here);
      else p.add('cluster.duplicate-node-name', here, undefined, { name: node.name, other: first });
    });
  }
}

function checkServiceCidr(text: string, p: Problems): Cidr[] {
  const parts = text.split(',').map((s) => s.trim());
  const cidrs: Cidr[] = [];
  parts.forEach((part) => {
    const parsed = parseCidr(part);
    if ('problem' in parsed) {
      if (parsed.problem === 'host-bits') {
        const suggestion = suggestedNetwork(part);
        p.add('cluster.cidr-host-bits', 'serviceCidr', suggestion, { value: part, suggestion });
      } else {
        p.add('cluster.invalid-cidr', 'serviceCidr', '10.96.0.0/12, fd00:10:96::/112', { value: part });
      }
      return;
    }
    // kube-apiserver refuses ranges with more than 20 host bits (options/validation.go, maxCIDRBits).
    const hostBits = bitsOf(parsed.cidr.family) - parsed.cidr.prefix;
    if (hostBits > 20 || hostBits < 2) {
      p.add('cluster.service-cidr-size', 'serviceCidr', 'IPv4 /12–/30, IPv6 /108–/126', { value: part, hostBits });
      return;
    }
    cidrs.push(parsed.cidr);
  });
  if (parts.length > 2 || (cidrs.length === 2 && cidrs[0]!.family === cidrs[1]!.family)) {
    p.add('cluster.service-cidr-families', 'serviceCidr', '10.96.0.0/12,fd00:10:96::/112', { value: text });
  }
  return cidrs;
}

function checkEndpoint(plan: ClusterPlan, families: Set<IpFamily>, p: Problems): void {
  const { vip, dnsName, port } = plan.apiEndpoint;
  if (vip !== '') {
    const address = parseAddress(vip);
    if (!address) {
      p.add('cluster.invalid-ip', 'apiEndpoint.vip', '10.0.0.10, fd00::10', { value: vip });
    } else if (families.size > 0 && !families.has(address.family)) {
      // Clients reach the VIP in one family while every Service lives in the other: the apiserver's
      // advertised endpoint and the kubernetes Service cannot both be reached.
      const serviceFamily = [...families][0]!;
      p.add('cluster.vip-family-mismatch', 'apiEndpoint.vip', `IPv${serviceFamily}`, { value: vip, vipFamily: address.family, serviceFamily });
    }
  }
  if (dnsName !== '' && !isDnsSubdomain(dnsName)) {
    p.add('cluster.invalid-dns-name', 'apiEndpoint.dnsName', 'k8s-api.example.internal', { value: dnsName });
  }
  checkPort(port, 'apiEndpoint.port', p);
  checkPort(plan.apiServerBindPort, 'apiServerBindPort', p);
}

function checkPort(port: number, field: string, p: Problems): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    p.add('cluster.invalid-port', field, '1–65535', { value: port });
  }
}

function checkChoices(plan: ClusterPlan, p: Problems): void {
  const choice = (value: string, allowed: string[], field: string) => {
    if (!allowed.includes(value)) p.add('cluster.invalid-choice', field, allowed.join(', '), { value });
  };
  choice(plan.trustModel, [...TRUST_MODELS], 'trustModel');
  choice(plan.loadBalancer.kind, [...LOAD_BALANCER_KINDS], 'loadBalancer.kind');
  choice(plan.etcd.topology, ['stacked', 'external'], 'etcd.topology');
  choice(plan.kubeletCredentials, ['static', 'tls-bootstrap'], 'kubeletCredentials');
  const sizes: Record<string, number[]> = { rsa: [2048, 3072, 4096], ecdsa: [256, 384] };
  if (!sizes[plan.key.algo]) choice(plan.key.algo, Object.keys(sizes), 'key.algo');
  else if (!sizes[plan.key.algo]!.includes(plan.key.size)) {
    const allowed = sizes[plan.key.algo]!.join(', ');
    p.add('cluster.invalid-key-size', 'key.size', allowed, { value: plan.key.size });
  }
}

function checkDuration(text: string, field: string, p: Problems): bigint {
  try {
    const ns = parseGoDuration(text, field);
    if (ns > 0n) return ns;
  } catch {
    /* reported below */
  }
  p.add('cluster.invalid-duration', field, '8760h, 87600h', { value: text });
  return 0n;
}

export function validatePlan(plan: ClusterPlan): ValidationResult {
  const p = new Problems();
  if (!isDnsSubdomain(plan.clusterName) || plan.clusterName !== plan.clusterName.toLowerCase()) {
    p.add('cluster.invalid-cluster-name', 'clusterName', 'a-z 0-9 - .', { value: plan.clusterName });
  }
  const release = checkKubernetesVersion(plan.kubernetesVersion, p.list);
  if (plan.controlPlane.length === 0) {
    p.add('cluster.no-control-plane', 'controlPlane', undefined);
  }
  checkNodes(plan.controlPlane, 'controlPlane', p);
  if (plan.etcd.topology === 'external') {
    if (plan.etcd.members.length === 0) {
      p.add('cluster.no-etcd-members', 'etcd.members', undefined);
    }
    checkNodes(plan.etcd.members, 'etcd.members', p);
  }
  checkNodes(plan.workers, 'workers', p);
  checkDuplicateNames(plan, p);
  const serviceCidrs = checkServiceCidr(plan.serviceCidr, p);
  const podCidrs = checkPodCidr(plan, serviceCidrs, p.list);
  checkEndpoint(plan, new Set(serviceCidrs.map((c) => c.family)), p);
  if (LOAD_BALANCER_KINDS.includes(plan.loadBalancer.kind)) checkLoadBalancer(plan, p.list);
  if (!isDnsSubdomain(plan.clusterDomain)) {
    p.add('cluster.invalid-dns-name', 'clusterDomain', 'cluster.local', { value: plan.clusterDomain });
  }
  plan.extraApiServerSans.forEach((san, i) => {
    if (!parseAddress(san) && !isDnsSubdomain(san, { wildcard: true })) {
      p.add('cluster.invalid-san', `extraApiServerSans[${i}]`, '10.0.0.10, k8s.example.com, *.example.com', { value: san });
    }
  });
  checkChoices(plan, p);
  const caExpiryNs = checkDuration(plan.caExpiry, 'caExpiry', p);
  const leafExpiryNs = checkDuration(plan.leafExpiry, 'leafExpiry', p);
  if (plan.adminGroup !== '' && !/^[^\s,/]+$/.test(plan.adminGroup)) {
    p.add('cluster.invalid-group', 'adminGroup', 'kubeadm:cluster-admins', { value: plan.adminGroup });
  }
  if (plan.imageRepository !== undefined && !isImageRepository(plan.imageRepository)) {
    p.add('cluster.invalid-image-repository', 'imageRepository', SUGGESTED_IMAGE_REPOSITORIES.join(', '), { value: plan.imageRepository });
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
