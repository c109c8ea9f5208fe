// Where each credential lives on a node in the two layouts: kubeadm's (/etc/kubernetes/pki/*.crt|.key,
// etcd/ subfolder, /etc/kubernetes/*.conf) and the guide's cfssl one (/etc/kubernetes/ssl/<name>.pem,
// <name>-key.pem, as kubeasz does). The file list, verify.sh, the kubeadm configuration and the systemd
// units all ask here, so a flag and the file it names cannot disagree.
import { bareFileNames } from '../pki/cfssljson';
import type { CaRole, CertificatePlan } from './certificates';

export type Layout = 'kubeadm' | 'cfssl';
export const LAYOUTS: readonly Layout[] = ['kubeadm', 'cfssl'];



/** kubeadm's configuration directory and its certificate directory (cmd/kubeadm/app/constants: KubernetesDir, + "/pki"). */
export const KUBERNETES_DIR = '/etc/kubernetes';
export const KUBEADM_PKI_DIR = `${KUBERNETES_DIR}/pki`;

/** Where kubeadm keeps each CA, without the .crt/.key extension (cmd/kubeadm/app/phases/certs/certlist.go). */
export const KUBEADM_CA_PATHS: Readonly<Record<CaRole, string>> = {
  ca: `${KUBEADM_PKI_DIR}/ca`,
  'etcd-ca': `${KUBEADM_PKI_DIR}/etcd/ca`,
  'front-proxy-ca': `${KUBEADM_PKI_DIR}/front-proxy-ca`,
};

/** Where the kubelet looks for static pods (kubeadm's manifests folder). */
export const STATIC_POD_DIR = `${KUBERNETES_DIR}/manifests`;

/** The cfssl layout's one directory for certificates and keys, as the guide and kubeasz use it. */
export const CFSSL_DIR = `${KUBERNETES_DIR}/ssl`;

/** A CA role's certificate path (the role names the file; with one CA the content is the same). */
export function caCertPath(layout: Layout, role: CaRole): string {
  return layout === 'kubeadm' ? `${KUBEADM_CA_PATHS[role]}.crt` : `${CFSSL_DIR}/${bareFileNames(role).cert}`;
}

export function caKeyPath(layout: Layout, role: CaRole): string {
  return layout === 'kubeadm' ? `${KUBEADM_CA_PATHS[role]}.key` : `${CFSSL_DIR}/${bareFileNames(role).key}`;
}

/** The CA certificate a leaf signed by `signer` verifies against, on a node, in a layout. */
export function signerCertPath(layout: Layout, signer: CaRole): string {
  return caCertPath(layout, signer);
}

/** A leaf's certificate and key; null in the kubeadm layout for what kubeadm only embeds in a kubeconfig. */
export function leafPaths(layout: Layout, cert: Pick<CertificatePlan, 'kubeadmPath' | 'cfsslBase'>): { cert: string; key: string } | null {
  if (layout === 'cfssl') {
    const names = bareFileNames(cert.cfsslBase);
    return { cert: `${CFSSL_DIR}/${names.cert}`, key: `${CFSSL_DIR}/${names.key}` };
  }
  return cert.kubeadmPath === null ? null : { cert: `${cert.kubeadmPath}.crt`, key: `${cert.kubeadmPath}.key` };
}

/** The service-account signing pair (a bare key pair, kubeadm's sa.key / sa.pub). */
export function serviceAccountPaths(layout: Layout): { key: string; pub: string } {
  const base = layout === 'kubeadm' ? `${KUBEADM_PKI_DIR}/sa` : `${CFSSL_DIR}/sa`;
  return { key: `${base}.key`, pub: `${base}.pub` };
}

/** A kubeconfig on a node (both layouts: kubeadm's names under /etc/kubernetes). */
export function kubeconfigPath(file: string): string {
  return `${KUBERNETES_DIR}/${file}`;
}
