// `kubeprep cluster -locale`: the README in the zip follows it (default en); an unknown locale is refused.
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import JSZip from 'jszip';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { threeByThree } from '../lib/cluster/fixtures';

const work = mkdtempSync(join(tmpdir(), 'kubeprep-cli-cluster-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('kubeprep cluster -locale', () => {
  let stderr = '';
  beforeEach(() => {
    stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  const plan = join(work, 'plan.json');
  writeFileSync(plan, JSON.stringify(threeByThree({ clusterName: 'lab', key: { algo: 'ecdsa', size: 256 } })));

  async function readme(out: string): Promise<string> {
    const zip = await JSZip.loadAsync(readFileSync(out));
    return zip.file('README.md')!.async('string');
  }

  it('writes the README in English by default and in Chinese with -locale=zh-CN', async () => {
    const en = join(work, 'en.zip');
    expect(await main(['cluster', `-plan=${plan}`, `-out=${en}`]), stderr).toBe(0);
    expect((await readme(en)).split('\n')[0]).toBe('# Cluster PKI bundle: lab');
    const zh = join(work, 'zh.zip');
    expect(await main(['cluster', `-plan=${plan}`, `-out=${zh}`, '-locale=zh-CN']), stderr).toBe(0);
    expect((await readme(zh)).split('\n')[0]).toBe('# 集群 PKI 证书包:lab');
  }, 60_000);

  it('refuses a locale it has no dictionary for, and writes nothing', async () => {
    const out = join(work, 'fr.zip');
    expect(await main(['cluster', `-plan=${plan}`, `-out=${out}`, '-locale=fr'])).toBe(1);
    expect(stderr).toContain('-locale: "fr" is not one of en, zh-CN');
    expect(() => statSync(out)).toThrow();
  });
});
