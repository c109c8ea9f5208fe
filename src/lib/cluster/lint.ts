// Lint rules on a validated plan: each finding says what is wrong, why it matters and how to fix it.
// These do not stop generation (a lab may want two etcd members or a single CA); errors do.
import type { Warning } from '../errors';
import { signerFor, type CertificateSet } from './certificates';
import { cidrContains, parseAddress } from './cidr';
import { deploymentFindings } from './lint-deployment';
import type { ResolvedPlan } from './validate';

export interface LintFinding extends Warning {
  why: string;
  fix: string;
  /** An error is a risk the plan should not go to production with; it still does not stop generation. */
  severity?: 'error' | 'warning';
  /** An in-app link that helps with the fix (`#/raft`). */
  link?: string;
}

type Rule = (plan: ResolvedPlan, set: CertificateSet) => LintFinding[];

const HOUR_NS = 3_600_000_000_000n;

function finding(code: string, field: string | undefined, message: string, why: string, fix: string, params: Record<string, string | number> = {}, link?: string): LintFinding {
  return { code: `cluster.lint.${code}`, message, why, fix, params, ...(field ? { field } : {}), ...(link ? { link } : {}) };
}

/** Every node with the plan path it came from, so a duplicate points at its own row in the form. */
function nodesWithFields(plan: ResolvedPlan): { name: string; ip: string; field: string }[] {
  const p = plan.plan;
  return [
    ...p.controlPlane.map((n, i) => ({ ...n, field: `controlPlane[${i}]` })),
    ...(p.etcd.topology === 'external' ? p.etcd.members.map((n, i) => ({ ...n, field: `etcd.members[${i}]` })) : []),
    ...p.workers.map((n, i) => ({ ...n, field: `workers[${i}]` })),
  ];
}

const endpointInSans: Rule = (plan, set) => {
  const wanted = [plan.plan.apiEndpoint.vip, plan.plan.apiEndpoint.dnsName].filter((h) => h !== '');
  return set.certificates
    .filter((c) => c.kind === 'apiserver')
    .flatMap((cert) =>
      wanted
        .filter((host) => !cert.hosts.some((h) => h.toLowerCase() === host.toLowerCase()))
        .map((host) =>
          finding('endpoint-missing-from-sans', 'apiEndpoint', `${cert.id} does not list the API endpoint ${host}`,
            'Clients that dial the load balancer get "x509: certificate is valid for …, not ' + host + '" (sealos#562).',
            `Add ${host} to the apiserver SANs (extraApiServerSans) and regenerate.`, { certificate: cert.id, host })),
    );
};

const noEndpoint: Rule = (plan) => {
  const { vip, dnsName } = plan.plan.apiEndpoint;
  if (vip !== '' || dnsName !== '' || plan.plan.controlPlane.length < 2) return [];
  return [finding('no-endpoint', 'apiEndpoint.vip', 'several control-plane nodes but no load-balancer VIP or DNS name',
    `Every kubeconfig then dials ${plan.endpointUrl}, the first control-plane node: when it is down, so is the cluster for kubectl and kubelets.`,
    'Put a load balancer (keepalived + haproxy, or a cloud LB) in front of the API servers and enter its VIP or DNS name.',
    { url: plan.endpointUrl })];
};

const evenEtcd: Rule = (plan) => {
  const n = plan.etcdMembers.length;
  if (n === 0 || n % 2 !== 0) return [];
  return [finding('even-etcd', plan.plan.etcd.topology === 'stacked' ? 'controlPlane' : 'etcd.members', `${n} etcd members`,
    `Quorum for ${n} members is ${n / 2 + 1}: the cluster survives ${n / 2 - 1} failure(s), no more than with ${n - 1} members, and a split into halves stops writes.`,
    `Use ${n - 1} or ${n + 1} members.`, { members: n, quorum: n / 2 + 1, tolerated: n / 2 - 1, lower: n - 1, upper: n + 1 }, '#/raft')];
};

const duplicates: Rule = (plan) => {
  const out: LintFinding[] = [];
  const seenNames = new Map<string, string>();
  const seenIps = new Map<string, string>();
  for (const node of nodesWithFields(plan)) {
    const sameName = seenNames.get(node.name);
    if (sameName) {
      out.push(finding('duplicate-node-name', `${node.field}.name`, `node name ${node.name} is used twice (also ${sameName})`,
        'Two nodes with one name get one kubelet identity system:node:<name>: the Node authorizer lets each act as the other, and the bundle folders collide.',
        'Give every node its own name.', { name: node.name, other: sameName }));
    } else seenNames.set(node.name, node.field);
    const sameIp = seenIps.get(node.ip);
    if (sameIp) {
      out.push(finding('duplicate-node-ip', `${node.field}.ip`, `IP ${node.ip} is used twice (also ${sameIp})`,
        'Two nodes on one address cannot both listen on 6443/2379/2380; etcd peers check the connecting IP against the peer certificate.',
        'Give every node its own address (only a single-host lab shares one, with different ports).', { ip: node.ip, other: sameIp }));
    } else seenIps.set(node.ip, node.field);
  }
  return out;
};

const serviceOverlap: Rule = (plan) =>
  nodesWithFields(plan).flatMap((node) => {
    const address = parseAddress(node.ip)!;
    const cidr = plan.serviceCidrs.find((c) => cidrContains(c, address));
    if (!cidr) return [];
    return [finding('service-cidr-overlaps-node', `${node.field}.ip`, `node IP ${node.ip} lies inside the service range ${cidr.text}`,
      'kube-proxy captures Service ClusterIPs on every node: traffic to this node address may be rewritten, and the allocator may hand the address to a Service.',
      'Choose a service range that no node, pod or LAN address uses (the default is 10.96.0.0/12).', { ip: node.ip, cidr: cidr.text })];
  });

const mastersAdmin: Rule = (plan) => {
  if (plan.minorVersion < 29 || plan.adminGroup !== 'system:masters') return [];
  return [finding('masters-admin', 'adminGroup', `admin.conf carries O=system:masters on Kubernetes 1.${plan.minorVersion}`,
    'system:masters bypasses RBAC and cannot be revoked: a leaked admin.conf is only cured by a new CA (kubeadm#2414). 1.29+ keeps it for super-admin.conf only.',
    'Leave adminGroup empty (kubeadm:cluster-admins, bound to cluster-admin) and keep super-admin.conf offline.', { minor: plan.minorVersion })];
};

const frontProxyCa: Rule = (plan) => {
  if (signerFor(plan, 'front-proxy-ca') !== 'ca') return [];
  return [finding('front-proxy-cluster-ca', 'trustModel', 'front-proxy-client is signed by the cluster CA',
    'With --requestheader-client-ca-file = the cluster CA, any client certificate from that CA whose CN is in --requestheader-allowed-names can impersonate any user through request headers; the auth docs warn against reusing the CA.',
    'Use the kubeadm trust model (separate front-proxy CA), or keep --requestheader-allowed-names to front-proxy-client only.')];
};

const caBeforeLeaves: Rule = (plan) => {
  if (plan.caExpiryNs >= plan.leafExpiryNs) return [];
  return [finding('ca-expires-before-leaves', 'caExpiry', `the CAs (${plan.plan.caExpiry}) expire before their leaves (${plan.plan.leafExpiry})`,
    'A certificate stops verifying when its CA expires, whatever its own notAfter says: the whole cluster fails at the CA date.',
    'Make caExpiry longer than leafExpiry (kubeadm: 87600h and 8760h).', { ca: plan.plan.caExpiry, leaf: plan.plan.leafExpiry })];
};

const longValidity: Rule = (plan) => {
  const out: LintFinding[] = [];
  if (plan.leafExpiryNs > 8760n * HOUR_NS) {
    out.push(finding('long-leaf-validity', 'leafExpiry', `leaf certificates valid for ${plan.plan.leafExpiry}`,
      'kubeadm warns above 8760h (v1beta4): a leaked leaf key stays useful that long, and `kubeadm certs renew` resets custom lifetimes to one year (sealos#4312).',
      'Prefer 8760h and a renewal routine; if you keep it, note that kubeadm upgrades will renew to 1 year.', { leaf: plan.plan.leafExpiry }));
  }
  if (plan.caExpiryNs > 87600n * HOUR_NS) {
    out.push(finding('long-ca-validity', 'caExpiry', `CAs valid for ${plan.plan.caExpiry}`,
      'kubeadm warns above 87600h (v1beta4 caCertificateValidityPeriod): a CA key outliving the people and machines that guard it is a CA key nobody can vouch for.',
      'Prefer 87600h (10 years) and plan the CA rotation; kubeasz\'s 100-year CA is a habit, not a need.', { ca: plan.plan.caExpiry }));
  }
  return out;
};

const RULES: Rule[] = [endpointInSans, noEndpoint, evenEtcd, duplicates, serviceOverlap, mastersAdmin, frontProxyCa, caBeforeLeaves, longValidity];

/** Every finding, errors first; `now` decides which Kubernetes minors are past their end of life. */
export function lintPlan(plan: ResolvedPlan, set: CertificateSet, now = new Date()): LintFinding[] {
  const findings = [...RULES.flatMap((rule) => rule(plan, set)), ...deploymentFindings(plan, now)];
  return [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity !== 'error')];
}
