// What the screens call in the lazily loaded engine chunk (engine.ts). Import this module only there.
export { generateCluster } from '../../lib/cluster';
export { certificateDetails, exportPrivateKeyPem, loadCertificateAuthority, verifyChain } from '../../lib/pki';
export { generateWorkspace, inspectPem } from '../../lib/workspace';
