// The Inspect screen in Chromium: a CA, a leaf and its key pasted at once (made by the real openssl), the
// key matches the leaf, the leaf verifies against the CA, the expiry is shown; after a reload the
// certificates are still there and the private key is not (nor in localStorage). A chain without its root,
// a constrained CA with a leaf that breaks its rules, and a traditionally encrypted key each get their
// verdict; the PKI engine is fetched only once something is pasted, not with the first paint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectPageErrors, useBuiltAppInChromium } from '../support/browser';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.chromium, TOOLS.openssl).length > 0;

function makeChain(dir: string): { ca: string; leaf: string; leafKey: string; otherKey: string; csr: string } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-subj', '/CN=Inspect Test CA', '-days', '30', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'leaf-key.pem', '-out', 'leaf.csr', '-subj', '/CN=etcd-1');
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=DNS:etcd-1.example.com,IP:10.0.0.11\nbasicConstraints=critical,CA:FALSE\n');
  run('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', 'leaf.pem', '-days', '20', '-extfile', 'ext.cnf');
  run('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'other-key.pem');
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return { ca: read('ca.pem'), leaf: read('leaf.pem'), leafKey: read('leaf-key.pem'), otherKey: read('other-key.pem'), csr: read('leaf.csr') };
}

/** A constrained root (DNS corp.example only), an intermediate, a leaf within the rules, and one outside them
 * that also carries an unknown critical extension; plus a traditionally encrypted key (Proc-Type header). */
function makeConstrainedChain(dir: string): { root: string; inter: string; good: string; evil: string; encryptedKey: string } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  const ext = (name: string, lines: string[]) => writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
  ext('inter.cnf', ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign', 'subjectKeyIdentifier=hash', 'authorityKeyIdentifier=keyid:always']);
  ext('good.cnf', ['basicConstraints=critical,CA:FALSE', 'subjectAltName=DNS:app.corp.example']);
  ext('evil.cnf', ['basicConstraints=critical,CA:FALSE', 'subjectAltName=DNS:evil.attacker.test', '1.3.6.1.4.1.55555.1=critical,ASN1:NULL']);
  run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'root-key.pem', '-out', 'root.pem', '-subj', '/CN=Constrained Root', '-days', '30', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-addext', 'nameConstraints=critical,permitted;DNS:corp.example');
  run('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'inter-key.pem', '-out', 'inter.csr', '-subj', '/CN=Constrained Intermediate');
  run('x509', '-req', '-in', 'inter.csr', '-CA', 'root.pem', '-CAkey', 'root-key.pem', '-CAcreateserial', '-out', 'inter.pem', '-days', '20', '-extfile', 'inter.cnf');
  for (const name of ['good', 'evil']) {
    run('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}-key.pem`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
    run('x509', '-req', '-in', `${name}.csr`, '-CA', 'inter.pem', '-CAkey', 'inter-key.pem', '-CAcreateserial', '-out', `${name}.pem`, '-days', '10', '-extfile', `${name}.cnf`);
  }
  run('genrsa', '-traditional', '-aes256', '-passout', 'pass:secret', '-out', 'traditional.pem', '2048');
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return { root: read('root.pem'), inter: read('inter.pem'), good: read('good.pem'), evil: read('evil.pem'), encryptedKey: read('traditional.pem') };
}

describe.skipIf(skip)('Inspect screen in Chromium', () => {
  const chromium = useBuiltAppInChromium();
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubeprep-e2e-inspect-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('decodes several PEM blocks, matches the key, verifies the chain and forgets the key on reload', async () => {
    const { ca, leaf, leafKey, otherKey, csr } = makeChain(dir);
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname.split('/').pop()!);
    });
    await page.goto(chromium.url + '#/inspect');
    await page.getByRole('textbox', { name: 'PEM text' }).waitFor();
    // The first paint is the frame, this screen and its language; the engine chunk (PKI.js, asn1js) and
    // JSZip come on first use, and no other screen is fetched.
    expect(scripts).toContainEqual(expect.stringMatching(/^index-.*\.js$/));
    expect(scripts.filter((name) => /engine-|jszip|(?:Pki|Cluster|Expiry|Raft|Scripts)Screen/.test(name))).toEqual([]);
    const firstPaint = scripts.length;
    await page.getByRole('textbox', { name: 'PEM text' }).fill(leaf + leafKey + ca + otherKey + csr);

    const blocks = page.locator('article.block');
    await page.locator('article.block[data-kind="private-key"]').first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('article.block').length === 5);
    // Decoding fetched the engine (and the modules it shares), but no other screen.
    expect(scripts.slice(firstPaint)).toContainEqual(expect.stringMatching(/^engine-exports-.*\.js$/));
    expect(scripts.filter((name) => /(?:Pki|Cluster|Expiry|Raft|Scripts)Screen/.test(name))).toEqual([]);
    expect(await blocks.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual(['certificate', 'private-key', 'certificate', 'private-key', 'csr']);
    await expect(blocks.nth(4).textContent()).resolves.toContain('CN = etcd-1');
    await expect(blocks.nth(4).locator('.csr-signature').textContent()).resolves.toContain('signed by its own key');

    const leafBlock = blocks.nth(0);
    await expect(leafBlock.locator('.chain').textContent()).resolves.toContain('Verifies against CN = Inspect Test CA');
    expect(await leafBlock.textContent()).toMatch(/in (19|20) days/);
    expect(await leafBlock.textContent()).toContain('etcd-1.example.com');
    await expect(blocks.nth(1).locator('.key-match').textContent()).resolves.toContain('Matches the certificate CN = etcd-1');
    await expect(blocks.nth(2).textContent()).resolves.toContain('Self-signed');
    await expect(blocks.nth(3).locator('.key-match').textContent()).resolves.toContain('Matches none');

    const stored = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
    expect(stored).not.toContain('PRIVATE KEY');
    expect(stored).toContain(leaf.split('\n')[1]);

    await page.reload();
    const text = await page.getByRole('textbox', { name: 'PEM text' }).inputValue();
    expect(text).toContain('BEGIN CERTIFICATE');
    expect(text).not.toContain('PRIVATE KEY');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('finds the certificate, request and key inside cfssl\'s JSON output pasted as it is', async () => {
    const { leaf, leafKey, csr } = makeChain(dir);
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(chromium.url + '#/inspect');
    // What `cfssl gencert` prints: one line of JSON, the PEM newlines escaped as \n.
    await page.getByRole('textbox', { name: 'PEM text' }).fill(JSON.stringify({ cert: leaf, csr, key: leafKey }));
    await page.waitForFunction(() => document.querySelectorAll('article.block').length === 3);
    const blocks = page.locator('article.block');
    expect(await blocks.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual(['certificate', 'csr', 'private-key']);
    await expect(blocks.nth(0).textContent()).resolves.toContain('etcd-1.example.com');
    await expect(blocks.nth(2).locator('.key-match').textContent()).resolves.toContain('Matches the certificate CN = etcd-1');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps no private key of any kind across a reload: Ed25519 labels, a kubeconfig, a JWK, bare DER', async () => {
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] });
    run('genpkey', '-algorithm', 'ED25519', '-out', 'ed.pem');
    const ed = readFileSync(join(dir, 'ed.pem'), 'utf8');
    const cfsslEd = ed.replace(/PRIVATE KEY/g, 'Ed25519 PRIVATE KEY');
    const rsaKey = run('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048').toString('utf8');
    const bareDer = run('pkey', '-outform', 'DER', '-in', 'ed.pem').toString('base64');
    const kubeconfig = `users:\n- name: admin\n  user:\n    client-key-data: ${Buffer.from(rsaKey).toString('base64')}\n`;
    const jwk = '{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}';
    const secrets = [cfsslEd.split('\n')[1]!, Buffer.from(rsaKey).toString('base64').slice(100, 140), bareDer.slice(10, 40), 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A'];

    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(chromium.url + '#/inspect');
    const box = page.getByRole('textbox', { name: 'PEM text' });
    await box.fill(['note', cfsslEd, kubeconfig, jwk, bareDer, 'end'].join('\n'));
    await page.locator('article.block').first().waitFor();
    const stored = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
    for (const secret of secrets) expect(stored).not.toContain(secret);
    expect(stored).not.toMatch(/PRIVATE KEY/i);

    await page.reload();
    const text = await box.inputValue();
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).toContain('note');
    expect(text).toContain('end');
    await context.close();
  });

  it('says which link is missing, names every broken rule on its certificate, and calls a Proc-Type key encrypted', async () => {
    const { root, inter, good, evil, encryptedKey } = makeConstrainedChain(dir);
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(chromium.url + '#/inspect');
    const input = page.getByRole('textbox', { name: 'PEM text' });
    const blocks = page.locator('article.block');

    // fullchain.pem: the leaf verifies up to the intermediate; the intermediate's issuer (the root) is missing.
    await input.fill(good + inter);
    await page.locator('article.block .chain').nth(1).waitFor();
    await expect(blocks.nth(0).locator('.chain').getAttribute('data-verdict')).resolves.toBe('partial');
    await expect(blocks.nth(0).locator('.chain').textContent()).resolves.toContain('Chain verifies up to CN = Constrained Intermediate; the root is not pasted (the issuer of CN = Constrained Intermediate: CN = Constrained Root)');
    await expect(blocks.nth(1).locator('.chain').textContent()).resolves.toContain('Issuer CN = Constrained Root is not among the certificates pasted here');

    // The root's name constraints and the unknown critical extension, both on the leaf (openssl: 34 and 47).
    await input.fill(inter + evil + root + encryptedKey);
    await page.waitForFunction(() => document.querySelector('article.block:nth-of-type(2) .chain')?.getAttribute('data-verdict') === 'failed');
    const verdict = await blocks.nth(1).locator('.chain').textContent();
    expect(verdict).toContain('CN = evil (Block 2): A certificate has a critical extension that neither this check nor openssl understands');
    expect(verdict).toContain('CN = evil (Block 2): A name in the certificate is outside what its CA may certify');
    await expect(blocks.nth(0).locator('.chain').textContent()).resolves.toContain('Verifies against CN = Constrained Root');
    await expect(blocks.nth(3).textContent()).resolves.toContain('The private key is encrypted');

    await blocks.nth(0).locator('summary').click();
    const text = await blocks.nth(0).locator('pre.cert-text').textContent();
    expect(text).toContain('X509v3 Authority Key Identifier:');
    expect(text).not.toContain('X509v3 Name Constraints');
    await blocks.nth(2).locator('summary').click();
    expect(await blocks.nth(2).locator('pre.cert-text').textContent()).toMatch(/X509v3 Name Constraints: critical\n\s+Permitted:\n\s+DNS:corp\.example/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
