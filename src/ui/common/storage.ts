// localStorage wrapper for user inputs and settings. Never pass private keys here: the Secrets rule
// (README) keeps keys in memory and in downloaded files only. Storage may be unavailable (private
// mode, file:// in some browsers, quota): inputs then live for the session only, silently.

export function loadSetting(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function saveSetting(key: string, value: string): boolean {
  try {
    globalThis.localStorage?.setItem(key, value);
    return true;
  } catch {
    return false;
  }
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
  return saveSetting(key, JSON.stringify(value));
}
