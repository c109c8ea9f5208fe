import { describe, expect, it } from 'vitest';
import { rehearsalKeySpec, rehearseClusterBundle, type Rehearsal } from '../../../src/lib/bundle/rehearse';
import { clusterKeySpecs, certificateSet, generateCluster, type GeneratedCluster } from '../../../src/lib/cluster';
import { generateKeyPair, type KeySpec } from '../../../src/lib/pki';
import { resolved, threeByThree } from '../cluster/fixtures';

const ecdsaPlan = resolved(threeByThree({ key: { algo: 'ecdsa', size: 256 } }));

/** A rehearsal whose keys, generations and stop are recorded. */
function recorded(stopAfterKeys = Infinity) {
  const made: KeySpec[] = [];
  const asked: KeySpec[] = [];
  let results = 0;
  const rehearsal: Rehearsal = {
    generate: async (plan, options) => {
      const keys = options.keys!;
      const generated = await generateCluster(plan, { ...options, keys: (spec) => (asked.push(spec), keys(spec)) });
      results++;
      return generated;
    },
    newKey: (spec) => (made.push(spec), generateKeyPair(spec)),
    stop: () => asked.length >= stopAfterKeys,
  };
  return { rehearsal, made, asked, results: () => results };
}

describe('rehearsing a cluster Generate', () => {
  it('runs the whole plan, its layout and zip with one throwaway key per key kind', async () => {
    const { rehearsal, made, asked, results } = recorded();
    expect(await rehearseClusterBundle(ecdsaPlan, 'kubeadm', 'en', {}, rehearsal)).toBe('done');
    expect(results()).toBe(1);
    // Every key the plan needs was asked for, and each kind was made once.
    expect(asked).toHaveLength(clusterKeySpecs(certificateSet(ecdsaPlan)).length);
    expect(made.map((spec) => `${spec.algo}-${spec.size}`).sort()).toEqual(['ecdsa-256', 'rsa-2048']);
  });

  it('makes RSA keys of at most 2048 bits, and every other kind as asked', () => {
    expect(rehearsalKeySpec({ algo: 'rsa', size: 4096 })).toEqual({ algo: 'rsa', size: 2048 });
    expect(rehearsalKeySpec({ algo: 'rsa', size: 2048 })).toEqual({ algo: 'rsa', size: 2048 });
    expect(rehearsalKeySpec({ algo: 'ecdsa', size: 384 })).toEqual({ algo: 'ecdsa', size: 384 });
    expect(rehearsalKeySpec({ algo: 'ed25519', size: 0 } as KeySpec)).toEqual({ algo: 'ed25519', size: 0 });
  });

  it('stops at the next key once stop() says so, and asks for no key after it', async () => {
    const { rehearsal, asked } = recorded(5);
    expect(await rehearseClusterBundle(ecdsaPlan, 'kubeadm', 'en', {}, rehearsal)).toBe('stopped');
    const atStop = asked.length;
    expect(atStop).toBeLessThan(clusterKeySpecs(certificateSet(ecdsaPlan)).length);
    // The lanes still under way end at their next key: nothing asks for more.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(asked.length).toBeLessThanOrEqual(atStop + 4);
  });

  it('stops after the certificates, before their layout', async () => {
    let generated: GeneratedCluster | undefined;
    const rehearsal: Rehearsal = {
      generate: async (plan, options) => (generated = await generateCluster(plan, options)),
      newKey: generateKeyPair,
      stop: () => generated !== undefined,
    };
    expect(await rehearseClusterBundle(ecdsaPlan, 'kubeadm', 'en', {}, rehearsal)).toBe('stopped');
    expect(generated).toBeDefined();
  });

  it("reports the engine's errors instead of swallowing them", async () => {
    const rehearsal: Rehearsal = {
      generate: () => Promise.reject(new Error('engine failed')),
      newKey: generateKeyPair,
      stop: () => false,
    };
    await expect(rehearseClusterBundle(ecdsaPlan, 'kubeadm', 'en', {}, rehearsal)).rejects.toThrow('engine failed');
  });
});
