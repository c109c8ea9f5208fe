// `kubeprep check-expiration` and `kubeprep renew` as users run them, on a kubeprep cluster bundle aged
// 350 days through the engine's clock: the table and its JSON, what -days selects, the zip's paths, and
// the refusals (no input, a bad -days or -o, CA keys missing) with exit status 1 and words on stderr.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { clusterBundleFiles } from '../../src/lib/bundle/cluster-layout';
import { zipBundleFiles } from '../../src/lib/bundle/zip';
import { generateCluster } from '../../src/lib/cluster';
import { resolved, threeByThree } from '../lib/cluster/fixtures';
import { BUILT, kubeprep } from './run';

const DAY = 86_400_000;
const work = mkdtempSync(join(tmpdir(), 'kubeprep-cli-renewal-'));
const bundle = join(work, 'aged.zip');
const withoutCaKeys = join(work, 'no-ca-keys.zip');
let inputPaths: string[];

beforeAll(async () => {
  if (!BUILT) throw new Error('dist-cli/kubeprep.mjs is missing: run `npm run build:cli` first');
  const plan = threeByThree({ clusterName: 'cli', key: { algo: 'ecdsa', size: 256 }, workers: [] });
  const generated = await generateCluster(resolved(plan), { now: new Date(Date.now() - 350 * DAY) });
  const files = clusterBundleFiles(generated, 'kubeadm');
  inputPaths = files.map((f) => f.path).sort();
  writeFileSync(bundle, await zipBundleFiles(files));
  writeFileSync(withoutCaKeys, await zipBundleFiles(files.filter((f) => !/pki\/(ca|front-proxy-ca)\.key$/.test(f.path))));
}, 120_000);

afterAll(() => {
  if (!process.env.KUBEPREP_KEEP_TMP) rmSync(work, { recursive: true, force: true });
});

describe('kubeprep check-expiration', () => {
  it('prints one row per certificate sorted by time left, and the same rows as JSON', () => {
    const json = kubeprep(['check-expiration', '-o', 'json', bundle]);
    expect(json.status, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as { certificates: { path: string; kind: string; daysLeft: number; status: string }[] };
    const leaves = report.certificates.filter((r) => r.kind !== 'ca');
    expect(leaves.length).toBeGreaterThan(20);
    expect(leaves.every((r) => r.daysLeft >= 14 && r.daysLeft <= 15 && r.status === 'soon')).toBe(true);
    const days = report.certificates.map((r) => r.daysLeft);
    expect(days).toEqual([...days].sort((a, b) => a - b));

    const text = kubeprep(['check-expiration', bundle]);
    expect(text.status, text.stderr).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^FILE\s+CN\s+ISSUER\s+KIND\s+NOT BEFORE\s+NOT AFTER\s+TIME LEFT\s+CA KEY\s+KUBEADM$/);
    for (const row of report.certificates) expect(text.stdout).toContain(row.path);
  }, 60_000);

  it('-now moves the report: a year later every leaf has expired', () => {
    const later = new Date(Date.now() + 365 * DAY).toISOString();
    const run = kubeprep(['check-expiration', '-o', 'json', `-now=${later}`, bundle]);
    const rows = (JSON.parse(run.stdout) as { certificates: { kind: string; status: string }[] }).certificates;
    expect(rows.filter((r) => r.kind !== 'ca').every((r) => r.status === 'expired')).toBe(true);
  }, 60_000);

  it.each([
    [[], /check-expiration takes a folder, an archive or files/],
    [['-o', 'yaml', 'x'], /-o: "yaml" is not one of the allowed values\n {2}field: -o\n {2}allowed: text, json/],
    [['-now=tomorrow', 'x'], /-now: "tomorrow" is not an RFC 3339 time/],
  ])('refuses %j with exit 1', (args, message) => {
    const run = kubeprep(['check-expiration', ...args]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(message);
  }, 30_000);
});

describe('kubeprep renew', () => {
  it('renews what expires within -days, writes the input\'s paths plus kubeprep-renewal/, mode 0600', async () => {
    const out = join(work, 'renewed.zip');
    const run = kubeprep(['renew', `-in=${bundle}`, `-out=${out}`, '-days=30']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Certificates renewed: \d+; files changed: \d+/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const paths = Object.values(zip.files).filter((f) => !f.dir).map((f) => f.name);
    expect(paths.filter((p) => !p.startsWith('kubeprep-renewal/')).sort()).toEqual(inputPaths);
    expect(paths).toEqual(expect.arrayContaining(['kubeprep-renewal/README.md', 'kubeprep-renewal/verify.sh']));
    // Nothing expires within 1 day: nothing is renewed, and that is an error.
    const none = kubeprep(['renew', `-in=${bundle}`, `-out=${join(work, 'none.zip')}`, '-days=1']);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('Nothing is selected');
  }, 120_000);

  it('names every row whose CA key is missing and renews the others', () => {
    const run = kubeprep(['renew', `-in=${withoutCaKeys}`, `-out=${join(work, 'partial.zip')}`]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/WARNING.*apiserver\.crt: the key of its CA \(CN = kubernetes\) is not among the files/);
    expect(run.stderr).not.toMatch(/WARNING.*etcd\/server\.crt: the key of its CA/);
  }, 60_000);

  it.each([
    [['-out=x.zip'], /renew needs -in, -out/],
    [['-in=x', '-out=x.zip', '-days=soon'], /"soon" is not a number of days/],
  ])('refuses %j with exit 1', (args, message) => {
    const run = kubeprep(['renew', ...args]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(message);
  }, 30_000);
});
