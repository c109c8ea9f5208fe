// The i18n dictionary and lookup. Framework-free: the UI wraps `translate` in a reactive store
// (src/ui/common/i18n.svelte.ts); the CLI and the script generators call it directly.
// The tables are not imported here: each language's catalogue is a module of its own (catalogue.ts), so
// the page loads only the language on show. The command line and the tests load every language at once
// (all-languages.ts).
import type * as common from './messages/common';
import type * as offline from './messages/offline';
import type * as workspace from './messages/workspace';
import type * as pki from './messages/pki';
import type * as scripts from './messages/scripts';
import type * as raft from './messages/raft';
import type * as cluster from './messages/cluster';
import type * as clusterDeploy from './messages/cluster-deploy';
import type * as cli from './messages/cli';
import type { ErrorCode, WarningCode } from '../errors';
import type { ClusterWarningCode } from '../cluster/errors';
import type { WorkspaceWarningCode } from '../workspace/errors';
import { isMessageRef, type MessageParams } from './params';
import type * as inventory from './messages/inventory';
import type * as renewal from './messages/renewal';

/** Add an area here and in catalogue-en.ts and catalogue-zh-CN.ts, once, when its messages/<area>.ts exists. */
type EagerArea = typeof common | typeof offline | typeof workspace | typeof scripts | typeof pki | typeof raft | typeof cluster | typeof clusterDeploy | typeof cli;

/**
 * Areas whose words load with the screen (or command) that uses them, so they stay out of the first
 * paint: their keys are typed here, their tables are added with addMessages (src/lib/renewal/messages.ts).
 */
type LazyArea = typeof inventory | typeof renewal;

type Area = EagerArea | LazyArea;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
export type MessageKey = keyof UnionToIntersection<Area['en']> & string;

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language's name in itself, the same in every UI language (for language pickers). */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

export type { MessageParam, MessageParams, MessageRef } from './params';
export { messageRef } from './params';

/** The catalogue key of an error code's sentence. Compiles only while every code has one. */
export function errorKey(code: ErrorCode): MessageKey {
  return `error.${code}`;
}

/** The catalogue key of a warning code's sentence. Compiles only while every code has one. */
export function warningKey(code: WarningCode): MessageKey {
  return `warning.${code}`;
}

/** Lint findings also say why they matter and how to fix them. Compiles only while every one does. */
export type LintCode = ClusterWarningCode | WorkspaceWarningCode;

export function lintWhyKey(code: LintCode): MessageKey {
  return `warning.${code}.why`;
}

export function lintFixKey(code: LintCode): MessageKey {
  return `warning.${code}.fix`;
}

const dictionaries: Record<Locale, Record<string, string>> = { en: {}, 'zh-CN': {} };

/** Adds a language's catalogue (catalogue.ts loads it; idempotent). */
export function useCatalogue(locale: Locale, table: Readonly<Record<string, string>>): void {
  Object.assign(dictionaries[locale], table);
}

/** Whether a language's catalogue is in (the UI switches language once it is). */
export function hasCatalogue(locale: Locale): boolean {
  return 'app.title' in dictionaries[locale];
}

/** Adds a lazily loaded area's tables (idempotent). */
export function addMessages(area: Pick<LazyArea, 'en' | 'zhCN'>): void {
  Object.assign(dictionaries.en, area.en);
  Object.assign(dictionaries['zh-CN'], area.zhCN);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Picks zh-CN for any Chinese browser language, en otherwise. */
export function localeFromLanguages(languages: readonly string[]): Locale {
  for (const lang of languages) {
    const lower = lang.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

/**
 * Looks a key up and fills `{name}` placeholders; a param that is itself a message (messageRef) is
 * translated first. An unknown key comes back as itself so it is visible.
 */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = dictionaries[locale][key] ?? dictionaries.en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
    const value = params[name]!;
    return isMessageRef(value) ? translate(locale, value.key, value.params) : String(value);
  });
}

/** Items joined the way the language lists them: `a, b` in English, `a、b` in Chinese. */
export function listIn(locale: Locale, items: readonly string[]): string {
  return items.join(translate(locale, 'common.list.separator'));
}

/** Clauses (problems, findings) joined: `a; b` in English, `a；b` in Chinese. */
export function clausesIn(locale: Locale, items: readonly string[]): string {
  return items.join(translate(locale, 'common.clause.separator'));
}

/** For tests and tooling: the raw tables. */
export function dictionary(locale: Locale): Readonly<Record<string, string>> {
  return dictionaries[locale];
}

export { describeError, describeWarning, errorRef, errorReport } from './describe';
