// What reading a cluster's files can find wrong with one of them. Every entry the reader skips or cannot
// use gets one of these, with the path it concerns: a problem is a value the UI and the CLI word from the
// catalogue (src/lib/i18n/messages/inventory.ts, `error.<code>`), never a thrown exception.
import type { MessageParams } from '../i18n/params';

export const INVENTORY_PROBLEMS = [
  'inventory.file-too-large',
  'inventory.archive-too-large',
  'inventory.too-many-files',
  'inventory.unsafe-path',
  'inventory.link-skipped',
  'inventory.not-a-file',
  'inventory.corrupt-archive',
  'inventory.nested-archive',
  'inventory.not-pki',
  'inventory.damaged',
  'inventory.kubeconfig-no-certificates',
  'inventory.kubeconfig-file-reference',
  'inventory.encrypted-key',
  'inventory.duplicate-path',
] as const;
export type InventoryProblemCode = (typeof INVENTORY_PROBLEMS)[number];

/** `error`: the file could not be read or was refused; `info`: read, and nothing in it to use. */
export type ProblemSeverity = 'error' | 'info';

export interface InventoryProblem {
  path: string;
  code: InventoryProblemCode;
  severity: ProblemSeverity;
  params: MessageParams;
}

const INFO: ReadonlySet<InventoryProblemCode> = new Set(['inventory.not-pki', 'inventory.encrypted-key', 'inventory.kubeconfig-file-reference', 'inventory.duplicate-path', 'inventory.nested-archive']);

export function problem(path: string, code: InventoryProblemCode, params: MessageParams = {}): InventoryProblem {
  return { path, code, severity: INFO.has(code) ? 'info' : 'error', params: { path, ...params } };
}
