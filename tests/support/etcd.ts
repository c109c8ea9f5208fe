// A real etcd cluster on 127.0.0.1 for interop tests: N members (3 by default), mutual TLS on the
// client and the peer ports, free ports, throw-away data directories, bounded start-up and always
// stopped. The caller passes certificate FILE PATHS per member, so any producer's certificates can
// run it (kubeprep's engine, cfssl, or a cluster plan's bundle), or each member's whole command line
// (startEtcdMembers: a bundle's etcd.service flags). etcd 3.4 (Debian 12) and 3.5 (Debian 13) accept
// the same flags.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, type RunResult } from './cfssl';

export interface EtcdMemberCertificates {
  /** Serving certificate for clients (--cert-file / --key-file). */
  cert: string;
  key: string;
  /** Peer certificate, used to listen on AND to dial the peer port (--peer-cert-file / --peer-key-file). */
  peerCert: string;
  peerKey: string;
}

export interface EtcdClientCredentials {
  cacert: string;
  cert: string;
  key: string;
  /** Skip server certificate verification (only to wait for a cluster whose serving cert is meant to be bad). */
  insecureSkipVerify?: boolean;
}

export interface EtcdClusterOptions {
  /** CA for client certificates (--trusted-ca-file). */
  trustedCa: string;
  /** CA for peer certificates (--peer-trusted-ca-file); defaults to trustedCa. */
  peerTrustedCa?: string;
  members: EtcdMemberCertificates[];
  /** Credentials used to wait for health; omit to only wait for the client ports to accept TCP. */
  healthClient?: EtcdClientCredentials;
  /** Start-up bound (default 40 s). */
  startTimeoutMs?: number;
  /** Host the members listen on and advertise (default 127.0.0.1). */
  host?: string;
}

export interface EtcdMember {
  name: string;
  clientUrl: string;
  peerUrl: string;
  dataDir: string;
  logFile: string;
  process: ChildProcess;
}

export interface EtcdCluster {
  members: EtcdMember[];
  /** Comma-separated client URLs, for etcdctl --endpoints. */
  endpoints: string;
  etcdctl(args: string[], client: EtcdClientCredentials, options?: EtcdctlOptions & { endpoints?: string }): Promise<RunResult>;
  /** The tail of every member's log, for failure messages. */
  logs(lines?: number): Promise<string>;
  stop(): Promise<void>;
}

/** Asks the kernel for `count` distinct free TCP ports on host (all held open until all are known). */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () =>
      new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, host, () => resolve(server));
      }),
    ),
  );
  const ports = servers.map((s) => {
    const address = s.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    return address.port;
  });
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

function etcdctlEnv(): NodeJS.ProcessEnv {
  return { ...process.env, ETCDCTL_API: '3' };
}

export interface EtcdctlOptions {
  timeoutMs?: number;
  /**
   * --debug: gRPC logs the real TLS failure ("x509: cannot validate certificate for 127.0.0.1 because
   * it doesn't contain any IP SANs"); without it etcdctl only says "context deadline exceeded".
   */
  debug?: boolean;
  /** etcdctl --command-timeout in seconds (default 5). */
  commandTimeoutSeconds?: number;
}

/** etcdctl with TLS flags, short dial/command timeouts and a hard process time limit. */
export function etcdctl(endpoints: string, client: EtcdClientCredentials, args: string[], options: EtcdctlOptions = {}): Promise<RunResult> {
  const tls = [`--cacert=${client.cacert}`, `--cert=${client.cert}`, `--key=${client.key}`];
  if (client.insecureSkipVerify) tls.push('--insecure-skip-tls-verify');
  if (options.debug) tls.push('--debug');
  return run(
    'etcdctl',
    [`--endpoints=${endpoints}`, ...tls, '--dial-timeout=3s', `--command-timeout=${options.commandTimeoutSeconds ?? 5}s`, ...args],
    { env: etcdctlEnv(), timeoutMs: options.timeoutMs ?? 20_000 },
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function tail(file: string, lines: number): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts the cluster and waits until every member is healthy (or, without healthClient, until every
 * client port accepts connections). Throws with the members' logs if that does not happen in time;
 * whatever was started is stopped before throwing.
 */
export async function startEtcdCluster(options: EtcdClusterOptions): Promise<EtcdCluster> {
  const host = options.host ?? '127.0.0.1';
  const count = options.members.length;
  const ports = await freePorts(count * 2, host);
  const token = `kubeprep-interop-${process.pid}-${Date.now()}`;
  const names = options.members.map((_m, i) => `member-${i + 1}`);
  const peerUrls = names.map((_n, i) => `https://${host}:${ports[count + i]}`);
  const initialCluster = names.map((n, i) => `${n}=${peerUrls[i]}`).join(',');
  const members = options.members.map((files, i) => {
    const clientUrl = `https://${host}:${ports[i]}`;
    return {
      name: names[i]!,
      clientUrl,
      peerUrl: peerUrls[i]!,
      args: (dataDir: string) => [
        `--name=${names[i]}`,
        `--data-dir=${dataDir}`,
        `--listen-client-urls=${clientUrl}`,
        `--advertise-client-urls=${clientUrl}`,
        `--listen-peer-urls=${peerUrls[i]}`,
        `--initial-advertise-peer-urls=${peerUrls[i]}`,
        `--initial-cluster=${initialCluster}`,
        `--initial-cluster-token=${token}`,
        '--initial-cluster-state=new',
        '--client-cert-auth',
        `--trusted-ca-file=${options.trustedCa}`,
        `--cert-file=${files.cert}`,
        `--key-file=${files.key}`,
        '--peer-client-cert-auth',
        `--peer-trusted-ca-file=${options.peerTrustedCa ?? options.trustedCa}`,
        `--peer-cert-file=${files.peerCert}`,
        `--peer-key-file=${files.peerKey}`,
        '--logger=zap',
        '--log-outputs=stderr',
      ],
    };
  });
  return startEtcdMembers(members, options);
}

export interface EtcdMemberCommand {
  name: string;
  clientUrl: string;
  peerUrl: string;
  /** etcd's arguments, given the throw-away data directory made for the member. */
  args: (dataDir: string) => string[];
}

/**
 * Starts etcd once per member with exactly the given arguments (a unit file's own flags, say) and waits
 * as startEtcdCluster does; the data directories are temporary and removed by stop().
 */
export async function startEtcdMembers(commands: EtcdMemberCommand[], options: Pick<EtcdClusterOptions, 'healthClient' | 'startTimeoutMs'> = {}): Promise<EtcdCluster> {
  const root = await mkdtemp(join(tmpdir(), 'kubeprep-etcd-'));
  const members: EtcdMember[] = commands.map((command) => {
    const dataDir = join(root, command.name);
    const logFile = join(root, `${command.name}.log`);
    const log = openSync(logFile, 'a');
    const child = spawn('etcd', command.args(dataDir), { stdio: ['ignore', log, log] });
    closeSync(log);
    return { name: command.name, clientUrl: command.clientUrl, peerUrl: command.peerUrl, dataDir, logFile, process: child };
  });

  const endpoints = members.map((m) => m.clientUrl).join(',');
  const logs = async (lines = 15) =>
    (await Promise.all(members.map(async (m) => `--- ${m.name} (${m.clientUrl}, exit ${m.process.exitCode ?? 'running'})\n${await tail(m.logFile, lines)}`))).join('\n');
  const stop = async () => {
    await Promise.all(members.map((m) => stopProcess(m.process)));
    if (!process.env.KUBEPREP_KEEP_TMP) await rm(root, { recursive: true, force: true });
  };
  const cluster: EtcdCluster = {
    members,
    endpoints,
    etcdctl: (args, client, opts = {}) => etcdctl(opts.endpoints ?? endpoints, client, args, opts),
    logs,
    stop,
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 40_000);
  let last = '';
  try {
    for (;;) {
      const dead = members.find((m) => m.process.exitCode !== null || m.process.signalCode !== null);
      if (dead) throw new Error(`etcd ${dead.name} exited (${dead.process.exitCode ?? dead.process.signalCode}) during start-up`);
      if (options.healthClient) {
        const health = await etcdctl(endpoints, options.healthClient, ['endpoint', 'health'], { timeoutMs: 10_000 });
        if (health.code === 0) break;
        last = `${health.stdout}${health.stderr}`;
      } else {
        const open = await Promise.all(members.map((m) => { const url = new URL(m.clientUrl); return portOpen(url.hostname, Number(url.port)); }));
        if (open.every(Boolean)) break;
        last = 'client ports not open yet';
      }
      if (Date.now() > deadline) throw new Error(`etcd cluster not healthy in time: ${last.trim().slice(-600)}`);
      await sleep(300);
    }
  } catch (error) {
    const message = `${(error as Error).message}\n${await logs()}`;
    await stop();
    throw new Error(message);
  }
  return cluster;
}

function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    import('node:net').then(({ connect }) => {
      const socket = connect({ host, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.setTimeout(1_000, () => {
        socket.destroy();
        resolve(false);
      });
    }, () => resolve(false));
  });
}

/**
 * A 3-member etcd cluster on the kubeadm-layout files of a bundle unpacked at `dir` (nodes m1, m2, m3:
 * `<node>/etc/kubernetes/pki/etcd/{server,peer,healthcheck-client}`), and the API server's etcd client
 * credentials (m1's apiserver-etcd-client). The caller stops the cluster.
 */
export async function startKubeadmLayoutEtcd(dir: string, nodes: readonly string[] = ['m1', 'm2', 'm3']): Promise<{ cluster: EtcdCluster; client: EtcdClientCredentials }> {
  const pki = (node: string, file: string) => join(dir, node, '/etc/kubernetes/pki/etcd', file);
  const first = nodes[0]!;
  const client = { cacert: pki(first, 'ca.crt'), cert: join(dir, first, 'etc/kubernetes/pki/apiserver-etcd-client.crt'), key: join(dir, first, 'etc/kubernetes/pki/apiserver-etcd-client.key') };
  const cluster = await startEtcdCluster({
    trustedCa: pki(first, 'ca.crt'),
    members: nodes.map((n) => ({ cert: pki(n, 'server.crt'), key: pki(n, 'server.key'), peerCert: pki(n, 'peer.crt'), peerKey: pki(n, 'peer.key') })),
    healthClient: { cacert: pki(first, 'ca.crt'), cert: pki(first, 'healthcheck-client.crt'), key: pki(first, 'healthcheck-client.key') },
  });
  return { cluster, client };
}
