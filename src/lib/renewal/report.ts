// The expiry report: one row per certificate, sorted by time left, with the columns the page and
// `kubeprep check-expiration` show, and the same report as JSON.
import type { Analysis, CertificateRow, KeyPresence } from './analyze';
import type { CertificateKind } from './kinds';
import { kubeadmDate, shortHumanDuration } from './kubeadm';
import type { RenewalProblemCode } from './problems';
import { refusal } from './renew';
import { DAY_MS, daysLeft, expiryStatus, type ExpiryStatus } from './thresholds';

export interface ReportRow {
  id: string;
  path: string;
  /** Which value of a kubeconfig: the user's client certificate or the cluster's CA. */
  embedded?: 'client-certificate' | 'certificate-authority';
  /** The kubeconfig entry (user or cluster name) the value belongs to. */
  owner?: string;
  commonName: string;
  subject: string;
  issuer: string;
  issuerCommonName: string;
  kind: CertificateKind;
  notBefore: string;
  notAfter: string;
  /** Milliseconds left (negative when expired). */
  msLeft: number;
  daysLeft: number;
  /** `kubeadm certs check-expiration`'s RESIDUAL TIME. */
  residual: string;
  status: ExpiryStatus;
  caKey: KeyPresence;
  /** Why it cannot be renewed here, if it cannot. */
  blocked?: RenewalProblemCode;
  kubeadmName?: string;
  kubeadmCa?: string;
}

function reportRow(row: CertificateRow, now: Date): ReportRow {
  const origin = row.item.origin;
  const msLeft = row.notAfter.getTime() - now.getTime();
  const blocked = refusal(row)?.code;
  return {
    id: row.id,
    path: row.path,
    ...(origin.format === 'kubeconfig'
      ? { embedded: origin.field === 'certificate-authority-data' ? ('certificate-authority' as const) : ('client-certificate' as const), owner: origin.owner }
      : {}),
    commonName: row.commonName,
    subject: row.subject,
    issuer: row.issuer,
    issuerCommonName: row.info.issuer.common_name ?? '',
    kind: row.kind,
    notBefore: row.info.not_before,
    notAfter: row.info.not_after,
    msLeft,
    daysLeft: daysLeft(row.notAfter, now),
    residual: shortHumanDuration(msLeft),
    status: expiryStatus(row.notBefore, row.notAfter, row.isCa, now),
    caKey: row.caKey,
    ...(blocked ? { blocked } : {}),
    ...(row.kubeadm ? { kubeadmName: row.kubeadm.name, kubeadmCa: row.kubeadm.ca } : {}),
  };
}

export function expiryReport(analysis: Analysis, now = new Date()): ReportRow[] {
  return analysis.rows.map((row) => reportRow(row, now)).sort((a, b) => a.msLeft - b.msLeft || a.path.localeCompare(b.path) || a.id.localeCompare(b.id));
}

/** The rows expiring within `days` (expired and not-yet-valid included) that can be renewed. */
export function rowsExpiringWithin(rows: readonly ReportRow[], days: number): ReportRow[] {
  return rows.filter((r) => !r.blocked && (r.status === 'expired' || r.status === 'not-yet-valid' || r.msLeft < days * DAY_MS));
}

export interface ReportColumns {
  path: string;
  cn: string;
  issuer: string;
  kind: string;
  notBefore: string;
  notAfter: string;
  left: string;
  caKey: string;
  kubeadm: string;
}

/** A plain-text table (columns padded like kubeadm's tabwriter: three spaces apart). */
export function reportTable(rows: readonly ReportRow[], headings: ReportColumns, cell: { kind(k: CertificateKind): string; caKey(k: KeyPresence): string; left(r: ReportRow): string }): string {
  const lines = [
    [headings.path, headings.cn, headings.issuer, headings.kind, headings.notBefore, headings.notAfter, headings.left, headings.caKey, headings.kubeadm],
    ...rows.map((r) => [
      r.embedded ? `${r.path} (${r.embedded === 'client-certificate' ? r.owner || 'user' : 'CA'})` : r.path,
      r.commonName,
      r.issuerCommonName,
      cell.kind(r.kind),
      kubeadmDate(new Date(r.notBefore)),
      kubeadmDate(new Date(r.notAfter)),
      cell.left(r),
      cell.caKey(r.caKey),
      r.kubeadmName ?? '-',
    ]),
  ];
  const widths = lines[0]!.map((_, column) => Math.max(...lines.map((line) => line[column]!.length)));
  return lines.map((line) => line.map((value, column) => value.padEnd(widths[column]! + 3)).join('').trimEnd()).join('\n') + '\n';
}
