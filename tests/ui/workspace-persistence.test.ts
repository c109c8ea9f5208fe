// What survives a reload, and how: the workspace's validation of what was saved, and storage.ts, which
// every screen's persisted() saves through (private keys cut out, a full quota told apart from storage
// that is not there at all, older plain-text values still read).
import { afterEach, describe, expect, it } from 'vitest';
import { defaultPersisted, validatePersistedWorkspace, WORKSPACE_STORAGE_KEY } from '../../src/ui/pki/workspace-persistence';
import { loadValue, saveValue } from '../../src/ui/common/storage';
import { containsPrivateKey, withoutPrivateKeys } from '../../src/lib/workspace';

function installStorage(setItem?: (key: string, value: string) => void): Map<string, string> {
  const data = new Map<string, string>();
  Object.defineProperty(globalThis, 'localStorage', {
    configurable: true,
    value: {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: setItem ?? ((k: string, v: string) => void data.set(k, v)),
      removeItem: (k: string) => void data.delete(k),
    },
  });
  return data;
}

afterEach(() => {
  Reflect.deleteProperty(globalThis, 'localStorage');
});

const KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIsecret\n-----END RSA PRIVATE KEY-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nMIIcert\n-----END CERTIFICATE-----\n';

describe('workspace persistence', () => {
  it("starts from the guide's example when the save is damaged, and fills missing settings", () => {
    expect(validatePersistedWorkspace('{not json')).toBeNull();
    expect(validatePersistedWorkspace({ workspace: { config: 1 } })).toBeNull();
    const saved = validatePersistedWorkspace({ workspace: defaultPersisted().workspace, view: 'odd' });
    expect(saved).toMatchObject({ view: 'form', caMode: 'generate', selected: 'config', caCertPem: '' });
  });

  it('round-trips every input, broken JSON included', () => {
    const data = installStorage();
    const state = defaultPersisted();
    state.workspace.requests[0]!.json = '{"CN": "etcd",';
    state.selected = state.workspace.requests[0]!.id;
    state.view = 'json';
    state.caMode = 'existing';
    state.caCertPem = CERT;
    expect(saveValue(WORKSPACE_STORAGE_KEY, state)).toBe('saved');
    expect(data.has(WORKSPACE_STORAGE_KEY)).toBe(true);
    expect(validatePersistedWorkspace(loadValue(WORKSPACE_STORAGE_KEY))).toEqual(state);
  });

  it('never writes a private key, even one pasted into the wrong place', () => {
    const data = installStorage();
    const state = defaultPersisted();
    state.caCertPem = CERT + KEY;
    state.workspace.requests[0]!.json = `{"note": "${KEY.replace(/\n/g, ' ')}"}`;
    saveValue(WORKSPACE_STORAGE_KEY, state);
    const stored = data.get(WORKSPACE_STORAGE_KEY)!;
    expect(stored).not.toContain('PRIVATE KEY');
    expect(stored).not.toContain('MIIsecret');
    expect(validatePersistedWorkspace(loadValue(WORKSPACE_STORAGE_KEY))?.caCertPem).toContain('MIIcert');
  });

  it('tells a full quota from storage that is not there', () => {
    installStorage(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    expect(saveValue('kubeprep.x', 'text')).toBe('full');
    installStorage(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    expect(saveValue('kubeprep.x', 'text')).toBe('unavailable');
    Reflect.deleteProperty(globalThis, 'localStorage');
    expect(saveValue('kubeprep.x', 'text')).toBe('unavailable');
    expect(loadValue('kubeprep.x')).toBeUndefined();
  });

  it('reads what older versions saved as plain text, and JSON written since', () => {
    const data = installStorage();
    data.set('kubeprep.locale', 'zh-CN');
    expect(loadValue('kubeprep.locale')).toBe('zh-CN');
    saveValue('kubeprep.locale', 'en');
    expect(data.get('kubeprep.locale')).toBe('"en"');
    expect(loadValue('kubeprep.locale')).toBe('en');
  });

  it('detects and strips private key blocks', () => {
    expect(containsPrivateKey(KEY)).toBe(true);
    expect(containsPrivateKey('-----BEGIN PRIVATE KEY-----')).toBe(true);
    expect(containsPrivateKey(CERT)).toBe(false);
    expect(withoutPrivateKeys(CERT + KEY + CERT)).toBe(CERT + CERT);
    expect(withoutPrivateKeys('-----BEGIN EC PRIVATE KEY-----\nunterminated')).toBe('');
  });
});
