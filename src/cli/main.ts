// The kubeprep command's entry. A bare `kubeprep version` answers before the engine, the catalogue or
// any command is loaded; everything else goes through run.ts, which loads only the command asked for.
import { printVersion } from './version';

export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe();
  if (argv.length === 1 && argv[0] === 'version') return printVersion();
  const { run } = await import('./run');
  return run(argv);
}

/** The status a shell reports for a process killed by SIGPIPE (128 + 13), as Go's cfssl is. */
const CLOSED_PIPE_STATUS = 141;
let guarded = false;

/**
 * A reader that stops early (`kubeprep gencert ... | head -1`, or a cfssljson that failed) closes the pipe:
 * Node then throws EPIPE from the next write, as an unhandled error with a stack trace. Go's cfssl dies of
 * SIGPIPE instead, silently; the command ends the same way, with the status a shell shows for that.
 */
function quietOnClosedPipe(): void {
  if (guarded) return;
  guarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(CLOSED_PIPE_STATUS);
    });
  }
}
