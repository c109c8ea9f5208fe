// Finding the real consumers (openssl, cfssl, etcd, kubectl, shellcheck, chromium) for interop and
// e2e tests. On a developer machine a missing tool skips the suite with the Debian package to install;
// in CI (CI=true) a missing tool is a failure, because an interop suite that skips proves nothing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Tool {
  command: string;
  debianPackage: string;
}

export const TOOLS = {
  openssl: { command: 'openssl', debianPackage: 'openssl' },
  cfssl: { command: 'cfssl', debianPackage: 'golang-cfssl' },
  cfssljson: { command: 'cfssljson', debianPackage: 'golang-cfssl' },
  etcd: { command: 'etcd', debianPackage: 'etcd-server' },
  etcdctl: { command: 'etcdctl', debianPackage: 'etcd-client' },
  kubectl: { command: 'kubectl', debianPackage: 'kubectl (Debian 13) or a preinstalled kubectl (Debian 12)' },
  shellcheck: { command: 'shellcheck', debianPackage: 'shellcheck' },
  chromium: { command: '/usr/bin/chromium', debianPackage: 'chromium' },
  bash: { command: 'bash', debianPackage: 'bash' },
  containerd: { command: 'containerd', debianPackage: 'containerd' },
  haproxy: { command: 'haproxy', debianPackage: 'haproxy' },
  keepalived: { command: 'keepalived', debianPackage: 'keepalived' },
  systemdAnalyze: { command: 'systemd-analyze', debianPackage: 'systemd' },
  unshare: { command: 'unshare', debianPackage: 'util-linux' },
} as const satisfies Record<string, Tool>;

export function hasCommand(command: string): boolean {
  if (command.startsWith('/')) return existsSync(command);
  try {
    execFileSync('sh', ['-c', `command -v "${command}"`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const inCI = process.env.CI === 'true' || process.env.CI === '1';

/**
 * Returns the names of the missing tools' packages, or [] when all are present.
 * Throws in CI when any is missing, so the suite fails instead of skipping.
 */
export function missingTools(...tools: Tool[]): string[] {
  const missing = tools.filter((t) => !hasCommand(t.command));
  if (missing.length === 0) return [];
  const message = `missing ${missing.map((t) => `${t.command} (install: ${t.debianPackage})`).join(', ')}`;
  if (inCI) throw new Error(`interop/e2e suite cannot run in CI: ${message}`);
  console.warn(`skipping: ${message}`);
  return missing.map((t) => t.debianPackage);
}
