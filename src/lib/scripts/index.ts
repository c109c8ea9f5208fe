// The script generators' public face: one function per script, and `generateScript` by name for the
// CLI and the UI. Each takes validated options and returns the script text (pure, no I/O).
import { generateKernelUpgrade } from './kernel-upgrade';
import { generateNodePrep } from './node-prep';
import { generateVerifyNode } from './verify-node';
import type { ScriptName, ScriptOptions } from './options';

export { generateKernelUpgrade, generateNodePrep, generateVerifyNode };
export * from './options';
export * from './releases';

const GENERATORS: Readonly<Record<ScriptName, (options: ScriptOptions) => string>> = {
  'kernel-upgrade': generateKernelUpgrade,
  'node-prep': generateNodePrep,
  'verify-node': generateVerifyNode,
};

/** The file name a script is saved under (in downloads and in the zip). */
export function scriptFileName(name: ScriptName): string {
  return `${name}.sh`;
}

export function generateScript(name: ScriptName, options: ScriptOptions): string {
  return GENERATORS[name](options);
}
