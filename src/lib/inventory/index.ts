// Reading a cluster's PKI as it lies on disk: folders, .zip, .tar, .tar.gz and single files (PEM, DER,
// base64 without armour, kubeconfigs), bounded in size and count, one message per file skipped. Nothing
// here needs the X.509 engine: the page runs it before the engine is loaded.
import { classifyFile, type ClassifiedFile } from './classify';
import type { InventoryFile } from './collect';
import { problem, type InventoryProblem } from './problems';

export * from './problems';
export * from './limits';
export * from './paths';
export { collectFiles, memorySource, type SourceEntry, type InventoryFile, type CollectedFiles, type CollectOptions } from './collect';
export { classifyFile, type ClassifiedFile, type InventoryItem, type ItemOrigin, type FileFormat } from './classify';
export { readKubeconfig, replaceKubeconfigValues, isKubeconfig, type KubeconfigFacts, type KubeconfigValue, type KubeconfigField } from './kubeconfig';
export { derShape, decodeBareBase64 } from './sniff';
export { readTar, type TarEntry } from './tar';

/** Every file's blocks; encrypted private keys are noted (they cannot sign or be matched without a passphrase). */
export function classifyFiles(files: readonly InventoryFile[]): { files: ClassifiedFile[]; problems: InventoryProblem[] } {
  const out: ClassifiedFile[] = [];
  const problems: InventoryProblem[] = [];
  for (const file of files) {
    const result = classifyFile(file);
    out.push(result.file);
    problems.push(...result.problems);
    for (const item of result.file.items) {
      if (item.label === 'ENCRYPTED PRIVATE KEY' || (item.headers['Proc-Type'] ?? '').includes('ENCRYPTED')) problems.push(problem(item.path, 'inventory.encrypted-key'));
    }
  }
  return { files: out, problems };
}
