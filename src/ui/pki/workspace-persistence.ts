// What of the workspace screen survives a reload: the files as typed, which one is open, how, and the
// existing CA's certificate. Plain TypeScript so it is testable without a browser; the store
// (workspace.svelte.ts) keeps it through persisted(). Private keys are never part of it: the shape has
// no field for one, and storage.ts cuts any key pasted into a text by mistake.
import { guideExampleWorkspace, isWorkspace, type Workspace } from '../../lib/workspace';

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

/** A saved value as a workspace, its missing or odd settings at their defaults; null when the files are damaged. */
export function validatePersistedWorkspace(saved: unknown): PersistedWorkspace | null {
  const value = (typeof saved === 'object' && saved !== null ? saved : {}) as Partial<PersistedWorkspace>;
  if (!isWorkspace(value.workspace)) return null;
  return {
    workspace: value.workspace,
    selected: typeof value.selected === 'string' ? value.selected : 'config',
    view: value.view === 'json' ? 'json' : 'form',
    caMode: value.caMode === 'existing' ? 'existing' : 'generate',
    caCertPem: typeof value.caCertPem === 'string' ? value.caCertPem : '',
  };
}
