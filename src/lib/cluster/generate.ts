// Plan → every key (generated concurrently) → CAs → leaves → kubeconfigs and cluster objects. The
// engine does the cryptography exactly as `cfssl gencert` would with the bundle's cfssl inputs: the CSR
// JSON and ca-config.json are parsed by the engine's own cfssl parsers, not passed as objects.
import {
  caFromIssued, decodePem, exportPrivateKeyPem, exportPublicKeyPem, generateCertificate, generateKeyPair, initCa,
  parseConfigJson, parseCsrJson, type CertificateAuthority, type KeyPair,
} from '../pki';
import type { KeySource } from '../pki/key-pool';
import { nextTask } from '../next-task';
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

  // All keys first, concurrently: RSA generation dominates and WebCrypto runs it off the main thread.
  const caSpecs = set.cas.map((ca) => parseCsrJson(JSON.stringify(ca.csr), { initca: true }));
  const leafSpecs = set.certificates.map((cert) => parseCsrJson(JSON.stringify(cert.csr)));
  const keys = options.keys ?? generateKeyPair;
  const [caKeys, leafKeys, saKey] = await Promise.all([
    Promise.all(caSpecs.map((spec) => keys(spec.key))),
    Promise.all(leafSpecs.map((spec) => keys(spec.key))),
    keys({ algo: 'rsa', size: set.serviceAccount.size }),
  ]);

  const cas = new Map<CaRole, IssuedPair>();
  const authorities = new Map<CaRole, CertificateAuthority>();
  await Promise.all(
    set.cas.map(async (ca, i) => {
      await nextTask(); // one CA per task: signing all of them in one would hold the main thread
      const issued = await initCa(caSpecs[i]!, { now, key: caKeys[i]! });
      authorities.set(ca.role, await caFromIssued({ ...issued, key: caKeys[i]! }));
      cas.set(ca.role, { certPem: issued.certPem, csrPem: issued.csrPem, keyPem: await exportPrivateKeyPem(caKeys[i]!) });
      step();
    }),
  );

  const { config } = parseConfigJson(JSON.stringify(caConfig(plan)));
  const warnings: CertificateWarning[] = [];
  const certificates = new Map<string, IssuedPair>();
  await Promise.all(
    set.certificates.map(async (cert, i) => {
      await nextTask(); // one leaf per task, as for the CAs
      const key: KeyPair = leafKeys[i]!;
      const issued = await generateCertificate(leafSpecs[i]!, authorities.get(cert.signer)!, config, { profile: cert.profile, now, key });
      // Client certificates have no hosts by design: cfssl's hosts warning says nothing here.
      for (const warning of issued.warnings) if (warning.code !== 'pki.hosts-missing') warnings.push({ certificate: cert.id, warning });
      certificates.set(cert.id, { certPem: issued.certPem, csrPem: issued.csrPem, keyPem: await exportPrivateKeyPem(key) });
      step();
    }),
  );

  const serviceAccount = { keyPem: await exportPrivateKeyPem(saKey), pubPem: await exportPublicKeyPem(saKey) };
  step();
  const generated: GeneratedCluster = {
    plan, set, cas, certificates, serviceAccount, manifests: new Map(), warnings,
    bootstrapToken: generateBootstrapToken(),
    tokenExpires: new Date(now.getTime() + Number(plan.bootstrapTokenTtlNs / 1_000_000n)),
    caCertHash: await publicKeyPin(caKeys[set.cas.findIndex((ca) => ca.role === 'ca')]!),
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
