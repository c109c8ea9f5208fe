// Everything the command says to a person, in the language chosen with -locale (en by default): the
// sentences come from the i18n catalogue, as the app's do, so `kubeprep gencert` and the Certificates
// screen word one problem the same way. Errors go to stderr with the field and what is allowed on lines
// of their own; warnings and progress as cfssl prints its log lines.
import type { Warning } from '../lib/errors';
import { describeWarning, errorReport, translate, type Locale, type MessageKey, type MessageParams } from '../lib/i18n';
import { writeStderr } from './io';

let locale: Locale = 'en';

export function setCliLocale(next: Locale): void {
  locale = next;
}

export function cliLocale(): Locale {
  return locale;
}

/** A catalogue sentence in the command's language. */
export function say(key: MessageKey, params?: MessageParams): string {
  return translate(locale, key, params);
}

/** A Go log line, the way cfssl prints its warnings: `2026/11/27 10:23:00 [WARNING] text`. */
export function logLine(level: 'ERROR' | 'WARNING' | 'INFO', text: string, now = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}/${pad(now.getMonth() + 1)}/${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
  return `${stamp} [${level}] ${text}\n`;
}

export function printWarnings(warnings: readonly Warning[]): void {
  for (const warning of warnings) writeStderr(logLine('WARNING', describeWarning(locale, warning)));
}

/**
 * Any failure as words on stderr, and exit status 1; never a stack trace. CONTEXT wraps the sentence
 * (`Failed to load config file: {reason}`, cfssl's prefix for a bad -config).
 */
export function reportError(error: unknown, context?: MessageKey, contextParams: MessageParams = {}): number {
  const report = errorReport(locale, error);
  writeStderr(`${context ? say(context, { ...contextParams, reason: report }) : report}\n`);
  return 1;
}
