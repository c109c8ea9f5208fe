// Errors, warnings and problem codes into words in the UI's language (reactive: it reads i18n.locale).
// The sentences are the catalogue's, through the same functions the command line prints with.
import type { ErrorCode, Warning } from '../../lib/errors';
import { describeError as describeIn, describeWarning as describeWarningIn } from '../../lib/i18n/describe';
import {
  errorKey,
  lintFixKey,
  lintWhyKey,
  type LintCode,
  type MessageParams,
} from '../../lib/i18n';
import { i18n, t } from './i18n.svelte';

export function describeError(error: unknown): string {
  return describeIn(i18n.locale, error);
}

export function describeWarning(warning: Warning): string {
  return describeWarningIn(i18n.locale, warning);
}

/** The words for a problem code (verifyChain's `pki.chain-*`). */
export function describeCode(code: ErrorCode, params?: MessageParams): string {
  return t(errorKey(code), params);
}

/** A lint finding's three sentences: what is wrong, why it matters, how to fix it. */
export function describeLint(finding: Warning & { code: LintCode }): { title: string; why: string; fix: string } {
  const params = { ...finding.params, ...(finding.field === undefined ? {} : { field: finding.params?.field ?? finding.field }) };
  return { title: describeWarning(finding), why: t(lintWhyKey(finding.code), params), fix: t(lintFixKey(finding.code), params) };
}
