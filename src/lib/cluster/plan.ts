// The cluster plan: what a person describes (nodes, endpoint, service range, trust model...), the
// defaults, and the plan.json format the app and `kubeprep cluster -plan=` import and export.
import { KubeprepError } from '../errors';
import { parseJsonText } from '../pki/json';

export interface PlanNode {
  name: string;
  ip: string;
}

/** One CA for everything (the guide, KTHW-cfssl, kubeasz) or kubeadm's cluster, etcd and front-proxy CAs. */
export type TrustModel = 'single-ca' | 'kubeadm';
/** Stacked: etcd runs on the control-plane nodes. External: on its own members. */
export type EtcdTopology = 'stacked' | 'external';
/** Static: a kubelet certificate per node in the bundle. TLS bootstrap: workers get a token instead. */
export type KubeletCredentials = 'static' | 'tls-bootstrap';
export type KeyAlgorithm = 'rsa' | 'ecdsa';

export interface ClusterPlan {
  clusterName: string;
  /** Target Kubernetes version, `1.31` or `v1.31.2`: decides admin identities (docs/kubernetes-pki.md, identities). */
  kubernetesVersion: string;
  trustModel: TrustModel;
  controlPlane: PlanNode[];
  etcd: { topology: EtcdTopology; members: PlanNode[] };
  workers: PlanNode[];
  /** What clients dial: the load balancer's VIP and/or DNS name, and its port. */
  apiEndpoint: { vip: string; dnsName: string; port: number };
  /** The port kube-apiserver listens on on each control-plane node (kubeadm bindPort). */
  apiServerBindPort: number;
  /** `--service-cluster-ip-range`: one CIDR, or an IPv4 and an IPv6 one separated by a comma. */
  serviceCidr: string;
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
    kubernetesVersion: '1.31',
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
    apiEndpoint: { vip: '192.168.10.10', dnsName: '', port: 6443 },
    apiServerBindPort: 6443,
    serviceCidr: '10.96.0.0/12',
    clusterDomain: 'cluster.local',
    extraApiServerSans: [],
    key: { algo: 'rsa', size: 2048 },
    caExpiry: '87600h',
    leafExpiry: '8760h',
    adminGroup: '',
    kubeletCredentials: 'static',
    calicoEtcdClient: false,
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
 * Reads a plan from parsed JSON: missing keys take the defaults (a hand-written plan.json may hold
 * only the nodes), wrong types are reported with their path. Values are checked by validatePlan.
 */
export function planFromJson(value: Json): { plan: ClusterPlan; errors: KubeprepError[] } {
  const errors: KubeprepError[] = [];
  const d = defaultPlan();
  if (!isObject(value)) {
    errors.push(typeError('$', 'object', value));
    return { plan: d, errors };
  }
  const endpoint = pickObject(value, 'apiEndpoint', errors);
  const etcd = pickObject(value, 'etcd', errors);
  const key = pickObject(value, 'key', errors);
  const plan: ClusterPlan = {
    clusterName: pick(value, 'clusterName', d.clusterName, 'clusterName', errors),
    kubernetesVersion: pick(value, 'kubernetesVersion', d.kubernetesVersion, 'kubernetesVersion', errors),
    trustModel: pick(value, 'trustModel', d.trustModel as string, 'trustModel', errors) as TrustModel,
    controlPlane: pickNodes(value, 'controlPlane', [], 'controlPlane', errors),
    etcd: {
      topology: pick(etcd, 'topology', d.etcd.topology as string, 'etcd.topology', errors) as EtcdTopology,
      members: pickNodes(etcd, 'members', [], 'etcd.members', errors),
    },
    workers: pickNodes(value, 'workers', [], 'workers', errors),
    apiEndpoint: {
      vip: pick(endpoint, 'vip', '', 'apiEndpoint.vip', errors),
      dnsName: pick(endpoint, 'dnsName', '', 'apiEndpoint.dnsName', errors),
      port: pick(endpoint, 'port', d.apiEndpoint.port, 'apiEndpoint.port', errors),
    },
    apiServerBindPort: pick(value, 'apiServerBindPort', d.apiServerBindPort, 'apiServerBindPort', errors),
    serviceCidr: pick(value, 'serviceCidr', d.serviceCidr, 'serviceCidr', errors),
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
  };
  if (value.imageRepository !== undefined) plan.imageRepository = pick(value, 'imageRepository', '', 'imageRepository', errors);
  return { plan, errors };
}

/** plan.json text → plan; a syntax error carries line and column (pki.json-syntax). */
export function parsePlanJson(text: string): { plan: ClusterPlan; errors: KubeprepError[] } {
  return planFromJson(parseJsonText(text, 'plan.json') as Json);
}
