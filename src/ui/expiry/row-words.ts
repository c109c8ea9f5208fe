// How one report row reads in the table and on the timeline: the file (with the kubeconfig entry it
// is embedded in), the time left as a word for its state, and that state's class.
import type { ReportRow } from '../../lib/renewal';
import { t } from '../common/i18n.svelte';
import { formatDate } from '../common/format';

const DAY_MS = 86_400_000;

export function rowLabel(row: ReportRow): string {
  if (row.embedded === 'client-certificate') return t('renewal.embedded.user', { path: row.path, owner: row.owner ?? '' });
  if (row.embedded === 'certificate-authority') return t('renewal.embedded.ca', { path: row.path });
  return row.path;
}

export function timeLeft(row: ReportRow): string {
  if (row.status === 'expired') return t('renewal.status.expired', { days: Math.ceil(-row.msLeft / DAY_MS) });
  if (row.status === 'not-yet-valid') return t('renewal.status.not-yet-valid', { date: formatDate(row.notBefore) });
  return row.msLeft < DAY_MS ? t('renewal.status.hours') : t('renewal.status.left', { days: row.daysLeft });
}

export function statusClass(row: ReportRow): 'error' | 'warning' | 'ok' {
  if (row.status === 'expired' || row.status === 'not-yet-valid') return 'error';
  return row.status === 'soon' ? 'warning' : 'ok';
}
