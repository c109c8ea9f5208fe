// Where every file goes on every node, for the two layouts: kubeadm (/etc/kubernetes/pki/*.crt|.key,
// etcd/ subfolder, /etc/kubernetes/*.conf) and cfssl (/etc/kubernetes/ssl/<name>.pem, <name>-key.pem,
// as the guide and kubeasz do). The zip writer, distribute.sh and verify.sh all read this list.
import { bareFileNames } from '../pki/cfssljson';
import { CA_ROLES, caDestinations, KUBEADM_CA_PATHS, signerFor, type CaRole, type CertificateSet } from './certificates';
import { kubeconfigSpecs, type KubeconfigSpec } from './kubeconfig';
import type { ResolvedPlan } from './validate';
import type { ScriptName } from '../scripts';

export type Layout = 'kubeadm' | 'cfssl';
export const LAYOUTS: readonly Layout[] = ['kubeadm', 'cfssl'];

export type FileSource =
  | { type: 'ca-cert'; role: CaRole }
  | { type: 'ca-key'; role: CaRole }
  | { type: 'cert'; id: string }
  | { type: 'key'; id: string }
  | { type: 'sa-key' }
  | { type: 'sa-pub' }
  | { type: 'kubeconfig'; spec: KubeconfigSpec }
  | { type: 'node-script'; script: ScriptName };

export interface NodeFile {
  node: string;
  /** Absolute path on the node; the zip holds it as `<node><path>`. */
  path: string;
  /** Private key material: mode 0600 on the node. */
  secret: boolean;
  source: FileSource;
}

const CFSSL_DIR = '/etc/kubernetes/ssl';

export function caCertPath(layout: Layout, role: CaRole, kubeadmPath: string): string {
  return layout === 'kubeadm' ? `${kubeadmPath}.crt` : `${CFSSL_DIR}/${bareFileNames(role).cert}`;
}


/** The CA certificate a leaf signed by `signer` verifies against, on a node, in a layout. */
export function signerCertPath(layout: Layout, signer: CaRole): string {
  return caCertPath(layout, signer, KUBEADM_CA_PATHS[signer]);
}

/**
 * CA files. kubeadm layout: every role path is written even with one CA (same content), so kubeadm's
 * default flags (--etcd-cafile=etcd/ca.crt...) work unchanged and `kubeadm init` finds the CAs.
 * cfssl layout with one CA: a single ca.pem / ca-key.pem.
 */
function caFiles(plan: ResolvedPlan, layout: Layout): NodeFile[] {
  const files: NodeFile[] = [];
  for (const role of CA_ROLES) {
    const content = signerFor(plan, role);
    const pathRole = layout === 'kubeadm' ? role : content;
    const { cert, key } = caDestinations(plan, role);
    for (const node of cert) {
      files.push({ node, path: caCertPath(layout, pathRole, KUBEADM_CA_PATHS[pathRole]), secret: false, source: { type: 'ca-cert', role: content } });
      // Leaves name their signer's file (signerCertPath): with one CA that is ca.crt on every such node.
      files.push({ node, path: signerCertPath(layout, content), secret: false, source: { type: 'ca-cert', role: content } });
    }
    for (const node of key) {
      const path = layout === 'kubeadm' ? `${KUBEADM_CA_PATHS[pathRole]}.key` : `${CFSSL_DIR}/${bareFileNames(pathRole).key}`;
      files.push({ node, path, secret: true, source: { type: 'ca-key', role: content } });
    }
  }
  return files;
}

function leafFiles(set: CertificateSet, layout: Layout): NodeFile[] {
  return set.certificates.flatMap((cert) => {
    if (layout === 'kubeadm' && cert.kubeadmPath === null) return [];
    const cfssl = bareFileNames(cert.cfsslBase);
    const certPath = layout === 'kubeadm' ? `${cert.kubeadmPath}.crt` : `${CFSSL_DIR}/${cfssl.cert}`;
    const keyPath = layout === 'kubeadm' ? `${cert.kubeadmPath}.key` : `${CFSSL_DIR}/${cfssl.key}`;
    return cert.destinations.flatMap((node): NodeFile[] => [
      { node, path: certPath, secret: false, source: { type: 'cert', id: cert.id } },
      { node, path: keyPath, secret: true, source: { type: 'key', id: cert.id } },
    ]);
  });
}

function serviceAccountFiles(set: CertificateSet, layout: Layout): NodeFile[] {
  const base = layout === 'kubeadm' ? set.serviceAccount.kubeadmPath : `${CFSSL_DIR}/sa`;
  return set.serviceAccount.destinations.flatMap((node): NodeFile[] => [
    { node, path: `${base}.key`, secret: true, source: { type: 'sa-key' } },
    { node, path: `${base}.pub`, secret: false, source: { type: 'sa-pub' } },
  ]);
}

function kubeconfigFiles(plan: ResolvedPlan, set: CertificateSet): NodeFile[] {
  // A kubeconfig embeds a private key (or a bootstrap token): secret.
  return kubeconfigSpecs(plan, set).map((spec) => ({ node: spec.node, path: `/etc/kubernetes/${spec.file}`, secret: true, source: { type: 'kubeconfig', spec } }));
}

/** Where the node scripts go on each node (distribute.sh copies them with the rest). */
export const NODE_SCRIPT_DIR = '/opt/kubeprep';

function nodeScriptFiles(plan: ResolvedPlan, scripts: readonly ScriptName[]): NodeFile[] {
  return plan.allNodes.flatMap((n) => scripts.map((script): NodeFile => ({ node: n.name, path: `${NODE_SCRIPT_DIR}/${script}.sh`, secret: false, source: { type: 'node-script', script } })));
}

/** Every file of every node (with the named node scripts), deduplicated by (node, path), in a stable order. */
export function nodeFiles(plan: ResolvedPlan, set: CertificateSet, layout: Layout, scripts: readonly ScriptName[] = []): NodeFile[] {
  const seen = new Set<string>();
  const all = [...caFiles(plan, layout), ...serviceAccountFiles(set, layout), ...leafFiles(set, layout), ...kubeconfigFiles(plan, set), ...nodeScriptFiles(plan, scripts)];
  const order = new Map(plan.allNodes.map((n, i) => [n.name, i]));
  return all
    .filter((f) => {
      const key = `${f.node}\u0000${f.path}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => (order.get(a.node)! - order.get(b.node)!) || a.path.localeCompare(b.path));
}
