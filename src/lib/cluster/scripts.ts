// distribute.sh and verify.sh for the bundle (both must pass shellcheck). They are generated from the
// same node file list as the zip, so what they copy and check is exactly what was written; their
// comments and what they print come from the catalogue, in the bundle's language. Also the per-node
// options of the node scripts (src/lib/scripts): each node's hostname, role and /etc/hosts block, the
// plan's Kubernetes minor and image repository.
import { translate, type Locale, type MessageKey, type MessageParams } from '../i18n';
import { shellComment, shellMessage, shellQuote } from '../scripts/shell';
import type { CertificateSet, CertificatePlan } from './certificates';
import {
  DEFAULT_IMAGE_REPOSITORY,
  KUBERNETES_MINORS,
  allowedValues,
  completeOptions,
  scriptsFor,
  type HostsEntry,
  type NodeRole,
  type ScriptName,
  type ScriptOptions,
} from '../scripts';
import type { NodeFile } from './files';
import { signerCertPath, type Layout } from './paths';
import { parseAddress } from './cidr';
import { formatIp } from '../pki';
import { bigintToIp } from './cidr';
import type { ResolvedPlan } from './validate';

/**
 * How `openssl x509 -ext subjectAltName` prints a SAN, spaces removed and lowercased; IPv6 in both
 * OpenSSL 3.0's uncompressed form and RFC 5952 form (newer releases), alternatives joined by `|`.
 */
export function opensslSanPatterns(host: string): string {
  const address = parseAddress(host);
  if (!address) return `dns:${host.toLowerCase()}`;
  if (address.family === 4) return `ipaddress:${address.text}`;
  const bytes = bigintToIp(address.value, 6);
  const groups = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i]! << 8) | bytes[2 * i + 1]!).toString(16));
  return `ipaddress:${groups.join(':')}|ipaddress:${formatIp(bytes)}`;
}

function header(plan: ResolvedPlan, locale: Locale, script: 'distribute' | 'verify'): string[] {
  return [
    '#!/usr/bin/env bash',
    ...shellComment(locale, `cluster.sh.${script}.title`),
    ...shellComment(locale, 'cluster.sh.generated', { cluster: plan.plan.clusterName, minor: plan.minorVersion }),
    ...shellComment(locale, `cluster.sh.${script}.usage`),
    'set -euo pipefail',
    '',
    'here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"',
  ];
}

function nodeNames(plan: ResolvedPlan): string[] {
  return [...new Set(plan.allNodes.map((n) => n.name))];
}

function selection(plan: ResolvedPlan): string[] {
  return [
    `all_nodes=(${nodeNames(plan).map(shellQuote).join(' ')})`,
    'if [ "$#" -gt 0 ]; then nodes=("$@"); else nodes=("${all_nodes[@]}"); fi',
  ];
}

export function distributeScript(plan: ResolvedPlan, files: NodeFile[], locale: Locale): string {
  const lines = header(plan, locale, 'distribute');
  lines.push(
    'ssh_user="${SSH_USER:-root}"',
    'dry_run="${DRY_RUN:-0}"',
    'ssh_options=(-o ControlMaster=auto -o "ControlPath=${TMPDIR:-/tmp}/kubeprep-ssh-%C" -o ControlPersist=60)',
    '',
    'run() {',
    '  if [ "$dry_run" = 1 ]; then printf \'%q \' "$@"; printf \'\\n\'; else "$@"; fi',
    '}',
    '',
    ...shellComment(locale, 'cluster.sh.distribute.send'),
    'send() {',
    '  local node="$1" scp_host="$2" mode="$3" path="$4"',
    '  chmod "$mode" "$here/$node$path"',
    '  run scp -p "${ssh_options[@]}" "$here/$node$path" "$ssh_user@$scp_host:$path"',
    '}',
    '',
    'copy_node() {',
    '  case "$1" in',
  );
  const byNode = new Map<string, NodeFile[]>();
  for (const file of files) byNode.set(file.node, [...(byNode.get(file.node) ?? []), file]);
  for (const node of plan.allNodes.filter((n, i, all) => all.findIndex((m) => m.name === n.name) === i)) {
    const nodeFiles = byNode.get(node.name) ?? [];
    const scpHost = node.ip.includes(':') ? `[${node.ip}]` : node.ip;
    const dirs = [...new Set(nodeFiles.map((f) => f.path.slice(0, f.path.lastIndexOf('/'))))].sort();
    const secrets = nodeFiles.filter((f) => f.secret).map((f) => shellQuote(f.path));
    lines.push(`    ${shellQuote(node.name)})`);
    lines.push(`      run ssh "\${ssh_options[@]}" "$ssh_user@${node.ip}" ${shellQuote(`umask 077 && mkdir -p ${dirs.map(shellQuote).join(' ')}`)}`);
    for (const file of nodeFiles) {
      lines.push(`      send ${shellQuote(node.name)} ${shellQuote(scpHost)} ${file.secret ? '0600' : file.executable ? '0755' : '0644'} ${shellQuote(file.path)}`);
    }
    // The remote chmod makes the mode right even where the remote umask or an old file interfered.
    if (secrets.length > 0) lines.push(`      run ssh "\${ssh_options[@]}" "$ssh_user@${node.ip}" ${shellQuote(`chmod 0600 ${secrets.join(' ')}`)}`);
    lines.push('      ;;');
  }
  lines.push(
    `    *) printf '%s\\n' ${shellMessage(locale, 'cluster.sh.unknown-node', { node: '1' })} >&2; return 1 ;;`,
    '  esac',
    '}',
    '',
    ...selection(plan),
    'for node in "${nodes[@]}"; do',
    '  printf \'== %s\\n\' "$node"',
    '  copy_node "$node"',
    'done',
    '',
  );
  return lines.join('\n');
}

/**
 * The CA argument of check_cert: the path on the node, or `@<node>:<path>` when the bundle does not put
 * the CA on this node (a kubeadm worker, whose pki/ca.crt `kubeadm join` writes): on the unzipped bundle
 * it is read from that other node's folder, on the node itself from the path.
 */
function caArgument(caPath: string, holders: readonly string[], node: string): string {
  return holders.includes(node) || holders.length === 0 ? caPath : `@${holders[0]}:${caPath}`;
}

function certCheck(layout: Layout, file: NodeFile, cert: CertificatePlan, keyPath: string | undefined, files: readonly NodeFile[]): string {
  const sans = cert.hosts.map((h) => shellQuote(opensslSanPatterns(h)));
  const caPath = signerCertPath(layout, cert.signer);
  const holders = [...new Set(files.filter((f) => f.path === caPath && f.source.type === 'ca-cert').map((f) => f.node))];
  return `      check_cert ${shellQuote(file.node)} ${shellQuote(file.path)} ${shellQuote(caArgument(caPath, holders, file.node))} ${shellQuote(keyPath ?? '')} ${sans.join(' ')}`.trimEnd();
}

export function verifyScript(plan: ResolvedPlan, set: CertificateSet, layout: Layout, files: NodeFile[], locale: Locale): string {
  const lines = header(plan, locale, 'verify');
  const say = (key: MessageKey, vars: Record<string, string>) => shellMessage(locale, key, vars);
  lines.push(
    'warn_days="${WARN_DAYS:-30}"',
    'failures=0',
    'checked=0',
    'scratch="$(mktemp -d)"',
    'trap \'rm -rf "$scratch"\' EXIT',
    '',
    'root_of() {',
    '  if [ -n "${KUBEPREP_ROOT:-}" ]; then printf \'%s\' "${KUBEPREP_ROOT%/}"; else printf \'%s/%s\' "$here" "$1"; fi',
    '}',
    'fail() { printf \'FAIL %s\\n\' "$*"; failures=$((failures + 1)); }',
    '',
    ...shellComment(locale, 'cluster.sh.verify.key-pub'),
    'key_pub() {',
    '  if [ -n "${KUBEPREP_KEY_PASSPHRASE:-}" ]; then openssl pkey -in "$1" -pubout -passin env:KUBEPREP_KEY_PASSPHRASE 2>/dev/null; else openssl pkey -in "$1" -pubout -passin pass: 2>/dev/null; fi',
    '}',
    '',
    ...shellComment(locale, 'cluster.sh.verify.check-pem'),
    'check_pem() {',
    '  local label="$1" cert="$2" ca="$3" key="$4" info status=0 pub sans wanted alternative found',
    '  local -a alternatives',
    '  shift 4',
    '  checked=$((checked + 1))',
    `  if [ ! -s "$cert" ]; then fail ${say('cluster.sh.verify.missing', { label: 'label' })}; return; fi`,
    `  if ! openssl verify -CAfile "$ca" "$cert" >/dev/null 2>&1; then fail ${say('cluster.sh.verify.not-signed', { label: 'label', ca: 'ca' })}; fi`,
    '  info="$(openssl x509 -in "$cert" -noout -pubkey -ext subjectAltName -checkend $((warn_days * 86400)) 2>/dev/null)" || status=$?',
    '  if [ "$status" != 0 ]; then',
    '    if openssl x509 -in "$cert" -noout -checkend 0 >/dev/null; then',
    `      printf 'warn %s\\n' ${say('cluster.sh.verify.expires-soon', { label: 'label', days: 'warn_days' })}`,
    '    else',
    `      fail ${say('cluster.sh.verify.expired', { label: 'label' })}`,
    '    fi',
    '  fi',
    '  pub="-----BEGIN PUBLIC KEY-----${info#*-----BEGIN PUBLIC KEY-----}"',
    '  pub="${pub%%-----END PUBLIC KEY-----*}-----END PUBLIC KEY-----"',
    '  if [ -n "$key" ] && [ "$pub" != "$(key_pub "$key")" ]; then',
    `    fail ${say('cluster.sh.verify.key-differs', { label: 'label' })}`,
    '  fi',
    '  sans=""',
    '  if [[ "$info" == *"Subject Alternative Name:"* ]]; then',
    '    sans="${info#*Subject Alternative Name:*$\'\\n\'}"',
    '    sans="${sans%%$\'\\n\'*}"',
    '    sans="${sans// /}"',
    '    sans="${sans,,}"',
    '  fi',
    '  for wanted in "$@"; do',
    '    found=0',
    '    IFS=\'|\' read -r -a alternatives <<<"$wanted"',
    '    for alternative in "${alternatives[@]}"; do',
    '      case ",$sans," in *",$alternative,"*) found=1 ;; esac',
    '    done',
    '    wanted="${wanted%%|*}"',
    `    if [ "$found" = 0 ]; then fail ${say('cluster.sh.verify.san-missing', { label: 'label', san: 'wanted' })}; fi`,
    '  done',
    '  printf \'checked %s\\n\' "$label"',
    '}',
    '',
    ...shellComment(locale, 'cluster.sh.verify.check-cert'),
    'check_cert() {',
    '  local node="$1" cert="$2" ca="$3" key="$4" root ca_root',
    '  shift 4',
    '  root="$(root_of "$node")"',
    '  ca_root="$root"',
    '  if [[ "$ca" == @* ]]; then',
    '    ca="${ca#@}"',
    '    if [ -z "${KUBEPREP_ROOT:-}" ]; then ca_root="$(root_of "${ca%%:*}")"; fi',
    '    ca="${ca#*:}"',
    '  fi',
    '  check_pem "$node:$cert" "$root$cert" "$ca_root$ca" "${key:+$root$key}" "$@"',
    '}',
    '',
    ...shellComment(locale, 'cluster.sh.verify.check-kubeconfig'),
    'check_kubeconfig() {',
    '  local node="$1" conf="$2" root dir line',
    '  root="$(root_of "$node")"',
    '  dir="$scratch/$node${conf//\\//_}"',
    '  mkdir -p "$dir"',
    '  if [ ! -s "$root$conf" ]; then',
    '    checked=$((checked + 1))',
    '    conf="$node:$conf"',
    `    fail ${say('cluster.sh.verify.missing', { label: 'conf' })}`,
    '    return',
    '  fi',
    '  : >"$dir/ca.crt"',
    '  : >"$dir/client.crt"',
    '  : >"$dir/client.key"',
    '  while IFS= read -r line; do',
    '    case "$line" in',
    '      *certificate-authority-data:*) base64 -d <<<"${line##* }" >"$dir/ca.crt" ;;',
    '      *client-certificate-data:*) base64 -d <<<"${line##* }" >"$dir/client.crt" ;;',
    '      *client-key-data:*) base64 -d <<<"${line##* }" >"$dir/client.key" ;;',
    '    esac',
    '  done <"$root$conf"',
    '  if [ -s "$dir/client.crt" ]; then',
    '    check_pem "$node:$conf" "$dir/client.crt" "$dir/ca.crt" "$dir/client.key"',
    '  else',
    '    check_pem "$node:$conf (CA)" "$dir/ca.crt" "$dir/ca.crt" ""',
    '  fi',
    '}',
    '',
    'verify_node() {',
    '  case "$1" in',
  );
  const certsById = new Map(set.certificates.map((c) => [c.id, c]));
  const byNode = new Map<string, NodeFile[]>();
  for (const file of files) byNode.set(file.node, [...(byNode.get(file.node) ?? []), file]);
  for (const node of nodeNames(plan)) {
    lines.push(`    ${shellQuote(node)})`);
    const nodeFiles = byNode.get(node) ?? [];
    const keyPathOf = (match: (f: NodeFile) => boolean) => nodeFiles.find(match)?.path;
    for (const file of nodeFiles) {
      const source = file.source;
      if (source.type === 'cert') {
        const keyPath = keyPathOf((f) => f.source.type === 'key' && f.source.id === source.id);
        lines.push(certCheck(layout, file, certsById.get(source.id)!, keyPath, files));
      } else if (source.type === 'ca-cert') {
        const keyPath = keyPathOf((f) => f.source.type === 'ca-key' && f.source.role === source.role && sameBase(f.path, file.path));
        lines.push(`      check_cert ${shellQuote(node)} ${shellQuote(file.path)} ${shellQuote(file.path)} ${shellQuote(keyPath ?? '')}`);
      } else if (source.type === 'kubeconfig') {
        lines.push(`      check_kubeconfig ${shellQuote(node)} ${shellQuote(file.path)}`);
      }
    }
    lines.push('      ;;');
  }
  lines.push(
    `    *) fail ${say('cluster.sh.unknown-node', { node: '1' })} ;;`,
    '  esac',
    '}',
    '',
    ...selection(plan),
    'for node in "${nodes[@]}"; do',
    '  verify_node "$node"',
    'done',
    `printf '%s\\n' ${say('cluster.sh.verify.summary', { checked: 'checked', failed: 'failures' })}`,
    '[ "$failures" = 0 ]',
    '',
  );
  return lines.join('\n');
}

/** ca.crt ↔ ca.key, ca.pem ↔ ca-key.pem. */
function sameBase(keyPath: string, certPath: string): boolean {
  const strip = (p: string) => p.replace(/(-key)?\.(crt|key|pem)$/, '');
  return strip(keyPath) === strip(certPath);
}

export interface NodeScripts {
  /** The scripts every node gets (the release's, see scriptsFor). */
  names: ScriptName[];
  optionsFor(node: string): ScriptOptions;
}

function roleOf(plan: ResolvedPlan, node: string): NodeRole {
  if (plan.plan.controlPlane.some((n) => n.name === node)) return plan.plan.etcd.topology === 'stacked' ? 'control-plane' : 'control-plane-external-etcd';
  if (plan.plan.etcd.topology === 'external' && plan.etcdMembers.some((n) => n.name === node)) return 'etcd';
  return 'worker';
}

/** Every node by name, then the API DNS name on the VIP (or the first control plane without one). */
export function planHostsEntries(plan: ResolvedPlan): HostsEntry[] {
  const entries = plan.allNodes.filter((n, i, all) => all.findIndex((m) => m.name === n.name) === i).map((n) => ({ ip: n.ip, name: n.name }));
  const { dnsName, vip } = plan.plan.apiEndpoint;
  if (dnsName !== '') entries.push({ ip: vip || plan.plan.controlPlane[0]!.ip, name: dnsName.toLowerCase() });
  return entries;
}

/**
 * The image repository kubeadm and containerd's sandbox image use: the plan's, else the Node scripts
 * screen's, else registry.k8s.io. One answer for the kubeadm configuration and the node scripts.
 */
export function effectiveImageRepository(plan: ResolvedPlan, base: Partial<ScriptOptions>): string {
  return plan.plan.imageRepository || base.imageRepository || DEFAULT_IMAGE_REPOSITORY;
}

/**
 * The node scripts for a plan: `base` (the Node scripts screen's choices: release, mirror, firewall,
 * kube-proxy mode, language...) with each node's own values from the plan. null when the plan's
 * Kubernetes minor is not one the scripts can install on that release (they are then left out).
 */
export function nodeScripts(plan: ResolvedPlan, base: Partial<ScriptOptions>): NodeScripts | null {
  const version = KUBERNETES_MINORS.find((v) => v === `1.${plan.minorVersion}`);
  const common = completeOptions({ ...base, kubernetesVersion: version });
  if (!version || !allowedValues('kubernetesVersion', common).includes(version)) return null;
  const hosts = planHostsEntries(plan);
  const imageRepository = effectiveImageRepository(plan, base);
  return {
    names: scriptsFor(common.release),
    optionsFor: (node) =>
      completeOptions({
        ...common,
        hostname: node,
        hosts,
        role: roleOf(plan, node),
        apiServerPort: plan.plan.apiServerBindPort,
        imageRepository,
      }),
  };
}
