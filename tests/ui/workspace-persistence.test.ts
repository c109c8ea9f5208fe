import { describe, expect, it } from 'vitest';
import {
  clearPersisted,
  defaultPersisted,
  loadPersisted,
  savePersisted,
  WORKSPACE_STORAGE_KEY,
  type KeyValueStorage,
} from '../../src/ui/pki/workspace-persistence';
import { containsPrivateKey, withoutPrivateKeys } from '../../src/lib/workspace';

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIsecret\n-----END RSA PRIVATE KEY-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nMIIcert\n-----END CERTIFICATE-----\n';

describe('workspace persistence', () => {
  it("starts from the guide's example when nothing is saved or the save is damaged", () => {
    const storage = memoryStorage();
    expect(loadPersisted(storage).workspace.requests.map((r) => r.name)).toEqual(['etcd', 'kubernetes']);
    storage.data.set(WORKSPACE_STORAGE_KEY, '{not json');
    expect(loadPersisted(storage)).toEqual(defaultPersisted());
    storage.data.set(WORKSPACE_STORAGE_KEY, JSON.stringify({ workspace: { config: 1 } }));
    expect(loadPersisted(storage).workspace.caCsr).toContain('SelfSignedCa');
  });

  it('round-trips every input, broken JSON included', () => {
    const storage = memoryStorage();
    const state = defaultPersisted();
    state.workspace.requests[0]!.json = '{"CN": "etcd",';
    state.selected = state.workspace.requests[0]!.id;
    state.view = 'json';
    state.caMode = 'existing';
    state.caCertPem = CERT;
    expect(savePersisted(storage, state)).toBe(true);
    expect(loadPersisted(storage)).toEqual(state);
  });

  it('never writes a private key, even one pasted into the wrong place', () => {
    const storage = memoryStorage();
    const state = defaultPersisted();
    state.caCertPem = CERT + KEY;
    state.workspace.requests[0]!.json = `{"note": "${KEY.replace(/\n/g, ' ')}"}`;
    savePersisted(storage, state);
    const stored = storage.data.get(WORKSPACE_STORAGE_KEY)!;
    expect(stored).not.toContain('PRIVATE KEY');
    expect(stored).not.toContain('MIIsecret');
    expect(loadPersisted(storage).caCertPem).toContain('MIIcert');
  });

  it('survives a storage that throws (quota, private mode)', () => {
    const broken: KeyValueStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(loadPersisted(broken).workspace.requests).toHaveLength(2);
    expect(savePersisted(broken, defaultPersisted())).toBe(false);
    expect(() => clearPersisted(broken)).not.toThrow();
  });

  it('detects and strips private key blocks', () => {
    expect(containsPrivateKey(KEY)).toBe(true);
    expect(containsPrivateKey('-----BEGIN PRIVATE KEY-----')).toBe(true);
    expect(containsPrivateKey(CERT)).toBe(false);
    expect(withoutPrivateKeys(CERT + KEY + CERT)).toBe(CERT + CERT);
    expect(withoutPrivateKeys('-----BEGIN EC PRIVATE KEY-----\nunterminated')).toBe('');
  });
});
