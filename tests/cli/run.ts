// Runs the built kubeprep command (bin/kubeprep.mjs over dist-cli/) the way users and scripts do.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/kubeprep.mjs', import.meta.url));
export const BUILT = existsSync(fileURLToPath(new URL('../../dist-cli/kubeprep.mjs', import.meta.url)));

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function kubeprep(args: string[], options: { cwd?: string; input?: string } = {}): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    input: options.input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
