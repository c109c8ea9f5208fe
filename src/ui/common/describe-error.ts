// Turns any error into words for the UI: a KubeprepError through its i18n key `error.<code>` filled with
// its params (plus line/column), anything else (a bug, a DOMException) through its own message.
import { dictionary, type MessageKey } from '../../lib/i18n';
import { isKubeprepError } from '../../lib/errors';
import { i18n, t } from './i18n.svelte';

export function describeError(error: unknown): string {
  if (isKubeprepError(error)) {
    const key = `error.${error.code}`;
    if (key in dictionary(i18n.locale)) {
      const params: Record<string, string | number> = { ...error.params };
      if (error.line !== undefined) params.line ??= error.line;
      if (error.column !== undefined) params.column ??= error.column;
      if (error.field !== undefined) params.field ??= error.field;
      if (error.allowed !== undefined) params.allowed ??= error.allowed;
      return t(key as MessageKey, params);
    }
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The words for a problem code (verifyChain's `pki.chain-*`), or the code itself when it has none. */
export function describeCode(code: string, params?: Record<string, string | number>): string {
  const key = `error.${code}`;
  return key in dictionary(i18n.locale) ? t(key as MessageKey, params) : code;
}
