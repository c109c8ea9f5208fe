// Where every file goes on every node, for the two layouts (paths.ts). The kubeadm layout places what
// `kubeadm init` and `kubeadm join` use instead of making it themselves, and nothing they refuse to
// find: the first control-plane node gets every certificate, key and kubeconfig; the others their own
// certificates, the shared CA and service-account keys and admin/controller-manager/scheduler.conf, but
// no kubelet.conf (join's preflight refuses one and bootstraps its own); workers get no pki/ca.crt and
// no kubelet.conf (join writes both from the bootstrap-token discovery). The cfssl layout is the binary
// install: every node gets everything its systemd units name. The zip writer, distribute.sh and
// verify.sh all read this list.
import { CA_ROLES, caDestinations, signerFor, type CaRole, type CertificateSet } from './certificates';
import { kubeconfigSpecs, type KubeconfigSpec } from './kubeconfig';
import { ENCRYPTION_CONFIG_PATH, KUBEADM_CONFIG_PATH } from './kubeadm-config';
import { caCertPath, caKeyPath, kubeconfigPath, leafPaths, serviceAccountPaths, signerCertPath, STATIC_POD_DIR, type Layout } from './paths';
import { SYSTEMD_DIR, KUBELET_CONFIG_PATH, KUBE_PROXY_CONFIG_PATH, unitsFor, type UnitName } from './systemd-units';
import type { ResolvedPlan } from './validate';
import { HAPROXY_CONFIG_PATH, KEEPALIVED_CHECK_PATH, KEEPALIVED_CONFIG_PATH, KUBE_VIP_MANIFEST } from './vip';
import type { ScriptName } from '../scripts';

export type FileSource =
  | { type: 'ca-cert'; role: CaRole }
  | { type: 'ca-key'; role: CaRole }
  | { type: 'cert'; id: string }
  | { type: 'key'; id: string }
  | { type: 'sa-key' }
  | { type: 'sa-pub' }
  | { type: 'kubeconfig'; spec: KubeconfigSpec }
  | { type: 'node-script'; script: ScriptName }
  | { type: 'kubeadm-config' }
  | { type: 'encryption-config' }
  | { type: 'systemd-unit'; unit: UnitName }
  | { type: 'kubelet-config' }
  | { type: 'kube-proxy-config' }
  | { type: 'haproxy-config' }
  | { type: 'keepalived-config' }
  | { type: 'keepalived-check' }
  | { type: 'kube-vip-manifest' };

export interface NodeFile {
  node: string;
  /** Absolute path on the node; the zip holds it as `<node><path>`. */
  path: string;
  /** Private key material or a credential: mode 0600 on the node. */
  secret: boolean;
  /** A script: mode 0755. */
  executable?: boolean;
  source: FileSource;
}

/** Workers in the kubeadm layout: `kubeadm join` writes pki/ca.crt itself and refuses an existing one. */
function joinWritesCa(plan: ResolvedPlan, layout: Layout, node: string): boolean {
  return layout === 'kubeadm' && plan.plan.workers.some((n) => n.name === node) && !plan.plan.controlPlane.some((n) => n.name === node);
}

/**
 * CA files. kubeadm layout: every role path is written even with one CA (same content), so kubeadm's
 * default flags (--etcd-cafile=etcd/ca.crt...) work unchanged and `kubeadm init` finds the CAs.
 * cfssl layout: one <role>.pem per CA the trust model has.
 */
function caFiles(plan: ResolvedPlan, layout: Layout): NodeFile[] {
  const files: NodeFile[] = [];
  for (const role of CA_ROLES) {
    const content = signerFor(plan, role);
    const pathRole = layout === 'kubeadm' ? role : content;
    const { cert, key } = caDestinations(plan, role);
    for (const node of cert.filter((n) => !joinWritesCa(plan, layout, n))) {
      files.push({ node, path: caCertPath(layout, pathRole), secret: false, source: { type: 'ca-cert', role: content } });
      // Leaves name their signer's file (signerCertPath): with one CA that is ca.crt on every such node.
      files.push({ node, path: signerCertPath(layout, content), secret: false, source: { type: 'ca-cert', role: content } });
    }
    for (const node of key) files.push({ node, path: caKeyPath(layout, pathRole), secret: true, source: { type: 'ca-key', role: content } });
  }
  return files;
}

function leafFiles(set: CertificateSet, layout: Layout): NodeFile[] {
  return set.certificates.flatMap((cert) => {
    const paths = leafPaths(layout, cert);
    if (!paths) return [];
    return cert.destinations.flatMap((node): NodeFile[] => [
      { node, path: paths.cert, secret: false, source: { type: 'cert', id: cert.id } },
      { node, path: paths.key, secret: true, source: { type: 'key', id: cert.id } },
    ]);
  });
}

function serviceAccountFiles(set: CertificateSet, layout: Layout): NodeFile[] {
  const paths = serviceAccountPaths(layout);
  return set.serviceAccount.destinations.flatMap((node): NodeFile[] => [
    { node, path: paths.key, secret: true, source: { type: 'sa-key' } },
    { node, path: paths.pub, secret: false, source: { type: 'sa-pub' } },
  ]);
}

/**
 * The kubeconfigs a node receives. kubeadm layout: kubelet.conf only where `kubeadm init` runs (joins
 * bootstrap it), no bootstrap-kubelet.conf (join writes it from discovery), no kube-proxy.conf (kubeadm
 * runs kube-proxy with a ServiceAccount).
 */
function kubeconfigFiles(plan: ResolvedPlan, set: CertificateSet, layout: Layout): NodeFile[] {
  const first = plan.plan.controlPlane[0]?.name;
  const wanted = (spec: KubeconfigSpec) => {
    if (layout === 'cfssl') return true;
    if (spec.name === 'kube-proxy' || spec.name === 'bootstrap-kubelet') return false;
    return spec.name !== 'kubelet' || spec.node === first;
  };
  // A kubeconfig embeds a private key (or a bootstrap token): secret.
  return kubeconfigSpecs(plan, set).filter(wanted).map((spec) => ({ node: spec.node, path: kubeconfigPath(spec.file), secret: true, source: { type: 'kubeconfig', spec } }));
}

/** Where the node scripts go on each node (distribute.sh copies them with the rest). */
export const NODE_SCRIPT_DIR = '/opt/kubeprep';

function nodeScriptFiles(plan: ResolvedPlan, scripts: readonly ScriptName[]): NodeFile[] {
  return plan.allNodes.flatMap((n) => scripts.map((script): NodeFile => ({ node: n.name, path: `${NODE_SCRIPT_DIR}/${script}.sh`, secret: false, executable: true, source: { type: 'node-script', script } })));
}

/** Where kube-vip's manifest waits on a control-plane node that joins: join's preflight wants manifests/ empty. */
export function kubeVipPath(plan: ResolvedPlan, layout: Layout, node: string): string {
  const staged = layout === 'kubeadm' && plan.plan.controlPlane[0]?.name !== node;
  return staged ? `${NODE_SCRIPT_DIR}/${KUBE_VIP_MANIFEST}` : `${STATIC_POD_DIR}/${KUBE_VIP_MANIFEST}`;
}

function loadBalancerFiles(plan: ResolvedPlan, layout: Layout): NodeFile[] {
  const kind = plan.plan.loadBalancer.kind;
  return plan.plan.controlPlane.flatMap(({ name: node }): NodeFile[] => {
    if (kind === 'keepalived-haproxy') {
      return [
        { node, path: HAPROXY_CONFIG_PATH, secret: false, source: { type: 'haproxy-config' } },
        { node, path: KEEPALIVED_CONFIG_PATH, secret: false, source: { type: 'keepalived-config' } },
        { node, path: KEEPALIVED_CHECK_PATH, secret: false, executable: true, source: { type: 'keepalived-check' } },
      ];
    }
    if (kind === 'kube-vip') return [{ node, path: kubeVipPath(plan, layout, node), secret: false, source: { type: 'kube-vip-manifest' } }];
    return [];
  });
}

/** kubeadm configurations, the EncryptionConfiguration, systemd units and the kubelet's and kube-proxy's configurations. */
function deploymentFiles(plan: ResolvedPlan, layout: Layout): NodeFile[] {
  const files: NodeFile[] = [];
  if (layout === 'kubeadm') {
    for (const { name: node } of [...plan.plan.controlPlane, ...plan.plan.workers]) {
      // It holds the bootstrap token: a credential.
      files.push({ node, path: KUBEADM_CONFIG_PATH, secret: true, source: { type: 'kubeadm-config' } });
    }
  }
  if (plan.plan.encryptionAtRest) {
    for (const { name: node } of plan.plan.controlPlane) files.push({ node, path: ENCRYPTION_CONFIG_PATH, secret: true, source: { type: 'encryption-config' } });
  }
  for (const node of plan.allNodes) {
    for (const unit of unitsFor(plan, layout, node.name)) {
      files.push({ node: node.name, path: `${SYSTEMD_DIR}/${unit}.service`, secret: false, source: { type: 'systemd-unit', unit } });
      if (unit === 'kubelet') files.push({ node: node.name, path: KUBELET_CONFIG_PATH, secret: false, source: { type: 'kubelet-config' } });
      if (unit === 'kube-proxy') files.push({ node: node.name, path: KUBE_PROXY_CONFIG_PATH, secret: false, source: { type: 'kube-proxy-config' } });
    }
  }
  return [...files, ...loadBalancerFiles(plan, layout)];
}

/**
 * Paths in code-unit order. For the paths a plan makes (lowercase names, digits, `-`, `.`, `/`) that is the
 * order Intl.Collator('en') gives them (tests/lib/cluster/files.test.ts checks every layout and trust
 * model), without a collator: the first one of a page took Chromium 156 13-54 ms (ICU loading its data),
 * and localeCompare() follows the browser's language besides.
 */
function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every file of every node (with the named node scripts), deduplicated by (node, path), in a stable order. */
export function nodeFiles(plan: ResolvedPlan, set: CertificateSet, layout: Layout, scripts: readonly ScriptName[] = []): NodeFile[] {
  const seen = new Set<string>();
  const all = [
    ...caFiles(plan, layout), ...serviceAccountFiles(set, layout), ...leafFiles(set, layout), ...kubeconfigFiles(plan, set, layout),
    ...nodeScriptFiles(plan, scripts), ...deploymentFiles(plan, layout),
  ];
  const order = new Map(plan.allNodes.map((n, i) => [n.name, i]));
  return all
    .filter((f) => {
      const key = `${f.node}\u0000${f.path}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => (order.get(a.node)! - order.get(b.node)!) || byPath(a.path, b.path));
}
