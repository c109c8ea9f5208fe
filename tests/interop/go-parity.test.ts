// Where kubeprep must agree with Go because cfssl, etcd and the kubelet are Go programs: the
// name_whitelist patterns Go's regexp compiles (asked of Debian's cfssl, which refuses to load a config
// whose name_whitelist Go refuses), and certificates with internationalized host names, which Go's
// x509 (cfssl certinfo) and openssl must both read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeprepError } from '../../src/lib/errors';
import { caFromIssued, checkNameWhitelists, defaultSigningConfig, generateCertificate, initCa, parseConfigJson, parseCsrJson } from '../../src/lib/pki';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.cfssl, TOOLS.openssl).length > 0;

/** RE2 syntax both ways: what Go accepts that JavaScript's RegExp refused or read otherwise, and back. */
const PATTERNS = [
  '(?i)^ETCD-[0-9]+$', '\\.example\\.com$', '(?P<host>[a-z]+)\\.local$', '[[:alpha:]]+', '\\pL+', '\\p{Greek}', '(?s).', '(?U)a+',
  '\\Qa.b\\E', '\\z', '(?m)^a$', 'a{1000}', '\\x{10FFFF}', '(?i:a)b', '[\\d-z]',
  '(?=a)', 'a(?!b)', '(?<=a)b', '(a)\\1', '\\Z', 'a{1001}', 'a**', 'x{2}{3}', '[a', '(?x) a', '\\cA', '\\e', '\\u0041', '(?#c)', '\\C', '\\8',
];

describe.skipIf(skip)('name_whitelist compiles where Go\'s regexp compiles it', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubeprep-go-parity-'));
    writeFileSync(join(dir, 'ca-csr.json'), '{"CN":"parity CA","key":{"algo":"ecdsa","size":256}}');
    writeFileSync(join(dir, 'leaf.json'), '{"CN":"etcd-1","hosts":["etcd-1"],"key":{"algo":"ecdsa","size":256}}');
    const ca = JSON.parse(execFileSync('cfssl', ['gencert', '-initca', 'ca-csr.json'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { cert: string; key: string };
    writeFileSync(join(dir, 'ca.pem'), ca.cert);
    writeFileSync(join(dir, 'ca-key.pem'), ca.key);
  });
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  function goAccepts(pattern: string): boolean {
    const config = JSON.stringify({ signing: { default: { expiry: '1h', usages: ['signing'], name_whitelist: pattern } } });
    writeFileSync(join(dir, 'config.json'), config);
    const run = spawnSync('cfssl', ['gencert', '-ca=ca.pem', '-ca-key=ca-key.pem', '-config=config.json', 'leaf.json'], { cwd: dir, encoding: 'utf8' });
    return !/Failed to load config file/i.test(run.stderr);
  }

  function kubeprepAccepts(pattern: string): boolean {
    try {
      checkNameWhitelists(parseConfigJson(JSON.stringify({ signing: { default: { expiry: '1h', usages: ['signing'], name_whitelist: pattern } } })).config);
      return true;
    } catch (error) {
      expect((error as KubeprepError).code).toBe('pki.invalid-whitelist');
      return false;
    }
  }

  it('accepts and refuses the same patterns as cfssl built with Go', () => {
    const verdicts = PATTERNS.map((p) => ({ pattern: p, go: goAccepts(p), kubeprep: kubeprepAccepts(p) }));
    expect(verdicts.filter((v) => v.go !== v.kubeprep)).toEqual([]);
    // Both kinds are present, so the comparison can fail either way.
    expect(verdicts.filter((v) => v.go).length).toBeGreaterThanOrEqual(10);
    expect(verdicts.filter((v) => !v.go).length).toBeGreaterThanOrEqual(10);
  });
});

describe.skipIf(skip)('certificates with internationalized host names', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubeprep-idn-'));
  });
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('are read by Go\'s x509 (cfssl certinfo) and by openssl, with the A-labels as DNS names', async () => {
    const ca = await caFromIssued(await initCa(parseCsrJson('{"CN":"idn CA"}', { initca: true })));
    const issued = await generateCertificate(parseCsrJson('{"CN":"bücher","hosts":["bücher.de","例え.テスト","*.bücher.de","127.0.0.1"]}'), ca, defaultSigningConfig());
    writeFileSync(join(dir, 'idn.pem'), issued.certPem);
    const go = JSON.parse(execFileSync('cfssl', ['certinfo', '-cert', 'idn.pem'], { cwd: dir, encoding: 'utf8' })) as { sans: string[]; subject: { common_name: string } };
    expect(go.sans).toEqual(['xn--bcher-kva.de', 'xn--r8jz45g.xn--zckzah', '*.xn--bcher-kva.de', '127.0.0.1']);
    expect(go.subject.common_name).toBe('bücher');
    const text = execFileSync('openssl', ['x509', '-in', 'idn.pem', '-noout', '-ext', 'subjectAltName'], { cwd: dir, encoding: 'utf8' });
    expect(text).toContain('DNS:xn--bcher-kva.de, DNS:xn--r8jz45g.xn--zckzah, DNS:*.xn--bcher-kva.de, IP Address:127.0.0.1');
  });
});
