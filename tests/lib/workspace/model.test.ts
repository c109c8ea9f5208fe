import { describe, expect, it } from 'vitest';
import {
  addRequest,
  checkRequestName,
  duplicateRequest,
  freeRequestName,
  guideExampleWorkspace,
  isWorkspace,
  removeRequest,
  renameRequest,
  requestFileName,
  requestNameFromFileName,
} from '../../../src/lib/workspace';
import { isKubeprepError } from '../../../src/lib/errors';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isKubeprepError(error) ? error.code : 'not-a-kubeprep-error';
  }
  return undefined;
}

describe('the guide example workspace', () => {
  it("holds the guide's four files with its profiles", () => {
    const ws = guideExampleWorkspace();
    const config = JSON.parse(ws.config);
    expect(Object.keys(config.signing.profiles)).toEqual(['server', 'client', 'peer', 'kubernetes', 'etcd']);
    expect(config.signing.default).toEqual({ expiry: '43800h' });
    expect(config.signing.profiles.etcd.usages).toEqual(['signing', 'key encipherment', 'server auth', 'client auth']);
    expect(JSON.parse(ws.caCsr)).toEqual({
      CN: 'SelfSignedCa',
      key: { algo: 'rsa', size: 2048 },
      names: [{ C: 'CN', L: 'shanghai', O: 'cfssl', ST: 'shanghai', OU: 'System' }],
    });
    expect(ws.requests.map((r) => [r.name, r.profile, JSON.parse(r.json).CN, JSON.parse(r.json).names[0].O])).toEqual([
      ['etcd', 'etcd', 'etcd', 'etcd'],
      ['kubernetes', 'kubernetes', 'kubernetes', 'kubernetes'],
    ]);
    expect(JSON.parse(ws.requests[0]!.json).hosts).toBeUndefined();
    expect(isWorkspace(ws)).toBe(true);
  });

  it('returns an independent copy each time', () => {
    const a = guideExampleWorkspace();
    a.requests.pop();
    expect(guideExampleWorkspace().requests).toHaveLength(2);
  });
});

describe('request operations', () => {
  it('adds, duplicates, renames and removes requests', () => {
    const ws = guideExampleWorkspace();
    const added = addRequest(ws, 'admin');
    expect(ws.requests.map((r) => r.name)).toEqual(['etcd', 'kubernetes', 'admin']);
    // The guide's default profile has no usages: a client request starts on its `client` profile.
    expect(added.profile).toBe('client');
    const copy = duplicateRequest(ws, ws.requests[0]!.id);
    expect(copy.name).toBe('etcd-copy');
    expect(copy.json).toBe(ws.requests[0]!.json);
    expect(copy.id).not.toBe(ws.requests[0]!.id);
    expect(ws.requests.map((r) => r.name)).toEqual(['etcd', 'etcd-copy', 'kubernetes', 'admin']);
    expect(duplicateRequest(ws, ws.requests[0]!.id).name).toBe('etcd-copy-2');
    renameRequest(ws, copy.id, 'etcd-peer');
    expect(ws.requests[2]!.name).toBe('etcd-peer');
    removeRequest(ws, added.id);
    expect(ws.requests.map((r) => r.name)).toEqual(['etcd', 'etcd-copy-2', 'etcd-peer', 'kubernetes']);
  });

  it('refuses names cfssljson cannot write or that collide', () => {
    const ws = guideExampleWorkspace();
    expect(codeOf(() => checkRequestName(ws, '../etc/passwd'))).toBe('workspace.name-invalid');
    expect(codeOf(() => checkRequestName(ws, 'a b'))).toBe('workspace.name-invalid');
    expect(codeOf(() => checkRequestName(ws, 'etcd-key'))).toBe('workspace.name-invalid');
    expect(codeOf(() => checkRequestName(ws, ''))).toBe('workspace.name-invalid');
    expect(codeOf(() => checkRequestName(ws, 'ca'))).toBe('workspace.name-taken');
    expect(codeOf(() => checkRequestName(ws, 'ETCD'))).toBe('workspace.name-taken');
    // Windows' device names, with or without an extension, in any case; names that merely start alike are fine.
    for (const name of ['con', 'NUL', 'Aux.pem', 'com1', 'LPT9.x']) expect(codeOf(() => checkRequestName(ws, name)), name).toBe('workspace.name-windows-device');
    for (const name of ['console', 'com10', 'com0', 'null', 'lpt', 'aux-node', 'prn2']) expect(codeOf(() => checkRequestName(ws, name)), name).toBeUndefined();
    // An imported con-csr.json becomes the first free name that is not a device name.
    expect(freeRequestName(ws, requestNameFromFileName('con-csr.json'))).toBe('con-2');
    expect(codeOf(() => renameRequest(ws, ws.requests[0]!.id, 'etcd'))).toBeUndefined();
    expect(codeOf(() => renameRequest(ws, ws.requests[0]!.id, 'kubernetes'))).toBe('workspace.name-taken');
    expect(codeOf(() => removeRequest(ws, 'nope'))).toBe('workspace.unknown-request');
  });

  it('maps names to cfssl file names and back', () => {
    expect(requestFileName('etcd')).toBe('etcd-csr.json');
    expect(requestNameFromFileName('etcd-csr.json')).toBe('etcd');
    expect(requestNameFromFileName('admin.json')).toBe('admin');
  });

  it('rejects malformed stored workspaces', () => {
    expect(isWorkspace(null)).toBe(false);
    expect(isWorkspace({ config: '', caCsr: '', requests: [{ id: 1 }] })).toBe(false);
    expect(isWorkspace({ config: '', caCsr: '' })).toBe(false);
    expect(isWorkspace({ config: '', caCsr: '', requests: [{ id: 'a', name: '../../etc/x', json: '{}', profile: '' }] })).toBe(false);
  });
});
