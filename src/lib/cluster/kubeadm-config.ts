// One kubeadm configuration per node, of the API version its kubeadm reads (kubeadm.k8s.io/v1beta3 up
// to 1.30, v1beta4 from 1.31; field names from cmd/kubeadm/app/apis/kubeadm/<version>/types.go):
// InitConfiguration + ClusterConfiguration (+ KubeProxyConfiguration) for the first control-plane node,
// JoinConfiguration for the others and for workers. kubeadm finds the bundle's certificates, keys and
// kubeconfigs where it would have written them and uses them instead of making its own; joins find the
// cluster through the bootstrap token and the pinned hash of the cluster CA's public key.
import type { BootstrapToken } from './bootstrap';
import { BOOTSTRAP_GROUP, tokenDescription } from './bootstrap';
import type { ProxyMode } from '../scripts';
import { caCertPath, KUBEADM_PKI_DIR, KUBERNETES_DIR } from './paths';
import type { PlanNode } from './plan';
import { kubeadmApiVersion } from './releases';
import { httpsUrl, type ResolvedPlan } from './validate';
import { toYaml, yamlDocuments, type YamlValue } from './yaml';

/** containerd's socket, as kubeadm names it (cmd/kubeadm/app/constants: DefaultCRISocket). */
export const CRI_SOCKET = 'unix:///var/run/containerd/containerd.sock';
/** Where the bundle puts the EncryptionConfiguration on control-plane nodes (both layouts). */
export const ENCRYPTION_CONFIG_DIR = `${KUBERNETES_DIR}/enc`;
export const ENCRYPTION_CONFIG_PATH = `${ENCRYPTION_CONFIG_DIR}/encryption-config.yaml`;
/** Where each node's kubeadm configuration goes (next to the node scripts). */
export const KUBEADM_CONFIG_PATH = '/opt/kubeprep/kubeadm-config.yaml';

export interface KubeadmContext {
  plan: ResolvedPlan;
  token: BootstrapToken;
  tokenExpires: Date;
  /** `sha256:<hex>` of the cluster CA's SubjectPublicKeyInfo. */
  caCertHash: string;
  imageRepository: string;
  /** kube-proxy's mode, the one the node scripts prepared the nodes for. */
  proxyMode?: ProxyMode;
}

export type KubeadmRole = 'init' | 'join-control-plane' | 'join-worker';

/** init on the first control-plane node, join everywhere else; external etcd members run no kubeadm. */
export function kubeadmRole(plan: ResolvedPlan, node: string): KubeadmRole | null {
  const cps = plan.plan.controlPlane;
  if (cps[0]?.name === node) return 'init';
  if (cps.some((n) => n.name === node)) return 'join-control-plane';
  if (plan.plan.workers.some((n) => n.name === node)) return 'join-worker';
  return null;
}

/** `host:port` of the control-plane endpoint, IPv6 in brackets (kubeadm controlPlaneEndpoint). */
export function endpointHostPort(plan: ResolvedPlan): string {
  return plan.endpointUrl.replace(/^https:\/\//, '');
}

/** kubeadm's version field: the patch release if the plan names one, else the minor's stable label. */
export function kubeadmKubernetesVersion(plan: ResolvedPlan): string {
  const text = plan.plan.kubernetesVersion;
  return /^v?1\.\d+\.\d+/.test(text) ? `v${text.replace(/^v/, '')}` : `stable-1.${plan.minorVersion}`;
}

/** Go's RFC 3339 in UTC, whole seconds: what metav1.Time writes and reads. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function isV1beta4(plan: ResolvedPlan): boolean {
  return kubeadmApiVersion(plan.minorVersion) === 'kubeadm.k8s.io/v1beta4';
}

/** v1beta3 flag maps became v1beta4 lists of {name, value} (kubeadm Arg). */
function extraArgs(plan: ResolvedPlan, args: Record<string, string>): YamlValue | undefined {
  if (Object.keys(args).length === 0) return undefined;
  return isV1beta4(plan) ? Object.entries(args).map(([name, value]) => ({ name, value })) : args;
}

function nodeRegistration(plan: ResolvedPlan, node: PlanNode): YamlValue {
  return { name: node.name, criSocket: CRI_SOCKET, kubeletExtraArgs: extraArgs(plan, { 'node-ip': node.ip }) };
}

function localApiEndpoint(plan: ResolvedPlan, node: PlanNode): YamlValue {
  return { advertiseAddress: node.ip, bindPort: plan.plan.apiServerBindPort };
}

/**
 * kubeadm's key type for `kubeadm certs renew`, where it names the plan's (v1beta4; ECDSA-P384 from 1.34,
 * CHANGELOG-1.34 "add support for ECDSA-P384 as an encryption algorithm type in v1beta4").
 */
function encryptionAlgorithm(plan: ResolvedPlan): string | undefined {
  const { algo, size } = plan.plan.key;
  if (algo === 'rsa') return `RSA-${size}`;
  if (size === 256) return 'ECDSA-P256';
  return plan.minorVersion >= 34 ? 'ECDSA-P384' : undefined;
}

/** etcd's client and peer ports (etcd's defaults, which kubeadm keeps) and its data directory. */
export const ETCD_CLIENT_PORT = 2379;
export const ETCD_PEER_PORT = 2380;
export const ETCD_DATA_DIR = '/var/lib/etcd';

/** etcd's client URL on a member (IPv6 in brackets). */
export function etcdClientUrl(member: PlanNode): string {
  return httpsUrl(member.ip, ETCD_CLIENT_PORT);
}

function etcdSection(plan: ResolvedPlan): YamlValue {
  if (plan.plan.etcd.topology === 'stacked') return { local: { dataDir: ETCD_DATA_DIR } };
  return {
    external: {
      endpoints: plan.etcdMembers.map((m) => etcdClientUrl(m)),
      caFile: caCertPath('kubeadm', 'etcd-ca'),
      certFile: `${KUBEADM_PKI_DIR}/apiserver-etcd-client.crt`,
      keyFile: `${KUBEADM_PKI_DIR}/apiserver-etcd-client.key`,
    },
  };
}

function apiServerSection(plan: ResolvedPlan): YamlValue {
  const { vip, dnsName } = plan.plan.apiEndpoint;
  const certSANs = [...new Set([vip, dnsName, ...plan.plan.extraApiServerSans].filter((h) => h !== ''))];
  const encrypted = plan.plan.encryptionAtRest;
  return {
    certSANs,
    extraArgs: extraArgs(plan, encrypted ? { 'encryption-provider-config': ENCRYPTION_CONFIG_PATH } : {}),
    extraVolumes: encrypted
      ? [{ name: 'encryption-config', hostPath: ENCRYPTION_CONFIG_DIR, mountPath: ENCRYPTION_CONFIG_DIR, readOnly: true, pathType: 'DirectoryOrCreate' }]
      : undefined,
  };
}

export function clusterConfiguration(context: KubeadmContext): Record<string, YamlValue | undefined> {
  const { plan } = context;
  const p = plan.plan;
  const v1beta4 = isV1beta4(plan);
  return {
    apiVersion: kubeadmApiVersion(plan.minorVersion),
    kind: 'ClusterConfiguration',
    clusterName: p.clusterName,
    kubernetesVersion: kubeadmKubernetesVersion(plan),
    controlPlaneEndpoint: endpointHostPort(plan),
    certificatesDir: KUBEADM_PKI_DIR,
    imageRepository: context.imageRepository,
    networking: { serviceSubnet: p.serviceCidr, podSubnet: p.podCidr, dnsDomain: p.clusterDomain },
    etcd: etcdSection(plan),
    apiServer: apiServerSection(plan),
    // v1beta4 only: what `kubeadm certs renew` gives renewed certificates (defaults 8760h / 87600h).
    encryptionAlgorithm: v1beta4 ? encryptionAlgorithm(plan) : undefined,
    certificateValidityPeriod: v1beta4 ? p.leafExpiry : undefined,
    caCertificateValidityPeriod: v1beta4 ? p.caExpiry : undefined,
  };
}

export function initConfiguration(context: KubeadmContext, node: PlanNode): Record<string, YamlValue | undefined> {
  const { plan, token } = context;
  return {
    apiVersion: kubeadmApiVersion(plan.minorVersion),
    kind: 'InitConfiguration',
    // kubeadm init creates this token (Secret, cluster-info signature, TLS bootstrap bindings) with the
    // expiry shown when the bundle was made; `expires` wins over kubeadm's default TTL.
    bootstrapTokens: [{
      token: token.token,
      description: tokenDescription(plan.plan.clusterName),
      expires: rfc3339(context.tokenExpires),
      usages: ['signing', 'authentication'],
      groups: [BOOTSTRAP_GROUP],
    }],
    nodeRegistration: nodeRegistration(plan, node),
    localAPIEndpoint: localApiEndpoint(plan, node),
  };
}

export function joinConfiguration(context: KubeadmContext, node: PlanNode, controlPlane: boolean): Record<string, YamlValue | undefined> {
  const { plan } = context;
  return {
    apiVersion: kubeadmApiVersion(plan.minorVersion),
    kind: 'JoinConfiguration',
    discovery: {
      bootstrapToken: { token: context.token.token, apiServerEndpoint: endpointHostPort(plan), caCertHashes: [context.caCertHash] },
    },
    nodeRegistration: nodeRegistration(plan, node),
    // No certificateKey: the node already holds the shared CA keys, so kubeadm downloads nothing.
    controlPlane: controlPlane ? { localAPIEndpoint: localApiEndpoint(plan, node) } : undefined,
  };
}

/**
 * kube-proxy's mode (k8s.io/kube-proxy/config/v1alpha1 KubeProxyConfiguration), when the node scripts
 * prepared the nodes for another than the default iptables (ipvs needs its kernel modules).
 */
function kubeProxyConfiguration(context: KubeadmContext): Record<string, YamlValue> | null {
  if (!context.proxyMode || context.proxyMode === 'iptables') return null;
  return { apiVersion: 'kubeproxy.config.k8s.io/v1alpha1', kind: 'KubeProxyConfiguration', mode: context.proxyMode };
}

/** The documents of one node's kubeadm configuration; empty for a node kubeadm does not run on. */
export function kubeadmDocuments(context: KubeadmContext, nodeName: string): Record<string, YamlValue | undefined>[] {
  const role = kubeadmRole(context.plan, nodeName);
  const node = context.plan.allNodes.find((n) => n.name === nodeName);
  if (!role || !node) return [];
  if (role === 'init') {
    const proxy = kubeProxyConfiguration(context);
    return [initConfiguration(context, node), clusterConfiguration(context), ...(proxy ? [proxy] : [])];
  }
  return [joinConfiguration(context, node, role === 'join-control-plane')];
}

export function kubeadmConfigYaml(context: KubeadmContext, nodeName: string): string {
  return yamlDocuments(kubeadmDocuments(context, nodeName).map((doc) => toYaml(doc)));
}
