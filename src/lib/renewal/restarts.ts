// Who reads the renewed files, and the order to restart them in: etcd first (the API server needs it),
// then the API server, the controller manager and the scheduler, then the kubelet, then kube-proxy; a
// renewed admin kubeconfig only needs copying to where kubectl reads it. kubeadm's control plane runs as
// static Pods, restarted by moving the manifest out of /etc/kubernetes/manifests and back after the
// kubelet's fileCheckFrequency (20 s): "Manual certificate renewal" in
// https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-certs/. Clusters built the cfssl
// way (Kubernetes The Hard Way, kubeasz) run the same programs as systemd units.
import { baseName } from '../inventory';
import type { RenewedCertificate } from './renew';

export const COMPONENTS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy', 'kubectl'] as const;
export type Component = (typeof COMPONENTS)[number];

const BY_KUBEADM_FILE: Record<string, Component[]> = {
  'apiserver.crt': ['kube-apiserver'],
  'apiserver-kubelet-client.crt': ['kube-apiserver'],
  'apiserver-etcd-client.crt': ['kube-apiserver'],
  'front-proxy-client.crt': ['kube-apiserver'],
  'server.crt': ['etcd'],
  'peer.crt': ['etcd'],
  'healthcheck-client.crt': ['etcd'],
  'controller-manager.conf': ['kube-controller-manager'],
  'scheduler.conf': ['kube-scheduler'],
  'kubelet.conf': ['kubelet'],
  'admin.conf': ['kubectl'],
  'super-admin.conf': ['kubectl'],
};

/** The programs that read one renewed certificate (by kubeadm's file names, else by CN and file name). */
export function componentsFor(certificate: Pick<RenewedCertificate, 'paths' | 'commonName' | 'kind'>): Component[] {
  const found = new Set<Component>();
  for (const path of certificate.paths) {
    const file = baseName(path);
    const known = BY_KUBEADM_FILE[file];
    if (known && (file.endsWith('.conf') || path.includes('pki/'))) known.forEach((c) => found.add(c));
  }
  if (found.size > 0) return [...found];
  const cn = certificate.commonName;
  const names = certificate.paths.map((p) => baseName(p).toLowerCase()).join(' ');
  if (certificate.kind === 'kubelet-client' || certificate.kind === 'kubelet-serving' || /kubelet/.test(names)) found.add('kubelet');
  if (cn === 'system:kube-proxy' || /kube-proxy/.test(names)) found.add('kube-proxy');
  if (cn === 'system:kube-controller-manager' || /controller-manager/.test(names)) found.add('kube-controller-manager');
  if (cn === 'system:kube-scheduler' || /scheduler/.test(names)) found.add('kube-scheduler');
  if (certificate.kind === 'peer' || /etcd/.test(names) && !/apiserver|calico/.test(names)) found.add('etcd');
  // Kubernetes The Hard Way's kubernetes.pem serves the API server and etcd both.
  if (/(^|\s)kubernetes(\.pem|\.crt)/.test(names)) found.add('etcd');
  if (cn === 'kubernetes' || cn === 'kube-apiserver' || /apiserver|aggregator|front-proxy|proxy-client|(^|\s)kubernetes(\.pem|\.crt)/.test(names)) found.add('kube-apiserver');
  if (found.size === 0 && (/admin/.test(names) || cn.includes('admin'))) found.add('kubectl');
  return [...found];
}

export interface RestartPlan {
  /** kubeadm's static Pods, or systemd units (the cfssl way). */
  controlPlane: 'static-pods' | 'systemd';
  steps: Component[];
  /** Renewed files nobody here is known to read (restart whatever uses them). */
  unknown: string[];
  /** Node folders of a multi-node bundle (`<node>/etc/kubernetes/…`), in order. */
  nodes: string[];
}

export function restartPlan(renewed: readonly RenewedCertificate[], inputPaths: readonly string[]): RestartPlan {
  const steps = new Set<Component>();
  const unknown: string[] = [];
  for (const certificate of renewed) {
    const components = componentsFor(certificate);
    if (components.length === 0) unknown.push(...certificate.paths);
    components.forEach((c) => steps.add(c));
  }
  const kubeadm = inputPaths.some((p) => /(^|\/)manifests\/[^/]+\.yaml$/.test(p) || /(^|\/)pki\/(apiserver|etcd\/server)\.crt$/.test(p));
  const nodes = [...new Set(renewed.flatMap((r) => r.paths).map((p) => /^([^/]+)\/(etc|var)\//.exec(p)?.[1]).filter((n): n is string => n !== undefined))];
  return { controlPlane: kubeadm ? 'static-pods' : 'systemd', steps: COMPONENTS.filter((c) => steps.has(c)), unknown, nodes };
}

const STATIC_POD: ReadonlySet<Component> = new Set(['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']);

/** The shell command that restarts one component under the plan's control-plane style. */
export function restartCommand(component: Component, plan: Pick<RestartPlan, 'controlPlane'>): string {
  if (component === 'kubectl') return 'cp /etc/kubernetes/admin.conf "$HOME/.kube/config"';
  if (plan.controlPlane === 'static-pods' && STATIC_POD.has(component)) {
    return `mv /etc/kubernetes/manifests/${component}.yaml /etc/kubernetes/ && sleep 20 && mv /etc/kubernetes/${component}.yaml /etc/kubernetes/manifests/`;
  }
  return `systemctl restart ${component}`;
}
