// The one error shape every src/lib module throws or returns. The engine never prints: the UI turns an
// error into words with the i18n key `error.<code>` (filled with `params`), the CLI prints `message`
// (English, cfssl's wording where cfssl has one).

export interface ErrorDetails {
  /** Where the problem is: a JSON path (`signing.profiles.etcd.expiry`), a form field or a flag. */
  field?: string;
  /** What would have been accepted, in words a person can act on (`2048 to 8192`). */
  allowed?: string;
  /** 1-based position in a text input, when the problem has one. */
  line?: number;
  column?: number;
  /** Values for the i18n message template. */
  params?: Record<string, string | number>;
  /** cfssl's numeric error code (category + reason), when cfssl has one for this failure. */
  cfsslCode?: number;
  cause?: unknown;
}

export class KubeprepError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly allowed: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly params: Record<string, string | number>;
  readonly cfsslCode: number | undefined;

  constructor(code: string, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
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

/** A finding that does not stop the work (unknown profile, unknown usage, hosts missing...). */
export interface Warning {
  code: string;
  message: string;
  field?: string;
  params?: Record<string, string | number>;
}
