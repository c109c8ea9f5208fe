// The config.toml container-runtime.sh writes, read by real containerd: Debian's package (1.6 on
// Debian 12, 1.7 on Debian 13) and every binary listed in KUBEPREP_CONTAINERDS (colon-separated; CI
// adds Debian sid's containerd 2.x from tools/debian-containerd.sh). The script runs on a fake host
// whose containerd reports the real binary's version, so it picks the config version itself; the
// file it writes must load with `containerd --config <file> config dump` and show runc with
// SystemdCgroup = true and the chosen sandbox image. Then each config version the binary reads is
// checked directly, and the other one is shown not to work, which is why the version must match.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { completeOptions, configVersionFor, containerdConfig, generateScript, type ContainerdConfigVersion } from '../../src/lib/scripts';
import { FakeHost } from '../fixtures/scripts/fake-host';
import { inCI, missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.containerd, TOOLS.bash).length > 0;
const exec = promisify(execFile);
const SANDBOX = 'registry.aliyuncs.com/google_containers/pause:3.10.1';

interface Binary {
  path: string;
  version: string;
  major: number;
}

async function describeBinary(path: string): Promise<Binary> {
  const { stdout } = await exec(path, ['--version']);
  const version = stdout.trim().split(/\s+/)[2]!.replace(/^v/, '');
  return { path, version, major: Number(version.split('.')[0]) };
}

async function dump(binary: string, config: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await exec(binary, ['--config', config, 'config', 'dump'], { maxBuffer: 8 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** The table each `key = value` line of a dump sits in. */
function tableOf(output: string, line: RegExp): string | undefined {
  let table = '';
  for (const text of output.split('\n')) {
    const header = /^\s*\[(.+)\]\s*$/.exec(text);
    if (header) table = header[1]!;
    else if (line.test(text)) return table;
  }
  return undefined;
}

/** What a working CRI config shows in the dump, in the dump's own version. */
function effective(output: string, dumpVersion: ContainerdConfigVersion, sandbox = SANDBOX): { systemdCgroup: string | undefined; sandbox: string | undefined } {
  const image = sandbox.replace(/[.]/g, '\\.');
  return {
    systemdCgroup: tableOf(output, /^\s*SystemdCgroup = true$/),
    sandbox: dumpVersion === 3 ? tableOf(output, new RegExp(`^\\s*sandbox = '${image}'$`)) : tableOf(output, new RegExp(`^\\s*sandbox_image = "${image}"$`)),
  };
}

/** Where each containerd comes from in practice: CentOS 7's frozen 1.6, a 1.7 on EL8, 2.x on EL9 (so 1.36 is allowed). */
function hostFor(binary: Binary) {
  if (binary.major >= 2) return { release: 'el9', el: 9, kubernetesVersion: '1.36' } as const;
  if (binary.version.startsWith('1.6.')) return { release: 'el7', el: 7, kubernetesVersion: '1.34' } as const;
  return { release: 'el8', el: 8, kubernetesVersion: '1.35' } as const;
}

const RUNC_OPTIONS: Record<ContainerdConfigVersion, string> = {
  2: 'plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options',
  3: "plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options",
};
const SANDBOX_TABLE: Record<ContainerdConfigVersion, string> = {
  2: 'plugins."io.containerd.grpc.v1.cri"',
  3: "plugins.'io.containerd.cri.v1.images'.pinned_images",
};

describe.skipIf(skip)('containerd reads the config.toml the runtime stage writes', async () => {
  const work = mkdtempSync(join(tmpdir(), 'kubeprep-containerd-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const extra = (process.env.KUBEPREP_CONTAINERDS ?? '').split(':').filter(Boolean);
  const binaries = skip ? [] : await Promise.all(['containerd', ...extra].map(describeBinary));

  it('has a containerd for each config version the script writes (in CI: a 2.x from KUBEPREP_CONTAINERDS too)', () => {
    const majors = new Set(binaries.map((b) => configVersionFor(b.major)));
    expect(majors.has(2)).toBe(true);
    if (!majors.has(3)) {
      const message = 'no containerd 2.x to check config version 3: export KUBEPREP_CONTAINERDS="$(tools/debian-containerd.sh sid)"';
      if (inCI) throw new Error(message);
      console.warn(`skipping version 3: ${message}`);
    }
  });

  for (const binary of binaries) {
    const native = configVersionFor(binary.major);

    it(`containerd ${binary.version}: the script writes version ${native}, which loads with runc's SystemdCgroup = true and the sandbox image`, async () => {
      const target = hostFor(binary);
      const host = new FakeHost({ el: target.el, stockKernel: '5.14.0', newKernel: '-', modules: ['overlay', 'br_netfilter'], cgroupV2: true, containerdVersion: binary.version });
      try {
        const options = completeOptions({ release: target.release, kubernetesVersion: target.kubernetesVersion, imageRepository: 'registry.aliyuncs.com/google_containers' });
        const run = await host.run(generateScript('container-runtime', options));
        expect(run.status, run.stdout + run.stderr).toBe(0);
        const sandbox = /sandbox image: (\S+)/.exec(run.stdout)![1]!;
        expect(sandbox.startsWith('registry.aliyuncs.com/google_containers/pause:')).toBe(true);
        const config = join(host.root, 'etc/containerd/config.toml');
        expect(host.read('etc/containerd/config.toml')).toMatch(new RegExp(`^version = ${native}$`, 'm'));
        const result = await dump(binary.path, config);
        expect(result.code, result.output).toBe(0);
        expect(result.output).toMatch(new RegExp(`^version = ${native}$`, 'm'));
        expect(effective(result.output, native, sandbox)).toEqual({ systemdCgroup: RUNC_OPTIONS[native], sandbox: SANDBOX_TABLE[native] });
        expect(result.output).not.toMatch(/^disabled_plugins = \[.*"cri".*\]/m);
      } finally {
        host.cleanup();
      }
    });

    it(`containerd ${binary.version}: every config version it reads works, the other does not`, async () => {
      for (const version of [2, 3] as const) {
        const file = join(work, `${binary.major}-v${version}.toml`);
        writeFileSync(file, containerdConfig(version, SANDBOX, 'test'));
        const result = await dump(binary.path, file);
        const reads = binary.major >= 2 || version === 2;
        if (reads) {
          expect(result.code, result.output).toBe(0);
          // containerd 2.x converts version 2 and dumps version 3.
          expect(effective(result.output, native), `v${version}`).toEqual({ systemdCgroup: RUNC_OPTIONS[native], sandbox: SANDBOX_TABLE[native] });
        } else {
          // 1.7 refuses version 3; 1.6 loads it but ignores every table it does not know.
          const works = result.code === 0 && effective(result.output, native).systemdCgroup === RUNC_OPTIONS[native];
          expect(works, result.output).toBe(false);
        }
      }
    });
  }
});
