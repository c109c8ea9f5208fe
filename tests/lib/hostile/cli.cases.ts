// The cases of the issue that only the command line shows: what reaches the terminal, what lands on
// disk, and the CLI's spelling of the engine's refusals (each also has an engine-level case elsewhere).
import { hostile, type HostileCase } from './case';
import type { CliInput } from './cli';
import type { Material } from './material';

const ESC = '\u001b';
const csr = (extra: Record<string, unknown> = {}) => JSON.stringify({ CN: 'hostile', key: { algo: 'ecdsa', size: 256 }, ...extra });
const ecdsaPlan = JSON.stringify({
  clusterName: 'hostile',
  controlPlane: [{ name: 'm1', ip: '10.0.0.11' }],
  workers: [],
  apiEndpoint: { vip: '10.0.0.10', dnsName: '', port: 8443 },
  key: { algo: 'ecdsa', size: 256 },
});
const withCa = (pair: { cert: string; key: string }, input: CliInput): CliInput => ({
  ...input,
  files: { 'ca.pem': pair.cert, 'ca-key.pem': pair.key, ...input.files },
  args: ['gencert', '-ca=ca.pem', '-ca-key=ca-key.pem', ...input.args],
});

export const CLI_CASES: readonly HostileCase[] = [
  hostile('cli', 'a directory given as the CSR file', { dirs: ['csr.json'], args: ['gencert', '-initca', 'csr.json'] }, "exit 1: csr.json is a directory, not a file"),
  hostile('cli', 'a directory given as -config', (m: Material) => withCa({ cert: m.caCert, key: m.caKey }, { dirs: ['conf'], files: { 'csr.json': csr() }, args: ['-config=conf', 'csr.json'] }), "exit 1: Failed to load config file: conf is a directory, not a file"),
  hostile('cli', '100,000 nested [ as the CSR file', { files: { 'csr.json': '['.repeat(100_000) }, args: ['gencert', '-initca', 'csr.json'] }, "exit 1: CSR JSON nests arrays and objects more than 1000 levels deep"),
  hostile('cli', 'an escape sequence in a refused host', { files: { 'csr.json': csr({ hosts: [`${ESC}]0;owned${ESC}\\`] }) }, args: ['gencert', '-initca', 'csr.json'] }, "exit 1: \"\\u001b]0;owned\\u001b\\\" in hosts is not a valid DNS name: a label may hold only letters, digits, \"-\" and \"_\", and \"\\u001b\" is none of these"),
  hostile('cli', 'an escape sequence in an unknown flag', { args: ['gencert', `-${ESC}[2J`] }, "exit 1: flag provided but not defined: -\\u001b[2J"),
  hostile('cli', 'a right-to-left override in the CSR path', { args: ['gencert', '-initca', 'evil\u202Egpj.json'] }, "exit 1: evil\\u202egpj.json: no such file or directory"),
  hostile('cli', '-profile toString', (m: Material) => withCa({ cert: m.caCert, key: m.caKey }, { files: { 'csr.json': csr({ hosts: ['a.example'] }) }, args: ['-profile=toString', 'csr.json'] }), "exit 0: [WARNING] Unknown profile \"toString\"; the default profile was used (known: -)"),
  hostile('cli', '-profile __proto__', (m: Material) => withCa({ cert: m.caCert, key: m.caKey }, { files: { 'csr.json': csr({ hosts: ['a.example'] }) }, args: ['-profile=__proto__', 'csr.json'] }), "exit 0: [WARNING] Unknown profile \"__proto__\"; the default profile was used (known: -)"),
  hostile('cli', 'name_whitelist ^(a+)+$ against 40 a\'s and !', (m: Material) => withCa({ cert: m.caCert, key: m.caKey }, {
    files: { 'csr.json': csr({ CN: `${'a'.repeat(40)}!` }), 'config.json': JSON.stringify({ signing: { default: { expiry: '8760h', usages: ['signing', 'client auth'], name_whitelist: '^(a+)+$' } } }) },
    args: ['-config=config.json', 'csr.json'],
  }), "exit 1: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\" does not match the profile's name_whitelist"),
  hostile('cli', 'a non-ASCII host becomes its A-label', { files: { 'csr.json': csr({ hosts: ['bücher.de'] }) }, args: ['gencert', '-initca', 'csr.json'] }, "exit 0: [WARNING] Host \"bücher.de\" is written as its ASCII form \"xn--bcher-kva.de\" (IDNA A-label), the only form a certificate may hold and Go can read"),
  hostile('cli', 'RSA size 2049', { files: { 'csr.json': csr({ key: { algo: 'rsa', size: 2049 } }) }, args: ['gencert', '-initca', 'csr.json'] }, "exit 1: RSA key size 2049 bits cannot be made exactly: use a multiple of 8 from 2048 to 8192 bits (2048, 3072 and 4096 are usual)"),
  hostile('cli', 'a not_after in the past', (m: Material) => withCa({ cert: m.caCert, key: m.caKey }, {
    files: { 'csr.json': csr(), 'config.json': JSON.stringify({ signing: { default: { expiry: '8760h', usages: ['client auth'], not_after: '2020-01-01T00:00:00Z' } } }) },
    args: ['-config=config.json', 'csr.json'],
  }), "exit 1: not_after is 2020-01-01T00:00:00.000Z, which has already passed: the certificate would end before it begins; give a future time or remove not_after"),
  hostile('cli', 'a signer that is not a CA', (m: Material) => withCa({ cert: m.leafCert, key: m.leafKey }, { files: { 'csr.json': csr() }, args: ['csr.json'] }), "exit 0: [WARNING] The signing certificate hostile leaf is not a CA (basic constraints CA:FALSE or absent): clients will refuse what it signs"),
  hostile('cli', 'a signer that expired', (m: Material) => withCa(m.expiredCa, { files: { 'csr.json': csr() }, args: ['csr.json'] }), "exit 0: [WARNING] The signing CA expired root expired on 2019-12-31T23:55:00.000Z: what it signs will not verify"),
  hostile('cli', 'an RSA-1024 signer', (m: Material) => withCa(m.weakCa, { files: { 'csr.json': csr() }, args: ['csr.json'] }), "exit 0: [WARNING] The signing CA weak root uses RSA 1024, SHA1WithRSA; current TLS stacks refuse RSA under 2048 bits and SHA-1 signatures"),
  hostile('cli', 'an RSA-1024 CSR to sign', (m: Material) => ({
    files: { 'ca.pem': m.caCert, 'ca-key.pem': m.caKey, 'weak.csr': m.weakCsr },
    args: ['sign', '-ca=ca.pem', '-ca-key=ca-key.pem', 'weak.csr'],
  }), "exit 0: [WARNING] The CSR's key is RSA 1024 bits; cfssl refuses to generate keys under 2048 bits and current TLS stacks refuse them"),
  hostile('cli', 'duplicate node names in plan.json', {
    files: { 'plan.json': JSON.stringify({ ...JSON.parse(ecdsaPlan), workers: [{ name: 'm1', ip: '10.0.0.21' }] }) },
    args: ['cluster', '-plan=plan.json', '-out=out.zip'],
  }, "exit 1: plan.json: Node name \"m1\" is used twice (workers[0].name and controlPlane[0].name): the two nodes would share the kubelet identity system:node:m1 and one bundle folder; give every node its own name."),
  hostile('cli', 'cluster -out onto an existing 0644 file', {
    files: { 'plan.json': ecdsaPlan, 'out.zip': { text: 'old', mode: 0o644 } },
    args: ['cluster', '-plan=plan.json', '-out=out.zip'],
    modeOf: 'out.zip',
  }, "exit 0: [INFO] wrote out.zip: CAs 3, certificates 14, layout kubeadm, in N s | mode 600"),
];
