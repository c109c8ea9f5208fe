// What a certificate is for, in the words of a cluster: a CA, an API server or etcd serving certificate,
// an etcd peer certificate, a kubelet's serving or client certificate, a component's client certificate,
// or the client certificate a kubeconfig embeds. Judged from the certificate (basic constraints, extended
// key usages, the Node authorizer's `system:node:` names) and, where usages alone cannot tell, the file
// name (etcd's server and peer certificates carry the same usages in kubeadm's layout).
import type { ItemOrigin } from '../inventory';
import { baseName } from '../inventory';

export const CERTIFICATE_KINDS = ['ca', 'server', 'peer', 'client', 'kubelet-serving', 'kubelet-client', 'kubeconfig'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

export interface KindFacts {
  path: string;
  origin: ItemOrigin;
  isCa: boolean;
  commonName: string;
  organizations: readonly string[];
  extKeyUsages: readonly string[];
}

export function certificateKind(facts: KindFacts): CertificateKind {
  if (facts.isCa) return 'ca';
  if (facts.origin.format === 'kubeconfig') return 'kubeconfig';
  const file = baseName(facts.path).toLowerCase();
  const server = facts.extKeyUsages.includes('server auth');
  const client = facts.extKeyUsages.includes('client auth');
  // The Node authorizer's identity (CN system:node:<name>, O system:nodes) marks a kubelet certificate.
  if (facts.commonName.startsWith('system:node:')) return server && !file.includes('client') ? 'kubelet-serving' : 'kubelet-client';
  if (file.includes('peer')) return 'peer';
  if (server) return 'server';
  return client ? 'client' : 'server';
}
