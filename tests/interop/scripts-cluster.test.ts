// The node scripts in a cluster plan's zip, run: check-nodes.sh over a fake ssh that reads each node's
// fake /sys (cloned VMs share product_uuid and MACs), shellcheck on it in both languages, and a
// worker's node-prep.sh and verify-node.sh from the zip on a fake EL9 host.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterBundleFiles } from '../../src/lib/bundle/cluster-layout';
import { generateCluster, type GeneratedCluster } from '../../src/lib/cluster';
import { generateNodeIdentityCheck } from '../../src/lib/scripts';
import { FakeHost, mutating } from '../fixtures/scripts/fake-host';
import { resolved, threeByThree } from '../lib/cluster/fixtures';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.bash, TOOLS.shellcheck).length > 0;
const exec = promisify(execFile);

async function outcome(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await exec(command, args, { env });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** `ssh [options] user@ip 'bash -s' <script`: runs the script with /sys under $FAKE_NODES/<ip>; an ip without a directory does not answer. */
const FAKE_SSH = `#!/usr/bin/env bash
set -euo pipefail
target=\${*: -2:1}
[ "\${*: -1}" = 'bash -s' ] || { echo "fake ssh: expected bash -s" >&2; exit 2; }
dir="$FAKE_NODES/\${target#*@}"
[ -d "$dir" ] || { echo "ssh: connect to host \${target#*@} port 22: No route to host" >&2; exit 255; }
script=$(cat)
exec bash -c "\${script//\\/sys\\//$dir/sys/}"
`;

describe.skipIf(skip)('cluster zip node scripts', () => {
  const work = mkdtempSync(join(tmpdir(), 'kubeprep-cluster-nodes-'));
  const nodes = [
    { name: 'cp-1', ip: '10.0.0.11' },
    { name: 'cp-2', ip: '10.0.0.12' },
    { name: 'worker-1', ip: '10.0.0.21' },
  ];
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  function fakeNode(ip: string, uuid: string, mac: string): void {
    const dir = join(work, 'nodes', ip, 'sys');
    mkdirSync(join(dir, 'class/dmi/id'), { recursive: true });
    writeFileSync(join(dir, 'class/dmi/id/product_uuid'), `${uuid}\n`);
    mkdirSync(join(dir, 'class/net/eth0/device'), { recursive: true });
    writeFileSync(join(dir, 'class/net/eth0/address'), `${mac}\n`);
    mkdirSync(join(dir, 'class/net/lo'), { recursive: true });
    writeFileSync(join(dir, 'class/net/lo/address'), '00:00:00:00:00:00\n');
  }

  async function checkNodes(): Promise<{ code: number; output: string }> {
    const bin = join(work, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'ssh'), FAKE_SSH);
    chmodSync(join(bin, 'ssh'), 0o755);
    const file = join(work, 'check-nodes.sh');
    writeFileSync(file, generateNodeIdentityCheck(nodes, 'en'));
    return outcome('bash', [file], { ...process.env, PATH: `${bin}:${process.env.PATH}`, FAKE_NODES: join(work, 'nodes') });
  }

  it('check-nodes.sh passes shellcheck in both languages', async () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const file = join(work, `check-nodes-${locale}.sh`);
      writeFileSync(file, generateNodeIdentityCheck(nodes, locale));
      const result = await outcome('shellcheck', ['--severity=style', file]);
      expect(result.output, locale).toBe('');
    }
  });

  it('check-nodes.sh passes unique nodes and fails a clone, naming both nodes', async () => {
    rmSync(join(work, 'nodes'), { recursive: true, force: true });
    fakeNode('10.0.0.11', '4C4C4544-0042-3510-8052-B4C04F4A3531', '52:54:00:00:00:11');
    fakeNode('10.0.0.12', '4c4c4544-0042-3510-8052-b4c04f4a3532', '52:54:00:00:00:12');
    fakeNode('10.0.0.21', '4c4c4544-0042-3510-8052-b4c04f4a3533', '52:54:00:00:00:21');
    const unique = await checkNodes();
    expect(unique.output).toContain('all 3 nodes have their own product_uuid and MAC addresses');
    expect(unique.code).toBe(0);

    // worker-1 cloned from cp-1: same product_uuid (upper and lower case are the same UUID) and MAC.
    fakeNode('10.0.0.21', '4c4c4544-0042-3510-8052-b4c04f4a3531', '52:54:00:00:00:11');
    const cloned = await checkNodes();
    expect(cloned.code).toBe(1);
    expect(cloned.output).toContain('FAIL product_uuid 4c4c4544-0042-3510-8052-b4c04f4a3531 of worker-1 is also on cp-1');
    expect(cloned.output).toContain('FAIL MAC 52:54:00:00:00:11 of worker-1 is also on cp-1');

    rmSync(join(work, 'nodes', '10.0.0.12'), { recursive: true });
    const unreachable = await checkNodes();
    expect(unreachable.code).toBe(1);
    expect(unreachable.output).toContain('FAIL cp-2 (10.0.0.12) did not answer over ssh');
  });

  describe('a worker\'s scripts from the zip', () => {
    let generated: GeneratedCluster;
    beforeAll(async () => {
      generated = await generateCluster(resolved(threeByThree({ key: { algo: 'ecdsa', size: 256 }, kubernetesVersion: '1.35' })));
    });

    it('prepare and verify the node they were made for', async () => {
      const files = clusterBundleFiles(generated, 'kubeadm', 'en', { release: 'el9', firewall: 'open' });
      const content = (name: string) => files.find((f) => f.path === `worker-2/opt/kubeprep/${name}.sh`)!.content;
      const host = new FakeHost({ el: 9, stockKernel: '5.14.0-503.el9.x86_64', newKernel: '-', modules: ['overlay', 'br_netfilter', 'nf_conntrack'] });
      try {
        const prep = await host.run(content('node-prep'));
        expect(prep.status, prep.stdout + prep.stderr).toBe(0);
        expect(host.read('etc/hostname')).toBe('worker-2\n');
        expect(host.read('etc/hosts')).toContain('10.0.0.22 worker-2\n10.0.0.23 worker-3\n10.0.0.10 api.prod.example\n# END kubeprep');
        expect(mutating(prep.log).filter((l) => l.startsWith('firewall-cmd --permanent --add-port'))).toEqual([
          'firewall-cmd --permanent --add-port=10250/tcp',
          'firewall-cmd --permanent --add-port=10256/tcp',
          'firewall-cmd --permanent --add-port=30000-32767/tcp',
          'firewall-cmd --permanent --add-port=30000-32767/udp',
        ]);
        expect((await host.run(content('container-runtime'))).status).toBe(0);
        const verify = await host.run(content('verify-node'));
        expect(verify.stdout).toContain('OK   /etc/hosts: 10.0.0.10 api.prod.example');
        expect(verify.status, verify.stdout).toBe(0);
      } finally {
        host.cleanup();
      }
    });
  });
});
