// The workspace: what the user edits before generating. Plain JSON texts (so a half-typed file is never
// lost), one ca-config.json, one CA CSR and any number of named requests, each signed with a profile.
// Names become cfssljson base names (`cfssljson -bare NAME` -> NAME.pem, NAME-key.pem, NAME.csr), so
// they must be safe file names and unique; `ca` is taken by the CA itself.
import { KubeprepError } from '../errors';
import { suggestedProfile } from './csr-form';

export interface WorkspaceRequest {
  /** Stable identity for the UI; never shown, never in the bundle. */
  id: string;
  /** cfssljson base name: NAME-csr.json in, NAME.pem / NAME-key.pem / NAME.csr out. */
  name: string;
  /** The CSR JSON exactly as typed. */
  json: string;
  /** `-profile` for `cfssl gencert`; an unknown one falls back to `default` (cfssl signer.go Profile). */
  profile: string;
}

export interface Workspace {
  config: string;
  caCsr: string;
  requests: WorkspaceRequest[];
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const RESERVED_NAMES = new Set(['ca', 'ca-config', 'readme', 'verify']);
// Windows' device names: no file there may be called one, whatever follows the first dot ("con.pem"), so
// the zip's files of such a request could not be unpacked (learn.microsoft.com, "Naming Files, Paths,
// and Namespaces").
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\.|$)/i;

/** Throws `workspace.name-invalid` / `workspace.name-taken` when NAME cannot be a request name. */
export function checkRequestName(workspace: Workspace, name: string, exceptId?: string): void {
  if (!NAME_PATTERN.test(name) || name.endsWith('-key') || name.endsWith('-csr')) {
    throw new KubeprepError('workspace.name-invalid', { field: 'name', allowed: 'A-Z a-z 0-9 . _ -', params: { name } });
  }
  if (WINDOWS_DEVICE_NAME.test(name)) {
    throw new KubeprepError('workspace.name-windows-device', { field: 'name', params: { name } });
  }
  const lower = name.toLowerCase();
  const taken =
    RESERVED_NAMES.has(lower) || workspace.requests.some((r) => r.id !== exceptId && r.name.toLowerCase() === lower);
  if (taken) {
    throw new KubeprepError('workspace.name-taken', { field: 'name', params: { name } });
  }
}

function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return 'r-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The first free name among base, base-2, base-3 ... */
export function freeRequestName(workspace: Workspace, base: string): string {
  const clean = base.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 56) || 'cert';
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? clean : `${clean}-${i}`;
    try {
      checkRequestName(workspace, candidate);
      return candidate;
    } catch {
      /* taken or reserved: try the next suffix */
    }
  }
}

const NEW_REQUEST_JSON =
  JSON.stringify({ CN: '', hosts: [], key: { algo: 'rsa', size: 2048 }, names: [{ C: 'CN', O: '' }] }, null, 2) + '\n';

export function addRequest(workspace: Workspace, name?: string, json = NEW_REQUEST_JSON, profile?: string): WorkspaceRequest {
  const requestName = name ?? freeRequestName(workspace, 'cert');
  checkRequestName(workspace, requestName);
  const request: WorkspaceRequest = { id: newRequestId(), name: requestName, json, profile: profile ?? suggestedProfile(workspace.config, requestName, json) };
  workspace.requests.push(request);
  return request;
}

export function duplicateRequest(workspace: Workspace, id: string): WorkspaceRequest {
  const index = workspace.requests.findIndex((r) => r.id === id);
  const original = workspace.requests[index];
  if (!original) throw unknownRequest(id);
  const copy: WorkspaceRequest = { ...original, id: newRequestId(), name: freeRequestName(workspace, original.name + '-copy') };
  workspace.requests.splice(index + 1, 0, copy);
  return copy;
}

export function renameRequest(workspace: Workspace, id: string, name: string): void {
  const request = workspace.requests.find((r) => r.id === id);
  if (!request) throw unknownRequest(id);
  checkRequestName(workspace, name, id);
  request.name = name;
}

export function removeRequest(workspace: Workspace, id: string): void {
  const index = workspace.requests.findIndex((r) => r.id === id);
  if (index < 0) throw unknownRequest(id);
  workspace.requests.splice(index, 1);
}

/** The JSON file name a request is saved as, cfssl-style (`etcd` -> `etcd-csr.json`). */
export function requestFileName(name: string): string {
  return `${name}-csr.json`;
}

/** `etcd-csr.json` / `etcd.json` -> `etcd`, for imported files. */
export function requestNameFromFileName(fileName: string): string {
  return fileName.replace(/\.json$/i, '').replace(/[-_.]csr$/i, '');
}

function unknownRequest(id: string): KubeprepError {
  return new KubeprepError('workspace.unknown-request', { params: { id } });
}

/** Structural check for data read back from storage: names must still be safe file names (they become zip paths). */
export function isWorkspace(value: unknown): value is Workspace {
  if (typeof value !== 'object' || value === null) return false;
  const w = value as Record<string, unknown>;
  return (
    typeof w.config === 'string' &&
    typeof w.caCsr === 'string' &&
    Array.isArray(w.requests) &&
    w.requests.every(
      (r: unknown) =>
        typeof r === 'object' &&
        r !== null &&
        typeof (r as WorkspaceRequest).id === 'string' &&
        typeof (r as WorkspaceRequest).name === 'string' &&
        NAME_PATTERN.test((r as WorkspaceRequest).name) &&
        typeof (r as WorkspaceRequest).json === 'string' &&
        typeof (r as WorkspaceRequest).profile === 'string',
    )
  );
}
