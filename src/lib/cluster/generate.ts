// Plan → CAs → leaves (each signed as soon as its key is there, a few at a time) → kubeconfigs and cluster objects. The
// engine does the cryptography exactly as `cfssl gencert` would with the bundle's cfssl inputs: the CSR
// JSON and ca-config.json are parsed by the engine's own cfssl parsers, not passed as objects.
import {
  caFromIssued, decodePem, exportPrivateKeyPem, exportPublicKeyPem, generateCertificate, generateKeyPair, initCa,
  parseConfigJson, parseCsrJson, type CertificateAuthority, type KeyPair,
} from '../pki';
import type { KeySource } from '../pki/keygen';
import { eachInSlices, yieldIfDue } from '../next-task';
import type { Warning } from '../errors';
import {
  bootstrapClusterRoleBindings, bootstrapTokenSecretYaml, clusterInfoYaml, clusterRoleBindingsYaml, generateBootstrapToken, tokenDescription, type BootstrapToken,
} from './bootstrap';
import { caConfig, certificateSet, type CaRole, type CertificateSet } from './certificates';
import { generateEncryptionKey } from './encryption';
import type { ResolvedPlan } from './validate';
import { base64Text, quote, yamlDocuments } from './yaml';

export interface IssuedPair {
  certPem: string;
  keyPem: string;
  csrPem: string;
}

export interface GeneratedCluster {
  plan: ResolvedPlan;
  set: CertificateSet;
  cas: Map<CaRole, IssuedPair>;
  certificates: Map<string, IssuedPair>;
  serviceAccount: { keyPem: string; pubPem: string };
  /** For `kubeadm join` discovery and TLS bootstrapping; expires at tokenExpires (Generate + the plan's TTL). */
  bootstrapToken: BootstrapToken;
  tokenExpires: Date;
  /** `sha256:<hex>` of the cluster CA's SubjectPublicKeyInfo: join's --discovery-token-ca-cert-hash. */
  caCertHash: string;
  /** The secretbox key of the EncryptionConfiguration (base64), when the plan encrypts Secrets at rest. */
  encryptionKey?: string;
  /**
   * Cluster-wide manifests (file name → YAML): rbac.yaml, bootstrap-token.yaml, cluster-info.yaml,
   * calico-etcd-secrets.yaml.
   */
  manifests: Map<string, string>;
  /** What the engine warned about while issuing, each with the certificate it is about. */
  warnings: CertificateWarning[];
}

export interface CertificateWarning {
  certificate: string;
  warning: Warning;
}

export interface GenerateClusterOptions {
  now?: Date;
  /** Called as steps finish, for a progress indicator. */
  onProgress?: (done: number, total: number) => void;
  /** Where the keys come from (a pool of keys made while the user edited); new WebCrypto keys by default. */
  keys?: KeySource;
}

export async function generateCluster(plan: ResolvedPlan, options: GenerateClusterOptions = {}): Promise<GeneratedCluster> {
  const now = options.now ?? new Date();
  const set = certificateSet(plan);
  const total = set.cas.length + set.certificates.length + 1;
  let done = 0;
  const step = () => options.onProgress?.(++done, total);

  // Each certificate as soon as its key is there, a few at a time (eachInSlices): key generation
  // dominates, and WebCrypto in Chromium runs it on one thread, first come first served, while the engine
  // signs and encodes (on the main thread, in slices: Chromium 156 makes signatures, digests and exports
  // synchronously on the calling thread, not behind the key generations) as the keys arrive. Keys from a
  // pool are there at once. Each request is parsed in its own slice too (58 of them took ~30 ms in one task).
  // Results are kept by index and put in the set's order at the end: lanes finish in any order.
  const keys = options.keys ?? generateKeyPair;

  const issuedCas: IssuedPair[] = [];
  const authorities = new Map<CaRole, CertificateAuthority>();
  let clusterCaKey: KeyPair | undefined;
  await eachInSlices(set.cas, async (ca, i) => {
    const spec = parseCsrJson(JSON.stringify(ca.csr), { initca: true });
    const key = await keys(spec.key);
    if (ca.role === 'ca') clusterCaKey = key;
    await yieldIfDue(); // between steps too: the first time through, each step is code the engine has not yet run
    const issued = await initCa(spec, { now, key });
    await yieldIfDue();
    authorities.set(ca.role, await caFromIssued({ ...issued, key }));
    await yieldIfDue();
    issuedCas[i] = { certPem: issued.certPem, csrPem: issued.csrPem, keyPem: await exportPrivateKeyPem(key) };
    step();
  });
  const cas = new Map(set.cas.map((ca, i): [CaRole, IssuedPair] => [ca.role, issuedCas[i]!]));

  const saKey = keys({ algo: 'rsa', size: set.serviceAccount.size });
  saKey.catch(() => {}); // awaited below; a failure of the certificates' keys is reported first
  const { config } = parseConfigJson(JSON.stringify(caConfig(plan)));
  const leafWarnings: CertificateWarning[][] = [];
  const issuedLeaves: IssuedPair[] = [];
  await eachInSlices(set.certificates, async (cert, i) => {
    const spec = parseCsrJson(JSON.stringify(cert.csr));
    const key = await keys(spec.key);
    await yieldIfDue();
    const issued = await generateCertificate(spec, authorities.get(cert.signer)!, config, { profile: cert.profile, now, key });
    await yieldIfDue();
    // Client certificates have no hosts by design: cfssl's hosts warning says nothing here.
    leafWarnings[i] = issued.warnings.filter((w) => w.code !== 'pki.hosts-missing').map((warning) => ({ certificate: cert.id, warning }));
    issuedLeaves[i] = { certPem: issued.certPem, csrPem: issued.csrPem, keyPem: await exportPrivateKeyPem(key) };
    step();
  });
  const certificates = new Map(set.certificates.map((cert, i): [string, IssuedPair] => [cert.id, issuedLeaves[i]!]));
  const warnings = leafWarnings.flat();

  const serviceAccountKey = await saKey;
  const serviceAccount = { keyPem: await exportPrivateKeyPem(serviceAccountKey), pubPem: await exportPublicKeyPem(serviceAccountKey) };
  step();
  const generated: GeneratedCluster = {
    plan, set, cas, certificates, serviceAccount, manifests: new Map(), warnings,
    bootstrapToken: generateBootstrapToken(),
    tokenExpires: new Date(now.getTime() + Number(plan.bootstrapTokenTtlNs / 1_000_000n)),
    caCertHash: await publicKeyPin(clusterCaKey!),
  };
  if (plan.plan.encryptionAtRest) generated.encryptionKey = generateEncryptionKey();
  generated.manifests = clusterManifests(generated);
  return generated;
}

/**
 * kubeadm's CA pin: SHA-256 over the DER SubjectPublicKeyInfo (RFC 7469 §2.4), hex, `sha256:` first
 * (cmd/kubeadm/app/util/pubkeypin). The same bytes the CA certificate carries.
 */
async function publicKeyPin(key: KeyPair): Promise<string> {
  const spki = new Uint8Array(decodePem(await exportPublicKeyPem(key))[0]!.der);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', spki));
  return `sha256:${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function clusterManifests(generated: GeneratedCluster): Map<string, string> {
  const manifests = new Map<string, string>();
  manifests.set('rbac.yaml', clusterRoleBindingsYaml([...generated.set.clusterRoleBindings, ...bootstrapClusterRoleBindings()]));
  manifests.set('bootstrap-token.yaml', bootstrapTokenSecretYaml(generated.bootstrapToken, generated.tokenExpires, tokenDescription(generated.plan.plan.clusterName)));
  manifests.set('cluster-info.yaml', clusterInfoYaml(generated.cas.get('ca')!.certPem, generated.plan.endpointUrl));
  const calico = generated.certificates.get('calico-etcd-client');
  if (calico) {
    // kubeasz's Secret for Calico's etcd datastore (docs/kubernetes-pki.md, Calico).
    manifests.set('calico-etcd-secrets.yaml', yamlDocuments([[
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      `  name: ${quote('calico-etcd-secrets')}`,
      '  namespace: kube-system',
      'type: Opaque',
      'data:',
      `  etcd-ca: ${base64Text(generated.cas.get(generated.set.certificates.find((c) => c.id === 'calico-etcd-client')!.signer)!.certPem)}`,
      `  etcd-cert: ${base64Text(calico.certPem)}`,
      `  etcd-key: ${base64Text(calico.keyPem)}`,
    ].join('\n')]));
  }
  return manifests;
}
