// The kubeprep command: cfssl-style flags over the src/lib engine. One file per command in src/cli/.
import { writeStdout, writeStderr } from './io';
import { scriptCommand } from './script';
import { gencert, GENCERT_USAGE } from './gencert';
import { sign, SIGN_USAGE } from './sign';
import { certinfo, CERTINFO_USAGE } from './certinfo';
import { printDefaults } from './print-defaults';
import { clusterCommand } from './cluster';
import { checkExpirationCommand } from './check-expiration';
import { renewCommand } from './renew';

type Command = (args: string[]) => Promise<number>;

/** Registered commands; each lives in its own file and is thin over src/lib. */
const commands = {
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
  'check-expiration': checkExpirationCommand,
  renew: renewCommand,
} satisfies Record<string, Command>;

type CommandName = keyof typeof commands;

function isCommandName(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(commands, name);
}

/** One line per command for `kubeprep -h`. */
const SUMMARIES: Record<CommandName, string> = {
  gencert: 'generate a key and a certificate signed by a CA, or a new CA (-initca), like cfssl gencert',
  sign: 'sign an existing PEM certificate request with a CA, like cfssl sign',
  certinfo: 'decode a certificate (-cert) or request (-csr) into cfssl certinfo JSON',
  'print-defaults': 'print a default csr or config JSON, like cfssl print-defaults',
  cluster: 'turn a cluster plan (plan.json) into the whole PKI, kubeconfigs and scripts in one zip',
  'check-expiration': 'the expiry of every certificate in a folder or archive (a node\'s /etc/kubernetes, a bundle), sorted by time left',
  renew: 'renew the certificates of a folder or archive with its CA keys, keeping every name; a zip with the same paths',
  script: 'print a node script (kernel-upgrade, node-prep, container-runtime, verify-node) for an EL-family, openEuler or Kylin host',
  version: 'print the version',
};

/** Usage text of the commands whose flag parser does not answer -h itself (cfssl's do not either). */
const COMMAND_USAGE: Partial<Record<CommandName, string>> = {
  gencert: GENCERT_USAGE,
  sign: SIGN_USAGE,
  certinfo: CERTINFO_USAGE,
};

const HELP_FLAGS = new Set(['-h', '-help', '--help']);

/** The longest command name plus two spaces, so every summary starts in one column. */
const NAME_WIDTH = Math.max(...Object.keys(SUMMARIES).map((name) => name.length)) + 2;

const USAGE = `Usage: kubeprep <command> [flags]   (flags as in cfssl: -flag=value or -flag value)

Commands:
${Object.entries(SUMMARIES)
  .map(([name, summary]) => `  ${name.padEnd(NAME_WIDTH)}${summary}`)
  .join('\n')}

Run "kubeprep <command> -h" for a command's flags.
`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    writeStdout(USAGE);
    return name ? 0 : 1;
  }
  if (!isCommandName(name)) {
    writeStderr(`kubeprep: unknown command "${name}"\n\n${USAGE}`);
    return 1;
  }
  const usage = COMMAND_USAGE[name];
  if (usage && rest.some((arg) => HELP_FLAGS.has(arg))) {
    writeStdout(usage);
    return 0;
  }
  return commands[name](rest);
}
