// Lint rules on a validated plan: each finding names what is wrong; the catalogue says it, why it
// matters and how to fix it (`warning.<code>`, `.why`, `.fix`). These do not stop generation (a lab may
// want two etcd members or a single CA); errors do.
import type { Warning } from '../errors';
import { HOUR_NS } from '../pki/facts';
import { signerFor, type CertificateSet } from './certificates';
import { cidrContains, parseAddress } from './cidr';
import type { ClusterWarningCode } from './errors';
import { deploymentFindings } from './lint-deployment';
import type { ResolvedPlan } from './validate';

export interface LintFinding extends Warning {
  code: ClusterWarningCode;
  /** An error is a risk the plan should not go to production with; it still does not stop generation. */
  severity?: 'error' | 'warning';
  /** An in-app link that helps with the fix (`#/raft`). */
  link?: string;
}

type Rule = (plan: ResolvedPlan, set: CertificateSet) => LintFinding[];
export type RuleName = ClusterWarningCode extends `cluster.${infer R}` ? R : never;

/** kubeadm warns about longer lifetimes (cmd/kubeadm/app/apis/kubeadm/validation: 1 year leaves, 10 years CAs). */
const KUBEADM_LEAF_WARNING_NS = 8760n * HOUR_NS;
const KUBEADM_CA_WARNING_NS = 87600n * HOUR_NS;

export function finding(rule: RuleName, field: string | undefined, params: Record<string, string | number> = {}, link?: string, severity?: 'error'): LintFinding {
  return { code: `cluster.${rule}`, params, ...(field ? { field } : {}), ...(link ? { link } : {}), ...(severity ? { severity } : {}) };
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

// Clients dialling the load balancer get "x509: certificate is valid for …" (github.com/labring/sealos/issues/562).
const endpointInSans: Rule = (plan, set) => {
  const wanted = [plan.plan.apiEndpoint.vip, plan.plan.apiEndpoint.dnsName].filter((h) => h !== '');
  return set.certificates
    .filter((c) => c.kind === 'apiserver')
    .flatMap((cert) =>
      wanted
        .filter((host) => !cert.hosts.some((h) => h.toLowerCase() === host.toLowerCase()))
        .map((host) => finding('endpoint-missing-from-sans', 'apiEndpoint', { certificate: cert.id, host })),
    );
};

const noEndpoint: Rule = (plan) => {
  const { vip, dnsName } = plan.plan.apiEndpoint;
  if (vip !== '' || dnsName !== '' || plan.plan.controlPlane.length < 2) return [];
  return [finding('no-endpoint', 'apiEndpoint.vip', { url: plan.endpointUrl })];
};

const evenEtcd: Rule = (plan) => {
  const n = plan.etcdMembers.length;
  if (n === 0 || n % 2 !== 0) return [];
  const field = plan.plan.etcd.topology === 'stacked' ? 'controlPlane' : 'etcd.members';
  return [finding('even-etcd', field, { members: n, quorum: n / 2 + 1, tolerated: n / 2 - 1, lower: n - 1, upper: n + 1 }, '#/raft')];
};

// Duplicate names are refused by validatePlan; a shared IP is only suspicious (a one-host lab has it).
const duplicateIps: Rule = (plan) => {
  const out: LintFinding[] = [];
  const seenIps = new Map<string, string>();
  for (const node of nodesWithFields(plan)) {
    const sameIp = seenIps.get(node.ip);
    if (sameIp) {
      out.push(finding('duplicate-node-ip', `${node.field}.ip`, { ip: node.ip, other: sameIp }));
    } else seenIps.set(node.ip, node.field);
  }
  return out;
};

const serviceOverlap: Rule = (plan) =>
  nodesWithFields(plan).flatMap((node) => {
    const address = parseAddress(node.ip)!;
    const cidr = plan.serviceCidrs.find((c) => cidrContains(c, address));
    if (!cidr) return [];
    return [finding('service-cidr-overlaps-node', `${node.field}.ip`, { ip: node.ip, cidr: cidr.text })];
  });

// A leaked system:masters credential is only cured by a new CA (github.com/kubernetes/kubeadm/issues/2414);
// kubeadm 1.29 keeps the group for super-admin.conf only.
const mastersAdmin: Rule = (plan) => {
  if (plan.minorVersion < 29 || plan.adminGroup !== 'system:masters') return [];
  return [finding('masters-admin', 'adminGroup', { minor: plan.minorVersion })];
};

const frontProxyCa: Rule = (plan) => {
  if (signerFor(plan, 'front-proxy-ca') !== 'ca') return [];
  return [finding('front-proxy-cluster-ca', 'trustModel')];
};

const caBeforeLeaves: Rule = (plan) => {
  if (plan.caExpiryNs >= plan.leafExpiryNs) return [];
  return [finding('ca-expires-before-leaves', 'caExpiry', { ca: plan.plan.caExpiry, leaf: plan.plan.leafExpiry })];
};

// `kubeadm certs renew` resets custom lifetimes to one year (github.com/labring/sealos/issues/4312).
const longValidity: Rule = (plan) => {
  const out: LintFinding[] = [];
  if (plan.leafExpiryNs > KUBEADM_LEAF_WARNING_NS) {
    out.push(finding('long-leaf-validity', 'leafExpiry', { leaf: plan.plan.leafExpiry }));
  }
  if (plan.caExpiryNs > KUBEADM_CA_WARNING_NS) {
    out.push(finding('long-ca-validity', 'caExpiry', { ca: plan.plan.caExpiry }));
  }
  return out;
};

const RULES: Rule[] = [endpointInSans, noEndpoint, evenEtcd, duplicateIps, serviceOverlap, mastersAdmin, frontProxyCa, caBeforeLeaves, longValidity];

/** Every finding, errors first; `now` decides which Kubernetes minors are past their end of life. */
export function lintPlan(plan: ResolvedPlan, set: CertificateSet, now = new Date()): LintFinding[] {
  const findings = [...RULES.flatMap((rule) => rule(plan, set)), ...deploymentFindings(plan, now)];
  return [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity !== 'error')];
}
