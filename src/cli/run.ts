// The kubeprep command: cfssl-style flags over the src/lib engine. One file per command in src/cli/,
// each loaded only when it is the command asked for (a process runs one command; loading all of them
// is most of a short command's start time). `-locale en|zh-CN`, anywhere on the line, picks the
// language of everything the command says.
import { KubeprepError } from '../lib/errors';
import { LOCALES, type Locale, type MessageKey } from '../lib/i18n';
// Both languages' words: a command may be told either with -locale (the app loads only the one shown).
import '../lib/i18n/all-languages';
import { choiceFlag } from './flags';
import { writeStdout } from './io';
import { reportError, say, setCliLocale } from './report';
import { printVersion } from './version';

type Command = (args: string[]) => Promise<number>;

/** Registered commands; each lives in its own file, is thin over src/lib, and is imported on use. */
const commands = {
  version: async () => printVersion,
  script: async () => (await import('./script')).scriptCommand,
  gencert: async () => (await import('./gencert')).gencert,
  sign: async () => (await import('./sign')).sign,
  certinfo: async () => (await import('./certinfo')).certinfo,
  'print-defaults': async () => (await import('./print-defaults')).printDefaults,
  cluster: async () => (await import('./cluster')).clusterCommand,
  'check-expiration': async () => (await import('./check-expiration')).checkExpirationCommand,
  renew: async () => (await import('./renew')).renewCommand,
} satisfies Record<string, () => Promise<Command>>;

type CommandName = keyof typeof commands;

function isCommandName(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(commands, name);
}

/** One line per command for `kubeprep -h`. */
const SUMMARIES: Record<CommandName, MessageKey> = {
  gencert: 'cli.summary.gencert',
  sign: 'cli.summary.sign',
  certinfo: 'cli.summary.certinfo',
  'print-defaults': 'cli.summary.print-defaults',
  cluster: 'cli.summary.cluster',
  'check-expiration': 'cli.summary.check-expiration',
  renew: 'cli.summary.renew',
  script: 'cli.summary.script',
  version: 'cli.summary.version',
};

/** Usage text of the commands whose flag parser does not answer -h itself (cfssl's do not either). */
const COMMAND_USAGE: Partial<Record<CommandName, MessageKey>> = {
  gencert: 'cli.usage.gencert',
  sign: 'cli.usage.sign',
  certinfo: 'cli.usage.certinfo',
};

const HELP_FLAGS = new Set(['-h', '-help', '--help']);

/** The longest command name plus two spaces, so every summary starts in one column. */
const NAME_WIDTH = Math.max(...Object.keys(SUMMARIES).map((name) => name.length)) + 2;

function usage(): string {
  const commandLines = Object.entries(SUMMARIES).map(([name, key]) => `  ${name.padEnd(NAME_WIDTH)}${say(key)}`);
  return `${say('cli.usage.main', { commands: commandLines.join('\n'), locales: LOCALES.join('|') })}\n`;
}

/** Takes `-locale X` / `-locale=X` out of ARGV (it may come before or after the command). */
function extractLocale(argv: readonly string[]): { locale: Locale; rest: string[] } {
  const rest: string[] = [];
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const match = /^--?locale(?:=(.*))?$/.exec(argv[i]!);
    if (!match) rest.push(argv[i]!);
    else values.locale = match[1] ?? argv[++i] ?? '';
  }
  return { locale: choiceFlag(values, 'locale', LOCALES, 'en'), rest };
}

export async function run(argv: string[]): Promise<number> {
  let args: string[];
  try {
    const { locale, rest } = extractLocale(argv);
    setCliLocale(locale);
    args = rest;
  } catch (error) {
    setCliLocale('en');
    return reportError(error);
  }
  const [name, ...rest] = args;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    writeStdout(usage());
    return name ? 0 : 1;
  }
  if (!isCommandName(name)) {
    return reportError(new KubeprepError('cli.unknown-command', { field: name, allowed: Object.keys(commands).join(', '), params: { command: name } }));
  }
  const usageKey = COMMAND_USAGE[name];
  if (usageKey && rest.some((arg) => HELP_FLAGS.has(arg))) {
    writeStdout(say(usageKey));
    return 0;
  }
  return (await commands[name]())(rest);
}
