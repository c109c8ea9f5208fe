// Every refusal of a cluster plan is a KubeprepError whose code is listed here once, and every lint
// finding a Warning with a code from the second list; each has its words in
// src/lib/i18n/messages/cluster.ts (`error.<code>`; `warning.<code>` with `.why` and `.fix`).
export const CLUSTER_ERROR_CODES = [
  'cluster.invalid-type',
  'cluster.invalid-node-name',
  'cluster.invalid-ip',
  'cluster.invalid-cidr',
  'cluster.cidr-host-bits',
  'cluster.service-cidr-size',
  'cluster.service-cidr-families',
  'cluster.vip-family-mismatch',
  'cluster.invalid-dns-name',
  'cluster.invalid-port',
  'cluster.invalid-choice',
  'cluster.invalid-key-size',
  'cluster.invalid-duration',
  'cluster.invalid-cluster-name',
  'cluster.invalid-version',
  'cluster.no-control-plane',
  'cluster.no-etcd-members',
  'cluster.invalid-san',
  'cluster.invalid-group',
  'cluster.invalid-image-repository',
] as const;
export type ClusterErrorCode = (typeof CLUSTER_ERROR_CODES)[number];

export const CLUSTER_WARNING_CODES = [
  'cluster.endpoint-missing-from-sans',
  'cluster.no-endpoint',
  'cluster.even-etcd',
  'cluster.duplicate-node-name',
  'cluster.duplicate-node-ip',
  'cluster.service-cidr-overlaps-node',
  'cluster.masters-admin',
  'cluster.front-proxy-cluster-ca',
  'cluster.ca-expires-before-leaves',
  'cluster.long-leaf-validity',
  'cluster.long-ca-validity',
] as const;
export type ClusterWarningCode = (typeof CLUSTER_WARNING_CODES)[number];
