// `kubeprep version`: kept apart from the other commands so that answering it loads nothing else.
import { version } from '../../package.json';
import { writeStdout } from './io';

export async function printVersion(): Promise<number> {
  writeStdout(`kubeprep ${version}\n`);
  return 0;
}
