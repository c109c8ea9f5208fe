// The command line makes its RSA keys from two primes it draws itself (src/cli/rsa-keys.ts), not with
// WebCrypto's generateKey: OpenSSL checks every such key (`openssl rsa -check`: p and q prime, n = pq,
// d, dP, dQ and qInv consistent) and finds the certificate written with it carrying the same modulus,
// for gencert -initca and gencert leaves of 2048, 3072 and 4096 bits and for a cluster bundle's keys.
// Runs the built command (bin/kubeprep.mjs over dist-cli, `npm run build:cli`), as a user would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import { produce, run } from '../support/cfssl';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.openssl).length > 0;

async function openssl(args: string[], cwd: string): Promise<string> {
  const result = await run('openssl', args, { cwd });
  expect(result.code, `openssl ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout;
}

/** `openssl rsa -check` passes, and the key's modulus is the certificate's (or the public key file's). */
async function expectGoodRsaKey(key: string, publicFile: string, bits: number, cwd: string): Promise<void> {
  expect(readFileSync(join(cwd, key), 'utf8').split('\n')[0], key).toBe('-----BEGIN RSA PRIVATE KEY-----');
  expect(await openssl(['rsa', '-in', key, '-check', '-noout'], cwd), key).toContain('RSA key ok');
  const modulus = await openssl(['rsa', '-in', key, '-noout', '-modulus'], cwd);
  expect(modulus, key).toMatch(new RegExp(`^Modulus=[0-9A-F]{${bits / 4}}\\n$`));
  const other = publicFile.endsWith('.pub') ? ['rsa', '-pubin', '-in', publicFile, '-noout', '-modulus'] : ['x509', '-in', publicFile, '-noout', '-modulus'];
  expect(await openssl(other, cwd), `${key} and ${publicFile}`).toBe(modulus);
}

describe.skipIf(skip)('RSA keys the kubeprep command makes from two primes', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubeprep-cli-rsa-'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ signing: { default: { expiry: '8760h', usages: ['signing', 'key encipherment', 'server auth'] } } }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** `kubeprep gencert ARGS`, its cert and key written as NAME.pem and NAME-key.pem. */
  async function gencert(args: string[], name: string): Promise<{ cert: string; key: string }> {
    const result = await produce('kubeprep', ['gencert', ...args], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as { cert: string; key: string };
    writeFileSync(join(dir, `${name}.pem`), out.cert);
    writeFileSync(join(dir, `${name}-key.pem`), out.key);
    return { cert: `${name}.pem`, key: `${name}-key.pem` };
  }

  it.each([2048, 3072, 4096])('rsa-%i: a CA and leaves from gencert pass openssl rsa -check and match their certificates', async (bits) => {
    writeFileSync(join(dir, `ca${bits}.json`), JSON.stringify({ CN: `RSA ${bits} CA`, key: { algo: 'rsa', size: bits } }));
    const ca = await gencert(['-initca', `ca${bits}.json`], `ca${bits}`);
    const leaves = bits === 2048 ? 3 : 1;
    const issued = [ca];
    for (let i = 0; i < leaves; i++) {
      const name = `leaf${bits}-${i}`;
      writeFileSync(join(dir, `${name}.json`), JSON.stringify({ CN: `${name}.example`, hosts: [`${name}.example`], key: { algo: 'rsa', size: bits } }));
      issued.push(await gencert([`-ca=${ca.cert}`, `-ca-key=${ca.key}`, '-config=config.json', `${name}.json`], name));
    }
    for (const { cert, key } of issued) await expectGoodRsaKey(key, cert, bits, dir);
    const moduli = await Promise.all(issued.map(({ key }) => openssl(['rsa', '-in', key, '-noout', '-modulus'], dir)));
    expect(new Set(moduli).size, 'every key is new').toBe(issued.length);
    for (const { cert } of issued.slice(1)) expect(await openssl(['verify', '-CAfile', ca.cert, cert], dir)).toContain(': OK');
  });

  it('every key of a cluster bundle passes openssl rsa -check and matches its certificate (sa.key its sa.pub)', async () => {
    const plan = {
      clusterName: 'rsa-lab', key: { algo: 'rsa', size: 2048 },
      controlPlane: [{ name: 'cp-1', ip: '10.1.0.11' }],
      workers: [{ name: 'w-1', ip: '10.1.0.21' }],
      apiEndpoint: { vip: '', dnsName: '', port: 6443 },
      loadBalancer: { kind: 'external', interface: 'eth0' },
      trustModel: 'single-ca',
    };
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
    const result = await produce('kubeprep', ['cluster', '-plan=plan.json', '-out=bundle.zip'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(join(dir, 'bundle.zip')));
    const out = join(dir, 'bundle');
    const names = Object.keys(zip.files).filter((name) => !zip.files[name]!.dir);
    for (const name of names) {
      mkdirSync(dirname(join(out, name)), { recursive: true });
      writeFileSync(join(out, name), await zip.file(name)!.async('uint8array'));
    }
    const keys = names.filter((name) => name.endsWith('.key'));
    expect(keys.length, names.join('\n')).toBeGreaterThanOrEqual(12);
    for (const key of keys) {
      const partner = key.endsWith('/sa.key') ? key.replace(/\.key$/, '.pub') : key.replace(/\.key$/, '.crt');
      expect(names, `${key} has ${partner}`).toContain(partner);
      await expectGoodRsaKey(key, partner, 2048, out);
    }
  });
});
