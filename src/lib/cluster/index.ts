// The HA cluster plan: a description of the cluster → the certificate set, kubeconfigs, bootstrap
// objects, lint findings, file placement and scripts. Pure; generation (keys, signing) is generate.ts.
export * from './plan';
export * from './validate';
export * from './cidr';
export * from './certificates';
export * from './kubeconfig';
export * from './bootstrap';
export * from './lint';
export * from './files';
export * from './scripts';
export * from './cfssl';
export * from './generate';
