// `kubeprep cluster -locale`: the README in the zip follows it (default en); an unknown locale is refused.
import { afterAll, describe, expect, it, vi } from 'vitest';
import JSZip from 'jszip';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main';
import { defaultPlan, parsePlanJson } from '../../src/lib/cluster';
import { threeByThree } from '../lib/cluster/fixtures';
import { BIN, BUILT } from './run';

const work = mkdtempSync(join(tmpdir(), 'kubeprep-cli-cluster-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `kubeprep cluster ARGS` in-process (stdin from `input`); stdout and stderr are captured, not printed. */
async function cluster(args: string[], input?: string): Promise<{ status: number; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const stdin = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  if (input !== undefined) Object.defineProperty(process, 'stdin', { value: Readable.from([Buffer.from(input)]), configurable: true });
  try {
    const status = await main(['cluster', ...args]);
    return { status, stderr, stdout };
  } finally {
    spy.mockRestore();
    out.mockRestore();
    Object.defineProperty(process, 'stdin', stdin);
  }
}

describe('kubeprep cluster -locale', () => {
  const plan = join(work, 'plan.json');
  writeFileSync(plan, JSON.stringify(threeByThree({ clusterName: 'lab', key: { algo: 'ecdsa', size: 256 } })));

  async function readme(out: string): Promise<string> {
    const zip = await JSZip.loadAsync(readFileSync(out));
    return zip.file('README.md')!.async('string');
  }

  it('writes the README in English by default and in Chinese with -locale=zh-CN', async () => {
    const en = join(work, 'en.zip');
    const byDefault = await cluster([`-plan=${plan}`, `-out=${en}`]);
    expect(byDefault.status, byDefault.stderr).toBe(0);
    expect((await readme(en)).split('\n')[0]).toBe('# Cluster PKI bundle: lab');
    const zh = join(work, 'zh.zip');
    const chinese = await cluster([`-plan=${plan}`, `-out=${zh}`, '-locale=zh-CN']);
    expect(chinese.status, chinese.stderr).toBe(0);
    expect((await readme(zh)).split('\n')[0]).toBe('# 集群 PKI 证书包：lab');
  }, 60_000);

  it('refuses a locale it has no dictionary for, and writes nothing', async () => {
    const out = join(work, 'fr.zip');
    const refused = await cluster([`-plan=${plan}`, `-out=${out}`, '-locale=fr']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe('-locale: "fr" is not one of the allowed values\n  field: -locale\n  allowed: en, zh-CN\n');
    expect(() => statSync(out)).toThrow();
  });
});

describe('kubeprep cluster: what the help promises', () => {
  it('says missing keys take the example\'s values, and {} on standard input is the example', async () => {
    const help = await cluster(['-h']);
    expect(help.stdout).toContain('Every key it leaves out takes the example\'s value, so {} is the example itself.');
    const example = await cluster(['-example']);
    expect(example.status).toBe(0);
    expect(parsePlanJson(example.stdout)).toEqual({ plan: defaultPlan(), errors: [] });
    const out = join(work, 'example.zip');
    const fromStdin = await cluster(['-plan=-', `-out=${out}`], '{"key":{"algo":"ecdsa","size":256}}');
    expect(fromStdin.status, fromStdin.stderr).toBe(0);
    expect(fromStdin.stderr).not.toContain('control-plane');
    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(zip.file('master-1/opt/kubeprep/kubeadm-config.yaml')).not.toBeNull();
    expect(zip.file('master-1/etc/keepalived/keepalived.conf')).not.toBeNull();
  }, 60_000);

  it('prints plan errors in the app\'s words at their field, in English or Chinese', async () => {
    const plan = join(work, 'bad-deploy.json');
    writeFileSync(plan, JSON.stringify({ kubernetesVersion: '1.40', podCidr: '10.96.0.0/16', loadBalancer: { interface: 'eth 0' } }));
    const en = await cluster([`-plan=${plan}`, `-out=${join(work, 'x.zip')}`]);
    expect(en.status).toBe(1);
    // Each error: the plan file and the sentence, then the field and what is allowed on their own lines.
    expect(en.stderr).toContain(`${plan}: "1.40" is not a released Kubernetes minor: choose one of 1.37, 1.36,`);
    expect(en.stderr).toContain('\n  field: kubernetesVersion\n  allowed: 1.37, 1.36,');
    expect(en.stderr).toContain(`${plan}: The pod range 10.96.0.0/16 overlaps the service range 10.96.0.0/12`);
    expect(en.stderr).toContain(`${plan}: "eth 0" is not a network interface name`);
    expect(en.stderr).toContain('\n  field: loadBalancer.interface\n');
    const zh = await cluster([`-plan=${plan}`, `-out=${join(work, 'x.zip')}`, '-locale=zh-CN']);
    expect(zh.stderr).toContain('“1.40”不是已发布的 Kubernetes 次版本，请从 1.37, 1.36,');
    expect(zh.stderr).toContain('“eth 0”不是合法的网卡名');
  });

  it('refuses a plan with a node name used twice, and writes no zip', async () => {
    const plan = join(work, 'duplicate.json');
    const out = join(work, 'duplicate.zip');
    const twice = threeByThree({ clusterName: 'lab', key: { algo: 'ecdsa', size: 256 } });
    twice.workers[0] = { name: 'cp-1', ip: '10.0.0.21' };
    writeFileSync(plan, JSON.stringify(twice));
    const run = await cluster([`-plan=${plan}`, `-out=${out}`]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${plan}: Node name "cp-1" is used twice (workers[0].name and controlPlane[0].name)`);
    expect(run.stderr).toContain('\n  field: workers[0].name\n');
    expect(() => statSync(out)).toThrow();
  });
});

describe('kubeprep cluster -out writes keys atomically', () => {
  const dir = mkdtempSync(join(work, 'atomic-'));
  const plan = join(dir, 'plan.json');
  writeFileSync(plan, JSON.stringify(threeByThree({ clusterName: 'lab', key: { algo: 'ecdsa', size: 256 } })));

  it('replaces an existing world-readable file with a 0600 one', async () => {
    const out = join(dir, 'bundle.zip');
    writeFileSync(out, 'old contents');
    chmodSync(out, 0o644);
    const run = await cluster([`-plan=${plan}`, `-out=${out}`]);
    expect(run.status, run.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(Object.keys((await JSZip.loadAsync(readFileSync(out))).files).length).toBeGreaterThan(10);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it.skipIf(!BUILT)('leaves the old file untouched and no partial file behind when the write fails half-way', () => {
    const out = join(dir, 'full.zip');
    writeFileSync(out, 'old contents');
    // A 1 KiB file size limit with SIGXFSZ ignored: the write fails with EFBIG after the first kilobyte.
    const run = spawnSync('bash', ['-c', `trap '' XFSZ; ulimit -f 1; exec "${process.execPath}" "${BIN}" cluster -plan="${plan}" -out="${out}"`], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('EFBIG');
    expect(readFileSync(out, 'utf8')).toBe('old contents');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, 60_000);
});
