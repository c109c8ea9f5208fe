// The expiry report and the renewal on a kubeprep cluster bundle aged through the engine's clock: rows
// sorted by time left with kubeadm's names and residual time; renewed certificates keep their subject and
// every extension byte for byte, get a new validity and verify against the unchanged CA; kept keys keep
// the public key, rotated ones change it everywhere it is held; CAs and rows without their CA key are
// refused with the reason; kubeconfigs change in place; the zip holds the input's paths.
import { beforeAll, describe, expect, it } from 'vitest';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { generateCluster } from '../../../src/lib/cluster';
import { clusterBundleFiles } from '../../../src/lib/bundle/cluster-layout';
import { collectFiles, memorySource, type InventoryFile } from '../../../src/lib/inventory';
import { decodePem, importPrivateKeyPem, keyMatchesCertificate, verifyChain } from '../../../src/lib/pki';
import {
  analyzeInventory,
  expiryReport,
  KUBEADM_AUTHORITIES,
  KUBEADM_CERTIFICATES,
  renewalBundleFiles,
  renewRows,
  restartPlan,
  shortHumanDuration,
  type Analysis,
} from '../../../src/lib/renewal';
import { zipBundleFiles } from '../../../src/lib/bundle/zip';
import { resolved, threeByThree } from '../cluster/fixtures';

const DAY = 86_400_000;
const now = new Date();
let inputs: InventoryFile[];
let analysis: Analysis;

async function agedBundle(ageDays: number, layout: 'kubeadm' | 'cfssl' = 'kubeadm', overrides = {}): Promise<InventoryFile[]> {
  const plan = threeByThree({ key: { algo: 'ecdsa', size: 256 }, ...overrides });
  const generated = await generateCluster(resolved(plan), { now: new Date(now.getTime() - ageDays * DAY) });
  const zip = await zipBundleFiles(clusterBundleFiles(generated, layout));
  return (await collectFiles([memorySource('bundle.zip', zip)], { pause: async () => undefined })).files;
}

/** Subject, extensions (each as DER) and SubjectPublicKeyInfo of a certificate PEM. */
function parts(pem: string) {
  const cert = new pkijs.Certificate({ schema: asn1js.fromBER(decodePem(pem)[0]!.der).result });
  const der = (value: { toSchema(): { toBER(): ArrayBuffer } }) => Buffer.from(value.toSchema().toBER()).toString('hex');
  return {
    subject: der(cert.subject),
    extensions: (cert.extensions ?? []).map((e) => [e.extnID, Buffer.from(e.toSchema().toBER()).toString('hex')]),
    spki: der(cert.subjectPublicKeyInfo),
    serial: Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex'),
    notAfter: cert.notAfter.value,
  };
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const input = (path: string) => inputs.find((f) => f.path === path)!;

beforeAll(async () => {
  inputs = await agedBundle(350);
  analysis = await analyzeInventory(inputs);
}, 120_000);

describe('expiry report', () => {
  it('lists every certificate sorted by time left, with states, CA keys and kubeadm names', () => {
    const rows = expiryReport(analysis, now);
    // One row per certificate the bundle holds: each PEM block, and each certificate a kubeconfig embeds.
    const held = inputs.map((f) => text(f.bytes)).reduce((n, t) => n + (t.match(/-----BEGIN CERTIFICATE-----|(?:certificate-authority|client-certificate)-data: /g)?.length ?? 0), 0);
    expect(held).toBeGreaterThan(40);
    expect(rows.length).toBe(held);
    expect(rows.map((r) => r.msLeft)).toEqual([...rows.map((r) => r.msLeft)].sort((a, b) => a - b));
    const leaf = rows.find((r) => r.path === 'cp-1/etc/kubernetes/pki/apiserver.crt')!;
    expect([leaf.status, leaf.kind, leaf.caKey, leaf.kubeadmName, leaf.kubeadmCa, leaf.residual, leaf.daysLeft]).toEqual(['soon', 'server', 'present', 'apiserver', 'ca', '14d', 14]);
    const ca = rows.find((r) => r.path === 'cp-1/etc/kubernetes/pki/etcd/ca.crt')!;
    expect([ca.status, ca.kind, ca.kubeadmName, ca.residual, ca.blocked]).toEqual(['ok', 'ca', 'etcd-ca', '9y', 'renewal.ca-refused']);
    const kinds = new Map(rows.filter((r) => r.path.startsWith('cp-1/')).map((r) => [`${r.path}${r.embedded ? `:${r.embedded}` : ''}`, r.kind]));
    expect(kinds.get('cp-1/etc/kubernetes/pki/etcd/peer.crt')).toBe('peer');
    expect(kinds.get('cp-1/etc/kubernetes/pki/etcd/server.crt')).toBe('server');
    expect(kinds.get('cp-1/var/lib/kubelet/pki/kubelet.crt')).toBe('kubelet-serving');
    // kubeadm puts the kubelet's first client certificate in kubelet.conf (the cfssl layout's own file is
    // checked below).
    expect(kinds.get('cp-1/etc/kubernetes/kubelet.conf:client-certificate')).toBe('kubeconfig');
    expect(kinds.get('cp-1/etc/kubernetes/admin.conf:client-certificate')).toBe('kubeconfig');
    expect(kinds.get('cp-1/etc/kubernetes/admin.conf:certificate-authority')).toBe('ca');
  });

  it("names on one control plane exactly kubeadm's certificates and CAs (plus kubelet's and the others)", () => {
    const names = expiryReport(analysis, now).filter((r) => r.path.startsWith('cp-1/') && r.kubeadmName).map((r) => r.kubeadmName);
    expect([...names].sort()).toEqual([...KUBEADM_CERTIFICATES, ...KUBEADM_AUTHORITIES].map((c) => c.name).sort());
  });

  it('marks expired and not-yet-valid certificates, and residual time as kubeadm words it', async () => {
    const expired = expiryReport(await analyzeInventory(await agedBundle(400, 'kubeadm', { workers: [] })), now);
    const early = expiryReport(await analyzeInventory(await agedBundle(-3, 'kubeadm', { workers: [] })), now);
    const apiserver = (rows: typeof expired) => rows.find((r) => r.path === 'cp-1/etc/kubernetes/pki/apiserver.crt')!;
    expect([apiserver(expired).status, apiserver(expired).residual]).toEqual(['expired', '<invalid>']);
    expect(apiserver(early).status).toBe('not-yet-valid');
    expect([-2000, -500, 59_000, 3_599_000, 86_399_000, 364 * DAY, 365 * DAY, 3650 * DAY].map(shortHumanDuration)).toEqual(['<invalid>', '0s', '59s', '59m', '23h', '364d', '1y', '10y']);
  }, 120_000);
});

describe('renewal', () => {
  it('keeps subject, extensions and key; new serial and validity; verifies against the unchanged CA', async () => {
    const chosen = analysis.rows.filter((r) => r.path.startsWith('cp-1/') && !r.isCa);
    const result = await renewRows(analysis, chosen.map((r) => r.id), { expiry: '8760h', rotateKeys: false, now });
    expect(result.problems).toEqual([]);
    const caPem = text(input('cp-1/etc/kubernetes/pki/ca.crt').bytes);
    for (const path of ['cp-1/etc/kubernetes/pki/apiserver.crt', 'cp-1/etc/kubernetes/pki/etcd/peer.crt', 'cp-1/var/lib/kubelet/pki/kubelet.crt']) {
      const before = parts(text(input(path).bytes));
      const after = parts(text(result.changed.get(path)));
      expect(after.subject, path).toBe(before.subject);
      expect(after.extensions, path).toEqual(before.extensions);
      expect(after.spki, path).toBe(before.spki);
      expect(after.serial).not.toBe(before.serial);
      expect(Math.round((after.notAfter.getTime() - now.getTime()) / DAY)).toBe(365);
    }
    const etcdCa = text(input('cp-1/etc/kubernetes/pki/etcd/ca.crt').bytes);
    expect(await verifyChain(text(result.changed.get('cp-1/etc/kubernetes/pki/apiserver.crt')), [caPem])).toMatchObject({ ok: true });
    expect(await verifyChain(text(result.changed.get('cp-1/etc/kubernetes/pki/etcd/peer.crt')), [etcdCa])).toMatchObject({ ok: true });
    // Only cp-1's files changed, and no key file (the keys were kept).
    expect([...result.changed.keys()].every((p) => p.startsWith('cp-1/') && !p.endsWith('.key'))).toBe(true);
    // A kubeconfig changes in its client-certificate-data only.
    const admin = text(input('cp-1/etc/kubernetes/admin.conf').bytes).split('\n');
    const renewedAdmin = text(result.changed.get('cp-1/etc/kubernetes/admin.conf')).split('\n');
    expect(admin.filter((line, i) => line !== renewedAdmin[i]).map((l) => l.trim().split(':')[0])).toEqual(['client-certificate-data']);
  }, 60_000);

  it('rotates keys everywhere the old key is held, and each new key matches its certificate', async () => {
    // Client certificates are per node (kubeadm's way), so the same pair is held twice only where a
    // user copied it: a backup of cp-1's front-proxy client. Rotating its key changes every file that
    // holds the old key, and nowhere else.
    const path = 'cp-1/etc/kubernetes/pki/front-proxy-client.crt';
    const backup = ['.crt', '.key'].map((ext) => ({ ...input(path.replace(/\.crt$/, ext)), path: `backup/front-proxy-client${ext}` }));
    const copied = await analyzeInventory([...inputs, ...backup]);
    const row = copied.rows.find((r) => r.path === path)!;
    const result = await renewRows(copied, [row.id], { expiry: '720h', rotateKeys: true, now });
    expect([...result.changed.keys()].sort()).toEqual(['backup/front-proxy-client', 'cp-1/etc/kubernetes/pki/front-proxy-client'].flatMap((b) => [`${b}.crt`, `${b}.key`]));
    const last = 'backup/front-proxy-client.key';
    const newCert = text(result.changed.get('backup/front-proxy-client.crt'));
    expect(parts(newCert).spki).not.toBe(parts(text(input(path).bytes)).spki);
    const key = text(result.changed.get(last));
    expect(key).toMatch(/^-----BEGIN EC PRIVATE KEY-----/);
    expect(await keyMatchesCertificate(await importPrivateKeyPem(key), newCert)).toBe(true);
    expect(result.renewed[0]!.keyRotated).toBe(true);
  }, 60_000);

  it('refuses CAs and rows whose CA key is missing, and signs with a CA key given separately', async () => {
    const ca = analysis.rows.find((r) => r.path === 'cp-1/etc/kubernetes/pki/ca.crt')!;
    const refused = await renewRows(analysis, [ca.id], { expiry: '8760h', rotateKeys: false, now });
    expect(refused.problems.map((p) => p.code)).toEqual(['renewal.ca-refused']);
    expect(refused.changed.size).toBe(0);
    const withoutKeys = inputs.filter((f) => !f.path.endsWith('/pki/ca.key'));
    const blind = await analyzeInventory(withoutKeys);
    const row = blind.rows.find((r) => r.path === 'cp-1/etc/kubernetes/pki/apiserver.crt')!;
    expect(row.caKey).toBe('missing');
    expect((await renewRows(blind, [row.id], { expiry: '8760h', rotateKeys: false, now })).problems.map((p) => p.code)).toEqual(['renewal.ca-key-missing']);
    const signing = inputs.filter((f) => f.path === 'cp-1/etc/kubernetes/pki/ca.key' || f.path === 'cp-1/etc/kubernetes/pki/ca.crt').map((f) => ({ ...f, path: f.path.split('/').pop()! }));
    const helped = await analyzeInventory(withoutKeys, signing);
    const result = await renewRows(helped, [row.id], { expiry: '8760h', rotateKeys: false, now });
    expect(result.renewed).toHaveLength(1);
    const files = renewalBundleFiles(helped, result, { locale: 'en', expiry: '8760h', rotateKeys: false, now });
    expect(files.map((f) => f.path).filter((p) => !p.startsWith('kubeprep-renewal/'))).toEqual(withoutKeys.map((f) => f.path));
  }, 60_000);

  it('writes a README with the restart order and a verify.sh, in the chosen language', async () => {
    const rows = analysis.rows.filter((r) => r.path.startsWith('cp-1/') && !r.isCa);
    const result = await renewRows(analysis, rows.map((r) => r.id), { expiry: '8760h', rotateKeys: false, now });
    const plan = restartPlan(result.renewed, inputs.map((f) => f.path));
    expect(plan.controlPlane).toBe('static-pods');
    // kubeadm's kube-proxy authenticates with a service-account token: nothing of it is renewed.
    expect(plan.steps).toEqual(['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kubectl']);
    const files = renewalBundleFiles(analysis, result, { locale: 'zh-CN', expiry: '8760h', rotateKeys: false, now });
    const readme = files.find((f) => f.path === 'kubeprep-renewal/README.md')!.content as string;
    expect(readme).toContain('# 证书续期');
    expect(readme.indexOf('etcd.yaml')).toBeLessThan(readme.indexOf('kube-apiserver.yaml'));
    expect(readme.indexOf('kube-apiserver.yaml')).toBeLessThan(readme.indexOf('systemctl restart kubelet'));
    const verify = files.find((f) => f.path === 'kubeprep-renewal/verify.sh')!;
    expect(verify.mode).toBe(0o755);
    // Paths are quoted only where the shell needs it (the one shellQuote).
    expect(verify.content).toContain('check_certificate cp-1/etc/kubernetes/pki/apiserver.crt kubeprep-renewal/ca/ca-');
    expect(verify.content).toContain('check_kubeconfig cp-1/etc/kubernetes/admin.conf');
    // Keys and kubeconfigs stay 0600 in the zip.
    expect(files.find((f) => f.path === 'cp-1/etc/kubernetes/pki/ca.key')!.mode).toBe(0o600);
    expect(files.find((f) => f.path === 'cp-1/etc/kubernetes/admin.conf')!.mode).toBe(0o600);
    // A cfssl layout restarts systemd units.
    const cfssl = await analyzeInventory(await agedBundle(350, 'cfssl', { workers: [] }));
    const renewed = await renewRows(cfssl, cfssl.rows.filter((r) => !r.isCa).map((r) => r.id), { expiry: '8760h', rotateKeys: false, now });
    const cfsslPlan = restartPlan(renewed.renewed, cfssl.inputs.map((f) => f.path));
    expect(cfsslPlan.controlPlane).toBe('systemd');
    // The cfssl layout's kube-proxy has its own client certificate, so it restarts too.
    expect(cfsslPlan.steps).toContain('kube-proxy');
    const kubeletClient = expiryReport(cfssl, now).filter((r) => r.kind === 'kubelet-client').map((r) => r.path);
    expect(kubeletClient.length).toBeGreaterThan(0);
    expect(kubeletClient.every((p) => p.endsWith('kubelet-client.pem'))).toBe(true);
  }, 120_000);
});
