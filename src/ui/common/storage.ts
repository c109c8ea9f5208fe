// localStorage wrapper for user inputs and settings. Every write passes through storableText /
// withoutPrivateKeysIn (src/lib/workspace/private-keys.ts), so no caller can store a private key by
// mistake: the Secrets rule (README) keeps keys in memory and in downloaded files only. Storage may be
// unavailable (private mode, file:// in some browsers, quota): a save then returns false.
import { storableText, withoutPrivateKeysIn } from '../../lib/workspace/private-keys';

export function loadSetting(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function saveSetting(key: string, value: string): boolean {
  return write(key, storableText(value));
}

export function removeSetting(key: string): void {
  try {
    globalThis.localStorage?.removeItem(key);
  } catch {
    /* storage unavailable: nothing to remove */
  }
}

export function loadJson<T>(key: string, isValid: (value: unknown) => value is T): T | null {
  const raw = loadSetting(key);
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isValid(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function saveJson(key: string, value: unknown): boolean {
  return write(key, JSON.stringify(withoutPrivateKeysIn(value)));
}

function write(key: string, value: string): boolean {
  try {
    const storage = globalThis.localStorage;
    if (!storage) return false;
    storage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}
