// The workspace screen's store (src/ui/pki/workspace.svelte.ts) in Node: request operations, JSON import,
// existing-CA checks at their slot, generation into result cards, forgetting keys, and that the persisted
// state never holds a key. (Vitest runs Svelte's server runtime here, where $effect does not run, so the
// save-on-change wiring itself is covered by tests/e2e/pki.test.ts across a real reload.)
import { beforeAll, describe, expect, it } from 'vitest';
import { missingTools, TOOLS } from '../support/tools';
import { withoutPrivateKeysIn } from '../../src/lib/workspace';
import { describeError } from '../../src/lib/i18n';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What storage.ts would write for the screen's persisted state. */
const storedText = () => JSON.stringify(withoutPrivateKeysIn(JSON.parse(JSON.stringify(store.pki))));

type Store = typeof import('../../src/ui/pki/workspace.svelte');
let store: Store;

beforeAll(async () => {
  store = await import('../../src/ui/pki/workspace.svelte');
});


const file = (name: string, text: string) => new File([text], name, { type: 'application/json' });

describe('workspace store', () => {
  it("starts from the guide's example, keeps broken text as typed, and resets", () => {
    const { pki, setFileText, fileText, fileName } = store;
    expect(pki.workspace.requests.map((r) => r.name)).toEqual(['etcd', 'kubernetes']);
    setFileText('ca-csr', '{"CN": "broken",');
    expect(fileText('ca-csr')).toBe('{"CN": "broken",');
    expect(fileName(pki.workspace.requests[0]!.id)).toBe('etcd-csr.json');
    store.resetToGuide();
    expect(pki.workspace.caCsr).toContain('SelfSignedCa');
  });

  it('adds, duplicates, renames and removes requests, with the error at the name field', () => {
    const { pki } = store;
    store.newRequest();
    const added = pki.workspace.requests.at(-1)!;
    expect(pki.selected).toBe(added.id);
    expect(store.rename(added.id, 'admin')).toBe('');
    expect(store.rename(added.id, 'etcd')).toContain('already used');
    store.duplicate(added.id);
    expect(pki.workspace.requests.map((r) => r.name)).toEqual(['etcd', 'kubernetes', 'admin', 'admin-copy']);
    store.remove(added.id);
    store.remove(pki.workspace.requests.at(-1)!.id);
    expect(pki.workspace.requests.map((r) => r.name)).toEqual(['etcd', 'kubernetes']);
  });

  it('imports cfssl JSON files by their content, and refuses others with a message', async () => {
    const { pki } = store;
    const result = await store.importJsonFiles([
      file('ca-config.json', '{"signing":{"default":{"expiry":"8760h"},"profiles":{"client":{"expiry":"8760h","usages":["client auth"]}}}}'),
      file('admin-csr.json', '{"CN":"admin","names":[{"O":"system:masters"}]}'),
      file('client-csr.json', '{"CN":"c"}'),
      file('etcd-csr.json', '{"CN":"etcd","hosts":["127.0.0.1"]}'),
      file('broken.json', '{"CN":'),
      file('list.json', '[1,2]'),
      file('other.json', '{"hello":"world"}'),
    ]);
    expect(result.imported).toEqual(['ca-config.json', 'admin-csr.json', 'client-csr.json', 'etcd-csr.json']);
    expect(result.errors).toHaveLength(3);
    expect(result.errors[0]).toMatch(/^broken\.json: broken\.json is not valid JSON at line 1, column 7/);
    expect(pki.workspace.config).toContain('"8760h"');
    const byName = Object.fromEntries(pki.workspace.requests.map((r) => [r.name, r]));
    // default has no usages here: admin-csr.json lands on the profile that can sign a client certificate.
    expect(byName.admin!.profile).toBe('client');
    expect(byName.client!.profile).toBe('client');
    expect(byName.etcd!.json).toContain('127.0.0.1');
    const big = await store.importJsonFiles([new File([new Uint8Array(50 * 1024 * 1024)], 'huge.json')]);
    expect(big.errors[0]).toContain('50.0 MiB');
    store.resetToGuide();
  });

  it.skipIf(missingTools(TOOLS.openssl).length > 0)('checks an existing CA at the slot at fault', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeprep-store-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'ca-key.pem'), '-out', join(dir, 'ca.pem'), '-subj', '/CN=Store CA', '-days', '10', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign'], { stdio: 'ignore' });
    execFileSync('openssl', ['genrsa', '-out', join(dir, 'other.pem'), '2048'], { stdio: 'ignore' });
    execFileSync('openssl', ['pkey', '-in', join(dir, 'ca-key.pem'), '-aes256', '-passout', 'pass:x', '-out', join(dir, 'enc.pem')], { stdio: 'ignore' });
    const cert = readFileSync(join(dir, 'ca.pem'), 'utf8');
    const key = readFileSync(join(dir, 'ca-key.pem'), 'utf8');
    expect(await store.loadExistingCa('hello', key)).toEqual({ cert: expect.stringContaining('is not PEM'), key: '' });
    expect((await store.loadExistingCa(key, key)).cert).toContain('expected CERTIFICATE');
    expect((await store.loadExistingCa(cert, readFileSync(join(dir, 'other.pem'), 'utf8'))).key).toContain('does not belong to the CA certificate');
    expect((await store.loadExistingCa(cert, readFileSync(join(dir, 'enc.pem'), 'utf8'))).key).toContain('encrypted');
    expect(store.session.existingCa).toBeNull();
    expect(await store.loadExistingCa(cert, key)).toEqual({ cert: '', key: '' });
    expect(store.session.existingCa?.info.subject.common_name).toBe('Store CA');
    expect(storedText()).toContain('BEGIN CERTIFICATE');
    expect(storedText()).not.toContain('PRIVATE KEY');
    store.resetToGuide();
  });

  it("takes kubeprep's own Ed25519 CA in the existing-CA slot, under either key label, and signs with it", async () => {
    const { initCa, parseCsrJson } = await import('../../src/lib/pki');
    const ca = await initCa(parseCsrJson('{"CN":"Ed CA","key":{"algo":"ed25519"}}', { initca: true }));
    expect(ca.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const cfssl16Label = ca.keyPem!.replaceAll('PRIVATE KEY', 'Ed25519 PRIVATE KEY');
    expect(await store.loadExistingCa(ca.certPem, cfssl16Label)).toEqual({ cert: '', key: '' });
    expect(await store.loadExistingCa(ca.certPem, ca.keyPem!)).toEqual({ cert: '', key: '' });
    store.pki.caMode = 'existing';
    await store.generate();
    const [caCard, ...leaves] = store.session.cards;
    expect(caCard!.info?.subject.common_name).toBe('Ed CA');
    expect(leaves.map((c) => [c.name, c.verification?.ok, c.info?.sigalg])).toEqual([['etcd', true, 'Ed25519'], ['kubernetes', true, 'Ed25519']]);
    store.resetToGuide();
  }, 60_000);

  it('generates result cards with keys in memory only, and forgets them', async () => {
    await store.generate();
    const cards = store.session.cards;
    expect(cards.map((c) => [c.name, c.error && describeError('en', c.error)])).toEqual([['ca', undefined], ['etcd', undefined], ['kubernetes', undefined]]);
    expect(cards.slice(1).every((c) => c.verification?.ok)).toBe(true);
    expect(cards.every((c) => c.keyPem?.includes('RSA PRIVATE KEY'))).toBe(true);
    expect(Object.values(store.session.progress).map((p) => p.status)).toEqual(['done', 'done', 'done']);
    const stored = storedText();
    expect(stored).not.toContain('PRIVATE KEY');
    expect(stored).not.toContain(cards[1]!.keyPem!.split('\n')[1]);
    store.forgetKeys();
    expect(store.session.cards.some((c) => c.keyPem)).toBe(false);
    expect(store.session.cards[1]!.certPem).toContain('BEGIN CERTIFICATE');
  }, 60_000);
});

describe('workspace store: the CA across regenerates', () => {
  it('keeps the CA made by the last Generate when asked: same CA, new leaves that verify, its key still in the zip', async () => {
    store.resetToGuide();
    await store.generate();
    const first = store.session.cards;
    expect(store.session.generatedCa).not.toBeNull();
    store.session.keepCa = true;
    await store.generate();
    const second = store.session.cards;
    expect(second[0]!.certPem).toBe(first[0]!.certPem);
    expect(second[0]!.keyPem).toBe(first[0]!.keyPem);
    expect(store.session.caGenerated).toBe(true);
    expect(second[1]!.certPem).not.toBe(first[1]!.certPem);
    expect(second.slice(1).map((c) => c.verification?.ok)).toEqual([true, true]);
    // Without the box, Generate makes a new CA as before.
    store.session.keepCa = false;
    await store.generate();
    expect(store.session.cards[0]!.certPem).not.toBe(first[0]!.certPem);
    store.resetToGuide();
    expect(store.session.generatedCa).toBeNull();
  }, 120_000);

  it.skipIf(missingTools(TOOLS.openssl).length > 0)('verifies leaves signed by an imported intermediate CA against it (no root given)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeprep-store-inter-'));
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
    run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'root-key.pem', '-out', 'root.pem', '-subj', '/CN=Root', '-days', '10', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
    run('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'inter-key.pem', '-out', 'inter.csr', '-subj', '/CN=Intermediate');
    execFileSync('sh', ['-c', 'printf "basicConstraints=critical,CA:TRUE\\nkeyUsage=critical,keyCertSign\\nsubjectKeyIdentifier=hash\\nauthorityKeyIdentifier=keyid\\n" > inter.cnf'], { cwd: dir });
    run('x509', '-req', '-in', 'inter.csr', '-CA', 'root.pem', '-CAkey', 'root-key.pem', '-CAcreateserial', '-out', 'inter.pem', '-days', '5', '-extfile', 'inter.cnf');
    expect(await store.loadExistingCa(readFileSync(join(dir, 'inter.pem'), 'utf8'), readFileSync(join(dir, 'inter-key.pem'), 'utf8'))).toEqual({ cert: '', key: '' });
    store.pki.caMode = 'existing';
    await store.generate();
    expect(store.session.cards.slice(1).map((c) => [c.name, c.verification?.ok, c.verification?.problems])).toEqual([['etcd', true, []], ['kubernetes', true, []]]);
    store.resetToGuide();
  }, 60_000);
});
