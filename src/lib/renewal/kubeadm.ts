// What `kubeadm certs check-expiration` lists, and how it words time left, so that `kubeprep
// check-expiration` on a kubeadm layout names the same certificates with the same residual time.
//   The list: cmd/kubeadm/app/phases/certs/renewal/manager.go (NewManager): every certificate of
//   certsphase.GetDefaultCertList (cmd/kubeadm/app/phases/certs/certlist.go) under its CA, plus the client
//   certificates embedded in admin.conf, super-admin.conf, controller-manager.conf and scheduler.conf
//   ("we are excluding KubeletKubeConfig from renewal because management of this certificate is delegated
//   to kubelet"); file names from cmd/kubeadm/app/constants/constants.go.
//   The output: cmd/kubeadm/app/cmd/certs.go (newCmdCertsExpiration), residual time through
//   k8s.io/apimachinery/pkg/util/duration ShortHumanDuration.

export interface KubeadmCertificate {
  /** kubeadm's name for it (the CERTIFICATE column). */
  name: string;
  /** The file, relative to /etc/kubernetes. */
  file: string;
  /** The CA's name (the CERTIFICATE AUTHORITY column); '' for the CAs themselves. */
  ca: string;
}

export const KUBEADM_CERTIFICATES: readonly KubeadmCertificate[] = [
  { name: 'admin.conf', file: 'admin.conf', ca: 'ca' },
  { name: 'apiserver', file: 'pki/apiserver.crt', ca: 'ca' },
  { name: 'apiserver-etcd-client', file: 'pki/apiserver-etcd-client.crt', ca: 'etcd-ca' },
  { name: 'apiserver-kubelet-client', file: 'pki/apiserver-kubelet-client.crt', ca: 'ca' },
  { name: 'controller-manager.conf', file: 'controller-manager.conf', ca: 'ca' },
  { name: 'etcd-healthcheck-client', file: 'pki/etcd/healthcheck-client.crt', ca: 'etcd-ca' },
  { name: 'etcd-peer', file: 'pki/etcd/peer.crt', ca: 'etcd-ca' },
  { name: 'etcd-server', file: 'pki/etcd/server.crt', ca: 'etcd-ca' },
  { name: 'front-proxy-client', file: 'pki/front-proxy-client.crt', ca: 'front-proxy-ca' },
  { name: 'scheduler.conf', file: 'scheduler.conf', ca: 'ca' },
  { name: 'super-admin.conf', file: 'super-admin.conf', ca: 'ca' },
];

export const KUBEADM_AUTHORITIES: readonly KubeadmCertificate[] = [
  { name: 'ca', file: 'pki/ca.crt', ca: '' },
  { name: 'etcd-ca', file: 'pki/etcd/ca.crt', ca: '' },
  { name: 'front-proxy-ca', file: 'pki/front-proxy-ca.crt', ca: '' },
];

/** kubeadm's entry for a file, judged by the end of its path (`<anything>/etc/kubernetes/<file>` or `<file>`). */
export function kubeadmEntry(path: string): KubeadmCertificate | undefined {
  return [...KUBEADM_CERTIFICATES, ...KUBEADM_AUTHORITIES].find((entry) => {
    if (path === entry.file) return true;
    if (!path.endsWith(`/${entry.file}`)) return false;
    // A kubeconfig counts only beside pki/ (…/kubernetes/admin.conf), not any admin.conf anywhere.
    return entry.file.startsWith('pki/') || path.endsWith(`kubernetes/${entry.file}`);
  });
}

/**
 * ShortHumanDuration: "<invalid>" below -1 s, "0s" just before, then seconds, minutes, hours, whole days
 * below a year (365 days), whole years after.
 */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** Go's month abbreviations (time/format.go), whatever the locale data of the browser or Node at hand. */
const GO_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** kubeadm's EXPIRES column: Go's "Jan 02, 2006 15:04 MST" in UTC. */
export function kubeadmDate(date: Date): string {
  const month = GO_MONTHS[date.getUTCMonth()]!;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${month} ${pad(date.getUTCDate())}, ${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}
