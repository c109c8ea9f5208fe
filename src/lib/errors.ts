// The one error shape every src/lib module throws or returns, and the one closed list of codes. The
// engine never words a problem: it names it with a code `<area>.<kebab-case>` and the values the words
// need. The UI and the CLI turn a code into a sentence through the i18n catalogue, key `error.<code>`
// (warnings: `warning.<code>`), in the reader's language (src/lib/i18n/describe.ts).
//
// Each area keeps its closed list next to its code (pki/errors.ts, scripts/errors.ts, ...); ErrorCode
// and WarningCode are their union, and src/lib/i18n/index.ts refuses to compile while a code lacks words.
import type { MessageParams } from './i18n/params';
import type { ClusterErrorCode, ClusterWarningCode } from './cluster/errors';
import type { PkiChainProblem, PkiErrorCode, PkiWarningCode } from './pki/errors';
import type { RaftErrorCode } from './raft/errors';
import type { ScriptsErrorCode } from './scripts/errors';
import type { WorkspaceErrorCode, WorkspaceWarningCode } from './workspace/errors';
import type { InventoryProblemCode } from './inventory/problems';
import type { RenewalProblemCode } from './renewal/problems';

/** Codes every part of kubeprep may use: the unexpected, reading files, loading the engine. */
export const COMMON_ERROR_CODES = [
  'common.internal',
  'common.engine-unavailable',
  'common.file-not-found',
  'common.file-permission-denied',
  'common.file-is-directory',
  'common.file-too-large',
] as const;
export type CommonErrorCode = (typeof COMMON_ERROR_CODES)[number];

/** The command line's own refusals (flags and arguments); what the engine refuses keeps its code. */
export const CLI_ERROR_CODES = [
  'cli.unknown-command',
  'cli.unknown-flag',
  'cli.flag-needs-value',
  'cli.invalid-boolean',
  'cli.invalid-choice',
  'cli.missing-flags',
  'cli.wrong-arguments',
  'cli.invalid-time',
] as const;
export type CliErrorCode = (typeof CLI_ERROR_CODES)[number];

export type ErrorCode =
  | CommonErrorCode
  | CliErrorCode
  | PkiErrorCode
  | PkiChainProblem
  | ScriptsErrorCode
  | RaftErrorCode
  | ClusterErrorCode
  | WorkspaceErrorCode
  | InventoryProblemCode
  | RenewalProblemCode;

export type WarningCode = PkiWarningCode | ClusterWarningCode | WorkspaceWarningCode;

export interface ErrorDetails {
  /** Where the problem is: a JSON path (`signing.profiles.etcd.expiry`), a form field or a flag. */
  field?: string;
  /**
   * What would have been accepted, as literal values (`rsa, ecdsa, ed25519`, `-ca, -ca-key`), never a
   * sentence: the CLI prints it on its own line, and the sentence about it lives in the catalogue.
   */
  allowed?: string;
  /** 1-based position in a text input, when the problem has one. */
  line?: number;
  column?: number;
  /** Values for the catalogue's sentence (`{value}`, `{field}`...). */
  params?: MessageParams;
  /** cfssl's numeric error code (category + reason), when cfssl has one for this failure. */
  cfsslCode?: number;
  cause?: unknown;
}

export class KubeprepError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly allowed: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly params: MessageParams;
  readonly cfsslCode: number | undefined;

  constructor(code: ErrorCode, details: ErrorDetails = {}) {
    // The message is for stack traces and logs of developers only; people read describeError's words.
    super(code, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'KubeprepError';
    this.code = code;
    this.field = details.field;
    this.allowed = details.allowed;
    this.line = details.line;
    this.column = details.column;
    this.params = { ...details.params };
    this.cfsslCode = details.cfsslCode;
  }
}

export function isKubeprepError(value: unknown): value is KubeprepError {
  return value instanceof KubeprepError;
}

/**
 * Any failure as a KubeprepError: a KubeprepError as it is, anything else (a bug, a DOMException from
 * WebCrypto) as `common.internal` with its own text as the detail, so no screen calls it by a name it
 * does not have.
 */
export function asKubeprepError(error: unknown): KubeprepError {
  if (isKubeprepError(error)) return error;
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new KubeprepError('common.internal', { params: { detail }, cause: error });
}

/** A finding that does not stop the work (unknown profile, unknown usage, hosts missing...). */
export interface Warning {
  code: WarningCode;
  field?: string;
  params?: MessageParams;
}
