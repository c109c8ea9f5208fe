// The kubeprep command: cfssl-style flags over the src/lib engine. One file per command in src/cli/.
import { writeStdout, writeStderr } from './io';
import { scriptCommand } from './script';
import { gencert } from './gencert';
import { sign } from './sign';
import { certinfo } from './certinfo';
import { printDefaults } from './print-defaults';
import { clusterCommand } from './cluster';

type Command = (args: string[]) => Promise<number>;

/** Registered commands; each lives in its own file and is thin over src/lib. */
const commands: Record<string, Command> = {
  version: async () => {
    writeStdout('kubeprep 0.1.0\n');
    return 0;
  },
  script: scriptCommand,
  gencert,
  sign,
  certinfo,
  'print-defaults': printDefaults,
  cluster: clusterCommand,
};

const USAGE = `Usage: kubeprep <command> [flags]

Commands:
${Object.keys(commands)
  .map((c) => `  ${c}`)
  .join('\n')}
`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    writeStdout(USAGE);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    writeStderr(`kubeprep: unknown command "${name}"\n\n${USAGE}`);
    return 1;
  }
  return command(rest);
}
