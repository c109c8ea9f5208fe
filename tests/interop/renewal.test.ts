// Day two against the real consumers. A kubeprep cluster bundle aged through the engine's clock (issued
// 370 days ago: every leaf expired), and a PKI made by Debian's cfssl from the bundle's own cfssl JSON with
// leaves valid for two hours, are renewed with the built `kubeprep renew`. For every renewed certificate
// openssl shows the same subject, SANs, key usage and extended key usage and a new not-after, and it
// verifies against the CA, which did not change. The renewed kubeadm-layout set passes what a fresh bundle
// passes: a 3-member etcd cluster with mutual TLS, kubectl on every kubeconfig, openssl s_client against the
// API server certificate, and the bundle's own verify.sh (which fails on the aged one). Kept keys keep
// their public keys; -rotate-keys changes them, and each new key, encrypted under -passphrase-file, opens
// with `openssl pkey -passin` and matches its certificate. `kubeprep check-expiration` on a control plane
// lists kubeadm's certificates (cmd/kubeadm/app/phases/certs/renewal/manager.go) and kubelet's, with the
// days openssl's dates give.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawn } from 'node:child_process';
import { clusterBundleFiles } from '../../src/lib/bundle/cluster-layout';
import { zipBundleFiles } from '../../src/lib/bundle/zip';
import { generateCluster, kubeconfigSpecs, type GeneratedCluster } from '../../src/lib/cluster';
import { KUBEADM_AUTHORITIES, KUBEADM_CERTIFICATES } from '../../src/lib/renewal';
import { resolved, threeByThree } from '../lib/cluster/fixtures';
import { kubeprep } from '../cli/run';
import { run } from '../support/cfssl';
import { freePorts, startKubeadmLayoutEtcd, type EtcdClientCredentials, type EtcdCluster } from '../support/etcd';
import { certificateFactsFromFile, openssl, opensslVerify } from '../support/x509';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.openssl, TOOLS.etcd, TOOLS.etcdctl, TOOLS.kubectl, TOOLS.shellcheck, TOOLS.bash, TOOLS.cfssl, TOOLS.cfssljson).length > 0;
const DAY = 86_400_000;
const PASSPHRASE = 'correct horse battery staple';
const work = mkdtempSync(join(tmpdir(), 'kubeprep-renewal-'));
afterAll(() => {
  if (!process.env.KUBEPREP_KEEP_TMP) rmSync(work, { recursive: true, force: true });
});

async function unzip(zip: string, name: string): Promise<string> {
  const dir = join(work, name);
  const result = await run('unzip', ['-q', zip, '-d', dir]);
  if (result.code !== 0) throw new Error(result.stderr);
  return dir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

const certificateFiles = (dir: string) => filesUnder(dir).filter((p) => /\.(crt|pem)$/.test(p) && !p.endsWith('-key.pem') && readFileSync(join(dir, p), 'utf8').startsWith('-----BEGIN CERTIFICATE-----'));

/** What must not change in a renewal, as openssl reads it. */
async function names(path: string) {
  const facts = await certificateFactsFromFile(path);
  return { subject: facts.subject, sans: facts.subjectAltNames, keyUsage: facts.keyUsage, extKeyUsage: facts.extKeyUsage, basicConstraints: facts.basicConstraints, issuer: facts.issuer };
}

/** The CA file a certificate in the kubeadm or cfssl layout verifies against, found by its issuer. */
async function caFor(dir: string, cert: string, cas: readonly string[]): Promise<string | undefined> {
  for (const ca of cas) {
    // The aged certificates have expired: find the signer without checking time.
    const found = await run('openssl', ['verify', '-x509_strict', '-no_check_time', '-CAfile', join(dir, ca), join(dir, cert)]);
    if (found.code === 0) return ca;
  }
  return undefined;
}

async function publicKey(path: string, passphrase?: string): Promise<string> {
  const text = readFileSync(path, 'utf8');
  if (text.includes('CERTIFICATE-----')) return openssl(['x509', '-in', path, '-noout', '-pubkey']);
  return openssl(['pkey', '-in', path, '-pubout', ...(passphrase ? ['-passin', `pass:${passphrase}`] : ['-passin', 'pass:'])]);
}

describe.skipIf(skip)('renewal of an aged kubeprep cluster bundle (kubeadm layout)', () => {
  let generated: GeneratedCluster;
  let aged: string;
  let kept: string;
  let rotated: string;

  beforeAll(async () => {
    const plan = threeByThree({
      clusterName: 'renewal',
      key: { algo: 'ecdsa', size: 256 },
      controlPlane: [{ name: 'm1', ip: '127.0.0.1' }, { name: 'm2', ip: '127.0.0.1' }, { name: 'm3', ip: '127.0.0.1' }],
    });
    generated = await generateCluster(resolved(plan), { now: new Date(Date.now() - 370 * DAY) });
    const zip = join(work, 'aged.zip');
    writeFileSync(zip, await zipBundleFiles(clusterBundleFiles(generated, 'kubeadm')));
    aged = await unzip(zip, 'aged');
    const keptRun = kubeprep(['renew', `-in=${zip}`, `-out=${join(work, 'kept.zip')}`]);
    expect(keptRun.status, keptRun.stderr).toBe(0);
    kept = await unzip(join(work, 'kept.zip'), 'kept');
    writeFileSync(join(work, 'passphrase.txt'), `${PASSPHRASE}\n`);
    const rotatedRun = kubeprep(['renew', `-in=${zip}`, `-out=${join(work, 'rotated.zip')}`, '-rotate-keys', '-expiry=720h', `-passphrase-file=${join(work, 'passphrase.txt')}`, '-locale=zh-CN']);
    expect(rotatedRun.status, rotatedRun.stderr).toBe(0);
    rotated = await unzip(join(work, 'rotated.zip'), 'rotated');
  }, 300_000);

  it('the aged bundle fails its own verify.sh (expired); the renewed one passes it, and kubeprep-renewal/verify.sh', async () => {
    const before = await run('bash', [join(aged, 'verify.sh'), 'm1'], { timeoutMs: 120_000 });
    expect(before.code).not.toBe(0);
    expect(before.stdout).toContain('expired');
    const after = await run('bash', [join(kept, 'verify.sh')], { timeoutMs: 300_000 });
    expect(after.code, after.stdout.split('\n').filter((l) => l.startsWith('FAIL')).join('\n')).toBe(0);
    const own = await run('sh', [join(kept, 'kubeprep-renewal/verify.sh')], { timeoutMs: 300_000 });
    expect(own.code, own.stdout.split('\n').filter((l) => l.startsWith('FAIL')).join('\n')).toBe(0);
    expect(own.stdout).toMatch(/^\d+ checks, 0 failed$/m);
    const check = await run('shellcheck', [join(kept, 'kubeprep-renewal/verify.sh')]);
    expect(check.code, check.stdout).toBe(0);
    // The same paths as the input, plus kubeprep-renewal/; CAs and their keys unchanged byte for byte.
    expect(filesUnder(kept).filter((p) => !p.startsWith('kubeprep-renewal/'))).toEqual(filesUnder(aged));
    for (const ca of ['m1/etc/kubernetes/pki/ca.crt', 'm1/etc/kubernetes/pki/ca.key', 'm2/etc/kubernetes/pki/etcd/ca.crt']) {
      expect(readFileSync(join(kept, ca)).equals(readFileSync(join(aged, ca))), ca).toBe(true);
    }
  }, 600_000);

  it('every renewed certificate keeps subject, SANs, KU and EKU, has a new not-after, verifies against the unchanged CA and keeps its key', async () => {
    const cas = ['m1/etc/kubernetes/pki/ca.crt', 'm1/etc/kubernetes/pki/etcd/ca.crt', 'm1/etc/kubernetes/pki/front-proxy-ca.crt'];
    let renewed = 0;
    for (const cert of certificateFiles(aged)) {
      const before = await certificateFactsFromFile(join(aged, cert));
      if (before.basicConstraints?.ca) continue;
      const after = await certificateFactsFromFile(join(kept, cert));
      expect(await names(join(kept, cert)), cert).toEqual(await names(join(aged, cert)));
      expect(before.notAfter.getTime(), cert).toBeLessThan(Date.now());
      expect(after.notAfter.getTime() - Date.now(), cert).toBeGreaterThan(364 * DAY);
      expect(after.serialHex).not.toBe(before.serialHex);
      const ca = await caFor(aged, cert, cas);
      expect(ca, `${cert}: no CA of the aged bundle verifies it`).toBeDefined();
      expect(readFileSync(join(kept, ca!)).equals(readFileSync(join(aged, ca!))), ca).toBe(true);
      expect((await opensslVerify(join(kept, cert), join(kept, ca!))).ok, cert).toBe(true);
      expect(after.publicKeyPem, cert).toBe(before.publicKeyPem);
      renewed++;
    }
    // Nine leaves on each of three control planes; workers hold none (kubeadm join bootstraps the kubelet's).
    expect(renewed).toBe(9 * 3);
  }, 600_000);

  it('runs a 3-member etcd cluster with mutual TLS on the renewed certificates', async () => {
    let cluster: EtcdCluster | undefined;
    try {
      let client: EtcdClientCredentials;
      ({ cluster, client } = await startKubeadmLayoutEtcd(kept));
      const put = await cluster.etcdctl(['put', '/registry/renewed', 'yes'], client);
      expect(put.code, put.stderr).toBe(0);
      const get = await cluster.etcdctl(['get', '/registry/renewed', '--print-value-only'], client, { endpoints: cluster.members[1]!.clientUrl });
      expect(get.stdout.trim()).toBe('yes');
    } finally {
      await cluster?.stop();
    }
  }, 180_000);

  it('kubectl reads every renewed kubeconfig, whose client certificate verifies against its embedded CA', async () => {
    // kubeadm's layout places only some of them (no kube-proxy.conf, kubelet.conf on the first control
    // plane): every one it placed is checked, and admin.conf is on every control plane.
    const specs = kubeconfigSpecs(generated.plan, generated.set).filter((s) => s.certificateId !== undefined && existsSync(join(kept, s.node, '/etc/kubernetes', s.file)));
    expect(specs.filter((s) => s.file === 'admin.conf').map((s) => s.node).sort()).toEqual(['m1', 'm2', 'm3']);
    for (const spec of specs) {
      const path = join(kept, spec.node, '/etc/kubernetes', spec.file);
      const view = await run('kubectl', ['config', 'view', '--raw', '--minify', '--kubeconfig', path]);
      expect(view.code, `${path}: ${view.stderr}`).toBe(0);
      const field = (name: string) => Buffer.from(new RegExp(`${name}: (\\S+)`).exec(view.stdout)![1]!, 'base64').toString();
      const scratch = join(work, `kc-${spec.node}-${spec.file}`);
      writeFileSync(`${scratch}.ca`, field('certificate-authority-data'));
      writeFileSync(`${scratch}.crt`, field('client-certificate-data'));
      writeFileSync(`${scratch}.key`, field('client-key-data'));
      expect((await opensslVerify(`${scratch}.crt`, `${scratch}.ca`)).ok, path).toBe(true);
      expect((await certificateFactsFromFile(`${scratch}.crt`)).notAfter.getTime()).toBeGreaterThan(Date.now() + 300 * DAY);
      expect(await publicKey(`${scratch}.key`)).toBe(await publicKey(`${scratch}.crt`));
    }
  }, 300_000);

  it('openssl s_client accepts the renewed API server certificate for its names', async () => {
    const pki = join(kept, 'm2/etc/kubernetes/pki');
    const [port] = await freePorts(1);
    const server = spawn('openssl', ['s_server', '-accept', `127.0.0.1:${port}`, '-cert', join(pki, 'apiserver.crt'), '-key', join(pki, 'apiserver.key'), '-www', '-naccept', '4'], { stdio: 'ignore' });
    try {
      for (const check of [['-verify_hostname', 'kubernetes.default.svc'], ['-verify_ip', '10.0.0.10']]) {
        let result = await run('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-CAfile', join(pki, 'ca.crt'), '-verify_return_error', ...check], { input: '', timeoutMs: 10_000 });
        for (let attempt = 0; attempt < 30 && /connect:errno|Connection refused/.test(result.stderr); attempt++) {
          await new Promise((r) => setTimeout(r, 200));
          result = await run('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-CAfile', join(pki, 'ca.crt'), '-verify_return_error', ...check], { input: '', timeoutMs: 10_000 });
        }
        expect(result.stdout, check.join(' ')).toContain('Verify return code: 0 (ok)');
      }
    } finally {
      server.kill();
    }
  }, 120_000);

  it('-rotate-keys: new public keys, each encrypted key opens with openssl pkey -passin and matches its certificate', async () => {
    let checked = 0;
    for (const cert of certificateFiles(aged)) {
      if (!cert.endsWith('.crt') || (await certificateFactsFromFile(join(aged, cert))).basicConstraints?.ca) continue;
      const key = cert.replace(/\.crt$/, '.key');
      if (!existsSync(join(rotated, key))) continue;
      expect(readFileSync(join(rotated, key), 'utf8'), key).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
      const fresh = await publicKey(join(rotated, key), PASSPHRASE);
      expect(fresh, key).toBe(await publicKey(join(rotated, cert)));
      expect(fresh, key).not.toBe(await publicKey(join(aged, key)));
      expect(await names(join(rotated, cert)), cert).toEqual(await names(join(aged, cert)));
      checked++;
    }
    expect(checked).toBe(9 * 3);
    // The CA keys are encrypted too, and unchanged inside.
    expect(await publicKey(join(rotated, 'm1/etc/kubernetes/pki/ca.key'), PASSPHRASE)).toBe(await publicKey(join(aged, 'm1/etc/kubernetes/pki/ca.key')));
    await expect(publicKey(join(rotated, 'm1/etc/kubernetes/pki/ca.key'), 'not the passphrase')).rejects.toThrow();
    const verify = await run('sh', [join(rotated, 'kubeprep-renewal/verify.sh')], { timeoutMs: 300_000, env: { ...process.env, KUBEPREP_KEY_PASSPHRASE: PASSPHRASE } });
    expect(verify.code, verify.stdout.split('\n').filter((l) => l.startsWith('FAIL')).join('\n')).toBe(0);
    const readme = readFileSync(join(rotated, 'kubeprep-renewal/README.md'), 'utf8');
    expect(readme).toContain('# 证书续期');
    expect(readme).toMatch(/^openssl pkey -in (\S+\.key) -passin 'pass:…' -out \1$/m);
    expect(readme).toContain('有多个节点（m1, m2, m3, worker-1, worker-2, worker-3）时');
    expect(statSync(join(work, 'rotated.zip')).mode & 0o777).toBe(0o600);
  }, 600_000);

  it("check-expiration on a control plane lists kubeadm's certificates and kubelet's, with the days openssl's dates give", async () => {
    const result = kubeprep(['check-expiration', '-o', 'json', join(kept, 'm1')]);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { now: string; certificates: { path: string; kubeadmName?: string; residual: string; daysLeft: number; kind: string }[] };
    const now = Date.parse(report.now);
    const kubeadm = report.certificates.filter((r) => r.kubeadmName);
    expect(kubeadm.map((r) => r.kubeadmName).sort()).toEqual([...KUBEADM_CERTIFICATES, ...KUBEADM_AUTHORITIES].map((c) => c.name).sort());
    for (const row of kubeadm) {
      const entry = [...KUBEADM_CERTIFICATES, ...KUBEADM_AUTHORITIES].find((c) => c.name === row.kubeadmName)!;
      const file = join(kept, 'm1/etc/kubernetes', entry.file);
      let pem = readFileSync(file, 'utf8');
      if (entry.file.endsWith('.conf')) pem = Buffer.from(/client-certificate-data: (\S+)/.exec(pem)![1]!, 'base64').toString();
      writeFileSync(join(work, 'probe.pem'), pem);
      const end = Date.parse((await openssl(['x509', '-in', join(work, 'probe.pem'), '-noout', '-enddate'])).replace('notAfter=', '').trim());
      const hours = Math.trunc((end - now) / 3_600_000);
      const expected = hours < 24 * 365 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24 / 365)}y`;
      expect(row.residual, row.kubeadmName).toBe(expected);
    }
    // The kubelet's serving certificate is a file; its first client certificate sits in kubelet.conf.
    expect(report.certificates.filter((r) => r.path.startsWith('var/lib/kubelet/')).map((r) => r.kind).sort()).toEqual(['kubelet-serving']);
    expect(report.certificates.filter((r) => r.path === 'etc/kubernetes/kubelet.conf').map((r) => r.kind)).toContain('kubeconfig');
    const text = kubeprep(['check-expiration', join(kept, 'm1/etc/kubernetes')]);
    expect(text.stdout.split('\n')[0]).toMatch(/^FILE\s+CN\s+ISSUER\s+KIND\s+NOT BEFORE\s+NOT AFTER\s+TIME LEFT\s+CA KEY\s+KUBEADM$/);
    expect(text.stdout).toMatch(/^pki\/apiserver\.crt\s+kube-apiserver\s+kubernetes\s+server\s.*364d\s+present\s+apiserver$/m);
  }, 120_000);
});

describe.skipIf(skip)('renewal of a PKI made by Debian\'s cfssl from the same JSON', () => {
  let made: string;
  let renewedDir: string;

  beforeAll(async () => {
    const plan = threeByThree({ clusterName: 'cfssl', trustModel: 'single-ca', workers: [{ name: 'w1', ip: '10.0.0.21' }] });
    const generated = await generateCluster(resolved(plan));
    const files = clusterBundleFiles(generated, 'cfssl').filter((f) => f.path.startsWith('cfssl/'));
    made = join(work, 'cfssl-made');
    mkdirSync(made);
    for (const f of files) {
      const target = join(made, f.path.slice('cfssl/'.length));
      writeFileSync(target, f.path.endsWith('ca-config.json') ? f.content.replace(/"expiry": "8760h"/g, '"expiry": "2h"') : f.content, { flag: 'w' });
    }
    const gencert = await run('bash', [join(made, 'gencert.sh')], { cwd: made, timeoutMs: 180_000 });
    expect(gencert.code, gencert.stderr.slice(-2000)).toBe(0);
    const before = kubeprep(['check-expiration', '-o', 'json', made]);
    const rows = (JSON.parse(before.stdout) as { certificates: { kind: string; residual: string }[] }).certificates;
    expect(rows.filter((r) => r.kind !== 'ca').every((r) => r.residual === '1h')).toBe(true);
    const renew = kubeprep(['renew', `-in=${made}`, `-out=${join(work, 'cfssl-renewed.zip')}`, '-days=1']);
    expect(renew.status, renew.stderr).toBe(0);
    renewedDir = await unzip(join(work, 'cfssl-renewed.zip'), 'cfssl-renewed');
  }, 400_000);

  it('every leaf keeps its names and key, lives a year now, and verifies against the unchanged cfssl CA', async () => {
    let renewed = 0;
    for (const cert of certificateFiles(made)) {
      const before = await certificateFactsFromFile(join(made, cert));
      if (before.basicConstraints?.ca) {
        expect(readFileSync(join(renewedDir, cert)).equals(readFileSync(join(made, cert))), cert).toBe(true);
        continue;
      }
      const after = await certificateFactsFromFile(join(renewedDir, cert));
      expect(await names(join(renewedDir, cert)), cert).toEqual(await names(join(made, cert)));
      expect(after.notAfter.getTime() - before.notAfter.getTime(), cert).toBeGreaterThan(360 * DAY);
      expect(after.publicKeyPem, cert).toBe(before.publicKeyPem);
      expect((await opensslVerify(join(renewedDir, cert), join(renewedDir, 'ca.pem'))).ok, cert).toBe(true);
      renewed++;
    }
    expect(renewed).toBeGreaterThan(20);
    const own = await run('sh', [join(renewedDir, 'kubeprep-renewal/verify.sh')], { timeoutMs: 300_000 });
    expect(own.code, own.stdout.split('\n').filter((l) => l.startsWith('FAIL')).join('\n')).toBe(0);
    expect(readFileSync(join(renewedDir, 'kubeprep-renewal/README.md'), 'utf8')).toContain('systemctl restart etcd');
  }, 600_000);
});

describe.skipIf(skip)('kubeprep cluster -passphrase-file', () => {
  it('writes every key file encrypted; each opens with openssl pkey -passin and matches its certificate', async () => {
    const plan = join(work, 'plan.json');
    writeFileSync(plan, JSON.stringify(threeByThree({ clusterName: 'enc', key: { algo: 'ecdsa', size: 256 }, workers: [] })));
    writeFileSync(join(work, 'pass2.txt'), `${PASSPHRASE}\n`);
    const made = kubeprep(['cluster', `-plan=${plan}`, `-out=${join(work, 'enc.zip')}`, `-passphrase-file=${join(work, 'pass2.txt')}`]);
    expect(made.status, made.stderr).toBe(0);
    const dir = await unzip(join(work, 'enc.zip'), 'enc');
    const keys = filesUnder(dir).filter((p) => p.endsWith('.key'));
    expect(keys.length).toBeGreaterThan(20);
    for (const key of keys) {
      expect(readFileSync(join(dir, key), 'utf8'), key).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n[^]*-----END ENCRYPTED PRIVATE KEY-----\n$/);
      const partner = key.endsWith('/sa.key') ? key.replace(/\.key$/, '.pub') : key.replace(/\.key$/, '.crt');
      const mine = await publicKey(join(dir, key), PASSPHRASE);
      expect(mine, key).toBe(key.endsWith('/sa.key') ? readFileSync(join(dir, partner), 'utf8') : await publicKey(join(dir, partner)));
    }
    const verify = await run('bash', [join(dir, 'verify.sh')], { timeoutMs: 300_000, env: { ...process.env, KUBEPREP_KEY_PASSPHRASE: PASSPHRASE } });
    expect(verify.code, verify.stdout.split('\n').filter((l) => l.startsWith('FAIL')).join('\n')).toBe(0);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('## Encrypted private keys');
    cpSync(join(dir, 'README.md'), join(work, 'enc-readme.md'));
  }, 300_000);
});
