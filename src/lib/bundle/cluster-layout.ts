// The cluster plan's zip: one folder per node holding exactly its files (kubeadm or cfssl layout) and
// its node scripts under /opt/kubeprep, the cfssl inputs that reproduce them, cluster-wide manifests,
// distribute.sh, verify.sh, check-nodes.sh, plan.json and a README. Keys and kubeconfigs are mode 0600
// in the zip, scripts 0755.
import {
  cfsslInputs, distributeScript, kubeconfigText, nodeFiles, nodeScripts, planToJson, verifyScript,
  type GeneratedCluster, type Layout, type NodeFile, type NodeScripts,
} from '../cluster';
import type { Locale } from '../i18n';
import { bareFileNames } from '../pki/cfssljson';
import { completeOptions, generateNodeIdentityCheck, generateScript, type ScriptOptions } from '../scripts';
import { clusterReadme } from './cluster-readme';
import { EXECUTABLE, PUBLIC, SECRET, zipBundleFiles, type BundleFile } from './zip';

function contentOf(generated: GeneratedCluster, file: NodeFile, scripts: NodeScripts | null): string {
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
      return generateScript(source.script, scripts!.optionsFor(file.node));
  }
}

/**
 * The README is written in `locale`, like the cfssl bundle's; the node scripts in the language of
 * `scriptOptions` (the Node scripts screen's choices), which the plan's per-node values override.
 */
export function clusterBundleFiles(generated: GeneratedCluster, layout: Layout, locale: Locale = 'en', scriptOptions: Partial<ScriptOptions> = {}): BundleFile[] {
  const { plan, set } = generated;
  const scripts = nodeScripts(plan, scriptOptions);
  const placed = nodeFiles(plan, set, layout, scripts?.names ?? []);
  const files: BundleFile[] = placed.map((f) => ({
    path: `${f.node}${f.path}`,
    content: contentOf(generated, f, scripts),
    mode: f.secret ? SECRET : f.source.type === 'node-script' ? EXECUTABLE : PUBLIC,
  }));
  for (const [name, content] of cfsslInputs(plan, set, locale)) files.push({ path: `cfssl/${name}`, content, mode: name.endsWith('.sh') ? EXECUTABLE : PUBLIC });
  for (const [name, content] of generated.manifests) {
    // The bootstrap token and the Calico Secret are credentials.
    files.push({ path: `cluster/${name}`, content, mode: name === 'rbac.yaml' ? PUBLIC : SECRET });
  }
  const calico = generated.certificates.get('calico-etcd-client');
  if (calico) {
    const names = bareFileNames('calico-etcd-client');
    files.push({ path: `cluster/${names.cert}`, content: calico.certPem, mode: PUBLIC });
    files.push({ path: `cluster/${names.key}`, content: calico.keyPem, mode: SECRET });
  }
  files.push({ path: 'plan.json', content: planToJson(plan.plan), mode: PUBLIC });
  files.push({ path: 'distribute.sh', content: distributeScript(plan, placed, locale), mode: EXECUTABLE });
  files.push({ path: 'verify.sh', content: verifyScript(plan, set, layout, placed, locale), mode: EXECUTABLE });
  const nodes = plan.allNodes.filter((n, i, all) => all.findIndex((m) => m.name === n.name) === i);
  files.push({ path: 'check-nodes.sh', content: generateNodeIdentityCheck(nodes, completeOptions(scriptOptions).locale), mode: EXECUTABLE });
  files.push({ path: 'README.md', content: clusterReadme(generated, layout, placed, locale), mode: PUBLIC });
  return files;
}

export async function buildClusterBundle(generated: GeneratedCluster, layout: Layout, locale: Locale = 'en', now = new Date(), scriptOptions: Partial<ScriptOptions> = {}): Promise<Uint8Array> {
  return zipBundleFiles(clusterBundleFiles(generated, layout, locale, scriptOptions), now);
}
