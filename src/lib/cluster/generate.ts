// Plan → every key (generated concurrently) → CAs → leaves → kubeconfigs and cluster objects. The
// engine does the cryptography exactly as `cfssl gencert` would with the bundle's cfssl inputs: the CSR
// JSON and ca-config.json are parsed by the engine's own cfssl parsers, not passed as objects.
import {
  caFromIssued, exportPrivateKeyPem, exportPublicKeyPem, generateCertificate, generateKeyPair, initCa,
  parseConfigJson, parseCsrJson, type CertificateAuthority, type KeyPair,
} from '../pki';
import type { Warning } from '../errors';
import {
  bootstrapClusterRoleBindings, bootstrapTokenSecretYaml, clusterRoleBindingsYaml, generateBootstrapToken, type BootstrapToken,
} from './bootstrap';
import { caConfig, certificateSet, type CaRole, type CertificateSet } from './certificates';
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
  bootstrapToken?: BootstrapToken;
  /** Cluster-wide manifests (file name → YAML): rbac.yaml, bootstrap-token.yaml, calico-etcd-secrets.yaml. */
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
  /** TLS-bootstrap token lifetime (kubeadm's default TTL is 24h). */
  bootstrapTtlHours?: number;
  /** Called as steps finish, for a progress indicator. */
  onProgress?: (done: number, total: number) => void;
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
  const [caKeys, leafKeys, saKey] = await Promise.all([
    Promise.all(caSpecs.map((spec) => generateKeyPair(spec.key))),
    Promise.all(leafSpecs.map((spec) => generateKeyPair(spec.key))),
    generateKeyPair({ algo: 'rsa', size: set.serviceAccount.size }),
  ]);

  const cas = new Map<CaRole, IssuedPair>();
  const authorities = new Map<CaRole, CertificateAuthority>();
  await Promise.all(
    set.cas.map(async (ca, i) => {
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
  const bootstrapToken = plan.plan.kubeletCredentials === 'tls-bootstrap' ? generateBootstrapToken() : undefined;
  const generated: GeneratedCluster = { plan, set, cas, certificates, serviceAccount, manifests: new Map(), warnings };
  if (bootstrapToken) generated.bootstrapToken = bootstrapToken;
  generated.manifests = clusterManifests(generated, new Date(now.getTime() + (options.bootstrapTtlHours ?? 24) * 3_600_000));
  return generated;
}

function clusterManifests(generated: GeneratedCluster, tokenExpiration: Date): Map<string, string> {
  const manifests = new Map<string, string>();
  const token = generated.bootstrapToken;
  const bindings = [...generated.set.clusterRoleBindings, ...(token ? bootstrapClusterRoleBindings() : [])];
  if (bindings.length > 0) manifests.set('rbac.yaml', clusterRoleBindingsYaml(bindings));
  if (token) manifests.set('bootstrap-token.yaml', bootstrapTokenSecretYaml(token, tokenExpiration));
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
