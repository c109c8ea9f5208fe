// The files that turn a plan into a running control plane, checked by the programs that read them:
// haproxy -c and keepalived -t accept every generated configuration, systemd-analyze verify accepts
// every unit without a word, a 3-member etcd cluster starts from the etcd units' own flags on
// 127.0.0.11–13 and etcdctl with an apiserver-etcd-client certificate writes and reads, the kubeadm
// discovery pin is openssl's hash of the CA's public key, and PyYAML reads every YAML file as the tree
// the generator meant. One plan, generated once (ECDSA, so key generation stays cheap), both layouts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildClusterBundle } from '../../src/lib/bundle/cluster-layout';
import {
  generateCluster, kubeadmDocuments, nodeFiles, unitsFor, validatePlan,
  type ClusterPlan, type GeneratedCluster, type Layout,
} from '../../src/lib/cluster';
import { defaultPlan } from '../../src/lib/cluster';
import { run } from '../support/cfssl';
import { startEtcdMembers, type EtcdCluster } from '../support/etcd';
import { hasCommand, inCI, missingTools, TOOLS } from '../support/tools';

const isRoot = process.getuid?.() === 0;
const pyyaml = hasCommand('python3') && (await run('python3', ['-c', 'import yaml'])).code === 0;
if (!isRoot || !pyyaml) {
  const why = !isRoot ? 'keepalived -t and systemd-analyze verify run in a private mount namespace (unshare -m): run as root' : 'missing PyYAML (install: python3-yaml)';
  if (inCI) throw new Error(`cluster deployment interop cannot run in CI: ${why}`);
  console.warn(`skipping: ${why}`);
}
const skip = missingTools(TOOLS.openssl, TOOLS.etcd, TOOLS.etcdctl, TOOLS.haproxy, TOOLS.keepalived, TOOLS.systemdAnalyze, TOOLS.unshare, TOOLS.shellcheck).length > 0 || !isRoot || !pyyaml;

const work = mkdtempSync(join(tmpdir(), 'kubeprep-cluster-deploy-'));
afterAll(() => {
  if (!process.env.KUBEPREP_KEEP_TMP) rmSync(work, { recursive: true, force: true });
});

/** keepalived -t refuses an interface the host does not have: use one this host has. */
function hostInterface(): string {
  return readdirSync('/sys/class/net').find((name) => name !== 'lo') ?? 'eth0';
}

/** Three stacked control planes on 127.0.0.11–13 (all loopback on Linux), one worker, keepalived + haproxy, encryption on. */
function loopbackPlan(): ClusterPlan {
  return {
    ...defaultPlan(),
    clusterName: 'deploy',
    kubernetesVersion: '1.37',
    controlPlane: [{ name: 'cp-1', ip: '127.0.0.11' }, { name: 'cp-2', ip: '127.0.0.12' }, { name: 'cp-3', ip: '127.0.0.13' }],
    workers: [{ name: 'worker-1', ip: '127.0.0.21' }],
    apiEndpoint: { vip: '127.0.0.10', dnsName: 'api.deploy.internal', port: 8443 },
    loadBalancer: { kind: 'keepalived-haproxy', interface: hostInterface() },
    key: { algo: 'ecdsa', size: 256 },
    encryptionAtRest: true,
  };
}

async function unzipBundle(generated: GeneratedCluster, layout: Layout): Promise<string> {
  const zip = join(work, `${layout}.zip`);
  writeFileSync(zip, await buildClusterBundle(generated, layout));
  const dir = join(work, layout);
  const unzip = await run('unzip', ['-q', zip, '-d', dir]);
  if (unzip.code !== 0) throw new Error(unzip.stderr);
  return dir;
}

/** A unit's ExecStart as argv: continuation lines joined, systemd's `%%` back to `%`. */
function execStart(unitText: string): string[] {
  const line = /^ExecStart=((?:.*\\\n)*.*)$/m.exec(unitText)![1]!;
  return line.replace(/\\\n/g, ' ').split(/\s+/).filter((w) => w !== '').map((w) => w.replace(/%%/g, '%'));
}

/** Runs `command` with `target` bound over `mountpoint`, in a mount namespace of its own (nothing on the host changes). */
function withBind(source: string, mountpoint: string, command: string[]): Promise<Awaited<ReturnType<typeof run>>> {
  const quoted = command.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  return run('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', `mkdir -p '${mountpoint}' && mount --bind '${source}' '${mountpoint}' && exec ${quoted}`], { timeoutMs: 60_000 });
}

describe.skipIf(skip)('cluster deployment files against their real consumers', () => {
  let generated: GeneratedCluster;
  const dirs: Partial<Record<Layout, string>> = {};
  const cps = ['cp-1', 'cp-2', 'cp-3'];

  beforeAll(async () => {
    const result = validatePlan(loopbackPlan());
    if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('; '));
    generated = await generateCluster(result.resolved);
    dirs.kubeadm = await unzipBundle(generated, 'kubeadm');
    dirs.cfssl = await unzipBundle(generated, 'cfssl');
  }, 120_000);

  it('haproxy -c accepts every haproxy.cfg, and keepalived -t every keepalived.conf with its check script in place', async () => {
    for (const layout of ['kubeadm', 'cfssl'] as const) {
      for (const node of cps) {
        const haproxy = await run('haproxy', ['-c', '-f', join(dirs[layout]!, node, 'etc/haproxy/haproxy.cfg')]);
        expect(haproxy.code, `${layout} ${node}: ${haproxy.stdout}${haproxy.stderr}`).toBe(0);
        expect(`${haproxy.stdout}${haproxy.stderr}`, `${layout} ${node}`).not.toMatch(/WARNING|ALERT/);
        // The node's /etc/keepalived (config and check script) where keepalived looks for them.
        const keepalived = await withBind(join(dirs[layout]!, node, 'etc/keepalived'), '/etc/keepalived', ['keepalived', '-t', '-l', '-f', '/etc/keepalived/keepalived.conf']);
        expect(keepalived.code, `${layout} ${node}: ${keepalived.stdout}${keepalived.stderr}`).toBe(0);
      }
    }
    const check = await run('shellcheck', ['--shell=sh', join(dirs.kubeadm!, 'cp-1/etc/keepalived/check_apiserver.sh')]);
    expect(check.code, check.stdout).toBe(0);
    // The consumers can fail: a priority keepalived cannot hold, a backend port haproxy cannot use.
    const broken = join(work, 'broken-keepalived');
    mkdirSync(broken, { recursive: true });
    writeFileSync(join(broken, 'keepalived.conf'), readFileSync(join(dirs.cfssl!, 'cp-1/etc/keepalived/keepalived.conf'), 'utf8').replace(/priority \d+/, 'priority 300'));
    writeFileSync(join(broken, 'check_apiserver.sh'), '#!/bin/sh\n', { mode: 0o755 });
    expect((await withBind(broken, '/etc/keepalived', ['keepalived', '-t', '-f', '/etc/keepalived/keepalived.conf'])).code).not.toBe(0);
    const badHaproxy = join(work, 'bad-haproxy.cfg');
    writeFileSync(badHaproxy, readFileSync(join(dirs.cfssl!, 'cp-1/etc/haproxy/haproxy.cfg'), 'utf8').replace(':6443', ':70000'));
    expect((await run('haproxy', ['-c', '-f', badHaproxy])).code).not.toBe(0);
  });

  it('systemd-analyze verify accepts every unit of every node and says nothing', async () => {
    const stubs = join(work, 'stubs');
    mkdirSync(stubs, { recursive: true });
    for (const binary of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy']) {
      writeFileSync(join(stubs, binary), '#!/bin/sh\nexit 0\n');
      chmodSync(join(stubs, binary), 0o755);
    }
    const units = generated.plan.allNodes.flatMap((n) => unitsFor(generated.plan, 'cfssl', n.name).map((u) => join(dirs.cfssl!, n.name, `etc/systemd/system/${u}.service`)));
    expect(units).toHaveLength(3 * 6 + 2);
    const verify = await withBind(stubs, '/usr/local/bin', ['systemd-analyze', 'verify', ...units]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(`${verify.stdout}${verify.stderr}`).toBe('');
    // It can fail: a unit that names a binary that is not there.
    const typo = join(work, 'typo.service');
    writeFileSync(typo, readFileSync(units[0]!, 'utf8').replace('/usr/local/bin/etcd', '/usr/local/bin/etdc'));
    const failed = await withBind(stubs, '/usr/local/bin', ['systemd-analyze', 'verify', typo]);
    expect(`${failed.stdout}${failed.stderr}`).toMatch(/etdc/);
  });

  it('a 3-member etcd cluster starts from the etcd units\' own flags on 127.0.0.11–13, and the apiserver-etcd-client certificate writes and reads', async () => {
    const dir = dirs.cfssl!;
    const onNode = (node: string, path: string) => join(dir, node, path);
    const members = cps.map((node) => {
      const argv = execStart(readFileSync(onNode(node, 'etc/systemd/system/etcd.service'), 'utf8'));
      expect(argv[0]).toBe('/usr/local/bin/etcd');
      const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))!.split('=').slice(1).join('=');
      return {
        name: flag('name'),
        clientUrl: flag('advertise-client-urls'),
        peerUrl: flag('initial-advertise-peer-urls'),
        // The unit's own flags; only the files move: into the node's folder, the data directory into a temporary one.
        args: (dataDir: string) => argv.slice(1).map((arg) => {
          const [name, value] = [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)];
          if (name === '--data-dir') return `${name}=${dataDir}`;
          return value.startsWith('/etc/kubernetes/') ? `${name}=${onNode(node, value)}` : arg;
        }),
      };
    });
    expect(members.map((m) => m.clientUrl)).toEqual(['https://127.0.0.11:2379', 'https://127.0.0.12:2379', 'https://127.0.0.13:2379']);
    // What kube-apiserver on cp-2 presents to etcd, with the CA its unit names.
    const apiserver = execStart(readFileSync(onNode('cp-2', 'etc/systemd/system/kube-apiserver.service'), 'utf8'));
    const apiserverFlag = (name: string) => onNode('cp-2', apiserver.find((a) => a.startsWith(`--${name}=`))!.split('=')[1]!);
    const client = { cacert: apiserverFlag('etcd-cafile'), cert: apiserverFlag('etcd-certfile'), key: apiserverFlag('etcd-keyfile') };
    expect(apiserver.find((a) => a.startsWith('--etcd-servers='))).toBe(`--etcd-servers=${members.map((m) => m.clientUrl).join(',')}`);
    let cluster: EtcdCluster | undefined;
    try {
      cluster = await startEtcdMembers(members, { healthClient: client });
      const put = await cluster.etcdctl(['put', '/registry/kubeprep/deploy', 'from-the-units'], client);
      expect(put.code, put.stderr).toBe(0);
      const get = await cluster.etcdctl(['get', '/registry/kubeprep/deploy', '--print-value-only'], client, { endpoints: cluster.members[2]!.clientUrl });
      expect(get.stdout.trim()).toBe('from-the-units');
      const list = await cluster.etcdctl(['member', 'list'], client);
      expect(list.stdout.trim().split('\n')).toHaveLength(3);
      // etcd trusts only its own CA: the front-proxy client (cluster CA here) is refused.
      const stranger = await cluster.etcdctl(['get', '/registry/kubeprep/deploy'], { ...client, cert: onNode('cp-2', 'etc/kubernetes/ssl/front-proxy-client.pem'), key: onNode('cp-2', 'etc/kubernetes/ssl/front-proxy-client-key.pem') }, { commandTimeoutSeconds: 2 });
      expect(stranger.code).not.toBe(0);
    } finally {
      await cluster?.stop();
    }
  }, 120_000);

  it('pins the cluster CA in every join exactly as `openssl x509 -pubkey | openssl pkey -pubin -outform der | sha256sum` does', async () => {
    const ca = join(dirs.kubeadm!, 'cp-1/etc/kubernetes/pki/ca.crt');
    const pipeline = await run('bash', ['-c', `set -o pipefail; openssl x509 -in '${ca}' -noout -pubkey | openssl pkey -pubin -outform der | sha256sum`]);
    expect(pipeline.code, pipeline.stderr).toBe(0);
    const hash = `sha256:${pipeline.stdout.split(' ')[0]}`;
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(generated.caCertHash).toBe(hash);
    for (const node of ['cp-2', 'cp-3', 'worker-1']) {
      expect(readFileSync(join(dirs.kubeadm!, node, 'opt/kubeprep/kubeadm-config.yaml'), 'utf8'), node).toContain(`caCertHashes:\n    - ${hash}\n`);
    }
  });

  it('PyYAML reads every YAML file of both layouts, and each kubeadm configuration as the documents the generator built', async () => {
    const yamlFiles = (['kubeadm', 'cfssl'] as const).flatMap((layout) => nodeFiles(generated.plan, generated.set, layout)
      .filter((f) => /\.(ya?ml|conf)$/.test(f.path) && !f.path.startsWith('/etc/keepalived/'))
      .map((f) => join(dirs[layout]!, f.node, f.path)))
      .concat(readdirSync(join(dirs.kubeadm!, 'cluster')).map((name) => join(dirs.kubeadm!, 'cluster', name)).filter((p) => p.endsWith('.yaml')));
    expect(yamlFiles.length).toBeGreaterThan(40);
    expect(yamlFiles.every(existsSync)).toBe(true);
    const script = 'import json, sys, yaml\nprint(json.dumps([list(yaml.safe_load_all(open(p))) for p in sys.argv[1:]], default=str))';
    const parsed = await run('python3', ['-c', script, ...yamlFiles], { timeoutMs: 60_000 });
    expect(parsed.code, parsed.stderr).toBe(0);
    const documents = JSON.parse(parsed.stdout) as unknown[][];
    const context = {
      plan: generated.plan, token: generated.bootstrapToken, tokenExpires: generated.tokenExpires, caCertHash: generated.caCertHash,
      imageRepository: 'registry.k8s.io',
    };
    for (const node of ['cp-1', 'cp-2', 'worker-1']) {
      const index = yamlFiles.indexOf(join(dirs.kubeadm!, node, '/opt/kubeprep/kubeadm-config.yaml'));
      expect(documents[index], node).toEqual(JSON.parse(JSON.stringify(kubeadmDocuments(context, node))));
    }
    const clusterInfo = documents[yamlFiles.findIndex((p) => p.endsWith('cluster-info.yaml'))]!;
    expect(clusterInfo[0]).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'cluster-info', namespace: 'kube-public' } });
  });
});
