// Day two: the expiry report of a cluster's PKI and the renewal of what is about to expire, keeping every
// name. Reading the files is src/lib/inventory's; this runs on the X.509 engine (the page loads it on demand).
export * from './problems';
export * from './thresholds';
export * from './kinds';
export * from './kubeadm';
export { analyzeInventory, type Analysis, type CertificateRow, type KeyItem, type KeyPresence, type Authority } from './analyze';
export { expiryReport, rowsExpiringWithin, reportTable, type ReportRow, type ReportColumns } from './report';
export { renewRows, refusal, type RenewalOptions, type RenewalResult, type RenewedCertificate, type RenewalTarget } from './renew';
export { restartPlan, restartCommand, componentsFor, COMPONENTS, type Component, type RestartPlan } from './restarts';
export { renewalReadme } from './readme';
export { renewalVerifyScript, RENEWAL_DIR } from './verify-script';
export { renewalBundleFiles, type RenewalBundleOptions } from './bundle';
export { useRenewalMessages } from './messages';
