// Why a row of the expiry report cannot be renewed, or what to watch for after it was: coded values
// worded by the catalogue (src/lib/i18n/messages/renewal.ts, `error.<code>`).
import type { MessageParams } from '../i18n/params';

export const RENEWAL_PROBLEMS = [
  'renewal.ca-refused',
  'renewal.issuer-missing',
  'renewal.ca-key-missing',
  'renewal.ca-key-encrypted',
  'renewal.key-missing',
  'renewal.outlives-ca',
  'renewal.shared-key',
  'renewal.nothing-selected',
  'renewal.invalid-days',
  'renewal.failed',
] as const;
export type RenewalProblemCode = (typeof RENEWAL_PROBLEMS)[number];

export interface RenewalProblem {
  /** The report row (`path#block`) it concerns; '' for the whole run. */
  row: string;
  code: RenewalProblemCode;
  params: MessageParams;
}

export function renewalProblem(row: string, code: RenewalProblemCode, params: MessageParams = {}): RenewalProblem {
  return { row, code, params };
}
