import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorkspace } from '../../src/lib/workspace';
import { describeError as wordsOnScreen } from '../../src/ui/common/describe-error';
import { i18n, setLocale } from '../../src/ui/common/i18n.svelte';
import { missingTools, TOOLS } from '../support/tools';
import { BUILT, kubeprep } from './run';

// Needs `npm run build:cli` (npm ci runs it); the suite says so instead of failing obscurely.
const dir = mkdtempSync(join(tmpdir(), 'kubeprep-cli-'));
const CA_CSR = '{"CN":"kubernetes","key":{"algo":"ecdsa","size":256},"names":[{"C":"CN","ST":"BeiJing","L":"BeiJing","O":"k8s","OU":"System"}]}';
const CONFIG = '{"signing":{"default":{"expiry":"87600h"},"profiles":{"kubernetes":{"usages":["signing","key encipherment","server auth","client auth"],"expiry":"87600h"}}}}';
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
const run = (args: string[], input?: string) => kubeprep(args, { cwd: dir, ...(input !== undefined ? { input } : {}) });

function saveBare(stdout: string, name: string): void {
  const out = JSON.parse(stdout) as { cert: string; csr: string; key?: string };
  write(`${name}.pem`, out.cert);
  write(`${name}.csr`, out.csr);
  if (out.key) write(`${name}-key.pem`, out.key);
}

beforeAll(() => {
  if (!BUILT) throw new Error('dist-cli/kubeprep.mjs is missing: run `npm run build:cli` first');
  write('ca-csr.json', CA_CSR);
  write('ca-config.json', CONFIG);
  write('etcd-csr.json', '{"CN":"etcd","hosts":["127.0.0.1","localhost"],"key":{"algo":"ecdsa","size":256}}');
  write('admin-csr.json', '{"CN":"admin","names":[{"O":"system:masters"}]}');
  const ca = run(['gencert', '-initca', 'ca-csr.json']);
  if (ca.status !== 0) throw new Error(ca.stderr);
  saveBare(ca.stdout, 'ca');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kubeprep gencert', () => {
  it('-initca prints cfssl\'s one-line JSON with sorted keys cert, csr, key', () => {
    const result = run(['gencert', '-initca', 'ca-csr.json']);
    expect(result.status).toBe(0);
    expect(result.stdout.endsWith('}\n')).toBe(true);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(result.stdout);
    expect(Object.keys(out)).toEqual(['cert', 'csr', 'key']);
    expect(out.key).toMatch(/^-----BEGIN EC PRIVATE KEY-----\n/);
    expect(result.stderr).toBe('');
  });

  it('reads the CSR JSON from stdin with "-"', () => {
    const result = run(['gencert', '-initca', '-'], CA_CSR);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).cert).toMatch(/BEGIN CERTIFICATE/);
  });

  it('accepts -flag=value and -flag value alike', () => {
    const a = run(['gencert', '-ca=ca.pem', '-ca-key=ca-key.pem', '-config=ca-config.json', '-profile=kubernetes', 'etcd-csr.json']);
    const b = run(['gencert', '-ca', 'ca.pem', '-ca-key', 'ca-key.pem', '-config', 'ca-config.json', '-profile', 'kubernetes', 'etcd-csr.json']);
    expect([a.status, b.status]).toEqual([0, 0]);
    expect(a.stderr).toBe('');
    saveBare(a.stdout, 'etcd');
  });

  it('prints the hosts warning on stderr as a cfssl log line, and still issues', () => {
    const result = run(['gencert', '-ca=ca.pem', '-ca-key=ca-key.pem', '-config=ca-config.json', '-profile=kubernetes', 'admin-csr.json']);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[WARNING\] This certificate has no "hosts" \(SANs\)/);
    expect(Object.keys(JSON.parse(result.stdout))).toEqual(['cert', 'csr', 'key']);
  });

  it('warns about an unknown profile and falls back to default', () => {
    const result = run(['gencert', '-ca=ca.pem', '-ca-key=ca-key.pem', '-config=ca-config.json', '-profile=kubernetse', '-hostname=a.example', 'admin-csr.json']);
    // The guide's default profile has no usages, so cfssl (and we) then refuse to sign.
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('[WARNING] Unknown profile "kubernetse"; the default profile was used (known: kubernetes)');
    expect(result.stderr).toContain('The profile "default" has no usages, so no certificate can be signed with it');
    expect(result.stdout).toBe('');
  });

  it('-profile toString, constructor and __proto__ are unknown profiles like any other, not Object.prototype members', () => {
    for (const name of ['toString', 'constructor', '__proto__']) {
      const result = run(['gencert', '-ca=ca.pem', '-ca-key=ca-key.pem', '-config=ca-config.json', `-profile=${name}`, '-hostname=a.example', 'admin-csr.json']);
      expect(result.status, name).toBe(1);
      expect(result.stderr).toContain(`[WARNING] Unknown profile "${name}"; the default profile was used (known: kubernetes)`);
      expect(result.stderr).not.toMatch(/TypeError|not iterable|at .*\.mjs/);
    }
  }, 30_000); // several runs of the command

  it('shows control characters and bidi overrides from the input escaped, never raw, on stderr', () => {
    const hostile = '\u001b[31mred\u001b]0;title\u0007\r\u202eevil\u0085';
    const result = run(['gencert', '-ca=ca.pem', '-ca-key=ca-key.pem', '-config=ca-config.json', `-profile=${hostile}`, '-hostname=a.example', 'admin-csr.json']);
    expect(result.stderr).toContain('Unknown profile "\\u001b[31mred\\u001b]0;title\\u0007\\u000d\\u202eevil\\u0085"');
    expect(result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('refuses 100,000 nested [ with a coded message, and a directory as the CSR with its path', () => {
    write('deep.json', '['.repeat(100_000));
    const deep = run(['gencert', '-initca', 'deep.json']);
    expect(deep.status).toBe(1);
    expect(deep.stderr).toContain('nests arrays and objects more than 1000 levels deep');
    expect(deep.stderr).not.toContain('Maximum call stack');
    const folder = run(['gencert', '-initca', dir]);
    expect(folder.status).toBe(1);
    expect(folder.stderr).toContain(`${dir} is a directory, not a file`);
  }, 30_000); // several runs of the command

  it('refuses "size": 2049 for RSA with the sizes it can make', () => {
    write('rsa-2049.json', '{"CN":"x","key":{"algo":"rsa","size":2049}}');
    const result = run(['gencert', '-initca', 'rsa-2049.json']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('RSA key size 2049 bits cannot be made exactly: use a multiple of 8 from 2048 to 8192 bits');
  });

  it('answers name_whitelist ^(a+)+$ against 40 a\'s and "!" at once, refusing the name (RE2, not a backtracking RegExp)', () => {
    write('redos-config.json', '{"signing":{"default":{"expiry":"1h","usages":["signing"],"name_whitelist":"^(a+)+$"}}}');
    write('redos-csr.json', JSON.stringify({ CN: `${'a'.repeat(40)}!` }));
    const result = run(['gencert', '-ca=ca.pem', '-ca-key=ca-key.pem', '-config=redos-config.json', 'redos-csr.json']);
    expect(result.status).toBe(1); // run() gives up after 60 s with status null: a backtracking matcher fails here
    expect(result.stderr).toContain(`"${'a'.repeat(40)}!" does not match the profile's name_whitelist`);
  });

  it('writes an IDN host as its A-label with a warning showing both forms; refuses what is no DNS name', () => {
    write('idn.json', '{"CN":"x","hosts":["bücher.de"],"key":{"algo":"ecdsa","size":256}}');
    const idn = run(['gencert', '-ca=ca.pem', '-ca-key=ca-key.pem', '-config=ca-config.json', '-profile=kubernetes', 'idn.json']);
    expect(idn.status, idn.stderr).toBe(0);
    expect(idn.stderr).toContain('[WARNING] Host "bücher.de" is written as its ASCII form "xn--bcher-kva.de" (IDNA A-label)');
    const bad = run(['gencert', '-ca=ca.pem', '-ca-key=ca-key.pem', '-config=ca-config.json', '-profile=kubernetes', '-hostname=ok.example,not a host!', 'admin-csr.json']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('"not a host!" in hosts is not a valid DNS name: a label may hold only letters, digits, "-" and "_", and " " is none of these');
    expect(bad.stderr).toContain('field: hostname[1]');
  }, 30_000); // several runs of the command

  it('-hostname and -cn override the JSON', () => {
    const result = run(['gencert', '-ca=ca.pem', '-ca-key=ca-key.pem', '-config=ca-config.json', '-profile=kubernetes', '-hostname=10.0.0.9,n.example', '-cn=other', 'etcd-csr.json']);
    expect(result.status).toBe(0);
    write('over.pem', JSON.parse(result.stdout).cert);
    const info = JSON.parse(run(['certinfo', '-cert=over.pem']).stdout);
    expect(info.subject.common_name).toBe('other');
    expect(info.sans).toEqual(['n.example', '10.0.0.9']);
  });

  it.skipIf(missingTools(TOOLS.cfssljson).length > 0)('feeds the real cfssljson -bare', () => {
    const out = execFileSync('sh', ['-c', `node "${process.cwd()}/bin/kubeprep.mjs" gencert -initca ca-csr.json | cfssljson -bare piped`], { cwd: dir }).toString();
    expect(out).toBe('');
    for (const name of ['piped.pem', 'piped-key.pem', 'piped.csr']) expect(existsSync(join(dir, name)), name).toBe(true);
  });

  it.skipIf(missingTools(TOOLS.openssl).length > 0)('issues certificates openssl verifies against the CA', () => {
    expect(execFileSync('openssl', ['verify', '-CAfile', 'ca.pem', 'etcd.pem'], { cwd: dir }).toString()).toContain('etcd.pem: OK');
  });
});

describe('kubeprep gencert errors (stderr, exit 1, no stack trace)', () => {
  it.each([
    [['gencert', '-initca', 'missing.json'], 'missing.json: no such file or directory\n  field: missing.json\n'],
    [['gencert', '-initca'], 'gencert takes exactly one CSR JSON file ("-" reads standard input); see "kubeprep gencert -h"'],
    [['gencert', '-bogus', 'x.json'], 'flag provided but not defined: -bogus\n  field: -bogus\n  allowed: -ca, -ca-key, -config, -profile, -hostname, -cn, -crl, -initca\n'],
    [['gencert', '-initca', '-'], 'CSR JSON is not valid JSON at line 1, column 1: the text ends before the JSON does'],
    [['gencert', '-config=ca-config.json', 'etcd-csr.json'], 'Signing needs a CA certificate and key (-ca and -ca-key)\n  field: -ca\n  allowed: -ca, -ca-key, -initca\n'],
  ])('%j', (args, words) => {
    const result = run(args as string[], '');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(words);
    expect(result.stderr).not.toMatch(/at .*\.m?[jt]s:\d+/);
    expect(result.stdout).toBe('');
  });

  it.each([
    ['{"CN":"x",}', ["unexpected character '}' where a key in double quotes should begin", 'at line 1, column 11']],
    ['{"CN":"x","key":{"algo":"rsa","size":1024}}', ['RSA key is too weak: 1024 bits', 'field: key.size', 'allowed: 2048–8192']],
    ['{"CN":"x","key":{"algo":"ecdsa","size":2048}}', ['Invalid ECDSA curve size 2048', 'field: key.size', 'allowed: 256, 384, 521']],
    ['{"CN":"x","ca":{"expiry":"10y"}}', ['ca.expiry: "10y" has the unknown unit "y"', 'field: ca.expiry', 'allowed: ns, us, ms, s, m, h']],
    ['{"names":[]}', ['A CA needs a subject', 'field: CN']],
    ['{"CN":"x","hosts":"a"}', ['hosts has the wrong type (string); expected []string', 'field: hosts']],
  ])('initca %s', (json, words) => {
    const result = run(['gencert', '-initca', '-'], json);
    expect(result.status).toBe(1);
    for (const w of words) expect(result.stderr).toContain(w);
    expect(result.stdout).toBe('');
  });

  it('reports a bad config as cfssl does: "Failed to load config file: ..."', () => {
    write('bad-config.json', '{"signing":{"profiles":{"p":{"usages":["signing"],"expiry":"1y"}}}}');
    const result = run(['gencert', '-ca=ca.pem', '-ca-key=ca-key.pem', '-config=bad-config.json', 'etcd-csr.json']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Failed to load config file: signing\.profiles\.p\.expiry: "1y" has the unknown unit "y"/);
    expect(result.stderr).toContain('field: signing.profiles.p.expiry');
  });

  it('says when the CA key does not belong to the CA certificate', () => {
    const other = JSON.parse(run(['gencert', '-initca', '-'], CA_CSR).stdout);
    write('other-key.pem', other.key);
    const result = run(['gencert', '-ca=ca.pem', '-ca-key=other-key.pem', '-config=ca-config.json', '-profile=kubernetes', 'etcd-csr.json']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('The CA private key does not belong to the CA certificate; check -ca and -ca-key');
    expect(result.stderr).toContain('field: ca-key');
  });

  it('names the CA key (-ca-key) in what it says about an encrypted or damaged one', () => {
    write('encrypted-key.pem', '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAMCAQE=\n-----END ENCRYPTED PRIVATE KEY-----\n');
    write('damaged-key.pem', '-----BEGIN EC PRIVATE KEY-----\nMAMCAQE=\n-----END EC PRIVATE KEY-----\n');
    const encrypted = run(['gencert', '-ca=ca.pem', '-ca-key=encrypted-key.pem', '-config=ca-config.json', '-profile=kubernetes', 'etcd-csr.json']);
    expect(encrypted.status).toBe(1);
    expect(encrypted.stderr).toContain('The private key is encrypted; decrypt it first');
    expect(encrypted.stderr).toContain('field: ca-key');
    const damaged = run(['gencert', '-ca=ca.pem', '-ca-key=damaged-key.pem', '-config=ca-config.json', '-profile=kubernetes', 'etcd-csr.json']);
    expect(damaged.status).toBe(1);
    expect(damaged.stderr).toContain('The CA private key is damaged');
    expect(damaged.stderr).toContain('field: ca-key');
  });

  it('refuses a profile whose auth_key auth_keys does not define, as cfssl does when it loads the config', () => {
    write('auth-config.json', '{"signing":{"default":{"expiry":"1h","usages":["signing"],"auth_key":"remote"}}}');
    const result = run(['gencert', '-ca=ca.pem', '-ca-key=ca-key.pem', '-config=auth-config.json', 'etcd-csr.json']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Failed to load config file: signing\.default\.auth_key names the auth key "remote", which auth_keys does not define/);
  });
});

describe('one sentence for one problem, on screen and on the command line', () => {
  // The Certificates screen generates from the same CSR JSON and shows the CA's error with
  // describeError; the command prints its sentence first, then the field and allowed lines.
  const badCa = '{"CN":"ca","ca":{"expiry":"10y"}}';

  it.each(['en', 'zh-CN'] as const)('a bad duration in %s', async (locale) => {
    const result = await generateWorkspace({ config: CONFIG, ca: { kind: 'generate', csrJson: badCa }, requests: [] });
    const previous = i18n.locale;
    await setLocale(locale);
    const onScreen = wordsOnScreen(result.ca.error);
    await setLocale(previous);
    const cli = run(['gencert', '-initca', '-locale', locale, '-'], badCa);
    expect(cli.status).toBe(1);
    expect(cli.stderr.split('\n')[0]).toBe(onScreen);
    expect(onScreen).toContain('10y');
    if (locale === 'zh-CN') expect(cli.stderr).toContain('字段：ca.expiry');
    else expect(cli.stderr).toContain('field: ca.expiry');
  });
});

describe('kubeprep sign', () => {
  it('signs an existing CSR and prints cert + csr', () => {
    const result = run(['sign', '-ca=ca.pem', '-ca-key=ca-key.pem', '-config=ca-config.json', '-profile=kubernetes', 'etcd.csr']);
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(Object.keys(out)).toEqual(['cert', 'csr']);
    expect(out.csr).toBe(readFileSync(join(dir, 'etcd.csr'), 'utf8'));
  });

  it('takes cfssl\'s optional subject file', () => {
    write('subj.json', '{"names":[{"OU":"only ou"}]}');
    const result = run(['sign', '-ca=ca.pem', '-ca-key=ca-key.pem', '-config=ca-config.json', '-profile=kubernetes', 'etcd.csr', 'subj.json']);
    expect(result.status).toBe(0);
    write('subj.pem', JSON.parse(result.stdout).cert);
    expect(JSON.parse(run(['certinfo', '-cert=subj.pem']).stdout).subject).toEqual({ common_name: 'etcd', organizational_unit: 'only ou', names: ['only ou', 'etcd'] });
  });

  it('rejects a certificate passed as the CSR', () => {
    const result = run(['sign', '-ca=ca.pem', '-ca-key=ca-key.pem', 'ca.pem']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Expected CERTIFICATE REQUEST for the certificate request (CSR), but the PEM block is "CERTIFICATE"');
  });
});

describe('kubeprep certinfo and print-defaults', () => {
  it('certinfo -cert prints 2-space JSON with cfssl\'s fields first', () => {
    const result = run(['certinfo', '-cert', 'etcd.pem']);
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[1]).toBe('  "subject": {');
    const info = JSON.parse(result.stdout);
    expect(info.sans).toEqual(['localhost', '127.0.0.1']);
    expect(info.sigalg).toBe('ECDSAWithSHA256');
  });

  it('certinfo -csr reads a CSR; garbage is an error', () => {
    expect(JSON.parse(run(['certinfo', '-csr=etcd.csr']).stdout).signature_valid).toBe(true);
    const bad = run(['certinfo', '-cert', '-'], 'garbage');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('Could not read the certificate: no PEM block was found');
  });

  it('print-defaults csr|config|list', () => {
    expect(JSON.parse(run(['print-defaults', 'csr']).stdout).CN).toBe('example.net');
    expect(run(['print-defaults', 'config']).stdout.endsWith('}\n\n')).toBe(true);
    expect(run(['print-defaults', 'list']).stdout).toBe('Default configurations are available for:\n\tconfig\n\tcsr\n');
  });
});
