// The private-key filter that guards browser storage, against keys written by the openssl command itself
// in every form it has: each algorithm, PKCS#1/SEC1 ("traditional"), PKCS#8, encrypted PKCS#8,
// traditional encrypted PEM (Proc-Type), EC keys behind an EC PARAMETERS block, DER in bare base64,
// PKCS#12 in bare base64. The unit test covers the same with Node's crypto; this proves the real tool's
// output, header lines and all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storableText, withoutPrivateKeys } from '../../src/lib/workspace/private-keys';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.openssl).length > 0;

describe.skipIf(skip)('private key filter on openssl-written keys', () => {
  let dir: string;
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] });
  const read = (file: string) => readFileSync(join(dir, file));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubeprep-key-filter-'));
    openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'rsa-pkcs8.pem');
    openssl('pkey', '-in', 'rsa-pkcs8.pem', '-traditional', '-out', 'rsa-pkcs1.pem');
    openssl('pkey', '-in', 'rsa-pkcs8.pem', '-outform', 'DER', '-out', 'rsa-pkcs8.der');
    openssl('rsa', '-in', 'rsa-pkcs8.pem', '-traditional', '-outform', 'DER', '-out', 'rsa-pkcs1.der');
    openssl('pkcs8', '-topk8', '-in', 'rsa-pkcs8.pem', '-v2', 'aes-256-cbc', '-passout', 'pass:secret', '-out', 'rsa-enc-pkcs8.pem');
    openssl('pkcs8', '-topk8', '-in', 'rsa-pkcs8.pem', '-v2', 'aes-256-cbc', '-passout', 'pass:secret', '-outform', 'DER', '-out', 'rsa-enc-pkcs8.der');
    openssl('rsa', '-in', 'rsa-pkcs8.pem', '-aes256', '-traditional', '-passout', 'pass:secret', '-out', 'rsa-proc-type.pem');
    openssl('ecparam', '-name', 'prime256v1', '-genkey', '-out', 'ec-with-params.pem');
    openssl('ec', '-in', 'ec-with-params.pem', '-outform', 'DER', '-out', 'ec-sec1.der');
    openssl('ec', '-in', 'ec-with-params.pem', '-aes128', '-passout', 'pass:secret', '-out', 'ec-proc-type.pem');
    for (const algorithm of ['ED25519', 'ED448', 'X25519']) {
      openssl('genpkey', '-algorithm', algorithm, '-out', `${algorithm}.pem`);
      openssl('pkey', '-in', `${algorithm}.pem`, '-outform', 'DER', '-out', `${algorithm}.der`);
    }
    openssl('req', '-x509', '-key', 'rsa-pkcs8.pem', '-subj', '/CN=filter', '-days', '1', '-out', 'cert.pem');
    openssl('pkcs12', '-export', '-inkey', 'rsa-pkcs8.pem', '-in', 'cert.pem', '-passout', 'pass:secret', '-out', 'bundle.p12');
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const PEM_FILES = ['rsa-pkcs8.pem', 'rsa-pkcs1.pem', 'rsa-enc-pkcs8.pem', 'rsa-proc-type.pem', 'ec-with-params.pem', 'ec-proc-type.pem', 'ED25519.pem', 'ED448.pem', 'X25519.pem'];
  const DER_FILES = ['rsa-pkcs8.der', 'rsa-pkcs1.der', 'rsa-enc-pkcs8.der', 'ec-sec1.der', 'ED25519.der', 'ED448.der', 'X25519.der', 'bundle.p12'];

  it('removes every PEM private key openssl writes and keeps the certificate beside it', () => {
    const cert = read('cert.pem').toString('utf8');
    for (const file of PEM_FILES) {
      const key = read(file).toString('utf8');
      const body = key.split('\n').find((line) => /^[A-Za-z0-9+/]{60,}$/.test(line))!;
      const kept = withoutPrivateKeys(cert + key + 'tail\n');
      expect(kept, file).not.toContain(body);
      expect(kept, file).not.toMatch(/PRIVATE|DEK-Info|Proc-Type/);
      expect(kept, file).toContain(cert);
      expect(kept, file).toContain('tail');
    }
  });

  it('removes DER keys and PKCS#12 pasted as bare base64, wrapped or on one line', () => {
    for (const file of DER_FILES) {
      const base64 = read(file).toString('base64');
      const wrapped = base64.match(/.{1,64}/g)!.join('\n');
      for (const text of [base64, wrapped, `  ${wrapped.replace(/\n/g, '\n  ')}`]) {
        const kept = withoutPrivateKeys(`key:\n${text}\nnext line\n`);
        expect(kept, file).not.toContain(base64.slice(8, 40));
        expect(kept, file).toContain('next line');
      }
    }
  });

  it('removes the client key from a kubeconfig and keeps its certificate', () => {
    const certData = read('cert.pem').toString('base64');
    const keyData = read('rsa-pkcs1.pem').toString('base64');
    const kubeconfig = `apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    client-certificate-data: ${certData}\n    client-key-data: ${keyData}\n    token: x\n`;
    const kept = withoutPrivateKeys(kubeconfig);
    expect(kept).not.toContain(keyData.slice(40, 80));
    expect(kept).toContain(certData);
    expect(kept).toContain('    token: x');
    const asJson = storableText(JSON.stringify({ text: kubeconfig }));
    expect(asJson).not.toContain(keyData.slice(40, 80));
  });
});
