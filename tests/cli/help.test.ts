// `kubeprep -h` lists every command with a summary; `kubeprep <command> -h` prints that command's flags.
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILT, kubeprep } from './run';

describe('kubeprep help', () => {
  beforeAll(() => {
    if (!BUILT) throw new Error('dist-cli/kubeprep.mjs is missing: run `npm run build:cli` first');
  });

  it('lists every command with a one-line summary', () => {
    const run = kubeprep(['-h']);
    expect(run.status).toBe(0);
    for (const command of ['gencert', 'sign', 'certinfo', 'print-defaults', 'cluster', 'check-expiration', 'renew', 'script', 'version']) {
      expect(run.stdout).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
    }
  });

  it.each([
    ['gencert', /kubeprep gencert -initca/],
    ['sign', /kubeprep sign/],
    ['certinfo', /kubeprep certinfo -cert file/],
    ['cluster', /-plan=plan\.json/],
    ['check-expiration', /kubeprep check-expiration \[-o text\|json\]/],
    ['renew', /kubeprep renew -in=DIR\|ZIP\|TAR -out=ZIP/],
    ['script', /kernel-upgrade\|node-prep\|container-runtime\|verify-node/],
  ])('%s -h prints its usage on stdout and exits 0', (command, usage) => {
    const run = kubeprep([command, '-h']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(usage);
    expect(run.stderr).toBe('');
  });

  it('refuses an unknown command with the list, exit 1', () => {
    const run = kubeprep(['genkey']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('unknown command "genkey"');
    expect(run.stderr).toContain('gencert');
  });
});
