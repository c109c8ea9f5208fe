// The kubeprep command's entry. A bare `kubeprep version` answers before the engine, the catalogue or
// any command is loaded; everything else goes through run.ts, which loads only the command asked for.
import { printVersion } from './version';

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 1 && argv[0] === 'version') return printVersion();
  const { run } = await import('./run');
  return run(argv);
}
