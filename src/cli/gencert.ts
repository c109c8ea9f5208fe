// kubeprep gencert: `cfssl gencert` over the engine.
//   gencert -initca [-ca-key KEY] CSRJSON
//   gencert -ca=ca.pem -ca-key=ca-key.pem [-config=F] [-profile=P] [-hostname=a,b] [-cn=X] [-crl=URL] CSRJSON
// CSRJSON may be `-` for standard input. Output: cfssl's one-line JSON for `cfssljson -bare NAME`.
import { KubeprepError } from '../lib/errors';
import { cfsslJsonOutput, generateCertificate, importPrivateKeyPem, initCa, normalizeHosts, parseCsrJson } from '../lib/pki';
import { parseFlags, splitHosts } from './flags';
import { readTextInput, writeStdout } from './io';
import { printWarnings, reportError } from './report';
import { cliKeySource } from './rsa-keys';
import { chooseProfile, loadCaFiles, loadSigningConfig, requireCaFiles } from './signer-options';

const FLAGS = { values: ['ca', 'ca-key', 'config', 'profile', 'hostname', 'cn', 'crl'], booleans: ['initca'] } as const;

export async function gencert(args: string[]): Promise<number> {
  let flags;
  try {
    flags = parseFlags(args, FLAGS);
    if (flags.positionals.length !== 1) {
      throw new KubeprepError('cli.wrong-arguments', { params: { command: 'gencert', expected: { key: 'cli.arguments.gencert' } } });
    }
  } catch (error) {
    return reportError(error);
  }
  const { values, booleans, positionals } = flags;
  // Loaded (and so checked) even for -initca, as cfssl does at startup, though initca then ignores it.
  const loaded = await loadSigningConfig(values.config);
  if ('exitCode' in loaded) return loaded.exitCode;
  const { config } = loaded;
  try {
    const spec = parseCsrJson(await readTextInput(positionals[0]!), { initca: booleans.initca === true });
    if (values.cn !== undefined) spec.CN = values.cn;
    const hosts = splitHosts(values.hostname);
    if (hosts) {
      const given = normalizeHosts(hosts, 'hostname');
      spec.hosts = given.hosts;
      spec.warnings = [...(spec.warnings ?? []), ...given.warnings];
    }
    if (booleans.initca) {
      // cfssl ignores -config and -profile here (cloudflare/cfssl#1034): the CA's policy comes from the JSON "ca" object.
      if (values.crl !== undefined) spec.crlUrl = values.crl;
      const key = values['ca-key'] !== undefined ? await importPrivateKeyPem(await readTextInput(values['ca-key']), 'ca-key') : undefined;
      const issued = await initCa(spec, key ? { key } : { keys: cliKeySource() });
      printWarnings(issued.warnings);
      writeStdout(cfsslJsonOutput(issued));
      return 0;
    }
    const ca = await loadCaFiles(requireCaFiles(values, '-ca, -ca-key, -initca'));
    const issued = await generateCertificate(spec, ca, config, {
      profile: chooseProfile(config, values.profile),
      keys: cliKeySource(),
      ...(values.crl !== undefined ? { crlUrl: values.crl } : {}),
    });
    printWarnings(issued.warnings);
    writeStdout(cfsslJsonOutput(issued));
    return 0;
  } catch (error) {
    return reportError(error);
  }
}
