// The keys a workspace's Generate will ask for, read with the same CSR parser Generate uses (so cfssl's
// default key and its limits apply the same way): the CA's, when it is generated here, and one per
// request. A request that does not parse needs no key: Generate reports it instead.
import { parseCsrJson, type KeySpec } from '../pki';
import type { Workspace } from './model';

export function workspaceKeySpecs(workspace: Workspace, generatesCa: boolean): KeySpec[] {
  const specs: KeySpec[] = [];
  const add = (json: string, initca: boolean) => {
    try {
      specs.push(parseCsrJson(json, { initca }).key);
    } catch {
      // not a key Generate will make
    }
  };
  if (generatesCa) add(workspace.caCsr, true);
  for (const request of workspace.requests) add(request.json, false);
  return specs;
}
