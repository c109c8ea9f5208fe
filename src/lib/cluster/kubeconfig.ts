// kubeconfig files (client-go tools/clientcmd/api/v1/types.go; docs/kubernetes-pki.md) with embedded base64 data, as kubeadm writes
// them: one cluster, one user, one context named <user>@<cluster>.
import { KubeprepError } from '../errors';
import type { CertificatePlan, CertificateSet, KubeconfigName } from './certificates';
import type { GeneratedCluster } from './generate';
import type { ResolvedPlan } from './validate';
import { httpsUrl } from './validate';
import { base64Text, quote } from './yaml';

export type KubeconfigCredentials = { certPem: string; keyPem: string } | { token: string };

export interface KubeconfigInput {
  clusterName: string;
  server: string;
  caPem: string;
  user: string;
  credentials: KubeconfigCredentials;
}

export function renderKubeconfig(input: KubeconfigInput): string {
  const context = `${input.user}@${input.clusterName}`;
  const credentials =
    'token' in input.credentials
      ? [`    token: ${quote(input.credentials.token)}`]
      : [
          `    client-certificate-data: ${base64Text(input.credentials.certPem)}`,
          `    client-key-data: ${base64Text(input.credentials.keyPem)}`,
        ];
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- cluster:',
    `    certificate-authority-data: ${base64Text(input.caPem)}`,
    `    server: ${quote(input.server)}`,
    `  name: ${quote(input.clusterName)}`,
    'contexts:',
    '- context:',
    `    cluster: ${quote(input.clusterName)}`,
    `    user: ${quote(input.user)}`,
    `  name: ${quote(context)}`,
    `current-context: ${quote(context)}`,
    'preferences: {}',
    'users:',
    `- name: ${quote(input.user)}`,
    '  user:',
    ...credentials,
    '',
  ].join('\n');
}

/** One kubeconfig file on one node, before the certificates exist. */
export interface KubeconfigSpec {
  /** File name under /etc/kubernetes (`admin.conf`, `kubelet.conf`...). */
  file: string;
  name: KubeconfigName | 'bootstrap-kubelet';
  node: string;
  server: string;
  /** The user entry's name: the certificate CN, as kubeadm does. */
  user: string;
  /** The embedded client certificate; absent for the bootstrap kubeconfig (token). */
  certificateId?: string;
}

const FILE_NAMES: Record<KubeconfigName, string> = {
  admin: 'admin.conf',
  'super-admin': 'super-admin.conf',
  'controller-manager': 'controller-manager.conf',
  scheduler: 'scheduler.conf',
  'kube-proxy': 'kube-proxy.conf',
  kubelet: 'kubelet.conf',
};

/** The kubeadm user name for the TLS-bootstrap token in bootstrap-kubelet.conf. */
export const BOOTSTRAP_USER = 'tls-bootstrap-token-user';

/**
 * kubeadm points a control-plane node's kubelet.conf at its own API server from 1.33
 * (ControlPlaneKubeletLocalMode, beta and on by default; alpha and off in 1.31 and 1.32), so a kubelet
 * does not depend on the load balancer that may run on its own node.
 */
export const LOCAL_KUBELET_FROM_MINOR = 33;

/**
 * Every kubeconfig per node. controller-manager and scheduler dial their own node's API server
 * (kubeadm's local endpoint), and so does a control-plane kubelet from 1.33; the rest dial the
 * load-balanced endpoint.
 */
export function kubeconfigSpecs(plan: ResolvedPlan, set: CertificateSet): KubeconfigSpec[] {
  const specs: KubeconfigSpec[] = [];
  const ipOf = new Map(plan.allNodes.map((n) => [n.name, n.ip]));
  const withKubeconfig = set.certificates.filter((c): c is CertificatePlan & { kubeconfig: KubeconfigName } => c.kubeconfig !== undefined);
  for (const cert of withKubeconfig) {
    const local = cert.kubeconfig === 'controller-manager' || cert.kubeconfig === 'scheduler'
      || (cert.kubeconfig === 'kubelet' && plan.minorVersion >= LOCAL_KUBELET_FROM_MINOR && plan.plan.controlPlane.some((n) => n.name === cert.node?.name));
    for (const node of cert.destinations) {
      specs.push({
        file: FILE_NAMES[cert.kubeconfig],
        name: cert.kubeconfig,
        node,
        server: local ? httpsUrl(ipOf.get(node)!, plan.plan.apiServerBindPort) : plan.endpointUrl,
        user: cert.cn,
        certificateId: cert.id,
      });
    }
  }
  if (plan.plan.kubeletCredentials === 'tls-bootstrap') {
    for (const node of plan.plan.workers) {
      specs.push({ file: 'bootstrap-kubelet.conf', name: 'bootstrap-kubelet', node: node.name, server: plan.endpointUrl, user: BOOTSTRAP_USER });
    }
  }
  return specs;
}

// Here rather than in generate.ts: the bundle's README and layout render kubeconfigs on the first paint's
// side, and generate.ts (keys, signing) belongs to the engine chunk the screens load on demand.
/** The YAML of one kubeconfig spec, with the cluster CA and the spec's certificate (or the token). */
export function kubeconfigText(generated: GeneratedCluster, spec: KubeconfigSpec): string {
  const caPem = generated.cas.get('ca')!.certPem;
  const base = { clusterName: generated.plan.plan.clusterName, server: spec.server, caPem, user: spec.user };
  if (spec.certificateId === undefined) {
    return renderKubeconfig({ ...base, user: BOOTSTRAP_USER, credentials: { token: generated.bootstrapToken.token } });
  }
  const pair = generated.certificates.get(spec.certificateId)!;
  return renderKubeconfig({ ...base, credentials: { certPem: pair.certPem, keyPem: pair.keyPem } });
}

/** Every kubeconfig of the cluster: `<node>/<file>` → YAML. */
export function allKubeconfigs(generated: GeneratedCluster): Map<string, string> {
  return new Map(kubeconfigSpecs(generated.plan, generated.set).map((spec) => [`${spec.node}/${spec.file}`, kubeconfigText(generated, spec)]));
}
