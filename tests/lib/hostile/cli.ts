// The command line as a door of the hostile corpus: files are laid out in a fresh directory, the built
// `kubeprep` (bin/kubeprep.mjs over dist-cli/, which `npm test` builds first) runs there, and the outcome
// is one line: the exit status, the first line of standard error (directory shown as $DIR, no clock), and
// the mode of a file the case names. Raw control characters on either stream fail the case outright: a
// terminal must never be handed escape sequences that came from the input.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubeprep } from '../../cli/run';

export interface CliInput {
  args: string[];
  /** Files to write first: name → text, or text with a mode (an existing 0644 output, say). */
  files?: Record<string, string | { text: string; mode: number }>;
  /** Directories to create first. */
  dirs?: string[];
  /** A file whose mode the outcome reports after the run. */
  modeOf?: string;
}

const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function cliOutcome(input: CliInput): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubeprep-hostile-'));
  try {
    for (const name of input.dirs ?? []) mkdirSync(join(dir, name), { recursive: true });
    for (const [name, file] of Object.entries(input.files ?? {})) {
      const { text, mode } = typeof file === 'string' ? { text: file, mode: 0o644 } : file;
      writeFileSync(join(dir, name), text);
      chmodSync(join(dir, name), mode);
    }
    const run = kubeprep(input.args, { cwd: dir });
    if (RAW_CONTROL.test(run.stdout) || RAW_CONTROL.test(run.stderr)) return 'RAW CONTROL CHARACTERS on the terminal';
    const firstLine = run.stderr.split('\n').find((line) => line.trim() !== '') ?? '';
    // The log prefix's clock time and the run's duration change from run to run.
    const said = firstLine.split(dir).join('$DIR').replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /, '').replace(/ in \d+(?:\.\d+)? s$/, ' in N s');
    const mode = input.modeOf === undefined ? '' : ` | mode ${(statSync(join(dir, input.modeOf)).mode & 0o777).toString(8)}`;
    return `exit ${run.status}: ${said}${mode}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
