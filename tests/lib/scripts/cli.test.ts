import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  return { out: () => out.join(''), err: () => err.join('') };
}

describe('kubeprep script', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints the script for valid flags', async () => {
    const io = capture();
    expect(await main(['script', 'verify-node', '-release=el9', '-proxy-mode', 'ipvs'])).toBe(0);
    expect(io.out()).toMatch(/^#!\/usr\/bin\/env bash\n# verify-node\.sh/);
    expect(io.out()).toContain('ip_vs_rr');
    expect(io.err()).toBe('');
  });

  it('refuses a combination that does not exist on stderr with exit status 1', async () => {
    const io = capture();
    expect(await main(['script', 'kernel-upgrade', '-release=el10', '-kernel=kernel-lt'])).toBe(1);
    expect(io.out()).toBe('');
    expect(io.err()).toBe(
      'kubeprep script kernel-upgrade: ELRepo ships no kernel-lt for el10 (EL10 has kernel-ml only)\n  field: -kernel\n  allowed: kernel-ml\n',
    );
  });

  it('refuses an unknown script', async () => {
    const io = capture();
    expect(await main(['script', 'reboot-all'])).toBe(1);
    expect(io.err()).toBe('kubeprep script reboot-all: unknown script "reboot-all"\n  field: reboot-all\n  allowed: kernel-upgrade, node-prep, container-runtime, verify-node\n');
  });
});

describe("the README's kubeprep script commands", () => {
  it('all parse and generate', async () => {
    const { readFileSync } = await import('node:fs');
    const { scriptOptionsFromFlags } = await import('../../../src/cli/script');
    const { generateScript } = await import('../../../src/lib/scripts');
    const lines = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('npx kubeprep script ') && !/ -h(\s|$)/.test(line));
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) {
      const [name, ...args] = line.replace(/\s*>.*$/, '').split(/\s+/).slice(3);
      expect(() => generateScript(name as never, scriptOptionsFromFlags(name as never, args)), line).not.toThrow();
    }
  });
});
