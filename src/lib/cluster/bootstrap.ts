// The bootstrap token `kubeadm join` and TLS bootstrapping use: a token from the CSPRNG, its Secret, the
// ClusterRoleBindings kubeadm creates so kubelets can request and renew their client certificates, and
// the cluster-info ConfigMap join's discovery reads (signed with the token by the controller manager's
// bootstrapsigner), as kubeadm's bootstrap-token phase writes them
// (https://kubernetes.io/docs/reference/setup-tools/kubeadm/implementation-details/).
import type { ClusterRoleBinding } from './certificates';
import { base64Text, quote, toYaml, yamlDocuments } from './yaml';

const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const TOKEN_PATTERN = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;
/** kubeadm's default group for tokens it creates; auth-extra-groups must start with system:bootstrappers:. */
export const BOOTSTRAP_GROUP = 'system:bootstrappers:kubeadm:default-node-token';

/**
 * `count` characters of [a-z0-9], each uniformly distributed: bytes ≥ 252 (= 7 × 36) are rejected,
 * since 256 is not a multiple of 36 and `byte % 36` would favour a–d.
 */
export function randomTokenCharacters(count: number, random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  let out = '';
  while (out.length < count) {
    for (const byte of random(new Uint8Array(Math.min(2 * (count - out.length), 4096)))) {
      if (byte < 252 && out.length < count) out += TOKEN_ALPHABET[byte % 36];
    }
  }
  return out;
}

export interface BootstrapToken {
  id: string;
  secret: string;
  /** id.secret, what kubelet sends as a bearer token. */
  token: string;
}

export function generateBootstrapToken(random?: (bytes: Uint8Array) => Uint8Array): BootstrapToken {
  const id = randomTokenCharacters(6, random);
  const secret = randomTokenCharacters(16, random);
  return { id, secret, token: `${id}.${secret}` };
}

/**
 * The token's description, as `kubeadm token list` shows it: a label naming who made it for which
 * cluster, the same in the Secret and in the InitConfiguration that creates it.
 */
export function tokenDescription(clusterName: string): string {
  return `kubeprep ${clusterName}`;
}

/** Secret `bootstrap-token-<id>` (type bootstrap.kubernetes.io/token) in kube-system. */
export function bootstrapTokenSecretYaml(token: BootstrapToken, expiration: Date, description: string): string {
  const rfc3339 = expiration.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return yamlDocuments([
    [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      `  name: ${quote(`bootstrap-token-${token.id}`)}`,
      '  namespace: kube-system',
      'type: bootstrap.kubernetes.io/token',
      'stringData:',
      `  description: ${quote(description)}`,
      `  token-id: ${quote(token.id)}`,
      `  token-secret: ${quote(token.secret)}`,
      `  expiration: ${quote(rfc3339)}`,
      '  usage-bootstrap-authentication: "true"',
      '  usage-bootstrap-signing: "true"',
      `  auth-extra-groups: ${quote(BOOTSTRAP_GROUP)}`,
    ].join('\n'),
  ]);
}

/** The three bindings kubeadm names (implementation-details): create CSRs, auto-approve, auto-renew. */
export function bootstrapClusterRoleBindings(): ClusterRoleBinding[] {
  return [
    { name: 'kubeadm:kubelet-bootstrap', clusterRole: 'system:node-bootstrapper', subject: { kind: 'Group', name: BOOTSTRAP_GROUP } },
    {
      name: 'kubeadm:node-autoapprove-bootstrap',
      clusterRole: 'system:certificates.k8s.io:certificatesigningrequests:nodeclient',
      subject: { kind: 'Group', name: BOOTSTRAP_GROUP },
    },
    {
      name: 'kubeadm:node-autoapprove-certificate-rotation',
      clusterRole: 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient',
      subject: { kind: 'Group', name: 'system:nodes' },
    },
  ];
}

export function clusterRoleBindingsYaml(bindings: ClusterRoleBinding[]): string {
  return yamlDocuments(
    bindings.map((b) =>
      [
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRoleBinding',
        'metadata:',
        `  name: ${quote(b.name)}`,
        'roleRef:',
        '  apiGroup: rbac.authorization.k8s.io',
        '  kind: ClusterRole',
        `  name: ${quote(b.clusterRole)}`,
        'subjects:',
        '- apiGroup: rbac.authorization.k8s.io',
        `  kind: ${b.subject.kind}`,
        `  name: ${quote(b.subject.name)}`,
      ].join('\n'),
    ),
  );
}

/** kubeadm's name for the Role and RoleBinding that let anyone read cluster-info (clusterinfo.go). */
export const CLUSTER_INFO_RBAC_NAME = 'kubeadm:bootstrap-signer-clusterinfo';

/**
 * ConfigMap kube-public/cluster-info (a kubeconfig with the cluster CA and endpoint, no user) and the
 * Role and RoleBinding that let the anonymous joining node read it.
 */
export function clusterInfoYaml(caPem: string, server: string): string {
  const kubeconfig = toYaml({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ cluster: { 'certificate-authority-data': base64Text(caPem), server }, name: '' }],
  });
  return yamlDocuments([
    toYaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cluster-info', namespace: 'kube-public' }, data: { kubeconfig } }),
    toYaml({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role',
      metadata: { name: CLUSTER_INFO_RBAC_NAME, namespace: 'kube-public' },
      rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['cluster-info'], verbs: ['get'] }],
    }),
    toYaml({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding',
      metadata: { name: CLUSTER_INFO_RBAC_NAME, namespace: 'kube-public' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: CLUSTER_INFO_RBAC_NAME },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'system:anonymous' }],
    }),
  ]);
}
