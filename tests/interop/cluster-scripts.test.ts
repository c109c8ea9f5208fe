// distribute.sh, verify.sh and cfssl/gencert.sh from the cluster plan must pass shellcheck, and
// distribute.sh (DRY_RUN=1) must copy every file of a node with the right mode.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { certificateSet, cfsslInputs, distributeScript, nodeFiles, verifyScript, type Layout, type TrustModel } from '../../src/lib/cluster';
import { resolved, threeByThree } from '../lib/cluster/fixtures';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.shellcheck, TOOLS.bash).length > 0;
const work = mkdtempSync(join(tmpdir(), 'kubeprep-cluster-scripts-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function shellcheck(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text, { mode: 0o755 });
  const result = spawnSync('shellcheck', ['--severity=style', path], { encoding: 'utf8' });
  return result.status === 0 ? '' : result.stdout + result.stderr;
}

describe.skipIf(skip)('cluster bundle scripts', () => {
  it("cfssl/gencert.sh is POSIX sh: Debian's dash runs it, and a failing cfssl gencert stops it", () => {
    const plan = resolved(threeByThree());
    const script = cfsslInputs(plan, certificateSet(plan), 'en').get('gencert.sh')!;
    expect(script.split('\n')[0]).toBe('#!/bin/sh');
    const dir = join(work, 'gencert-dash');
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(dir, 'gencert.sh'), script);
    // A cfssl that fails the way the real one does: words on stderr, nothing on stdout.
    writeFileSync(join(bin, 'cfssl'), '#!/bin/sh\necho "[ERROR] policy violation" >&2\nexit 1\n', { mode: 0o755 });
    writeFileSync(join(bin, 'cfssljson'), '#!/bin/sh\ninput=$(cat)\n[ -n "$input" ] || { echo "Failed to parse input: unexpected end of JSON input" >&2; exit 1; }\necho "$input" > "$2.out"\n', { mode: 0o755 });
    const run = spawnSync('/bin/dash', ['gencert.sh'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    expect(run.stderr).not.toMatch(/Illegal option|not found|Bad substitution/);
    expect(run.stderr).toContain('policy violation');
    expect(run.status).not.toBe(0);
    // It stopped at the first command: nothing after the first CA was attempted.
    expect(run.stderr.match(/policy violation/g)).toHaveLength(1);
  });

  it.each<[TrustModel, Layout]>([['kubeadm', 'kubeadm'], ['single-ca', 'cfssl']])('pass shellcheck (%s, %s)', (trustModel, layout) => {
    const plan = resolved(threeByThree({ trustModel, serviceCidr: '10.96.0.0/12,fd00:10:96::/112', podCidr: '10.244.0.0/16,fd00:10:244::/56', workers: [{ name: 'v6-worker', ip: 'fd00::21' }] }));
    const set = certificateSet(plan);
    const files = nodeFiles(plan, set, layout);
    // Both languages: the words are the catalogue's, inside the same shell.
    for (const locale of ['en', 'zh-CN'] as const) {
      expect(shellcheck(`distribute-${layout}-${locale}.sh`, distributeScript(plan, files, locale))).toBe('');
      expect(shellcheck(`verify-${layout}-${locale}.sh`, verifyScript(plan, set, layout, files, locale))).toBe('');
      expect(shellcheck(`gencert-${layout}-${locale}.sh`, cfsslInputs(plan, set, locale).get('gencert.sh')!)).toBe('');
    }
  });

  it('distribute.sh (DRY_RUN=1) sends every file of the chosen node and sets key modes to 0600', () => {
    const plan = resolved(threeByThree({ workers: [{ name: 'v6-worker', ip: 'fd00::21' }] }));
    const set = certificateSet(plan);
    const files = nodeFiles(plan, set, 'kubeadm');
    const bundle = join(work, 'bundle');
    for (const f of files) {
      const path = join(bundle, f.node, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, 'x', { mode: 0o644 });
    }
    writeFileSync(join(bundle, 'distribute.sh'), distributeScript(plan, files, 'en'), { mode: 0o755 });
    const out = execFileSync('bash', [join(bundle, 'distribute.sh'), 'v6-worker', 'cp-2'], { encoding: 'utf8', env: { ...process.env, DRY_RUN: '1', SSH_USER: 'ops' } });
    const scp = out.split('\n').filter((l) => l.startsWith('scp '));
    const expected = files.filter((f) => f.node === 'v6-worker' || f.node === 'cp-2');
    expect(scp).toHaveLength(expected.length);
    expect(out).toContain('ops@\\[fd00::21\\]:/var/lib/kubelet/pki/kubelet.key');
    for (const f of expected) expect(statSync(join(bundle, f.node, f.path)).mode & 0o777, f.path).toBe(f.secret ? 0o600 : 0o644);
    expect(out).toMatch(/^ssh .* ops@10\.0\.0\.12 .*chmod\\ 0600/m);
  });
});
