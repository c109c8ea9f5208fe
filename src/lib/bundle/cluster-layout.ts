// The cluster plan's zip: one folder per node holding exactly its files (kubeadm or cfssl layout) and
// its node scripts under /opt/kubeprep, the cfssl inputs that reproduce them, cluster-wide manifests,
// distribute.sh, verify.sh, check-nodes.sh, plan.json and a README. Keys and kubeconfigs are mode 0600
// in the zip, scripts 0755.
import {
  cfsslInputs, distributeScript, effectiveImageRepository, encryptionConfigurationYaml, haproxyConfig, keepalivedCheckScript,
  keepalivedConfig, kubeadmConfigYaml, kubeconfigText, kubeletConfigurationYaml, kubeProxyConfigurationYaml, kubeVipManifest,
  nodeFiles, nodeScripts, planToJson, unitText, verifyScript,
  type GeneratedCluster, type KubeadmContext, type Layout, type NodeFile, type NodeScripts,
} from '../cluster';
import type { Locale } from '../i18n';
import { bareFileNames } from '../pki/cfssljson';
import { completeOptions, generateNodeIdentityCheck, generateScript, type ScriptOptions } from '../scripts';
import { clusterReadme } from './cluster-readme';
import { yieldIfDue } from '../next-task';
import { EXECUTABLE, PUBLIC, SECRET, zipBundleFiles, type BundleFile } from './zip';

interface LayoutContext {
  generated: GeneratedCluster;
  layout: Layout;
  scripts: NodeScripts | null;
  kubeadm: KubeadmContext;
  /** The language of the configuration files' comments, like the scripts'. */
  locale: Locale;
}

function kubeadmContext(generated: GeneratedCluster, scriptOptions: Partial<ScriptOptions>): KubeadmContext {
  const context: KubeadmContext = {
    plan: generated.plan,
    token: generated.bootstrapToken,
    tokenExpires: generated.tokenExpires,
    caCertHash: generated.caCertHash,
    imageRepository: effectiveImageRepository(generated.plan, scriptOptions),
  };
  if (scriptOptions.proxyMode) context.proxyMode = scriptOptions.proxyMode;
  return context;
}

function nodeOf(context: LayoutContext, file: NodeFile) {
  return context.generated.plan.allNodes.find((n) => n.name === file.node)!;
}

function contentOf(context: LayoutContext, file: NodeFile): string {
  const { generated, layout } = context;
  const { plan, set } = generated;
  const source = file.source;
  switch (source.type) {
    case 'ca-cert':
      return generated.cas.get(source.role)!.certPem;
    case 'ca-key':
      return generated.cas.get(source.role)!.keyPem;
    case 'cert':
      return generated.certificates.get(source.id)!.certPem;
    case 'key':
      return generated.certificates.get(source.id)!.keyPem;
    case 'sa-key':
      return generated.serviceAccount.keyPem;
    case 'sa-pub':
      return generated.serviceAccount.pubPem;
    case 'kubeconfig':
      return kubeconfigText(generated, source.spec);
    case 'node-script':
      return generateScript(source.script, context.scripts!.optionsFor(file.node));
    case 'kubeadm-config':
      return kubeadmConfigYaml(context.kubeadm, file.node);
    case 'encryption-config':
      return encryptionConfigurationYaml(generated.encryptionKey!);
    case 'systemd-unit':
      return unitText(plan, set, layout, file.node, source.unit);
    case 'kubelet-config':
      return kubeletConfigurationYaml(plan, set, layout, file.node);
    case 'kube-proxy-config':
      return kubeProxyConfigurationYaml(plan, file.node, context.kubeadm.proxyMode ? { proxyMode: context.kubeadm.proxyMode } : {});
    case 'haproxy-config':
      return haproxyConfig(plan, context.locale);
    case 'keepalived-config':
      return keepalivedConfig(plan, nodeOf(context, file), context.locale);
    case 'keepalived-check':
      return keepalivedCheckScript(plan, context.locale);
    case 'kube-vip-manifest':
      return kubeVipManifest(plan, nodeOf(context, file));
  }
}

/** The bundle's files one at a time, for clusterBundleFiles and clusterBundleFilesInSlices. */
function* bundleFiles(generated: GeneratedCluster, layout: Layout, locale: Locale, scriptOptions: Partial<ScriptOptions>): Generator<BundleFile> {
  const { plan, set } = generated;
  const scripts = nodeScripts(plan, scriptOptions);
  const placed = nodeFiles(plan, set, layout, scripts?.names ?? []);
  const context: LayoutContext = { generated, layout, scripts, kubeadm: kubeadmContext(generated, scriptOptions), locale };
  for (const f of placed) yield { path: `${f.node}${f.path}`, content: contentOf(context, f), mode: f.secret ? SECRET : f.executable ? EXECUTABLE : PUBLIC };
  for (const [name, content] of cfsslInputs(plan, set, locale)) yield { path: `cfssl/${name}`, content, mode: name.endsWith('.sh') ? EXECUTABLE : PUBLIC };
  for (const [name, content] of generated.manifests) {
    // The bootstrap token and the Calico Secret are credentials.
    yield { path: `cluster/${name}`, content, mode: name === 'bootstrap-token.yaml' || name.startsWith('calico') ? SECRET : PUBLIC };
  }
  const calico = generated.certificates.get('calico-etcd-client');
  if (calico) {
    const names = bareFileNames('calico-etcd-client');
    yield { path: `cluster/${names.cert}`, content: calico.certPem, mode: PUBLIC };
    yield { path: `cluster/${names.key}`, content: calico.keyPem, mode: SECRET };
  }
  yield { path: 'plan.json', content: planToJson(plan.plan), mode: PUBLIC };
  yield { path: 'distribute.sh', content: distributeScript(plan, placed, locale), mode: EXECUTABLE };
  yield { path: 'verify.sh', content: verifyScript(plan, set, layout, placed, locale), mode: EXECUTABLE };
  const nodes = plan.allNodes.filter((n, i, all) => all.findIndex((m) => m.name === n.name) === i);
  yield { path: 'check-nodes.sh', content: generateNodeIdentityCheck(nodes, completeOptions(scriptOptions).locale), mode: EXECUTABLE };
  yield { path: 'README.md', content: clusterReadme(generated, layout, placed, locale, scripts?.names ?? null), mode: PUBLIC };
}

/**
 * The README is written in `locale`, like the cfssl bundle's; the node scripts in the language of
 * `scriptOptions` (the Node scripts screen's choices), which the plan's per-node values override.
 */
export function clusterBundleFiles(generated: GeneratedCluster, layout: Layout, locale: Locale = 'en', scriptOptions: Partial<ScriptOptions> = {}): BundleFile[] {
  return [...bundleFiles(generated, layout, locale, scriptOptions)];
}

/** clusterBundleFiles() in slices that yield to the browser (about 40 ms of work for a 193-file bundle). */
export async function clusterBundleFilesInSlices(generated: GeneratedCluster, layout: Layout, locale: Locale = 'en', scriptOptions: Partial<ScriptOptions> = {}): Promise<BundleFile[]> {
  const files: BundleFile[] = [];
  for (const file of bundleFiles(generated, layout, locale, scriptOptions)) {
    files.push(file);
    await yieldIfDue();
  }
  return files;
}

export async function buildClusterBundle(generated: GeneratedCluster, layout: Layout, locale: Locale = 'en', now = new Date(), scriptOptions: Partial<ScriptOptions> = {}): Promise<Uint8Array> {
  return zipBundleFiles(clusterBundleFiles(generated, layout, locale, scriptOptions), now);
}
