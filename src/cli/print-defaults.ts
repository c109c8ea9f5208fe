// kubeprep print-defaults csr|config|list: cfssl's example files, byte for byte.
import { DEFAULT_TYPES, defaultConfigJson, defaultCsrJson } from '../lib/pki';
import { writeStdout } from './io';

export async function printDefaults(args: string[]): Promise<number> {
  const kind = args[0];
  if (kind === 'csr') writeStdout(`${defaultCsrJson()}\n`);
  else if (kind === 'config') writeStdout(`${defaultConfigJson()}\n`);
  else writeStdout(`Default configurations are available for:\n${DEFAULT_TYPES.map((t) => `\t${t}\n`).join('')}`);
  return 0;
}
