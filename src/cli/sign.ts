// kubeprep sign: `cfssl sign` over the engine, for a CSR made elsewhere (openssl req, kubeadm...).
//   sign -ca=ca.pem -ca-key=ca-key.pem [-config=F] [-profile=P] [-hostname=a,b] CSR.pem [SUBJECT.json]
// Output: {"cert":...,"csr":...} (the input CSR echoed), as cfssl prints it.
import { KubeprepError } from '../lib/errors';
import { cfsslJsonOutput, parseSubjectJson, signCsrPem } from '../lib/pki';
import { parseFlags, splitHosts } from './flags';
import { readTextInput, writeStdout } from './io';
import { printWarnings, reportError } from './report';
import { chooseProfile, loadCaFiles, loadSigningConfig, requireCaFiles } from './signer-options';

const FLAGS = { values: ['ca', 'ca-key', 'config', 'profile', 'hostname'] } as const;

export async function sign(args: string[]): Promise<number> {
  let flags;
  try {
    flags = parseFlags(args, FLAGS);
    if (flags.positionals.length < 1 || flags.positionals.length > 2) {
      throw new KubeprepError('cli.wrong-arguments', { params: { command: 'sign', expected: { key: 'cli.arguments.sign' } } });
    }
  } catch (error) {
    return reportError(error);
  }
  const { values, positionals } = flags;
  const loaded = await loadSigningConfig(values.config);
  if ('exitCode' in loaded) return loaded.exitCode;
  const { config } = loaded;
  try {
    const caFiles = requireCaFiles(values, '-ca, -ca-key');
    const csrPem = await readTextInput(positionals[0]!);
    const ca = await loadCaFiles(caFiles);
    const hostnames = splitHosts(values.hostname);
    const subject = positionals[1] !== undefined ? parseSubjectJson(await readTextInput(positionals[1])) : undefined;
    const issued = await signCsrPem(csrPem, ca, config, {
      profile: chooseProfile(config, values.profile),
      ...(hostnames ? { hostnames } : {}),
      ...(subject ? { subject } : {}),
    });
    printWarnings(issued.warnings);
    writeStdout(cfsslJsonOutput(issued));
    return 0;
  } catch (error) {
    return reportError(error);
  }
}
