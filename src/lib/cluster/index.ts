// The HA cluster plan: a description of the cluster → the certificate set, kubeconfigs, bootstrap
// objects, lint findings, file placement, scripts and the files that turn it into a running control
// plane (kubeadm configurations, systemd units, VIP, encryption at rest). Pure; generation (keys,
// signing) is generate.ts.
export * from './plan';
export * from './releases';
export * from './validate';
export * from './validate-deployment';
export * from './cidr';
export * from './certificates';
export * from './key-plan';
export * from './kubeconfig';
export * from './bootstrap';
export * from './lint';
export * from './paths';
export * from './files';
export * from './kubeadm-config';
export * from './encryption';
export * from './systemd-units';
export * from './vip';
export * from './scripts';
export * from './cfssl';
export * from './generate';
