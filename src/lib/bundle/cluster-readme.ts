// README.md of the cluster plan's zip, in the user's language (like the cfssl bundle's README): what the
// plan was, the bootstrap token's expiry, the steps from the unzipped bundle to a running control plane
// for the chosen layout (kubeadm init/join in order, or the binary install's units), the node scripts,
// each node's folder and the table of certificates. Commands, file names and table cells stay as they
// are: they are typed, not read.
import {
  ENCRYPTION_CONFIG_PATH, kubeadmRole, unitsFor,
  type GeneratedCluster, type Layout, type NodeFile,
} from '../cluster';
import { listIn, translate, type Locale, type MessageKey } from '../i18n';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** `2026-11-30 21:57 UTC`: unambiguous in both languages. */
export function utcMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function loadBalancerStep(generated: GeneratedCluster, layout: Layout, t: Translate): string {
  const p = generated.plan.plan;
  const vip = p.apiEndpoint.vip;
  switch (p.loadBalancer.kind) {
    case 'keepalived-haproxy':
      return t('cluster.bundle.readme.step-haproxy', { vip, interface: p.loadBalancer.interface });
    case 'kube-vip':
      return layout === 'kubeadm'
        ? t('cluster.bundle.readme.step-kube-vip', { vip, interface: p.loadBalancer.interface })
        : t('cluster.bundle.readme.step-kube-vip-static', { vip, interface: p.loadBalancer.interface });
    case 'external':
      return t('cluster.bundle.readme.step-external-lb', { endpoint: generated.plan.endpointUrl, port: p.apiServerBindPort });
  }
}

/** The identity that can apply RBAC before any binding exists: super-admin.conf (1.29+) or admin.conf. */
function breakGlassKubeconfig(generated: GeneratedCluster): string {
  const first = generated.plan.plan.controlPlane[0]!.name;
  return `${first}/etc/kubernetes/${generated.plan.minorVersion >= 29 ? 'super-admin.conf' : 'admin.conf'}`;
}

function rbacStep(generated: GeneratedCluster, layout: Layout, t: Translate): string {
  // kubeadm init creates the token, cluster-info and the TLS bootstrap bindings itself.
  const files = layout === 'cfssl'
    ? 'cluster/'
    : [...generated.manifests.keys()].filter((name) => name !== 'bootstrap-token.yaml' && name !== 'cluster-info.yaml').map((name) => `cluster/${name}`).join(' -f ');
  return t('cluster.bundle.readme.step-rbac', { superAdmin: breakGlassKubeconfig(generated), files });
}

function kubeadmSteps(generated: GeneratedCluster, t: Translate): string[] {
  const p = generated.plan.plan;
  const [first, ...others] = p.controlPlane;
  return [
    ...(p.etcd.topology === 'external' ? [t('cluster.bundle.readme.step-etcd')] : []),
    loadBalancerStep(generated, 'kubeadm', t),
    t('cluster.bundle.readme.step-init', { node: first!.name }),
    rbacStep(generated, 'kubeadm', t),
    ...(others.length > 0 ? [t('cluster.bundle.readme.step-join-control-plane', { nodes: others.map((n) => n.name).join(t('common.list.separator')) })] : []),
    ...(others.length > 0 && p.loadBalancer.kind === 'kube-vip' ? [t('cluster.bundle.readme.step-kube-vip-join')] : []),
    ...(p.workers.length > 0 ? [t('cluster.bundle.readme.step-join-worker', { nodes: p.workers.map((n) => n.name).join(t('common.list.separator')) })] : []),
  ];
}

function cfsslSteps(generated: GeneratedCluster, t: Translate): string[] {
  return [
    t('cluster.bundle.readme.step-binaries', { minor: generated.plan.minorVersion }),
    t('cluster.bundle.readme.step-etcd'),
    loadBalancerStep(generated, 'cfssl', t),
    t('cluster.bundle.readme.step-control-plane'),
    rbacStep(generated, 'cfssl', t),
    t('cluster.bundle.readme.step-kubelet'),
  ];
}

/** Every kubeadm command, node by node, in the order they must run. */
function kubeadmCommands(generated: GeneratedCluster): string[] {
  const plan = generated.plan;
  const lines = plan.allNodes.flatMap((node) => {
    const role = kubeadmRole(plan, node.name);
    if (!role) return [];
    return [`# ${node.name} (${node.ip})`, `kubeadm ${role === 'init' ? 'init' : 'join'} --config /opt/kubeprep/kubeadm-config.yaml`];
  });
  return ['```sh', ...lines, '```'];
}

function unitList(generated: GeneratedCluster, layout: Layout, t: Translate, list: (items: readonly string[]) => string): string[] {
  return generated.plan.allNodes
    .map((node) => ({ node, units: unitsFor(generated.plan, layout, node.name) }))
    .filter(({ units }) => units.length > 0)
    .map(({ node, units }) => `- ${t('common.labelled', { label: `\`${node.name}\``, value: list(units.map((u) => `${u}.service`)) })}`);
}

export function clusterReadme(generated: GeneratedCluster, layout: Layout, placed: readonly NodeFile[], locale: Locale, scriptNames: readonly string[] | null): string {
  const t: Translate = (key, params) => translate(locale, key, params);
  const list = (items: readonly string[]): string => listIn(locale, items);
  const { plan, set } = generated;
  const p = plan.plan;
  const nodes = [...new Set(placed.map((f) => f.node))];
  const kubeconfigs = placed.flatMap((f) => (f.source.type === 'kubeconfig' ? [f.source.spec.file] : []));
  const rows = set.certificates.map(
    (c) => `| ${c.id} | ${c.signer} | ${c.cn} | ${c.o.join(', ') || '—'} | ${c.hosts.join(', ') || '—'} | ${c.usages.join(', ')} | ${c.expiry} |`,
  );
  // Installed files are checked on a node once all of them are there: with kubeadm, after join has
  // written a worker's pki/ca.crt.
  const checkOnNode = t('cluster.bundle.readme.step-node');
  const steps = [
    t('cluster.bundle.readme.step-verify'),
    t('cluster.bundle.readme.step-distribute'),
    ...(layout === 'cfssl' ? [checkOnNode] : []),
    ...(scriptNames ? [t('cluster.bundle.readme.step-scripts')] : []),
    ...(layout === 'kubeadm' ? [...kubeadmSteps(generated, t), checkOnNode] : cfsslSteps(generated, t)),
    t('cluster.bundle.readme.step-cni', { podCidr: p.podCidr }),
  ];
  return [
    `# ${t('cluster.bundle.readme.title', { name: p.clusterName })}`,
    '',
    t('cluster.bundle.readme.generated', { minor: plan.minorVersion, trustModel: p.trustModel, layout }),
    t('cluster.bundle.readme.network', { endpoint: plan.endpointUrl, serviceCidr: p.serviceCidr, serviceIps: list(plan.serviceIps) }),
    '',
    t('cluster.bundle.readme.secrets'),
    '',
    t('cluster.bundle.readme.token', { id: generated.bootstrapToken.id, date: utcMinute(generated.tokenExpires), ttl: p.bootstrapTokenTtl, hash: generated.caCertHash }),
    ...(p.encryptionAtRest ? ['', t('cluster.bundle.readme.encryption', { path: ENCRYPTION_CONFIG_PATH })] : []),
    '',
    `## ${t('cluster.bundle.readme.steps')}`,
    '',
    ...steps.map((step, i) => `${i + 1}. ${step}`),
    '',
    ...(layout === 'kubeadm'
      ? [`## ${t('cluster.bundle.readme.commands')}`, '', ...kubeadmCommands(generated)]
      : [`## ${t('cluster.bundle.readme.units')}`, '', ...unitList(generated, layout, t, list)]),
    '',
    scriptNames
      ? t('cluster.bundle.readme.scripts', { names: list(scriptNames.map((n) => `${n}.sh`)) })
      : t('cluster.bundle.readme.noScripts', { minor: plan.minorVersion }),
    '',
    t('cluster.bundle.readme.cfssl'),
    '',
    `## ${t('cluster.bundle.readme.nodes')}`,
    '',
    ...nodes.map((n) => `- ${t('common.labelled', { label: `\`${n}/\``, value: t('cluster.bundle.readme.node-files', { count: placed.filter((f) => f.node === n).length }) })}`),
    '',
    t('cluster.bundle.readme.kubeconfigs', { count: kubeconfigs.length, names: list([...new Set(kubeconfigs)]) }),
    '',
    `## ${t('cluster.bundle.readme.certificates')}`,
    '',
    t('cluster.bundle.readme.table-header'),
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    t('cluster.bundle.readme.cas', { cas: list(set.cas.map((ca) => t('common.aside', { text: ca.id, aside: `CN ${ca.cn}, ${ca.expiry}` }))), size: set.serviceAccount.size }),
    '',
  ].join('\n');
}
