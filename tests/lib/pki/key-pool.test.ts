// The key pool's promises: a key is handed out at most once, a re-plan keeps only what the new plan
// needs, forget() drops everything, and no key can be serialised out of it. The generator here is a
// controllable fake (each call returns a promise the test settles), so the order of events is exact;
// one test uses real WebCrypto keys to check what serialisers see.
import { describe, expect, it } from 'vitest';
import { KeyPool, keySpecId, type KeyPoolStatus } from '../../../src/lib/pki/key-pool';
import { generateKeyPair, type KeyPair, type KeySpec } from '../../../src/lib/pki';
import { generateWorkspace, guideExampleWorkspace, workspaceKeySpecs } from '../../../src/lib/workspace';
import { certificateSet, clusterKeySpecs, defaultPlan, validatePlan } from '../../../src/lib/cluster';

const RSA: KeySpec = { algo: 'rsa', size: 2048 };
const P256: KeySpec = { algo: 'ecdsa', size: 256 };

/** A generator whose keys appear when the test says so; each key is a distinct object tagged with its number. */
function manualGenerator() {
  const calls: { spec: KeySpec; resolve: (key: KeyPair) => void; reject: (error: unknown) => void }[] = [];
  let made = 0;
  const generate = (spec: KeySpec) =>
    new Promise<KeyPair>((resolve, reject) => calls.push({ spec, resolve, reject }));
  const finish = (i: number) => {
    const call = calls[i]!;
    call.resolve({ privateKey: { n: ++made } as unknown as CryptoKey, publicKey: {} as CryptoKey, spec: call.spec });
  };
  return { generate, calls, finish };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('KeyPool', () => {
  it('generates the planned keys a few at a time, in the background', async () => {
    const gen = manualGenerator();
    const statuses: KeyPoolStatus[] = [];
    const pool = new KeyPool(gen.generate, { parallel: 2, onChange: (s) => statuses.push(s) });
    pool.plan([RSA, RSA, RSA]);
    expect(gen.calls).toHaveLength(2);
    gen.finish(0);
    await settle();
    expect(gen.calls).toHaveLength(3);
    gen.finish(1);
    gen.finish(2);
    await settle();
    expect(gen.calls).toHaveLength(3);
    expect(pool.status()).toEqual({ planned: 3, ready: 3 });
    expect(statuses.at(-1)).toEqual({ planned: 3, ready: 3 });
  });

  it('hands each key out at most once, then refills for the next Generate once released', async () => {
    const gen = manualGenerator();
    const pool = new KeyPool(gen.generate, { parallel: 4 });
    pool.plan([RSA, RSA]);
    gen.finish(0);
    gen.finish(1);
    await settle();
    const taker = pool.taker();
    const a = await taker.take(RSA);
    const b = await taker.take(RSA);
    expect(a).not.toBe(b);
    expect([taker.prepared, taker.total]).toEqual([2, 2]);
    // Both taken, but the Generate is still under way: no refill yet.
    expect(gen.calls).toHaveLength(2);
    taker.release();
    taker.release(); // idempotent: one release, not two
    // Released: the pool starts two replacements and never returns a or b again.
    expect(gen.calls).toHaveLength(4);
    const next = pool.taker();
    const c = next.take(RSA); // claims a replacement under way
    gen.finish(2);
    gen.finish(3);
    const d = next.take(RSA); // the other replacement, ready now or claimed
    const keys = await Promise.all([c, d]);
    expect(new Set([a, b, ...keys]).size).toBe(4);
    expect([next.prepared, next.total]).toEqual([0, 2]);
  });

  it('starts no background generation while a taker is out, so none queues before its work', async () => {
    const gen = manualGenerator();
    const pool = new KeyPool(gen.generate, { parallel: 2 });
    const first = pool.taker();
    const second = pool.taker();
    pool.plan([RSA, RSA, RSA]);
    expect(gen.calls).toHaveLength(0);
    void first.take(RSA); // what a Generate asks for is still made at once
    expect(gen.calls).toHaveLength(1);
    first.release();
    expect(gen.calls).toHaveLength(1); // the other taker is still out
    second.release();
    expect(gen.calls).toHaveLength(3); // background again, up to `parallel`
  });

  it('makes a key at once when none is ready or under way (a click before the pool filled)', async () => {
    const gen = manualGenerator();
    const pool = new KeyPool(gen.generate, { parallel: 1 });
    pool.plan([RSA, RSA, RSA]);
    expect(gen.calls).toHaveLength(1);
    const taker = pool.taker();
    const first = taker.take(RSA); // claims the one under way
    const second = taker.take(RSA); // none left: generated now, beyond the background limit
    expect(gen.calls).toHaveLength(2);
    gen.finish(0);
    gen.finish(1);
    expect(await first).not.toBe(await second);
    expect(taker.prepared).toBe(0);
  });

  it('re-plans on edit: keeps only what the new plan needs and makes the rest', async () => {
    const gen = manualGenerator();
    const pool = new KeyPool(gen.generate, { parallel: 8 });
    pool.plan([RSA, RSA, RSA]);
    gen.calls.forEach((_, i) => gen.finish(i));
    await settle();
    pool.plan([RSA, P256, P256]); // the user switched two requests to ECDSA
    expect(pool.status()).toEqual({ planned: 3, ready: 1 });
    expect(gen.calls.slice(3).map((c) => keySpecId(c.spec))).toEqual(['ecdsa-256', 'ecdsa-256']);
    gen.finish(3);
    gen.finish(4);
    await settle();
    expect(pool.status()).toEqual({ planned: 3, ready: 3 });
    const taker = pool.taker();
    await taker.take(RSA);
    expect(taker.prepared).toBe(1);
  });

  it('drops keys that finish after a re-plan no longer needs them', async () => {
    const gen = manualGenerator();
    const pool = new KeyPool(gen.generate, { parallel: 2 });
    pool.plan([RSA, RSA]);
    pool.plan([P256]);
    gen.finish(0);
    gen.finish(1);
    await settle();
    expect(pool.status()).toEqual({ planned: 1, ready: 0 });
    const taker = pool.taker();
    void taker.take(RSA);
    expect(taker.prepared).toBe(0); // the stale RSA keys were not kept
  });

  it('forget() empties the pool, drops keys under way and plans nothing until told', async () => {
    const gen = manualGenerator();
    const pool = new KeyPool(gen.generate, { parallel: 2 });
    pool.plan([RSA, RSA, RSA]);
    gen.finish(0);
    await settle();
    expect(pool.status().ready).toBe(1);
    pool.forget();
    expect(pool.status()).toEqual({ planned: 0, ready: 0 });
    const calls = gen.calls.length;
    gen.finish(1);
    gen.finish(2);
    await settle();
    expect(gen.calls).toHaveLength(calls); // no refill after forgetting
    const taker = pool.taker();
    void taker.take(RSA);
    expect(taker.prepared).toBe(0);
  });

  it('a key under way when forget() ran is not kept by a later plan', async () => {
    const gen = manualGenerator();
    const pool = new KeyPool(gen.generate, { parallel: 1 });
    pool.plan([RSA]);
    pool.forget();
    pool.plan([RSA]);
    expect(gen.calls).toHaveLength(2); // the forgotten one does not count
    gen.finish(0);
    await settle();
    expect(pool.status().ready).toBe(0);
    gen.finish(1);
    await settle();
    expect(pool.status().ready).toBe(1);
  });

  it('a key a Generate is waiting for still reaches it after forget()', async () => {
    const gen = manualGenerator();
    const pool = new KeyPool(gen.generate, { parallel: 1 });
    pool.plan([RSA]);
    const waiting = pool.take(RSA);
    pool.forget();
    gen.finish(0);
    expect((await waiting).spec).toEqual(RSA);
  });

  it('stops asking for a kind of key the environment cannot make, and reports the failure to a taker', async () => {
    const gen = manualGenerator();
    const pool = new KeyPool(gen.generate, { parallel: 2 });
    pool.plan([{ algo: 'ed25519', size: 256 }]);
    gen.calls[0]!.reject(new Error('unsupported'));
    await settle();
    expect(gen.calls).toHaveLength(1);
    expect(pool.status().planned).toBe(0);
    const taken = pool.take({ algo: 'ed25519', size: 256 });
    gen.calls[1]!.reject(new Error('unsupported'));
    await expect(taken).rejects.toThrow('unsupported');
  });

  it('never serialises a key: JSON and structured clones carry counts only', async () => {
    const pool = new KeyPool(generateKeyPair, { parallel: 2 });
    pool.plan([P256, P256]);
    await expect.poll(() => pool.status().ready, { timeout: 10_000 }).toBe(2);
    expect(JSON.parse(JSON.stringify(pool))).toEqual({ planned: 2, ready: 2 });
    expect(Object.keys(structuredClone(pool))).toEqual([]);
    expect(Object.keys(pool)).toEqual([]);
    pool.forget();
  });
});

describe('key plans', () => {
  it('a workspace needs the CA key (unless an existing CA signs) and one key per request, as Generate asks', async () => {
    const workspace = guideExampleWorkspace();
    const specs = workspaceKeySpecs(workspace, true);
    expect(specs).toHaveLength(workspace.requests.length + 1);
    expect(workspaceKeySpecs(workspace, false)).toHaveLength(workspace.requests.length);

    const asked: KeySpec[] = [];
    const pool = new KeyPool(generateKeyPair, { parallel: 1 });
    await generateWorkspace({ config: workspace.config, ca: { kind: 'generate', csrJson: workspace.caCsr }, requests: workspace.requests, keys: (spec) => (asked.push(spec), pool.take(spec)) });
    expect(asked.map(keySpecId).sort()).toEqual(specs.map(keySpecId).sort());
  });

  it('a request that does not parse needs no key', () => {
    const workspace = guideExampleWorkspace();
    workspace.requests[0]!.json = '{ not json';
    expect(workspaceKeySpecs(workspace, true)).toHaveLength(workspace.requests.length);
  });

  it('a cluster plan needs every CA, certificate and the service-account key', () => {
    const validation = validatePlan(defaultPlan());
    if (!validation.ok) throw new Error('the default plan must be valid');
    const set = certificateSet(validation.resolved);
    const specs = clusterKeySpecs(set);
    expect(specs).toHaveLength(set.cas.length + set.certificates.length + 1);
    expect(specs.at(-1)).toEqual({ algo: 'rsa', size: set.serviceAccount.size });
  });
});
