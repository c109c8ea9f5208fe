// `kubeprep cluster -locale`: the README in the zip follows it (default en); an unknown locale is refused.
import { afterAll, describe, expect, it, vi } from 'vitest';
import JSZip from 'jszip';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { threeByThree } from '../lib/cluster/fixtures';

const work = mkdtempSync(join(tmpdir(), 'kubeprep-cli-cluster-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `kubeprep cluster ARGS` in-process; stderr is captured, not printed. */
async function cluster(args: string[]): Promise<{ status: number; stderr: string }> {
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    const status = await main(['cluster', ...args]);
    return { status, stderr };
  } finally {
    spy.mockRestore();
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
    expect((await readme(zh)).split('\n')[0]).toBe('# 集群 PKI 证书包:lab');
  }, 60_000);

  it('refuses a locale it has no dictionary for, and writes nothing', async () => {
    const out = join(work, 'fr.zip');
    const refused = await cluster([`-plan=${plan}`, `-out=${out}`, '-locale=fr']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe('-locale: "fr" is not one of the allowed values\n  field: -locale\n  allowed: en, zh-CN\n');
    expect(() => statSync(out)).toThrow();
  });
});
