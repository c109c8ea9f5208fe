// kubeprep certinfo: `cfssl certinfo -cert F` (cfssl's fields plus key usages, EKUs, basic constraints,
// all SAN kinds, key type, fingerprints) or `-csr F`. `-` reads standard input. 2-space JSON like cfssl.
import { certInfo, certInfoJson, csrInfo, goJsonEscape } from '../lib/pki';
import { parseFlags, reportError, UsageError } from './flags';
import { readTextInput, writeStdout } from './io';

const FLAGS = { values: ['cert', 'csr'] } as const;

export const CERTINFO_USAGE = `Usage of certinfo:
    kubeprep certinfo -cert file
    kubeprep certinfo -csr file
  file may be "-" to read standard input.
`;

export async function certinfo(args: string[]): Promise<number> {
  try {
    const { values } = parseFlags(args, FLAGS);
    if ((values.cert === undefined) === (values.csr === undefined)) {
      throw new UsageError(CERTINFO_USAGE.trimEnd());
    }
    if (values.cert !== undefined) {
      writeStdout(`${goJsonEscape(certInfoJson(await certInfo(await readTextInput(values.cert))))}\n`);
    } else {
      writeStdout(`${goJsonEscape(JSON.stringify(await csrInfo(await readTextInput(values.csr!)), null, 2))}\n`);
    }
    return 0;
  } catch (error) {
    return reportError(error);
  }
}
