// The keys a cluster plan's Generate will ask for, in the order generateCluster asks: every CA, every
// certificate, then the service-account signing key. The CSRs here are the plan's own (certificates.ts),
// so their key specs are already checked.
import type { KeySpec } from '../pki';
import type { CertificateSet } from './certificates';

export function clusterKeySpecs(set: CertificateSet): KeySpec[] {
  return [
    ...set.cas.map((ca) => ca.csr.key),
    ...set.certificates.map((certificate) => certificate.csr.key),
    { algo: set.serviceAccount.algo, size: set.serviceAccount.size },
  ];
}
