// Errors and warnings into words, the same for the app and the command line: the code's sentence from
// the catalogue filled with the error's params. The app shows describeError; the CLI prints
// errorReport, the same sentence followed by where the problem is and what is allowed.
import { asKubeprepError, type KubeprepError, type Warning } from '../errors';
import { errorKey, translate, warningKey, type Locale } from './index';
import type { MessageParams, MessageRef } from './params';

/** The error as a catalogue message; line, column, field and allowed fill placeholders the params leave open. */
export function errorRef(error: unknown): MessageRef {
  const e: KubeprepError = asKubeprepError(error);
  const params: MessageParams = { ...e.params };
  if (e.line !== undefined) params.line ??= e.line;
  if (e.column !== undefined) params.column ??= e.column;
  if (e.field !== undefined) params.field ??= e.field;
  if (e.allowed !== undefined) params.allowed ??= e.allowed;
  return { key: errorKey(e.code), params };
}

export function describeError(locale: Locale, error: unknown): string {
  const { key, params } = errorRef(error);
  return translate(locale, key, params);
}

export function describeWarning(locale: Locale, warning: Warning): string {
  const params: MessageParams = { ...warning.params };
  if (warning.field !== undefined) params.field ??= warning.field;
  return translate(locale, warningKey(warning.code), params);
}

/** The CLI's words for a failure: the sentence, then one indented line each for position, field and allowed. */
export function errorReport(locale: Locale, error: unknown): string {
  const e = asKubeprepError(error);
  const lines = [describeError(locale, e)];
  if (e.line !== undefined) lines.push(translate(locale, 'common.report.position', { line: e.line, column: e.column ?? 0 }));
  if (e.field) lines.push(translate(locale, 'common.report.field', { field: e.field }));
  if (e.allowed) lines.push(translate(locale, 'common.report.allowed', { allowed: e.allowed }));
  return lines.join('\n  ');
}
