// The script generators' public face: one function per script, and `generateScript` by name for the
// CLI, the UI and the cluster bundle. Each takes validated options and returns the script text (pure, no I/O).
import { generateKernelUpgrade } from './kernel-upgrade';
import { generateNodePrep } from './node-prep';
import { generateContainerRuntime } from './container-runtime';
import { generateVerifyNode } from './verify-node';
import type { ScriptName, ScriptOptions } from './options';

export { generateKernelUpgrade, generateNodePrep, generateContainerRuntime, generateVerifyNode };
export { generateNodeIdentityCheck, type IdentityNode } from './identity';
export { containerdConfig, configVersionFor, type ContainerdConfigVersion } from './containerd-config';
export { regenerateCommand } from './shell';
export * from './options';
export * from './releases';
export * from './errors';

const GENERATORS: Readonly<Record<ScriptName, (options: ScriptOptions) => string>> = {
  'kernel-upgrade': generateKernelUpgrade,
  'node-prep': generateNodePrep,
  'container-runtime': generateContainerRuntime,
  'verify-node': generateVerifyNode,
};

/** The file name a script is saved under (in downloads and in the zips). */
export function scriptFileName(name: ScriptName): string {
  return `${name}.sh`;
}

export function generateScript(name: ScriptName, options: ScriptOptions): string {
  return GENERATORS[name](options);
}
