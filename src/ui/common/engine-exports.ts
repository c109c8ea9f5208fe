// What the screens call in the lazily loaded engine chunk (engine.ts). Import this module only there.
export { generateCluster } from '../../lib/cluster';
export { certificateDetails, exportPrivateKeyPem, generateKeyPair, loadCertificateAuthority, verifyChain } from '../../lib/pki';
export { generateWorkspace, inspectPem } from '../../lib/workspace';
export { encryptBundleKeys } from '../../lib/bundle/encrypt-keys';
// The Expiry and renewal screen is fetched after this chunk and reaches its library only through it.
export { analyzeInventory, expiryReport, renewRows, renewalBundleFiles, rowsExpiringWithin, RENEW_WITHIN_DAYS } from '../../lib/renewal';
export { collectFiles } from '../../lib/inventory';
export { inspectTextOf } from '../../lib/inventory/inspect-text';
export { parseGoDuration } from '../../lib/pki';
import { useRenewalMessages } from '../../lib/renewal/messages';

useRenewalMessages();
