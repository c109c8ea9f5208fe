// What of the workspace screen survives a reload, and how. Plain TypeScript over a storage interface so
// it is testable without a browser. Private keys are never part of it: the persisted shape has no field
// for one, and every text is passed through withoutPrivateKeys as a last guard (a key pasted into the
// ca.pem slot or into a JSON file by mistake).
import { guideExampleWorkspace, isWorkspace, withoutPrivateKeysIn, type Workspace } from '../../lib/workspace';

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type CaMode = 'generate' | 'existing';
export type EditorView = 'form' | 'json';

export interface PersistedWorkspace {
  workspace: Workspace;
  /** 'config', 'ca-csr' or a request id. */
  selected: string;
  view: EditorView;
  caMode: CaMode;
  /** The existing CA's certificate (public); its key is never stored. */
  caCertPem: string;
}

export const WORKSPACE_STORAGE_KEY = 'kubeprep.workspace.v1';

export function defaultPersisted(): PersistedWorkspace {
  return { workspace: guideExampleWorkspace(), selected: 'config', view: 'form', caMode: 'generate', caCertPem: '' };
}

export function loadPersisted(storage: KeyValueStorage): PersistedWorkspace {
  const fallback = defaultPersisted();
  let raw: string | null = null;
  try {
    raw = storage.getItem(WORKSPACE_STORAGE_KEY);
  } catch {
    return fallback;
  }
  if (raw === null) return fallback;
  try {
    const value = JSON.parse(raw) as Partial<PersistedWorkspace>;
    if (!isWorkspace(value.workspace)) return fallback;
    return {
      workspace: value.workspace,
      selected: typeof value.selected === 'string' ? value.selected : fallback.selected,
      view: value.view === 'json' ? 'json' : 'form',
      caMode: value.caMode === 'existing' ? 'existing' : 'generate',
      caCertPem: typeof value.caCertPem === 'string' ? value.caCertPem : '',
    };
  } catch {
    return fallback;
  }
}

/** Serialises STATE without any private key; returns false when storage refused (quota, private mode). */
export function savePersisted(storage: KeyValueStorage, state: PersistedWorkspace): boolean {
  const clean = withoutPrivateKeysIn(state);
  try {
    storage.setItem(WORKSPACE_STORAGE_KEY, JSON.stringify(clean));
    return true;
  } catch {
    return false;
  }
}

export function clearPersisted(storage: KeyValueStorage): void {
  try {
    storage.removeItem(WORKSPACE_STORAGE_KEY);
  } catch {
    /* nothing stored */
  }
}
