// kubeprep print-defaults csr|config|list: cfssl's example files, byte for byte.
import { DEFAULT_TYPES, defaultConfigJson, defaultCsrJson } from '../lib/pki';
import { writeStdout } from './io';

/** cfssl's own stdout for `print-defaults list` (cli/printdefault), kept word for word for scripts that read it. */
const CFSSL_LIST_HEADER = 'Default configurations are available for:';

export async function printDefaults(args: string[]): Promise<number> {
  const kind = args[0];
  if (kind === 'csr') writeStdout(`${defaultCsrJson()}\n`);
  else if (kind === 'config') writeStdout(`${defaultConfigJson()}\n`);
  else writeStdout(`${CFSSL_LIST_HEADER}\n${DEFAULT_TYPES.map((t) => `\t${t}\n`).join('')}`);
  return 0;
}
