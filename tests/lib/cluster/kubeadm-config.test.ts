// Every kubeadm configuration the bundle writes, for every minor a plan may target, checked against the
// field names and types of kubeadm's own API (the json tags of the Go structs):
//   kubeadm.k8s.io/v1beta3: kubernetes/kubernetes cmd/kubeadm/app/apis/kubeadm/v1beta3/types.go (kubeadm 1.22–1.30;
//     doc.go: deprecated in favour of v1beta4, "removed in a future release, 1.34 or later")
//   kubeadm.k8s.io/v1beta4: cmd/kubeadm/app/apis/kubeadm/v1beta4/types.go (kubeadm 1.31 and later)
//   bootstrapTokens[]: cmd/kubeadm/app/apis/bootstraptoken/v1/types.go
//   KubeProxyConfiguration: kubernetes/kube-proxy config/v1alpha1/types.go
// and against the bundle: every path the configuration names is a file the bundle puts on that node.
import { describe, expect, it } from 'vitest';
import {
  certificateSet, generateBootstrapToken, kubeadmDocuments, nodeFiles, KUBERNETES_RELEASES,
  type ClusterPlan, type KubeadmContext, type ResolvedPlan,
} from '../../../src/lib/cluster';
import { resolved, threeByThree } from './fixtures';

type Schema = 'string' | 'int' | 'bool' | 'duration' | 'time' | { list: Schema } | { stringMap: true } | { fields: Record<string, Schema> };

const str = 'string' as const;
const list = (of: Schema): Schema => ({ list: of });
const obj = (fields: Record<string, Schema>): Schema => ({ fields });

/** bootstraptoken/v1 BootstrapToken. */
const BOOTSTRAP_TOKEN = obj({ token: str, description: str, ttl: 'duration', expires: 'time', usages: list(str), groups: list(str) });
const API_ENDPOINT = obj({ advertiseAddress: str, bindPort: 'int' });
const TAINT = obj({ key: str, value: str, effect: str, timeAdded: 'time' });
const HOST_PATH_MOUNT = obj({ name: str, hostPath: str, mountPath: str, readOnly: 'bool', pathType: str });
const PATCHES = obj({ directory: str });
const ARG = obj({ name: str, value: str });
const ENV = obj({ name: str, value: str });
const EXTERNAL_ETCD = obj({ endpoints: list(str), caFile: str, certFile: str, keyFile: str });

function schemas(version: 'v1beta3' | 'v1beta4'): Record<string, Record<string, Schema>> {
  const v4 = version === 'v1beta4';
  const extraArgs: Schema = v4 ? list(ARG) : { stringMap: true };
  const component = { extraArgs, extraVolumes: list(HOST_PATH_MOUNT), ...(v4 ? { extraEnvs: list(ENV) } : {}) };
  const nodeRegistration = obj({
    name: str, criSocket: str, taints: list(TAINT), kubeletExtraArgs: extraArgs, ignorePreflightErrors: list(str), imagePullPolicy: str,
    ...(v4 ? { imagePullSerial: 'bool' as const } : {}),
  });
  const timeouts = obj({
    controlPlaneComponentHealthCheck: 'duration', kubeletHealthCheck: 'duration', kubernetesAPICall: 'duration', etcdAPICall: 'duration',
    tlsBootstrap: 'duration', discovery: 'duration', upgradeManifests: 'duration',
  });
  const typeMeta = { apiVersion: str, kind: str };
  return {
    InitConfiguration: {
      ...typeMeta, bootstrapTokens: list(BOOTSTRAP_TOKEN), nodeRegistration, localAPIEndpoint: API_ENDPOINT, certificateKey: str,
      skipPhases: list(str), patches: PATCHES, ...(v4 ? { dryRun: 'bool' as const, timeouts } : {}),
    },
    ClusterConfiguration: {
      ...typeMeta,
      etcd: obj({
        local: obj({ imageRepository: str, imageTag: str, dataDir: str, extraArgs, serverCertSANs: list(str), peerCertSANs: list(str), ...(v4 ? { extraEnvs: list(ENV) } : {}) }),
        external: EXTERNAL_ETCD,
      }),
      networking: obj({ serviceSubnet: str, podSubnet: str, dnsDomain: str }),
      kubernetesVersion: str, controlPlaneEndpoint: str,
      apiServer: obj({ ...component, certSANs: list(str), ...(v4 ? {} : { timeoutForControlPlane: 'duration' as const }) }),
      controllerManager: obj(component), scheduler: obj(component),
      dns: obj({ imageRepository: str, imageTag: str, ...(v4 ? { disabled: 'bool' as const } : {}) }),
      ...(v4 ? { proxy: obj({ disabled: 'bool' }) } : {}),
      certificatesDir: str, imageRepository: str, featureGates: { stringMap: true }, clusterName: str,
      ...(v4 ? { encryptionAlgorithm: str, certificateValidityPeriod: 'duration' as const, caCertificateValidityPeriod: 'duration' as const } : {}),
    },
    JoinConfiguration: {
      ...typeMeta, nodeRegistration, caCertPath: str,
      discovery: obj({
        bootstrapToken: obj({ token: str, apiServerEndpoint: str, caCertHashes: list(str), unsafeSkipCAVerification: 'bool' }),
        file: obj({ kubeConfigPath: str }), tlsBootstrapToken: str, ...(v4 ? {} : { timeout: 'duration' as const }),
      }),
      controlPlane: obj({ localAPIEndpoint: API_ENDPOINT, certificateKey: str }),
      skipPhases: list(str), patches: PATCHES, ...(v4 ? { dryRun: 'bool' as const, timeouts } : {}),
    },
    // kube-proxy config/v1alpha1: only the field the bundle sets.
    KubeProxyConfiguration: { ...typeMeta, mode: str },
  };
}

/** Go's time.ParseDuration accepts these, and metav1.Time RFC 3339 in UTC. */
const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function conforms(value: unknown, schema: Schema, path: string): string[] {
  if (schema === 'string') return typeof value === 'string' ? [] : [`${path}: not a string`];
  if (schema === 'int') return Number.isInteger(value) ? [] : [`${path}: not an integer`];
  if (schema === 'bool') return typeof value === 'boolean' ? [] : [`${path}: not a boolean`];
  if (schema === 'duration') return typeof value === 'string' && DURATION.test(value) ? [] : [`${path}: not a Go duration`];
  if (schema === 'time') return typeof value === 'string' && TIME.test(value) ? [] : [`${path}: not an RFC 3339 time`];
  if ('list' in schema) return Array.isArray(value) ? value.flatMap((v, i) => conforms(v, schema.list, `${path}[${i}]`)) : [`${path}: not a list`];
  if ('stringMap' in schema) {
    return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string') ? [] : [`${path}: not a map of strings`];
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: not an object`];
  return Object.entries(value).flatMap(([key, v]) => (key in schema.fields ? conforms(v, schema.fields[key]!, `${path}.${key}`) : [`${path}.${key}: no such field`]));
}

function context(plan: ResolvedPlan): KubeadmContext {
  return {
    plan, token: generateBootstrapToken(), tokenExpires: new Date('2026-12-01T08:30:00Z'),
    caCertHash: `sha256:${'ab'.repeat(32)}`, imageRepository: 'registry.aliyuncs.com/google_containers', proxyMode: 'ipvs',
  };
}

const VARIANTS: [string, Partial<ClusterPlan>][] = [
  ['stacked etcd, encryption on', {}],
  ['external etcd, encryption off', {
    encryptionAtRest: false,
    etcd: { topology: 'external', members: [{ name: 'etcd-1', ip: '10.0.0.31' }, { name: 'etcd-2', ip: '10.0.0.32' }, { name: 'etcd-3', ip: '10.0.0.33' }] },
  }],
];

describe.each(KUBERNETES_RELEASES.map((r) => [`1.${r.minor}`, r.minor] as const))('kubeadm configuration for Kubernetes %s', (version, minor) => {
  const apiVersion = minor >= 31 ? 'v1beta4' : 'v1beta3';
  const schema = schemas(apiVersion);

  it.each(VARIANTS)(`uses kubeadm.k8s.io/${apiVersion} and only its fields (%s)`, (_name, overrides) => {
    const plan = resolved(threeByThree({ kubernetesVersion: version, ...overrides }));
    for (const node of ['cp-1', 'cp-2', 'worker-1']) {
      const documents = kubeadmDocuments(context(plan), node);
      const kinds = documents.map((d) => d['kind']);
      expect(kinds, node).toEqual(node === 'cp-1' ? ['InitConfiguration', 'ClusterConfiguration', 'KubeProxyConfiguration'] : ['JoinConfiguration']);
      for (const doc of documents) {
        const kind = doc['kind'] as string;
        expect(doc['apiVersion'], `${node} ${kind}`).toBe(kind === 'KubeProxyConfiguration' ? 'kubeproxy.config.k8s.io/v1alpha1' : `kubeadm.k8s.io/${apiVersion}`);
        const defined = JSON.parse(JSON.stringify(doc)) as unknown;
        expect(conforms(defined, { fields: schema[kind]! }, `${node}:${kind}`)).toEqual([]);
      }
    }
    expect(kubeadmDocuments(context(plan), 'etcd-1')).toEqual([]);
  });
});

describe('kubeadm configuration values', () => {
  const plan = resolved(threeByThree({ kubernetesVersion: '1.37', imageRepository: 'registry.aliyuncs.com/google_containers' }));
  const ctx = context(plan);
  type Doc = Record<string, any>;
  const [init, cluster] = kubeadmDocuments(ctx, 'cp-1') as [Doc, Doc];
  const [joinCp] = kubeadmDocuments(ctx, 'cp-2') as [Doc];
  const [joinWorker] = kubeadmDocuments(ctx, 'worker-2') as [Doc];
  const placed = (node: string) => new Set(nodeFiles(plan, certificateSet(plan), 'kubeadm').filter((f) => f.node === node).map((f) => f.path));

  it('describes the cluster: endpoint, SANs, networking, version, images, encryption with its volume, validity', () => {
    expect(cluster).toMatchObject({
      clusterName: 'prod', kubernetesVersion: 'stable-1.37', controlPlaneEndpoint: 'api.prod.example:6443', certificatesDir: '/etc/kubernetes/pki',
      imageRepository: 'registry.aliyuncs.com/google_containers',
      networking: { serviceSubnet: '10.96.0.0/12', podSubnet: '10.244.0.0/16', dnsDomain: 'cluster.local' },
      etcd: { local: { dataDir: '/var/lib/etcd' } },
      encryptionAlgorithm: 'RSA-2048', certificateValidityPeriod: '8760h', caCertificateValidityPeriod: '87600h',
    });
    expect(cluster.apiServer.certSANs).toEqual(['10.0.0.10', 'api.prod.example', 'k8s.example.com']);
    const [arg] = cluster.apiServer.extraArgs;
    const [volume] = cluster.apiServer.extraVolumes;
    expect(arg).toEqual({ name: 'encryption-provider-config', value: '/etc/kubernetes/enc/encryption-config.yaml' });
    expect(volume).toMatchObject({ hostPath: '/etc/kubernetes/enc', mountPath: '/etc/kubernetes/enc', readOnly: true });
    for (const node of ['cp-1', 'cp-2', 'cp-3']) expect(placed(node).has(arg.value), node).toBe(true);
    expect(arg.value.startsWith(`${volume.mountPath}/`)).toBe(true);
    const patch = resolved(threeByThree({ kubernetesVersion: 'v1.36.3' }));
    expect(kubeadmDocuments(context(patch), 'cp-1')[1]!['kubernetesVersion']).toBe('v1.36.3');
  });

  it('registers each node by its plan name and address, on containerd, and advertises control planes on the bind port', () => {
    for (const [doc, name, ip] of [[init, 'cp-1', '10.0.0.11'], [joinCp, 'cp-2', '10.0.0.12'], [joinWorker, 'worker-2', '10.0.0.22']] as const) {
      expect(doc.nodeRegistration).toEqual({ name, criSocket: 'unix:///var/run/containerd/containerd.sock', kubeletExtraArgs: [{ name: 'node-ip', value: ip }] });
    }
    expect(init.localAPIEndpoint).toEqual({ advertiseAddress: '10.0.0.11', bindPort: 6443 });
    expect(joinCp.controlPlane).toEqual({ localAPIEndpoint: { advertiseAddress: '10.0.0.12', bindPort: 6443 } });
    expect(joinWorker.controlPlane).toBeUndefined();
    const old = resolved(threeByThree({ kubernetesVersion: '1.30' }));
    expect(kubeadmDocuments(context(old), 'worker-1')[0]!['nodeRegistration']).toMatchObject({ kubeletExtraArgs: { 'node-ip': '10.0.0.21' } });
  });

  it('creates the bootstrap token at init with the expiry shown, and joins discover with it and the CA pin', () => {
    expect(init.bootstrapTokens).toEqual([{
      token: ctx.token.token, description: 'kubeprep prod', expires: '2026-12-01T08:30:00Z',
      usages: ['signing', 'authentication'], groups: ['system:bootstrappers:kubeadm:default-node-token'],
    }]);
    for (const join of [joinCp, joinWorker]) {
      expect(join.discovery).toEqual({ bootstrapToken: { token: ctx.token.token, apiServerEndpoint: 'api.prod.example:6443', caCertHashes: [ctx.caCertHash] } });
    }
  });

  it('names the bundle\'s etcd client files for external etcd, on every control-plane node', () => {
    const external = resolved(threeByThree({ etcd: { topology: 'external', members: [{ name: 'etcd-1', ip: '10.0.0.31' }, { name: 'etcd-2', ip: 'fd00::32' }] } }));
    const etcd = kubeadmDocuments(context(external), 'cp-1')[1]!['etcd'] as { external: { endpoints: string[]; caFile: string; certFile: string; keyFile: string } };
    expect(etcd.external.endpoints).toEqual(['https://10.0.0.31:2379', 'https://[fd00::32]:2379']);
    const files = nodeFiles(external, certificateSet(external), 'kubeadm');
    for (const node of ['cp-1', 'cp-2', 'cp-3']) {
      const paths = new Set(files.filter((f) => f.node === node).map((f) => f.path));
      for (const path of [etcd.external.caFile, etcd.external.certFile, etcd.external.keyFile]) expect(paths.has(path), `${node} ${path}`).toBe(true);
    }
  });

  it('asks kubeadm for ECDSA-P384 only where its v1beta4 knows it (1.34+), and sets kube-proxy\'s mode only when not iptables', () => {
    const p384 = (version: string) => kubeadmDocuments(context(resolved(threeByThree({ kubernetesVersion: version, key: { algo: 'ecdsa', size: 384 } }))), 'cp-1')[1]!['encryptionAlgorithm'];
    expect(p384('1.33')).toBeUndefined();
    expect(p384('1.34')).toBe('ECDSA-P384');
    const kinds = kubeadmDocuments({ ...ctx, proxyMode: 'iptables' }, 'cp-1').map((d) => d['kind']);
    expect(kinds).toEqual(['InitConfiguration', 'ClusterConfiguration']);
  });
});

describe('the release table', () => {
  it('is the one the node scripts follow: their minors are released ones and their newest is the newest', async () => {
    const { KUBERNETES_MINORS } = await import('../../../src/lib/scripts/releases');
    const { KUBERNETES_VERSIONS, NEWEST_MINOR, kubeadmApiVersion } = await import('../../../src/lib/cluster');
    expect(KUBERNETES_MINORS.every((m) => KUBERNETES_VERSIONS.includes(m))).toBe(true);
    expect(KUBERNETES_MINORS[0]).toBe(`1.${NEWEST_MINOR}`);
    expect(KUBERNETES_RELEASES.every((r, i, all) => i === 0 || all[i - 1]!.minor === r.minor + 1)).toBe(true);
    expect(KUBERNETES_RELEASES.every((r) => r.released < r.maintenanceFrom && r.maintenanceFrom < r.endOfLife)).toBe(true);
    expect(KUBERNETES_RELEASES.map((r) => kubeadmApiVersion(r.minor).split('/')[1])).toEqual([...Array(7).fill('v1beta4'), ...Array(3).fill('v1beta3')]);
  });
});
