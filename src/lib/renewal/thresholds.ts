// When a row of the expiry report is shown as a problem. kubeadm's own words for a certificate's period
// (cmd/kubeadm/app/util/pkiutil/pki_helpers.go, ValidateCertPeriod) name two states: "the certificate is
// not valid yet" and "the certificate has expired"; `kubeadm certs check-expiration` prints `<invalid>` for
// the second (k8s.io/apimachinery/pkg/util/duration ShortHumanDuration). Its lifetimes
// (cmd/kubeadm/app/constants/constants.go) give the other two thresholds used here:
//   - CertificateValidityPeriod (one year) is what `kubeadm certs renew` gives a leaf, so a CA with less
//     than a year left cannot back a renewal: the renewed leaves would outlive it;
//   - for leaves, "soon" is 30 days: kubeprep's choice (the last month before an annual renewal), as
//     kubeadm warns about none; RENEW_WITHIN_DAYS is also the renewal screen's default.

/** One day in milliseconds, the unit of the report's windows. */
export const DAY_MS = 86_400_000;

/** constants.CertificateValidityPeriod: time.Hour * 24 * 365. */
export const KUBEADM_CERTIFICATE_VALIDITY_MS = 365 * DAY_MS;
export const RENEW_WITHIN_DAYS = 30;
/** The same year as a Go duration: what `kubeadm certs renew` gives, and the renewal's default validity. */
export const RENEWAL_EXPIRY = '8760h';

export type ExpiryStatus = 'not-yet-valid' | 'expired' | 'soon' | 'ok';

export function expiryStatus(notBefore: Date, notAfter: Date, isCa: boolean, now: Date): ExpiryStatus {
  if (now.getTime() < notBefore.getTime()) return 'not-yet-valid';
  const left = notAfter.getTime() - now.getTime();
  if (left <= 0) return 'expired';
  return left < (isCa ? KUBEADM_CERTIFICATE_VALIDITY_MS : RENEW_WITHIN_DAYS * DAY_MS) ? 'soon' : 'ok';
}

/** Whole days from now (negative when past), as a person counts them: floor. */
export function daysLeft(notAfter: Date, now: Date): number {
  return Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
}
