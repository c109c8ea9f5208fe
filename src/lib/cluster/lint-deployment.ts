// Findings about running the plan rather than about its certificates: what etcd trusts, whether the
// target still gets patches, whether Secrets are encrypted, whether the node scripts can serve it.
// Codes and parameters only; the words (message, why, fix) are the catalogue's `warning.<code>`.
import { KUBERNETES_MINORS, minorNumber } from '../scripts/releases';
import { finding, type LintFinding } from './lint';
import { KUBERNETES_RELEASES, NEWEST_MINOR, supportStatus } from './releases';
import type { ResolvedPlan } from './validate';

/**
 * One CA for everything makes etcd's --trusted-ca-file the cluster CA: every kubelet, kube-proxy and
 * admin key is a valid etcd client, and etcd has no RBAC of its own in this setup.
 */
function etcdTrust(plan: ResolvedPlan): LintFinding[] {
  if (plan.plan.trustModel !== 'single-ca') return [];
  return [finding('etcd-trusts-cluster-ca', 'trustModel', { members: plan.etcdMembers.length }, undefined, 'error')];
}

function endOfLife(plan: ResolvedPlan, now: Date): LintFinding[] {
  if (supportStatus(plan.release, now) !== 'end-of-life') return [];
  const supported = KUBERNETES_RELEASES.filter((r) => supportStatus(r, now) !== 'end-of-life').map((r) => `1.${r.minor}`);
  return [finding('version-end-of-life', 'kubernetesVersion', { minor: plan.minorVersion, date: plan.release.endOfLife, newest: NEWEST_MINOR, supported: supported.join(', ') })];
}

/** The node scripts install from pkgs.k8s.io, whose oldest minor they know is the last of KUBERNETES_MINORS. */
function nodeScripts(plan: ResolvedPlan): LintFinding[] {
  const oldest = minorNumber(KUBERNETES_MINORS[KUBERNETES_MINORS.length - 1]!);
  if (plan.minorVersion >= oldest) return [];
  return [finding('no-node-scripts', 'kubernetesVersion', { minor: plan.minorVersion, oldest })];
}

function encryption(plan: ResolvedPlan): LintFinding[] {
  return plan.plan.encryptionAtRest ? [] : [finding('no-encryption-at-rest', 'encryptionAtRest')];
}

export function deploymentFindings(plan: ResolvedPlan, now: Date): LintFinding[] {
  return [...etcdTrust(plan), ...endOfLife(plan, now), ...nodeScripts(plan), ...encryption(plan)];
}
