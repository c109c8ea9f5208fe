// The hostile-input corpus: every entry point (CSR JSON, ca-config, cluster plan, PEM and DER, hosts,
// durations, node names, IPs and CIDRs, script options, archives on the expiry screen, the storage filter
// and the JSON forms) fed what an attacker or a careless paste would feed it. Each case names the exact
// outcome: a coded refusal at its field, with words in both languages, or a specific safe result. Nothing
// else may come out: no exception from a library, no stack overflow, no hang (each case has a time limit),
// no private key kept for a reload. The last line printed says how many inputs were handled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostileCase } from './case';
import { CLI_CASES } from './cli.cases';
import { CLUSTER_CASES } from './cluster.cases';
import { outcome, prepareDoors } from './doors';
import { FILE_CASES } from './files.cases';
import { makeMaterial, type Material } from './material';
import { NETWORK_CASES } from './network.cases';
import { PEM_CASES } from './pem.cases';
import { PKI_JSON_CASES } from './pki-json.cases';
import { SIGN_CASES } from './sign.cases';

export const CORPUS: readonly HostileCase[] = [...PKI_JSON_CASES, ...PEM_CASES, ...NETWORK_CASES, ...CLUSTER_CASES, ...FILE_CASES, ...SIGN_CASES, ...CLI_CASES];

/** A case may take no longer than this: a linear-time reader answers in milliseconds even under load. */
const CASE_TIME_LIMIT_MS = 10_000;

let material: Material;
const handled = new Map<string, number>();
const probe: Record<string, string> = {};

beforeAll(async () => {
  [material] = await Promise.all([makeMaterial(), prepareDoors()]);
}, 60_000);

describe('hostile inputs', () => {
  it('has at least 150 cases, each with a unique label per door', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(150);
    const keys = CORPUS.map((c) => `${c.door}: ${c.label}`);
    expect(keys.length).toBe(new Set(keys).size);
  });

  describe.each([...new Set(CORPUS.map((c) => c.door))])('%s', (door) => {
    it.each(CORPUS.filter((c) => c.door === door).map((c) => [c.label, c] as const))('%s', async (_label, testCase) => {
      const started = performance.now();
      const result = await outcome(testCase, material);
      const took = performance.now() - started;
      probe[`${testCase.door}: ${testCase.label}`] = result;
      if (process.env.HOSTILE_PROBE) return;
      expect(result).toBe(testCase.expected);
      expect(took, 'time taken (ms)').toBeLessThan(CASE_TIME_LIMIT_MS);
      handled.set(door, (handled.get(door) ?? 0) + 1);
    }, 2 * CASE_TIME_LIMIT_MS);
  });
});

afterAll(async () => {
  if (process.env.HOSTILE_PROBE) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(process.env.HOSTILE_PROBE, JSON.stringify(probe, null, 1));
    return;
  }
  const total = [...handled.values()].reduce((a, b) => a + b, 0);
  const byDoor = [...handled].map(([door, n]) => `${door} ${n}`).join(', ');
  console.log(`hostile inputs: ${total} handled (${byDoor})`);
});
