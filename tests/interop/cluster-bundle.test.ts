// The cluster plan's zip, made by the same code the app runs (generateCluster + buildClusterBundle),
// checked by the programs that will consume it: openssl verify, a real 3-member etcd cluster with
// mutual TLS, etcdctl, kubectl, openssl s_server/s_client, shellcheck, verify.sh, and the real cfssl
// reproducing the set from the bundle's cfssl inputs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { buildClusterBundle } from '../../src/lib/bundle/cluster-layout';
import {
  certificateSet, generateCluster, nodeFiles, signerCertPath, validatePlan,
  type ClusterPlan, type GeneratedCluster, type Layout,
} from '../../src/lib/cluster';
import { threeByThree } from '../lib/cluster/fixtures';
import { run } from '../support/cfssl';
import { freePorts, startKubeadmLayoutEtcd, type EtcdClientCredentials, type EtcdCluster } from '../support/etcd';
import { certificateFactsFromFile, opensslVerify } from '../support/x509';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.openssl, TOOLS.etcd, TOOLS.etcdctl, TOOLS.kubectl, TOOLS.shellcheck, TOOLS.bash, TOOLS.cfssl, TOOLS.cfssljson).length > 0;
const work = mkdtempSync(join(tmpdir(), 'kubeprep-cluster-bundle-'));
afterAll(() => {
  if (!process.env.KUBEPREP_KEEP_TMP) rmSync(work, { recursive: true, force: true });
});

/** Three stacked control planes sharing 127.0.0.1 (distinct names; etcd gets distinct ports), three workers. */
function loopbackPlan(overrides: Partial<ClusterPlan> = {}): ClusterPlan {
  return threeByThree({
    clusterName: 'interop',
    controlPlane: [{ name: 'm1', ip: '127.0.0.1' }, { name: 'm2', ip: '127.0.0.1' }, { name: 'm3', ip: '127.0.0.1' }],
    ...overrides,
  });
}

async function bundle(plan: ClusterPlan, layout: Layout, name: string): Promise<{ dir: string; generated: GeneratedCluster }> {
  const result = validatePlan(plan);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('; '));
  const generated = await generateCluster(result.resolved);
  const zip = join(work, `${name}.zip`);
  writeFileSync(zip, await buildClusterBundle(generated, layout));
  const dir = join(work, name);
  const unzip = await run('unzip', ['-q', zip, '-d', dir]);
  if (unzip.code !== 0) throw new Error(unzip.stderr);
  return { dir, generated };
}

async function verifyEveryCertificate(dir: string, generated: GeneratedCluster, layout: Layout): Promise<number> {
  const files = nodeFiles(generated.plan, generated.set, layout);
  const signers = new Map(generated.set.certificates.map((c) => [c.id, c.signer]));
  let count = 0;
  for (const file of files) {
    if (file.source.type !== 'cert' && file.source.type !== 'ca-cert') continue;
    const ca = file.source.type === 'cert' ? signerCertPath(layout, signers.get(file.source.id)!) : file.path;
    // A kubeadm worker gets its pki/ca.crt from `kubeadm join`: the bundle's copy is the first control plane's.
    const caNode = existsSync(join(dir, file.node, ca)) ? file.node : generated.plan.plan.controlPlane[0]!.name;
    const result = await opensslVerify(join(dir, file.node, file.path), join(dir, caNode, ca));
    expect(result.ok, `${file.node}${file.path}: ${result.output}`).toBe(true);
    count++;
  }
  return count;
}

describe.skipIf(skip)('cluster bundle (kubeadm trust model, kubeadm layout)', () => {
  let dir: string;
  let generated: GeneratedCluster;
  beforeAll(async () => {
    ({ dir, generated } = await bundle(loopbackPlan({ key: { algo: 'ecdsa', size: 256 } }), 'kubeadm', 'kubeadm'));
  });

  it('every certificate verifies against its CA with openssl', async () => {
    expect(await verifyEveryCertificate(dir, generated, 'kubeadm')).toBeGreaterThan(30);
  });

  it('a 3-member etcd cluster runs with mutual TLS on the bundle certs; etcdctl as apiserver-etcd-client writes and reads', async () => {
    let cluster: EtcdCluster | undefined;
    try {
      let client: EtcdClientCredentials;
      ({ cluster, client } = await startKubeadmLayoutEtcd(dir));
      const put = await cluster.etcdctl(['put', '/registry/kubeprep', 'bundle-ok'], client);
      expect(put.code, put.stderr).toBe(0);
      const get = await cluster.etcdctl(['get', '/registry/kubeprep', '--print-value-only'], client, { endpoints: cluster.members[2]!.clientUrl });
      expect(get.stdout.trim()).toBe('bundle-ok');
      const members = await cluster.etcdctl(['member', 'list'], client);
      expect(members.stdout.trim().split('\n')).toHaveLength(3);
      // A client certificate from another CA is refused: mutual TLS is really on.
      const stranger = await cluster.etcdctl(['get', '/registry/kubeprep'], { ...client, cert: join(dir, 'm1/etc/kubernetes/pki/front-proxy-client.crt'), key: join(dir, 'm1/etc/kubernetes/pki/front-proxy-client.key') }, { commandTimeoutSeconds: 2 });
      expect(stranger.code).not.toBe(0);
    } finally {
      await cluster?.stop();
    }
  });

  it('kubectl reads every kubeconfig and the embedded client certificate verifies against the embedded CA', async () => {
    const specs = nodeFiles(generated.plan, generated.set, 'kubeadm').flatMap((f) => (f.source.type === 'kubeconfig' ? [f.source.spec] : []));
    // admin, controller-manager and scheduler on each control plane; super-admin and kubelet.conf where kubeadm init runs.
    expect(specs).toHaveLength(11);
    for (const spec of specs) {
      const path = join(dir, spec.node, '/etc/kubernetes', spec.file);
      const view = await run('kubectl', ['config', 'view', '--raw', '--minify', '--kubeconfig', path]);
      expect(view.code, `${path}: ${view.stderr}`).toBe(0);
      const field = (name: string) => Buffer.from(new RegExp(`${name}: (\\S+)`).exec(view.stdout)![1]!, 'base64').toString();
      const scratch = join(work, `${spec.node}-${spec.file}`);
      writeFileSync(`${scratch}.ca`, field('certificate-authority-data'));
      writeFileSync(`${scratch}.crt`, field('client-certificate-data'));
      expect(view.stdout).toContain(`server: ${spec.server}`);
      const verified = await opensslVerify(`${scratch}.crt`, `${scratch}.ca`);
      expect(verified.ok, `${spec.node}/${spec.file}: ${verified.output}`).toBe(true);
      const facts = await certificateFactsFromFile(`${scratch}.crt`);
      expect(facts.subject.flat().find((a) => a.type === 'CN')?.value, spec.file).toBe(spec.user);
    }
  }, 300_000);

  it('openssl s_client accepts the apiserver certificate for kubernetes.default.svc and the VIP, and refuses other names', async () => {
    const pki = join(dir, 'm2/etc/kubernetes/pki');
    const [port] = await freePorts(1);
    const server = spawn('openssl', ['s_server', '-accept', `127.0.0.1:${port}`, '-cert', join(pki, 'apiserver.crt'), '-key', join(pki, 'apiserver.key'), '-www', '-naccept', '10'], { stdio: 'ignore' });
    try {
      const connect = async (check: string[]) => {
        for (let attempt = 0; attempt < 30; attempt++) {
          const result = await run('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-CAfile', join(pki, 'ca.crt'), '-verify_return_error', ...check], { input: '', timeoutMs: 10_000 });
          if (!/connect:errno|Connection refused/.test(result.stderr)) return result;
          await new Promise((r) => setTimeout(r, 200));
        }
        throw new Error('s_server did not start');
      };
      for (const check of [['-verify_hostname', 'kubernetes.default.svc'], ['-verify_ip', '10.0.0.10'], ['-verify_hostname', 'api.prod.example'], ['-verify_hostname', 'm2']]) {
        const result = await connect(check);
        expect(result.stdout, check.join(' ')).toContain('Verify return code: 0 (ok)');
      }
      const wrong = await connect(['-verify_hostname', 'm1']);
      expect(wrong.stdout + wrong.stderr).toMatch(/hostname mismatch|Verify return code: 62/);
    } finally {
      server.kill();
    }
  });

  it('distribute.sh and verify.sh pass shellcheck, and verify.sh passes on the unzipped bundle', async () => {
    const check = await run('shellcheck', [join(dir, 'distribute.sh'), join(dir, 'verify.sh'), join(dir, 'cfssl/gencert.sh')]);
    expect(check.code, check.stdout).toBe(0);
    const verify = await run('bash', [join(dir, 'verify.sh')], { timeoutMs: 120_000 });
    expect(verify.code, verify.stdout.split('\n').filter((l) => l.startsWith('FAIL')).join('\n')).toBe(0);
    expect(verify.stdout).toMatch(/\d+ checks, 0 failed/);
  }, 400_000);

  it('verify.sh fails when a certificate does not belong to the node', async () => {
    const broken = join(work, 'broken');
    cpSync(dir, broken, { recursive: true });
    cpSync(join(broken, 'm1/etc/kubernetes/pki/apiserver.crt'), join(broken, 'm2/etc/kubernetes/pki/apiserver.crt'));
    const verify = await run('bash', [join(broken, 'verify.sh'), 'm2'], { timeoutMs: 60_000 });
    expect(verify.code).not.toBe(0);
    expect(verify.stdout).toContain('FAIL m2:/etc/kubernetes/pki/apiserver.crt: key does not match');
    expect(verify.stdout).toContain('SAN dns:m2 missing');
  }, 200_000);
});

describe.skipIf(skip)('cluster bundle (single CA, cfssl layout, RSA, TLS bootstrap)', () => {
  let dir: string;
  let generated: GeneratedCluster;
  beforeAll(async () => {
    ({ dir, generated } = await bundle(threeByThree({ trustModel: 'single-ca', kubeletCredentials: 'tls-bootstrap', calicoEtcdClient: true }), 'cfssl', 'cfssl'));
  });

  it('every certificate verifies, verify.sh passes, and the bootstrap kubeconfig carries the token', async () => {
    expect(await verifyEveryCertificate(dir, generated, 'cfssl')).toBeGreaterThan(40);
    const verify = await run('bash', [join(dir, 'verify.sh')], { timeoutMs: 120_000 });
    expect(verify.code, verify.stdout.split('\n').filter((l) => l.startsWith('FAIL')).join('\n')).toBe(0);
    const view = await run('kubectl', ['config', 'view', '--raw', '--minify', '--kubeconfig', join(dir, 'worker-1/etc/kubernetes/bootstrap-kubelet.conf')]);
    expect(view.stdout).toContain(`token: ${generated.bootstrapToken.token}`);
    expect(readFileSync(join(dir, 'cluster/bootstrap-token.yaml'), 'utf8')).toContain(`bootstrap-token-${generated.bootstrapToken.id}`);
    expect(existsSync(join(dir, 'cluster/calico-etcd-secrets.yaml'))).toBe(true);
  }, 400_000);

  it('the real cfssl reproduces the same subjects, SANs and usages from the bundle cfssl inputs', async () => {
    const cfsslDir = join(work, 'cfssl-repro');
    cpSync(join(dir, 'cfssl'), cfsslDir, { recursive: true });
    // Debian's sh (dash), as the README's `sh gencert.sh` would run it.
    const gencert = await run('/bin/dash', [join(cfsslDir, 'gencert.sh')], { cwd: cfsslDir, timeoutMs: 120_000 });
    expect(gencert.code, gencert.stderr.slice(-2000)).toBe(0);
    const set = certificateSet(generated.plan);
    for (const cert of set.certificates) {
      const node = cert.destinations[0];
      const ours = await certificateFactsFromFile(node ? join(dir, node, `/etc/kubernetes/ssl/${cert.cfsslBase}.pem`) : join(dir, 'cluster', `${cert.id}.pem`));
      const theirs = await certificateFactsFromFile(join(cfsslDir, `${cert.id}.pem`));
      expect([theirs.subject, [...theirs.subjectAltNames].sort(), theirs.extKeyUsage?.usages, theirs.keyUsage?.usages], cert.id)
        .toEqual([ours.subject, [...ours.subjectAltNames].sort(), ours.extKeyUsage?.usages, ours.keyUsage?.usages]);
    }
  }, 300_000);
});
