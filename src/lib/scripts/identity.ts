// Node identity: the hostname from the plan, a managed /etc/hosts block, and the product_uuid and MAC
// addresses that must differ on every node (cloned VMs share them; the kubelet and CNI plugins tell
// nodes apart by them: https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/install-kubeadm/
// "Verify the MAC address and product_uuid are unique for every node"). One host can only report its
// own values; check-nodes.sh compares them across the nodes of a plan.
import type { Locale } from '../i18n';
import type { HostsEntry } from './options';
import { ScriptWriter, forEachValue, shellQuote } from './shell';

export const HOSTS_BEGIN = '# BEGIN kubeprep';
export const HOSTS_END = '# END kubeprep';

/** product_uuid values firmware vendors ship on many boards: identical on every machine, so worthless as an identity. */
export const PLACEHOLDER_UUIDS = ['03000200-0400-0500-0006-000700080009', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'] as const;

export function writeHostname(w: ScriptWriter, hostname: string): void {
  w.step('scripts.sh.step.hostname', { hostname });
  w.comment('scripts.sh.identity.hostnameWhy');
  w.raw(
    'current_hostname() { hostnamectl --static 2>/dev/null || cat "$ROOT/etc/hostname" 2>/dev/null || true; }',
    `if [ "$(current_hostname)" != ${shellQuote(hostname)} ]; then`,
    `  run hostnamectl set-hostname ${shellQuote(hostname)}`,
    'else',
    `  info ${w.m('scripts.sh.identity.hostnameOk', {}, { hostname })}`,
    'fi',
  );
}

/** The block between the markers is rewritten as a whole; everything outside it is kept as it is. */
export function writeHostsBlock(w: ScriptWriter, hosts: readonly HostsEntry[]): void {
  const names = [...new Set(hosts.map((e) => e.name))];
  w.step('scripts.sh.step.hosts', { count: hosts.length });
  w.comment('scripts.sh.identity.hostsWhy');
  w.raw(
    'HOSTS_FILE="$ROOT/etc/hosts"',
    'HOSTS_OUTSIDE=""',
    `if [ -f "$HOSTS_FILE" ]; then HOSTS_OUTSIDE=$(awk '/^${HOSTS_BEGIN}/ { skip = 1 } !skip { print } /^${HOSTS_END}/ { skip = 0 }' "$HOSTS_FILE"); fi`,
    'HOSTS_CONTENT=$(',
    '  if [ -n "$HOSTS_OUTSIDE" ]; then printf \'%s\\n\' "$HOSTS_OUTSIDE"; fi',
    `  printf '%s\\n' ${shellQuote(`${HOSTS_BEGIN} ${w.t('scripts.sh.identity.hostsMarker')}`)}`,
    ...hosts.map((e) => `  printf '%s\\n' ${shellQuote(`${e.ip} ${e.name}`)}`),
    `  printf '%s\\n' ${shellQuote(HOSTS_END)}`,
    ')',
    'write_file "$HOSTS_FILE" <<<"$HOSTS_CONTENT"',
  );
  forEachValue(w, 'HOSTS_NAMES', 'name', names, [
    'if printf \'%s\\n\' "$HOSTS_OUTSIDE" | awk -v n="$name" \'!/^[[:space:]]*#/ { for (i = 2; i <= NF; i++) if ($i == n) found = 1 } END { exit !found }\'; then',
    `  warn ${w.m('scripts.sh.identity.hostsConflict', { name: 'name' })}`,
    'fi',
  ]);
}

/** Shell helpers that read this machine's product_uuid and the MACs of its physical interfaces. */
export function writeIdentityHelpers(w: ScriptWriter): void {
  w.raw(
    'product_uuid() {',
    '  local file="$ROOT/sys/class/dmi/id/product_uuid"',
    '  if [ -r "$file" ]; then tr -d \'[:space:]\' <"$file" | tr \'[:upper:]\' \'[:lower:]\'; fi',
    '}',
    'mac_addresses() {',
    '  local dir',
    '  for dir in "$ROOT"/sys/class/net/*; do',
    '    if [ -e "$dir/device" ] && [ -r "$dir/address" ]; then printf \'%s=%s \' "${dir##*/}" "$(cat "$dir/address")"; fi',
    '  done',
    '}',
  );
}

/** node-prep reports the identity (changing it is the hypervisor's job) and warns about placeholders. */
export function writeMachineIdentity(w: ScriptWriter): void {
  w.step('scripts.sh.step.identity');
  w.comment('scripts.sh.identity.uniqueWhy');
  writeIdentityHelpers(w);
  w.raw(
    'MACS=$(mac_addresses)',
  );
  writeProductUuidCase(w, { missing: 'warn', placeholder: 'warn', found: 'info' });
  w.raw(`info ${w.m('scripts.sh.identity.macs', { macs: 'MACS' })}`);
}

/**
 * Reads product_uuid into PRODUCT_UUID and reports it with the given functions: node-prep warns,
 * verify-node fails a missing one and warns about a firmware placeholder.
 */
export function writeProductUuidCase(w: ScriptWriter, report: { missing: string; placeholder: string; found: string }): void {
  w.raw(
    'PRODUCT_UUID=$(product_uuid)',
    'case "$PRODUCT_UUID" in',
    `  '') ${report.missing} ${w.m('scripts.sh.identity.noUuid')} ;;`,
    `  ${PLACEHOLDER_UUIDS.join(' | ')}) ${report.placeholder} ${w.m('scripts.sh.identity.placeholderUuid', { uuid: 'PRODUCT_UUID' })} ;;`,
    `  *) ${report.found} ${w.m('scripts.sh.identity.uuid', { uuid: 'PRODUCT_UUID' })} ;;`,
    'esac',
  );
}

export interface IdentityNode {
  name: string;
  ip: string;
}

/**
 * check-nodes.sh for a cluster bundle: reads product_uuid and the physical MAC addresses of every
 * node over ssh (as distribute.sh connects) and fails when two nodes share one, which is what a
 * cloned VM looks like.
 */
export function generateNodeIdentityCheck(nodes: readonly IdentityNode[], locale: Locale): string {
  const w = new ScriptWriter(locale);
  w.raw('#!/usr/bin/env bash');
  w.comment('scripts.sh.check.title');
  w.comment('scripts.sh.check.usage');
  w.raw('set -euo pipefail', '');
  w.raw(
    'ssh_user="${SSH_USER:-root}"',
    'ssh_options=(-o ControlMaster=auto -o "ControlPath=${TMPDIR:-/tmp}/kubeprep-ssh-%C" -o ControlPersist=60)',
    'read_identity() {',
    '  ssh "${ssh_options[@]}" "$ssh_user@$1" \'bash -s\' <<\'REMOTE\'',
    "cat /sys/class/dmi/id/product_uuid 2>/dev/null | tr '[:upper:]' '[:lower:]'",
    'for d in /sys/class/net/*; do',
    '  if [ -e "$d/device" ]; then echo "mac $(cat "$d/address")"; fi',
    'done',
    'REMOTE',
    '}',
    `nodes=(${nodes.map((n) => shellQuote(`${n.name}=${n.ip}`)).join(' ')})`,
    'declare -A owner_of=()',
    'failures=0',
    'for entry in "${nodes[@]}"; do',
    '  name=${entry%%=*} ip=${entry#*=}',
    '  if ! answer=$(read_identity "$ip"); then',
    `    printf 'FAIL %s\\n' ${w.m('scripts.sh.check.unreachable', { node: 'name', ip: 'ip' })}`,
    '    failures=$((failures + 1))',
    '    continue',
    '  fi',
    '  while read -r first second; do',
    '    if [ -z "$first" ]; then continue; fi',
    '    if [ "$first" = mac ]; then key="MAC $second"; else key="product_uuid $first"; fi',
    '    if [ -n "${owner_of[$key]:-}" ]; then',
    `      printf 'FAIL %s\\n' ${w.m('scripts.sh.check.duplicate', { what: 'key', node: 'name', other: 'owner_of[$key]' })}`,
    '      failures=$((failures + 1))',
    '    else',
    '      owner_of[$key]=$name',
    '    fi',
    '  done <<<"$answer"',
    `  printf 'checked %s\\n' "$name"`,
    'done',
    `if [ "$failures" -gt 0 ]; then printf '%s\\n' ${w.m('scripts.sh.check.failed', { count: 'failures' })}; exit 1; fi`,
    `printf '%s\\n' ${w.m('scripts.sh.check.allUnique', {}, { count: nodes.length })}`,
  );
  return w.text();
}
