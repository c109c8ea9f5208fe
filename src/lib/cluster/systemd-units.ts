// systemd units for the binary install (the cfssl layout, as in the guide, Kubernetes The Hard Way and
// kubeasz): etcd, kube-apiserver, kube-controller-manager and kube-scheduler on the control-plane nodes,
// the kubelet and kube-proxy on every node, with each certificate flag naming the file the bundle puts
// there (paths.ts), and the KubeletConfiguration / KubeProxyConfiguration they read. External etcd
// members get the etcd unit in the kubeadm layout too (kubeadm runs no etcd there). Flags are the ones
// each component's reference documents (kubernetes.io/docs/reference/command-line-tools-reference/,
// etcd.io/docs/v3.5/op-guide/configuration/); nothing here depends on a minor the plan allows.
import { KubeprepError } from '../errors';
import { signerFor, type CaRole, type CertificateKind, type CertificateSet } from './certificates';
import { addressAt, type Cidr } from './cidr';
import { CRI_SOCKET, ENCRYPTION_CONFIG_PATH, ETCD_DATA_DIR, ETCD_PEER_PORT, etcdClientUrl } from './kubeadm-config';
import { caKeyPath, kubeconfigPath, leafPaths, serviceAccountPaths, signerCertPath, STATIC_POD_DIR, type Layout } from './paths';
import type { ProxyMode } from '../scripts';
import type { PlanNode } from './plan';
import { httpsUrl, type ResolvedPlan } from './validate';
import { toYaml } from './yaml';

export type UnitName = 'etcd' | 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'kubelet' | 'kube-proxy';
export const SYSTEMD_DIR = '/etc/systemd/system';
/** The paths kubeadm's kubelet drop-in reads too, so a kubeadm package installed beside changes nothing. */
export const KUBELET_CONFIG_PATH = '/var/lib/kubelet/config.yaml';
export const KUBE_PROXY_CONFIG_PATH = '/var/lib/kube-proxy/config.yaml';
/** Binaries from the server tarball (dl.k8s.io/v1.NN.P/bin/linux/<arch>/) and etcd's release. */
export const BINARY_DIR = '/usr/local/bin';

export interface UnitOptions {
  proxyMode?: ProxyMode;
}

function isControlPlane(plan: ResolvedPlan, node: string): boolean {
  return plan.plan.controlPlane.some((n) => n.name === node);
}

function isEtcdMember(plan: ResolvedPlan, node: string): boolean {
  return plan.etcdMembers.some((n) => n.name === node);
}

function isKubeletNode(plan: ResolvedPlan, node: string): boolean {
  return isControlPlane(plan, node) || plan.plan.workers.some((n) => n.name === node);
}

/** The units a node runs in a layout (kubeadm runs the control plane and stacked etcd as static pods). */
export function unitsFor(plan: ResolvedPlan, layout: Layout, node: string): UnitName[] {
  const units: UnitName[] = [];
  if (isEtcdMember(plan, node) && (layout === 'cfssl' || plan.plan.etcd.topology === 'external')) units.push('etcd');
  if (layout === 'cfssl' && isControlPlane(plan, node)) units.push('kube-apiserver', 'kube-controller-manager', 'kube-scheduler');
  if (layout === 'cfssl' && isKubeletNode(plan, node)) units.push('kubelet', 'kube-proxy');
  return units;
}

interface UnitContext {
  plan: ResolvedPlan;
  set: CertificateSet;
  layout: Layout;
  node: PlanNode;
}

/** The certificate and key of a node's own identity of `kind`. */
function own(context: UnitContext, kind: CertificateKind): { cert: string; key: string } {
  const cert = context.set.certificates.find((c) => c.kind === kind && c.node?.name === context.node.name);
  const paths = cert && leafPaths(context.layout, cert);
  // The certificate table gives every node the identities its units name: a bug otherwise.
  if (!paths) throw new KubeprepError('common.internal', { params: { detail: `${context.node.name}/${kind}/${context.layout}` } });
  return paths;
}

function ca(context: UnitContext, role: CaRole): string {
  return signerCertPath(context.layout, signerFor(context.plan, role));
}

/** systemd's own escaping for a command line word: `%` is a specifier, and we write no `$`, quotes or spaces. */
function word(value: string): string {
  return value.replace(/%/g, '%%');
}

interface UnitSpec {
  description: string;
  /** The binary under BINARY_DIR; its reference page is kubernetes.io's (etcd's own otherwise). */
  binary: UnitName;
  flags: [string, string][];
  after?: string[];
  type?: 'notify';
  environmentFile?: string;
}

function renderUnit(plan: ResolvedPlan, spec: UnitSpec): string {
  const after = ['network-online.target', ...(spec.after ?? [])];
  return [
    '[Unit]',
    `Description=${spec.description} (kubeprep, cluster ${plan.plan.clusterName})`,
    `Documentation=${spec.binary === 'etcd' ? 'https://etcd.io/docs/v3.5/op-guide/configuration/' : `https://kubernetes.io/docs/reference/command-line-tools-reference/${spec.binary}/`}`,
    `After=${after.join(' ')}`,
    'Wants=network-online.target',
    '',
    '[Service]',
    ...(spec.type ? [`Type=${spec.type}`] : []),
    `ExecStart=${BINARY_DIR}/${spec.binary} \\`,
    ...spec.flags.map(([name, value], i) => `  --${name}=${word(value)}${i < spec.flags.length - 1 ? ' \\' : ''}`),
    'Restart=on-failure',
    'RestartSec=5',
    'LimitNOFILE=65536',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

function etcdUnit(context: UnitContext): UnitSpec {
  const { plan, node } = context;
  const peerUrl = (member: PlanNode) => httpsUrl(member.ip, ETCD_PEER_PORT);
  const server = own(context, 'etcd-server');
  const peer = own(context, 'etcd-peer');
  const etcdCa = ca(context, 'etcd-ca');
  return {
    description: 'etcd',
    binary: 'etcd',
    type: 'notify',
    flags: [
      ['name', node.name],
      ['data-dir', ETCD_DATA_DIR],
      // Node address only: 127.0.0.1 would need SANs per member and one port per host in a lab.
      ['listen-client-urls', etcdClientUrl(node)],
      ['advertise-client-urls', etcdClientUrl(node)],
      ['listen-peer-urls', peerUrl(node)],
      ['initial-advertise-peer-urls', peerUrl(node)],
      ['initial-cluster', plan.etcdMembers.map((m) => `${m.name}=${peerUrl(m)}`).join(',')],
      ['initial-cluster-token', `${plan.plan.clusterName}-etcd`],
      ['initial-cluster-state', 'new'],
      ['client-cert-auth', 'true'],
      ['trusted-ca-file', etcdCa],
      ['cert-file', server.cert],
      ['key-file', server.key],
      ['peer-client-cert-auth', 'true'],
      ['peer-trusted-ca-file', etcdCa],
      ['peer-cert-file', peer.cert],
      ['peer-key-file', peer.key],
    ],
  };
}

function apiServerUnit(context: UnitContext): UnitSpec {
  const { plan, node, layout } = context;
  const p = plan.plan;
  const serving = own(context, 'apiserver');
  const kubelet = own(context, 'apiserver-kubelet-client');
  const etcd = own(context, 'apiserver-etcd-client');
  const proxy = own(context, 'front-proxy-client');
  const sa = serviceAccountPaths(layout);
  return {
    description: 'Kubernetes API server',
    binary: 'kube-apiserver',
    after: p.etcd.topology === 'stacked' ? ['etcd.service'] : [],
    flags: [
      ['advertise-address', node.ip],
      ['secure-port', String(p.apiServerBindPort)],
      ['allow-privileged', 'true'],
      ['authorization-mode', 'Node,RBAC'],
      ['enable-admission-plugins', 'NodeRestriction'],
      ['enable-bootstrap-token-auth', 'true'],
      ['client-ca-file', ca(context, 'ca')],
      ['tls-cert-file', serving.cert],
      ['tls-private-key-file', serving.key],
      ['etcd-servers', plan.etcdMembers.map(etcdClientUrl).join(',')],
      ['etcd-cafile', ca(context, 'etcd-ca')],
      ['etcd-certfile', etcd.cert],
      ['etcd-keyfile', etcd.key],
      ['kubelet-client-certificate', kubelet.cert],
      ['kubelet-client-key', kubelet.key],
      // Every kubelet serves a certificate from the cluster CA (kubelet-server-<node>): check it.
      ['kubelet-certificate-authority', ca(context, 'ca')],
      ['kubelet-preferred-address-types', 'InternalIP,ExternalIP,Hostname'],
      ['proxy-client-cert-file', proxy.cert],
      ['proxy-client-key-file', proxy.key],
      ['requestheader-client-ca-file', ca(context, 'front-proxy-ca')],
      ['requestheader-allowed-names', 'front-proxy-client'],
      ['requestheader-extra-headers-prefix', 'X-Remote-Extra-'],
      ['requestheader-group-headers', 'X-Remote-Group'],
      ['requestheader-username-headers', 'X-Remote-User'],
      ['service-account-issuer', `https://kubernetes.default.svc.${p.clusterDomain}`],
      ['service-account-key-file', sa.pub],
      ['service-account-signing-key-file', sa.key],
      ['service-cluster-ip-range', p.serviceCidr],
      ...(p.encryptionAtRest ? [['encryption-provider-config', ENCRYPTION_CONFIG_PATH] as [string, string]] : []),
    ],
  };
}

function componentKubeconfigFlags(file: string): [string, string][] {
  const path = kubeconfigPath(file);
  return [['kubeconfig', path], ['authentication-kubeconfig', path], ['authorization-kubeconfig', path], ['bind-address', '127.0.0.1'], ['leader-elect', 'true']];
}

function controllerManagerUnit(context: UnitContext): UnitSpec {
  const { plan, layout } = context;
  const signer = signerFor(plan, 'ca');
  return {
    description: 'Kubernetes controller manager',
    binary: 'kube-controller-manager',
    after: ['kube-apiserver.service'],
    flags: [
      ...componentKubeconfigFlags('controller-manager.conf'),
      ['cluster-name', plan.plan.clusterName],
      ['client-ca-file', ca(context, 'ca')],
      ['requestheader-client-ca-file', ca(context, 'front-proxy-ca')],
      ['root-ca-file', ca(context, 'ca')],
      // Signs the kubelets' client certificates (TLS bootstrap, rotation) with the cluster CA.
      ['cluster-signing-cert-file', signerCertPath(layout, signer)],
      ['cluster-signing-key-file', caKeyPath(layout, signer)],
      // bootstrapsigner signs cluster-info for `kubeadm join` discovery; tokencleaner drops expired tokens.
      ['controllers', '*,bootstrapsigner,tokencleaner'],
      ['service-account-private-key-file', serviceAccountPaths(layout).key],
      ['use-service-account-credentials', 'true'],
      ['service-cluster-ip-range', plan.plan.serviceCidr],
      ['allocate-node-cidrs', 'true'],
      ['cluster-cidr', plan.plan.podCidr],
    ],
  };
}

function schedulerUnit(): UnitSpec {
  return { description: 'Kubernetes scheduler', binary: 'kube-scheduler', after: ['kube-apiserver.service'], flags: componentKubeconfigFlags('scheduler.conf') };
}

function kubeletUnit(context: UnitContext): UnitSpec {
  const { plan, node } = context;
  const bootstrap = plan.plan.kubeletCredentials === 'tls-bootstrap' && !isControlPlane(plan, node.name);
  return {
    description: 'Kubernetes node agent (kubelet)',
    binary: 'kubelet',
    after: ['containerd.service'],
    flags: [
      ['config', KUBELET_CONFIG_PATH],
      ['kubeconfig', kubeconfigPath('kubelet.conf')],
      // The kubelet writes kubelet.conf itself once the API server has signed its CSR.
      ...(bootstrap ? [['bootstrap-kubeconfig', kubeconfigPath('bootstrap-kubelet.conf')] as [string, string]] : []),
      ['node-ip', node.ip],
      // The Node authorizer knows the kubelet by the name in its certificate: system:node:<name>.
      ['hostname-override', node.name],
    ],
  };
}

function kubeProxyUnit(): UnitSpec {
  return { description: 'Kubernetes network proxy (kube-proxy)', binary: 'kube-proxy', after: ['kubelet.service'], flags: [['config', KUBE_PROXY_CONFIG_PATH]] };
}

function planNode(plan: ResolvedPlan, name: string): PlanNode {
  const node = plan.allNodes.find((n) => n.name === name);
  if (!node) throw new KubeprepError('common.internal', { params: { detail: `unitText: ${name}` } });
  return node;
}

export function unitText(plan: ResolvedPlan, set: CertificateSet, layout: Layout, nodeName: string, unit: UnitName): string {
  const context: UnitContext = { plan, set, layout, node: planNode(plan, nodeName) };
  const specs: Record<UnitName, () => UnitSpec> = {
    etcd: () => etcdUnit(context),
    'kube-apiserver': () => apiServerUnit(context),
    'kube-controller-manager': () => controllerManagerUnit(context),
    'kube-scheduler': () => schedulerUnit(),
    kubelet: () => kubeletUnit(context),
    'kube-proxy': () => kubeProxyUnit(),
  };
  return renderUnit(plan, specs[unit]());
}

/** kubeadm's cluster DNS address: the tenth address of the (first) service range (GetDNSIP). */
export function clusterDnsIp(serviceCidrs: Cidr[]): string {
  return addressAt(serviceCidrs[0]!, 10n);
}

/** kubelet.config.k8s.io/v1beta1 KubeletConfiguration for the binary install. */
export function kubeletConfigurationYaml(plan: ResolvedPlan, set: CertificateSet, layout: Layout, nodeName: string): string {
  const context: UnitContext = { plan, set, layout, node: planNode(plan, nodeName) };
  const serving = own(context, 'kubelet-server');
  return toYaml({
    apiVersion: 'kubelet.config.k8s.io/v1beta1',
    kind: 'KubeletConfiguration',
    authentication: { anonymous: { enabled: false }, webhook: { enabled: true }, x509: { clientCAFile: ca(context, 'ca') } },
    authorization: { mode: 'Webhook' },
    cgroupDriver: 'systemd',
    clusterDNS: [clusterDnsIp(plan.serviceCidrs)],
    clusterDomain: plan.plan.clusterDomain,
    containerRuntimeEndpoint: CRI_SOCKET,
    rotateCertificates: true,
    tlsCertFile: serving.cert,
    tlsPrivateKeyFile: serving.key,
    // kube-vip runs as a static pod on the control-plane nodes.
    staticPodPath: STATIC_POD_DIR,
  });
}

/** kubeproxy.config.k8s.io/v1alpha1 KubeProxyConfiguration for the binary install. */
export function kubeProxyConfigurationYaml(plan: ResolvedPlan, nodeName: string, options: UnitOptions = {}): string {
  return toYaml({
    apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
    kind: 'KubeProxyConfiguration',
    clientConnection: { kubeconfig: kubeconfigPath('kube-proxy.conf') },
    clusterCIDR: plan.plan.podCidr,
    hostnameOverride: planNode(plan, nodeName).name,
    mode: options.proxyMode ?? 'iptables',
  });
}
