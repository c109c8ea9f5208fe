// A real 3-member etcd cluster with mutual TLS on client and peer ports, running on certificates
// issued by kubeprep (through the real cfssljson -bare), accepts a write and a read through etcdctl
// with a client certificate we issued. And the lesson of the guide: its etcd certificate (etcd-csr.json
// has no "hosts") cannot serve etcd on 127.0.0.1 — clients refuse it with an x509 SAN error, quickly.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { issue, producerLabel, Workspace, type BareFiles } from '../support/cfssl';
import { startEtcdCluster, type EtcdClientCredentials, type EtcdCluster } from '../support/etcd';
import { certificateFactsFromFile } from '../support/x509';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.openssl, TOOLS.cfssljson, TOOLS.etcd, TOOLS.etcdctl).length > 0;

describe.skipIf(skip)(`etcd mTLS cluster on ${producerLabel('kubeprep')} certificates`, () => {
  let ws: Workspace;
  let ca: BareFiles;
  let servers: BareFiles[];
  let peers: BareFiles[];
  let client: BareFiles;
  let guideEtcd: BareFiles;
  let strangerClient: BareFiles;
  let cluster: EtcdCluster | undefined;

  beforeAll(async () => {
    ws = await Workspace.create('etcd-mtls');
    await Promise.all([
      ws.fixture('etcd/ca-csr.json'),
      ws.fixture('etcd/ca-config.json'),
      ws.fixture('etcd/member-csr.json'),
      ws.fixture('etcd/client-csr.json'),
      ws.fixture('etcd/other-ca-csr.json'),
      ws.fixture('guide/etcd-csr.json'),
      ws.fixture('guide/ca-config-five-profiles.json', 'guide-ca-config.json'),
    ]);
    const [etcdCa, otherCa] = await Promise.all([
      issue('kubeprep', ['gencert', '-initca', 'ca-csr.json'], ws.dir, 'ca'),
      issue('kubeprep', ['gencert', '-initca', 'other-ca-csr.json'], ws.dir, 'other-ca'),
    ]);
    ca = etcdCa;
    const sign = (profile: string, config = 'ca-config.json', caName = 'ca') => [
      'gencert', `-ca=${caName}.pem`, `-ca-key=${caName}-key.pem`, `-config=${config}`, `-profile=${profile}`,
    ];
    const issued = await Promise.all([
      ...[1, 2, 3].map((i) => issue('kubeprep', [...sign('server'), 'member-csr.json'], ws.dir, `server-${i}`)),
      ...[1, 2, 3].map((i) => issue('kubeprep', [...sign('peer'), 'member-csr.json'], ws.dir, `peer-${i}`)),
      issue('kubeprep', [...sign('client'), 'client-csr.json'], ws.dir, 'client'),
      // The guide's command, verbatim apart from the CA: -profile=etcd etcd-csr.json (no hosts).
      issue('kubeprep', [...sign('etcd', 'guide-ca-config.json'), 'etcd-csr.json'], ws.dir, 'etcd'),
      issue('kubeprep', [...sign('client', 'ca-config.json', 'other-ca'), 'client-csr.json'], ws.dir, 'stranger'),
    ]);
    servers = issued.slice(0, 3);
    peers = issued.slice(3, 6);
    [client, guideEtcd, strangerClient] = issued.slice(6) as [BareFiles, BareFiles, BareFiles];
  });

  afterEach(async () => {
    await cluster?.stop();
    cluster = undefined;
  });
  afterAll(async () => {
    await cluster?.stop();
    await ws?.remove();
  });

  const credentials = (files: BareFiles, extra: Partial<EtcdClientCredentials> = {}): EtcdClientCredentials => ({
    cacert: ca.cert,
    cert: files.cert,
    key: files.key,
    ...extra,
  });

  it('certificates carry what etcd needs: IP and DNS SANs, server+client auth for members, client auth for etcdctl', async () => {
    const [server, peer, user, guide] = await Promise.all([servers[0]!, peers[0]!, client, guideEtcd].map((f) => certificateFactsFromFile(f.cert)));
    expect(server!.subjectAltNames).toEqual(['DNS:localhost', 'IP Address:127.0.0.1']);
    expect(peer!.extKeyUsage?.usages).toEqual(['TLS Web Server Authentication', 'TLS Web Client Authentication']);
    expect(user!.extKeyUsage?.usages).toEqual(['TLS Web Client Authentication']);
    expect(guide!.subjectAltNames, 'the guide\'s etcd-csr.json has no hosts').toEqual([]);
  });

  it('3 members form a cluster over peer mTLS and etcdctl writes and reads with our client certificate', async () => {
    cluster = await startEtcdCluster({
      trustedCa: ca.cert,
      members: servers.map((s, i) => ({ cert: s.cert, key: s.key, peerCert: peers[i]!.cert, peerKey: peers[i]!.key })),
      healthClient: credentials(client),
    });
    const members = await cluster.etcdctl(['member', 'list', '--write-out=simple'], credentials(client));
    expect(members.code, members.stderr).toBe(0);
    expect(members.stdout.trim().split('\n')).toHaveLength(3);
    expect(members.stdout.match(/started/gu)).toHaveLength(3);

    const value = `written through mTLS at ${new Date().toISOString()}`;
    const put = await cluster.etcdctl(['put', '/kubeprep/interop', value], credentials(client));
    expect(put.code, put.stderr).toBe(0);
    expect(put.stdout.trim()).toBe('OK');
    // Read it back from every member on its own, so each serving certificate is exercised.
    for (const member of cluster.members) {
      const get = await cluster.etcdctl(['get', '/kubeprep/interop', '--print-value-only'], credentials(client), { endpoints: member.clientUrl });
      expect(get.code, `${member.name}: ${get.stderr}`).toBe(0);
      expect(get.stdout.trim()).toBe(value);
    }
    // Also by name: the serving certificates carry DNS:localhost.
    const byName = await cluster.etcdctl(['get', '/kubeprep/interop', '--print-value-only'], credentials(client), {
      endpoints: cluster.members[0]!.clientUrl.replace('127.0.0.1', 'localhost'),
    });
    expect(byName.code, byName.stderr).toBe(0);

    // --client-cert-auth: a client certificate from another CA is refused, quickly.
    const started = Date.now();
    const stranger = await cluster.etcdctl(['get', '/kubeprep/interop'], credentials(strangerClient), { debug: true, commandTimeoutSeconds: 2 });
    expect(stranger.timedOut).toBe(false);
    expect(stranger.code).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    // Under TLS 1.3 the client only sees a broken connection; the member's log says why.
    expect(`${stranger.stdout}${stranger.stderr}`).toMatch(/bad certificate|broken pipe|connection reset|EOF|deadline exceeded/u);
    const logs = await cluster.logs(200);
    expect(logs).toMatch(/rejected connection/u);
    expect(logs).toMatch(/x509: certificate signed by unknown authority/u);
  });

  it("the guide's etcd certificate (no hosts) as the serving certificate: clients get an x509 SAN error, not a hang", async () => {
    cluster = await startEtcdCluster({
      trustedCa: ca.cert,
      // Good peer certificates so the cluster forms; only the client-facing certificate is the guide's.
      members: peers.map((p) => ({ cert: guideEtcd.cert, key: guideEtcd.key, peerCert: p.cert, peerKey: p.key })),
      // The cluster is up and serving (verified without hostname checks)...
      healthClient: credentials(client, { insecureSkipVerify: true }),
    });
    // ...but a normal client that checks the server's identity refuses the certificate.
    for (const endpoint of [cluster.members[0]!.clientUrl, cluster.members[0]!.clientUrl.replace('127.0.0.1', 'localhost')]) {
      const started = Date.now();
      const get = await cluster.etcdctl(['get', '/kubeprep/interop'], credentials(client), { endpoints: endpoint, debug: true, commandTimeoutSeconds: 2 });
      const elapsed = Date.now() - started;
      const message = `${get.stdout}${get.stderr}`;
      expect(get.timedOut, 'etcdctl is bounded by its own timeouts').toBe(false);
      expect(get.code).not.toBe(0);
      expect(elapsed).toBeLessThan(15_000);
      expect(message, `etcdctl against ${endpoint}`).toMatch(/x509: /u);
      expect(message, `etcdctl against ${endpoint}`).toMatch(/IP SANs|not valid for any names|legacy Common Name|certificate is valid for/u);
      // Without --debug the same failure only says "context deadline exceeded": worth knowing.
      expect(message).toMatch(/deadline exceeded/u);
    }
  });
});
