// localStorage wrapper for user inputs and settings. Every write passes through withoutPrivateKeysIn
// (src/lib/workspace/private-keys.ts), so no caller can store a private key by mistake: the Secrets rule
// (README) keeps keys in memory and in downloaded files only. Storage may be unavailable (private mode,
// file:// in some browsers) or full (the quota): a save says which, so the app can tell the user.
import { withoutPrivateKeysIn } from '../../lib/workspace/private-keys';

export type SaveResult = 'saved' | 'full' | 'unavailable';

function loadSetting(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** The value saved under KEY: its JSON, or (written by an older version as plain text) the text itself. */
export function loadValue(key: string): unknown {
  const raw = loadSetting(key);
  return raw === null ? undefined : parseSaved(raw);
}

/** A saved string as loadValue reads it: its JSON, or the text itself. */
export function parseSaved(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export function saveValue(key: string, value: unknown): SaveResult {
  return write(key, JSON.stringify(withoutPrivateKeysIn(value)));
}

function write(key: string, value: string): SaveResult {
  try {
    const storage = globalThis.localStorage;
    if (!storage) return 'unavailable';
    storage.setItem(key, value);
    return 'saved';
  } catch (error) {
    return isQuotaError(error) ? 'full' : 'unavailable';
  }
}

/** QuotaExceededError (DOMException code 22), and Firefox's older NS_ERROR_DOM_QUOTA_REACHED (1014). */
function isQuotaError(error: unknown): boolean {
  const e = error as { name?: unknown; code?: unknown } | null;
  return e?.name === 'QuotaExceededError' || e?.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e?.code === 22 || e?.code === 1014;
}
