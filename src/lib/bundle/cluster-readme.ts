// README.md of the cluster plan's zip, in the user's language (like the cfssl bundle's README): what the
// plan was, the three steps (verify, distribute, verify on the node), each node's folder and the table
// of certificates. Commands, file names and table cells stay as they are: they are typed, not read.
import { allKubeconfigs, type GeneratedCluster, type Layout, type NodeFile } from '../cluster';
import { translate, type Locale, type MessageKey } from '../i18n';

export function clusterReadme(generated: GeneratedCluster, layout: Layout, placed: readonly NodeFile[], locale: Locale): string {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const { plan, set } = generated;
  const p = plan.plan;
  const nodes = [...new Set(placed.map((f) => f.node))];
  const kubeconfigs = allKubeconfigs(generated);
  const rows = set.certificates.map(
    (c) => `| ${c.id} | ${c.signer} | ${c.cn} | ${c.o.join(', ') || '—'} | ${c.hosts.join(', ') || '—'} | ${c.usages.join(', ')} | ${c.expiry} |`,
  );
  return [
    `# ${t('cluster.bundle.readme.title', { name: p.clusterName })}`,
    '',
    t('cluster.bundle.readme.generated', { minor: plan.minorVersion, trustModel: p.trustModel, layout }),
    t('cluster.bundle.readme.network', { endpoint: plan.endpointUrl, serviceCidr: p.serviceCidr, serviceIps: plan.serviceIps.join(', ') }),
    '',
    t('cluster.bundle.readme.secrets'),
    '',
    `## ${t('cluster.bundle.readme.steps')}`,
    '',
    `1. ${t('cluster.bundle.readme.step-verify')}`,
    `2. ${t('cluster.bundle.readme.step-distribute')}`,
    `3. ${t('cluster.bundle.readme.step-node')}`,
    ...(generated.manifests.size > 0 ? [`4. ${t('cluster.bundle.readme.step-apply', { manifests: [...generated.manifests.keys()].join(', ') })}`] : []),
    '',
    t('cluster.bundle.readme.cfssl'),
    '',
    `## ${t('cluster.bundle.readme.nodes')}`,
    '',
    ...nodes.map((n) => `- \`${n}/\`: ${t('cluster.bundle.readme.node-files', { count: placed.filter((f) => f.node === n).length })}`),
    '',
    t('cluster.bundle.readme.kubeconfigs', {
      count: kubeconfigs.size,
      names: [...new Set([...kubeconfigs.keys()].map((k) => k.split('/')[1]))].join(', '),
    }),
    '',
    `## ${t('cluster.bundle.readme.certificates')}`,
    '',
    t('cluster.bundle.readme.table-header'),
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    t('cluster.bundle.readme.cas', { cas: set.cas.map((ca) => `${ca.id} (CN ${ca.cn}, ${ca.expiry})`).join(', '), size: set.serviceAccount.size }),
    '',
  ].join('\n');
}
