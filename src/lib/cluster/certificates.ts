// THE Kubernetes certificate table: every CA and leaf a plan implies, with file names, signer, CN, O,
// SANs, cfssl usages and expiry (docs/kubernetes-pki.md). Everything else — generation, the
// zip layouts, cfssl inputs, scripts, kubeconfigs, the UI table — reads this module.
import type { ResolvedPlan } from './validate';
import type { KeyAlgorithm, PlanNode } from './plan';
import { KUBEADM_CA_PATHS, KUBEADM_PKI_DIR } from './paths';

export const CA_ROLES = ['ca', 'etcd-ca', 'front-proxy-ca'] as const;
export type CaRole = (typeof CA_ROLES)[number];
export type UsageProfile = 'server' | 'client' | 'peer';

/** cfssl ca-config.json usage strings per profile (`signing` = digitalSignature; docs/cfssl-compatibility.md). */
export const PROFILE_USAGES: Readonly<Record<UsageProfile, readonly string[]>> = {
  server: ['signing', 'key encipherment', 'server auth'],
  client: ['signing', 'key encipherment', 'client auth'],
  // etcd server and peer: etcd 3.2+ also uses the server cert as a client (etcd#9785, kubeadm certlist.go).
  peer: ['signing', 'key encipherment', 'server auth', 'client auth'],
};

/** A cfssl CSR JSON object (`cfssl gencert` input), exactly what the bundle writes as <id>-csr.json. */
export interface CfsslCsr {
  CN: string;
  hosts: string[];
  key: { algo: KeyAlgorithm; size: number };
  names: { O: string }[];
  ca?: { expiry: string };
}

export type CertificateKind =
  | 'apiserver' | 'apiserver-kubelet-client' | 'apiserver-etcd-client' | 'front-proxy-client'
  | 'etcd-server' | 'etcd-peer' | 'etcd-healthcheck-client'
  | 'admin' | 'super-admin' | 'controller-manager' | 'scheduler' | 'kube-proxy'
  | 'kubelet-client' | 'kubelet-server' | 'calico-etcd-client';

export type KubeconfigName = 'admin' | 'super-admin' | 'controller-manager' | 'scheduler' | 'kube-proxy' | 'kubelet';

export interface CaPlan {
  role: CaRole;
  /** Unique id and cfssljson -bare base name (`ca` → ca.pem, ca-key.pem). */
  id: string;
  /** kubeadm path without extension (`/etc/kubernetes/pki/etcd/ca` → .crt/.key). */
  kubeadmPath: string;
  cn: string;
  expiry: string;
  csr: CfsslCsr;
}

export interface CertificatePlan {
  /** Unique id and cfssljson -bare base (`apiserver-master-1`). */
  id: string;
  kind: CertificateKind;
  /** The node a per-node certificate is for. */
  node?: PlanNode;
  /** kubeadm path without extension; null when kubeadm only embeds it in a kubeconfig. */
  kubeadmPath: string | null;
  /** File base on a node in the cfssl layout (`apiserver` → /etc/kubernetes/ssl/apiserver.pem). */
  cfsslBase: string;
  /** Signing CA (after the trust model folded roles together). */
  signer: CaRole;
  cn: string;
  o: string[];
  hosts: string[];
  profile: UsageProfile;
  usages: readonly string[];
  expiry: string;
  /** Nodes whose bundle folder receives the certificate and key. */
  destinations: string[];
  /** The kubeconfig that embeds this certificate, if any. */
  kubeconfig?: KubeconfigName;
  csr: CfsslCsr;
}

export interface CertificateSet {
  cas: CaPlan[];
  certificates: CertificatePlan[];
  /** ClusterRoleBindings the chosen version needs for these identities (docs/kubernetes-pki.md, identities). */
  clusterRoleBindings: ClusterRoleBinding[];
  serviceAccount: { kubeadmPath: string; algo: 'rsa'; size: number; destinations: string[] };
}

export interface ClusterRoleBinding {
  name: string;
  clusterRole: string;
  subject: { kind: 'User' | 'Group'; name: string };
}

/** kubeadm CA CNs (certlist.go); the guide's single CA is also CN `kubernetes`. */
const CA_CNS: Record<CaRole, string> = { ca: 'kubernetes', 'etcd-ca': 'etcd-ca', 'front-proxy-ca': 'front-proxy-ca' };

/** Which CA signs for a role: one CA signs everything; with an etcd CA, the front-proxy role folds into `ca`. */
export function signerFor(plan: ResolvedPlan, role: CaRole): CaRole {
  if (plan.plan.trustModel === 'single-ca') return 'ca';
  if (plan.plan.trustModel === 'single-ca-etcd' && role === 'front-proxy-ca') return 'ca';
  return role;
}

/** The CAs a trust model has. */
export function caRoles(plan: ResolvedPlan): CaRole[] {
  return [...new Set(CA_ROLES.map((role) => signerFor(plan, role)))];
}

/** O of apiserver-kubelet-client: ≤1.28 system:masters, 1.29 kubeadm:cluster-admins (k8s#121837), 1.33+ none + CRB. */
export function apiserverKubeletClientGroups(minorVersion: number): string[] {
  if (minorVersion >= 33) return [];
  return [minorVersion >= 29 ? 'kubeadm:cluster-admins' : 'system:masters'];
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** kubeadm GetAPIServerAltNames (cmd/kubeadm/app/util/pkiutil/pki_helpers.go), for one control-plane node. */
export function apiServerHosts(plan: ResolvedPlan, node: PlanNode): string[] {
  const { apiEndpoint, clusterDomain, extraApiServerSans } = plan.plan;
  return unique([
    node.name,
    'kubernetes',
    'kubernetes.default',
    'kubernetes.default.svc',
    `kubernetes.default.svc.${clusterDomain}`,
    ...plan.serviceIps,
    node.ip,
    ...(apiEndpoint.vip ? [apiEndpoint.vip] : []),
    ...(apiEndpoint.dnsName ? [apiEndpoint.dnsName] : []),
    ...extraApiServerSans,
  ]);
}

/** kubeadm getAltNames for etcd server and peer: name, localhost, own IP, 127.0.0.1, ::1 (pki_helpers.go getAltNames). */
export function etcdHosts(node: PlanNode): string[] {
  return unique([node.name, 'localhost', node.ip, '127.0.0.1', '::1']);
}

interface LeafInput {
  id: string;
  kind: CertificateKind;
  node?: PlanNode;
  kubeadmPath: string | null;
  cfsslBase: string;
  role: CaRole;
  cn: string;
  o?: string[];
  hosts?: string[];
  profile: UsageProfile;
  destinations: string[];
  kubeconfig?: KubeconfigName;
}

function leaf(plan: ResolvedPlan, input: LeafInput): CertificatePlan {
  const o = input.o ?? [];
  const hosts = input.hosts ?? [];
  const { node, kubeconfig, role, ...rest } = input;
  return {
    ...rest,
    ...(node ? { node } : {}),
    ...(kubeconfig ? { kubeconfig } : {}),
    signer: signerFor(plan, role),
    o,
    hosts,
    usages: PROFILE_USAGES[input.profile],
    expiry: plan.plan.leafExpiry,
    csr: { CN: input.cn, hosts, key: { ...plan.plan.key }, names: o.map((O) => ({ O })) },
  };
}

function controlPlaneCertificates(plan: ResolvedPlan): CertificatePlan[] {
  const pki = KUBEADM_PKI_DIR;
  // Each control-plane node gets its own client certificates, as `kubeadm join --control-plane` makes
  // them: one node's stolen key is revoked by replacing that node's files, not every node's.
  return plan.plan.controlPlane.flatMap((node) => [
    leaf(plan, {
      id: `apiserver-${node.name}`, kind: 'apiserver', node, kubeadmPath: `${pki}/apiserver`, cfsslBase: 'apiserver',
      role: 'ca', cn: 'kube-apiserver', hosts: apiServerHosts(plan, node), profile: 'server', destinations: [node.name],
    }),
    leaf(plan, {
      id: `apiserver-kubelet-client-${node.name}`, kind: 'apiserver-kubelet-client', node, kubeadmPath: `${pki}/apiserver-kubelet-client`,
      cfsslBase: 'apiserver-kubelet-client', role: 'ca', cn: 'kube-apiserver-kubelet-client',
      o: apiserverKubeletClientGroups(plan.minorVersion), profile: 'client', destinations: [node.name],
    }),
    leaf(plan, {
      id: `apiserver-etcd-client-${node.name}`, kind: 'apiserver-etcd-client', node, kubeadmPath: `${pki}/apiserver-etcd-client`,
      cfsslBase: 'apiserver-etcd-client', role: 'etcd-ca', cn: 'kube-apiserver-etcd-client', profile: 'client', destinations: [node.name],
    }),
    leaf(plan, {
      id: `front-proxy-client-${node.name}`, kind: 'front-proxy-client', node, kubeadmPath: `${pki}/front-proxy-client`,
      cfsslBase: 'front-proxy-client', role: 'front-proxy-ca', cn: 'front-proxy-client', profile: 'client', destinations: [node.name],
    }),
  ]);
}

function etcdCertificates(plan: ResolvedPlan): CertificatePlan[] {
  const members = plan.etcdMembers;
  const pki = `${KUBEADM_PKI_DIR}/etcd`;
  return [
    ...members.flatMap((node) => [
      leaf(plan, {
        id: `etcd-server-${node.name}`, kind: 'etcd-server', node, kubeadmPath: `${pki}/server`, cfsslBase: 'etcd-server',
        role: 'etcd-ca', cn: node.name, hosts: etcdHosts(node), profile: 'peer', destinations: [node.name],
      }),
      leaf(plan, {
        id: `etcd-peer-${node.name}`, kind: 'etcd-peer', node, kubeadmPath: `${pki}/peer`, cfsslBase: 'etcd-peer',
        role: 'etcd-ca', cn: node.name, hosts: etcdHosts(node), profile: 'peer', destinations: [node.name],
      }),
      leaf(plan, {
        id: `etcd-healthcheck-client-${node.name}`, kind: 'etcd-healthcheck-client', node, kubeadmPath: `${pki}/healthcheck-client`,
        cfsslBase: 'etcd-healthcheck-client', role: 'etcd-ca', cn: 'kube-etcd-healthcheck-client', profile: 'client', destinations: [node.name],
      }),
    ]),
  ];
}

function kubeconfigCertificates(plan: ResolvedPlan): CertificatePlan[] {
  const controlPlane = plan.plan.controlPlane;
  const kubeletNodes = [...controlPlane, ...plan.plan.workers];
  const client = (kind: CertificateKind, node: PlanNode, cn: string, o: string[], kubeconfig: KubeconfigName) =>
    leaf(plan, { id: `${kind}-${node.name}`, kind, node, kubeadmPath: null, cfsslBase: kind, role: 'ca', cn, o, profile: 'client', destinations: [node.name], kubeconfig });
  // TLS bootstrap replaces the workers' static client certificates; control-plane kubelets keep theirs
  // (they must start before the API server they bootstrap against exists).
  const staticClients = plan.plan.kubeletCredentials === 'static' ? kubeletNodes : controlPlane;
  return [
    ...controlPlane.flatMap((node, i) => [
      client('admin', node, 'kubernetes-admin', [plan.adminGroup], 'admin'),
      // kubeadm writes the break-glass system:masters identity on the node it runs `init` on, only.
      ...(i === 0 && plan.minorVersion >= 29 ? [client('super-admin', node, 'kubernetes-super-admin', ['system:masters'], 'super-admin')] : []),
      client('controller-manager', node, 'system:kube-controller-manager', [], 'controller-manager'),
      client('scheduler', node, 'system:kube-scheduler', [], 'scheduler'),
    ]),
    // kubeadm runs kube-proxy with a ServiceAccount; a certificate (KTHW) lets it run as a plain service.
    ...kubeletNodes.map((node) => client('kube-proxy', node, 'system:kube-proxy', ['system:node-proxier'], 'kube-proxy')),
    ...staticClients.map((node) => leaf(plan, {
      id: `kubelet-client-${node.name}`, kind: 'kubelet-client', node, kubeadmPath: null,
      cfsslBase: 'kubelet-client', role: 'ca', cn: `system:node:${node.name}`, o: ['system:nodes'], profile: 'client',
      destinations: [node.name], kubeconfig: 'kubelet',
    })),
    // Serving certificates for every kubelet, bootstrap or not: kubelet's self-signed one is never
    // renewed and the built-in approver never approves serving CSRs (kubernetes/kubernetes#99418).
    ...kubeletNodes.map((node) => leaf(plan, {
      id: `kubelet-server-${node.name}`, kind: 'kubelet-server', node, kubeadmPath: '/var/lib/kubelet/pki/kubelet',
      cfsslBase: 'kubelet', role: 'ca', cn: `system:node:${node.name}`, o: ['system:nodes'],
      hosts: unique([node.name, node.ip]), profile: 'server', destinations: [node.name],
    })),
  ];
}

function calicoCertificate(plan: ResolvedPlan): CertificatePlan[] {
  if (!plan.plan.calicoEtcdClient) return [];
  // kubeasz: CN calico, loaded into Secret calico-etcd-secrets (docs/kubernetes-pki.md, Calico); not copied to a node.
  return [leaf(plan, {
    id: 'calico-etcd-client', kind: 'calico-etcd-client', kubeadmPath: null, cfsslBase: 'calico-etcd-client',
    role: 'etcd-ca', cn: 'calico', profile: 'client', destinations: [],
  })];
}

function certificateAuthorities(plan: ResolvedPlan): CaPlan[] {
  return caRoles(plan).map((role) => ({
    role,
    id: role,
    kubeadmPath: KUBEADM_CA_PATHS[role],
    cn: CA_CNS[role],
    expiry: plan.plan.caExpiry,
    csr: { CN: CA_CNS[role], hosts: [], key: { ...plan.plan.key }, names: [], ca: { expiry: plan.plan.caExpiry } },
  }));
}

function clusterRoleBindings(plan: ResolvedPlan): ClusterRoleBinding[] {
  const bindings: ClusterRoleBinding[] = [];
  if (plan.adminGroup !== 'system:masters') {
    // kubeadm EnsureAdminClusterRoleBinding: the admin group only has power through this binding.
    bindings.push({ name: plan.adminGroup, clusterRole: 'cluster-admin', subject: { kind: 'Group', name: plan.adminGroup } });
  }
  if (plan.minorVersion >= 33) {
    bindings.push({
      name: 'kubeadm:apiserver-kubelet-client', clusterRole: 'system:kubelet-api-admin',
      subject: { kind: 'User', name: 'kube-apiserver-kubelet-client' },
    });
  }
  return bindings;
}

/** The whole set for a validated plan. Deterministic: same plan, same table, same order. */
export function certificateSet(plan: ResolvedPlan): CertificateSet {
  return {
    cas: certificateAuthorities(plan),
    certificates: [...controlPlaneCertificates(plan), ...etcdCertificates(plan), ...kubeconfigCertificates(plan), ...calicoCertificate(plan)],
    clusterRoleBindings: clusterRoleBindings(plan),
    // kubeadm's service-account pair is always RSA; every control plane needs the same one (docs/kubernetes-pki.md).
    serviceAccount: {
      kubeadmPath: `${KUBEADM_PKI_DIR}/sa`,
      algo: 'rsa',
      size: plan.plan.key.algo === 'rsa' ? plan.plan.key.size : 2048,
      destinations: plan.plan.controlPlane.map((n) => n.name),
    },
  };
}

/** Which nodes hold each CA role's certificate and key, as kubeadm distributes them (trust-model independent). */
export function caDestinations(plan: ResolvedPlan, role: CaRole): { cert: string[]; key: string[] } {
  const cps = plan.plan.controlPlane.map((n) => n.name);
  const etcd = plan.etcdMembers.map((n) => n.name);
  const workers = plan.plan.workers.map((n) => n.name);
  const distinct = (names: string[]) => [...new Set(names)];
  switch (role) {
    case 'ca': // workers need ca.crt to trust the API server; the controller-manager signs with ca.key.
      return { cert: distinct([...cps, ...workers]), key: cps };
    case 'etcd-ca': // kubeadm copies etcd/ca.key to control planes only with stacked etcd (docs/kubernetes-pki.md).
      return { cert: distinct([...cps, ...etcd]), key: plan.plan.etcd.topology === 'stacked' ? cps : [] };
    case 'front-proxy-ca':
      return { cert: cps, key: cps };
  }
}

/** ca-config.json: one profile per usage set, all with the plan's leaf expiry. */
export function caConfig(plan: ResolvedPlan): { signing: { default: { expiry: string; usages: string[] }; profiles: Record<UsageProfile, { expiry: string; usages: string[] }> } } {
  const profile = (p: UsageProfile) => ({ expiry: plan.plan.leafExpiry, usages: [...PROFILE_USAGES[p]] });
  return {
    signing: {
      default: profile('client'),
      profiles: { server: profile('server'), client: profile('client'), peer: profile('peer') },
    },
  };
}

/** The trust tree: each CA with the certificates it signs (for the picture and its text equivalent). */
export function trustTree(set: CertificateSet): { ca: CaPlan; leaves: CertificatePlan[] }[] {
  return set.cas.map((ca) => ({ ca, leaves: set.certificates.filter((c) => c.signer === ca.role) }));
}
