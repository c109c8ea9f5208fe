// The cluster plan: what a person describes (nodes, endpoint, service range, trust model...), the
// defaults, and the plan.json format the app and `kubeprep cluster -plan=` import and export.
import { KubeprepError } from '../errors';
import { parseJsonText } from '../pki/json';
import { NEWEST_MINOR } from './releases';

export interface PlanNode {
  name: string;
  ip: string;
}

/**
 * One CA for everything (the guide, KTHW-cfssl, kubeasz), that CA plus a separate etcd CA (so that no
 * other certificate of the cluster is an etcd client), or kubeadm's cluster, etcd and front-proxy CAs.
 */
export type TrustModel = 'single-ca' | 'single-ca-etcd' | 'kubeadm';
export const TRUST_MODELS: readonly TrustModel[] = ['kubeadm', 'single-ca-etcd', 'single-ca'];
/** Stacked: etcd runs on the control-plane nodes. External: on its own members. */
export type EtcdTopology = 'stacked' | 'external';
/** Static: a kubelet certificate per node in the bundle. TLS bootstrap: workers get a token instead. */
export type KubeletCredentials = 'static' | 'tls-bootstrap';
export type KeyAlgorithm = 'rsa' | 'ecdsa';
/**
 * What holds the API VIP: keepalived (VRRP) with haproxy on every control-plane node, kube-vip as a
 * static pod (ARP), or a load balancer outside the plan (no files).
 */
export type LoadBalancerKind = 'keepalived-haproxy' | 'kube-vip' | 'external';
export const LOAD_BALANCER_KINDS: readonly LoadBalancerKind[] = ['keepalived-haproxy', 'kube-vip', 'external'];

export interface ClusterPlan {
  clusterName: string;
  /** Target Kubernetes version, `1.37` or `v1.37.1`: a released minor (releases.ts); decides admin identities (docs/kubernetes-pki.md, identities) and kubeadm's API. */
  kubernetesVersion: string;
  trustModel: TrustModel;
  controlPlane: PlanNode[];
  etcd: { topology: EtcdTopology; members: PlanNode[] };
  workers: PlanNode[];
  /** What clients dial: the load balancer's VIP and/or DNS name, and its port. */
  apiEndpoint: { vip: string; dnsName: string; port: number };
  /** What serves the VIP, and the interface VRRP / ARP announce it on (keepalived, kube-vip). */
  loadBalancer: { kind: LoadBalancerKind; interface: string };
  /** The port kube-apiserver listens on on each control-plane node (kubeadm bindPort). */
  apiServerBindPort: number;
  /** `--service-cluster-ip-range`: one CIDR, or an IPv4 and an IPv6 one separated by a comma. */
  serviceCidr: string;
  /** kubeadm podSubnet / `--cluster-cidr`: one CIDR, or IPv4,IPv6; must not meet the service range or a node. */
  podCidr: string;
  clusterDomain: string;
  extraApiServerSans: string[];
  key: { algo: KeyAlgorithm; size: number };
  /** Go durations, as in cfssl's ca-config.json. */
  caExpiry: string;
  leafExpiry: string;
  /** O of admin.conf; empty = what the target version uses. */
  adminGroup: string;
  kubeletCredentials: KubeletCredentials;
  calicoEtcdClient: boolean;
  /** Secrets encrypted in etcd by kube-apiserver (an EncryptionConfiguration on every control-plane node). */
  encryptionAtRest: boolean;
  /** Lifetime of the bootstrap token `kubeadm join` and TLS bootstrapping use, from Generate (Go duration). */
  bootstrapTokenTtl: string;
  /**
   * Where kubeadm pulls images from (and the node scripts take containerd's sandbox image from);
   * absent = registry.k8s.io, or what the Node scripts screen sets.
   */
  imageRepository?: string;
}

export const PLAN_FORMAT = 'kubeprep.cluster-plan/v1';

export function defaultPlan(): ClusterPlan {
  return {
    clusterName: 'kubernetes',
    kubernetesVersion: `1.${NEWEST_MINOR}`,
    trustModel: 'kubeadm',
    controlPlane: [
      { name: 'master-1', ip: '192.168.10.11' },
      { name: 'master-2', ip: '192.168.10.12' },
      { name: 'master-3', ip: '192.168.10.13' },
    ],
    etcd: { topology: 'stacked', members: [] },
    workers: [
      { name: 'node-1', ip: '192.168.10.21' },
      { name: 'node-2', ip: '192.168.10.22' },
      { name: 'node-3', ip: '192.168.10.23' },
    ],
    // haproxy listens on the endpoint port on every control-plane node, next to kube-apiserver's 6443
    // (kubeadm's docs/ha-considerations.md uses 8443 the same way).
    apiEndpoint: { vip: '192.168.10.10', dnsName: '', port: 8443 },
    loadBalancer: { kind: 'keepalived-haproxy', interface: 'eth0' },
    apiServerBindPort: 6443,
    serviceCidr: '10.96.0.0/12',
    podCidr: '10.244.0.0/16',
    clusterDomain: 'cluster.local',
    extraApiServerSans: [],
    key: { algo: 'rsa', size: 2048 },
    caExpiry: '87600h',
    leafExpiry: '8760h',
    adminGroup: '',
    kubeletCredentials: 'static',
    calicoEtcdClient: false,
    encryptionAtRest: true,
    bootstrapTokenTtl: '24h',
  };
}

/** plan.json text: the plan with a format marker, two-space indented, trailing newline. */
export function planToJson(plan: ClusterPlan): string {
  return `${JSON.stringify({ format: PLAN_FORMAT, ...plan }, null, 2)}\n`;
}

type Json = unknown;

/** EXPECTED is the JSON shape, written as JSON (`string`, `[]string`, `[{"name","ip"}]`). */
function typeError(field: string, expected: string, value: Json): KubeprepError {
  const got = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return new KubeprepError('cluster.invalid-type', { field, allowed: expected, params: { field, expected, got } });
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a value of the default's type; a missing key keeps the default, a wrong type is an error. */
function pick<T extends string | number | boolean>(source: Record<string, Json>, key: string, fallback: T, field: string, errors: KubeprepError[]): T {
  const value = source[key];
  if (value === undefined) return fallback;
  if (typeof value !== typeof fallback) {
    errors.push(typeError(field, typeof fallback, value));
    return fallback;
  }
  return (typeof value === 'string' ? value.trim() : value) as T;
}

function pickNodes(source: Record<string, Json>, key: string, fallback: PlanNode[], field: string, errors: KubeprepError[]): PlanNode[] {
  const value = source[key];
  if (value === undefined) return fallback;
  if (!Array.isArray(value)) {
    errors.push(typeError(field, '[{"name","ip"}]', value));
    return fallback;
  }
  return value.map((item: Json, i) => {
    if (!isObject(item)) {
      errors.push(typeError(`${field}[${i}]`, '{"name","ip"}', item));
      return { name: '', ip: '' };
    }
    return {
      name: pick(item, 'name', '', `${field}[${i}].name`, errors),
      ip: pick(item, 'ip', '', `${field}[${i}].ip`, errors),
    };
  });
}

function pickStrings(source: Record<string, Json>, key: string, field: string, errors: KubeprepError[]): string[] {
  const value = source[key];
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    errors.push(typeError(field, '[]string', value));
    return [];
  }
  return value.map((v: string) => v.trim()).filter((v) => v !== '');
}

function pickObject(source: Record<string, Json>, key: string, errors: KubeprepError[]): Record<string, Json> {
  const value = source[key];
  if (value === undefined) return {};
  if (!isObject(value)) {
    errors.push(typeError(key, 'object', value));
    return {};
  }
  return value;
}

/**
 * Reads a plan from parsed JSON: every missing key takes the example's value (defaultPlan, which
 * `kubeprep cluster -example` prints), so `{}` is the example and a hand-written plan.json may hold only
 * what differs; wrong types are reported with their path. Values are checked by validatePlan.
 */
export function planFromJson(value: Json): { plan: ClusterPlan; errors: KubeprepError[] } {
  const errors: KubeprepError[] = [];
  const d = defaultPlan();
  if (!isObject(value)) {
    errors.push(typeError('$', 'object', value));
    return { plan: d, errors };
  }
  const endpoint = pickObject(value, 'apiEndpoint', errors);
  const loadBalancer = pickObject(value, 'loadBalancer', errors);
  const etcd = pickObject(value, 'etcd', errors);
  const key = pickObject(value, 'key', errors);
  const plan: ClusterPlan = {
    clusterName: pick(value, 'clusterName', d.clusterName, 'clusterName', errors),
    kubernetesVersion: pick(value, 'kubernetesVersion', d.kubernetesVersion, 'kubernetesVersion', errors),
    trustModel: pick(value, 'trustModel', d.trustModel as string, 'trustModel', errors) as TrustModel,
    controlPlane: pickNodes(value, 'controlPlane', d.controlPlane, 'controlPlane', errors),
    etcd: {
      topology: pick(etcd, 'topology', d.etcd.topology as string, 'etcd.topology', errors) as EtcdTopology,
      members: pickNodes(etcd, 'members', [], 'etcd.members', errors),
    },
    workers: pickNodes(value, 'workers', d.workers, 'workers', errors),
    apiEndpoint: {
      vip: pick(endpoint, 'vip', d.apiEndpoint.vip, 'apiEndpoint.vip', errors),
      dnsName: pick(endpoint, 'dnsName', d.apiEndpoint.dnsName, 'apiEndpoint.dnsName', errors),
      port: pick(endpoint, 'port', d.apiEndpoint.port, 'apiEndpoint.port', errors),
    },
    loadBalancer: {
      kind: pick(loadBalancer, 'kind', d.loadBalancer.kind as string, 'loadBalancer.kind', errors) as LoadBalancerKind,
      interface: pick(loadBalancer, 'interface', d.loadBalancer.interface, 'loadBalancer.interface', errors),
    },
    apiServerBindPort: pick(value, 'apiServerBindPort', d.apiServerBindPort, 'apiServerBindPort', errors),
    serviceCidr: pick(value, 'serviceCidr', d.serviceCidr, 'serviceCidr', errors),
    podCidr: pick(value, 'podCidr', d.podCidr, 'podCidr', errors),
    clusterDomain: pick(value, 'clusterDomain', d.clusterDomain, 'clusterDomain', errors),
    extraApiServerSans: pickStrings(value, 'extraApiServerSans', 'extraApiServerSans', errors),
    key: {
      algo: pick(key, 'algo', d.key.algo as string, 'key.algo', errors) as KeyAlgorithm,
      size: pick(key, 'size', d.key.size, 'key.size', errors),
    },
    caExpiry: pick(value, 'caExpiry', d.caExpiry, 'caExpiry', errors),
    leafExpiry: pick(value, 'leafExpiry', d.leafExpiry, 'leafExpiry', errors),
    adminGroup: pick(value, 'adminGroup', d.adminGroup, 'adminGroup', errors),
    kubeletCredentials: pick(value, 'kubeletCredentials', d.kubeletCredentials as string, 'kubeletCredentials', errors) as KubeletCredentials,
    calicoEtcdClient: pick(value, 'calicoEtcdClient', d.calicoEtcdClient, 'calicoEtcdClient', errors),
    encryptionAtRest: pick(value, 'encryptionAtRest', d.encryptionAtRest, 'encryptionAtRest', errors),
    bootstrapTokenTtl: pick(value, 'bootstrapTokenTtl', d.bootstrapTokenTtl, 'bootstrapTokenTtl', errors),
  };
  // Empty = absent: registry.k8s.io, or the Node scripts screen's choice.
  const imageRepository = value.imageRepository === undefined ? '' : pick(value, 'imageRepository', '', 'imageRepository', errors);
  if (imageRepository !== '') plan.imageRepository = imageRepository;
  return { plan, errors };
}

/** plan.json text → plan; a syntax error carries line and column (pki.json-syntax). */
export function parsePlanJson(text: string): { plan: ClusterPlan; errors: KubeprepError[] } {
  return planFromJson(parseJsonText(text, 'plan.json') as Json);
}
