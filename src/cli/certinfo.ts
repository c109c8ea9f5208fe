// kubeprep certinfo: `cfssl certinfo -cert F` (cfssl's fields plus key usages, EKUs, basic constraints,
// all SAN kinds, key type, fingerprints) or `-csr F`. `-` reads standard input. 2-space JSON like cfssl.
import { KubeprepError } from '../lib/errors';
import { certInfo, certInfoJson, csrInfo, goJsonEscape } from '../lib/pki';
import { parseFlags } from './flags';
import { readTextInput, writeStdout } from './io';
import { reportError } from './report';

const FLAGS = { values: ['cert', 'csr'] } as const;

export async function certinfo(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseFlags(args, FLAGS);
    if ((values.cert === undefined) === (values.csr === undefined) || positionals.length > 0) {
      throw new KubeprepError('cli.wrong-arguments', { allowed: '-cert, -csr', params: { command: 'certinfo', expected: { key: 'cli.arguments.certinfo' } } });
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
