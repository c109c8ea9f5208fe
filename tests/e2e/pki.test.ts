// The cfssl workspace in Chromium, end to end: the guide's files -> "Generate" -> "Download .zip" -> the
// real openssl verifies every certificate; lint, broken JSON across a reload, an existing CA made by
// Debian's cfssl, and no private key in localStorage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import JSZip from 'jszip';
import { execFileSync, execSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectPageErrors, useBuiltAppInChromium } from '../support/browser';
import { missingTools, TOOLS } from '../support/tools';
import { GUIDE_CA_CSR } from '../../src/lib/workspace/example';

const skip = missingTools(TOOLS.chromium, TOOLS.openssl, TOOLS.cfssl, TOOLS.cfssljson).length > 0;

const GUIDE_SUBJECTS: Record<string, string> = {
  ca: 'C=CN, ST=shanghai, L=shanghai, O=cfssl, OU=System, CN=SelfSignedCa',
  etcd: 'C=CN, ST=shanghai, L=shanghai, O=etcd, OU=System, CN=etcd',
  kubernetes: 'C=CN, ST=shanghai, L=shanghai, O=kubernetes, OU=System, CN=kubernetes',
};

function subjectOf(certFile: string): string {
  return execFileSync('openssl', ['x509', '-in', certFile, '-noout', '-subject', '-nameopt', 'sep_comma_plus_space,sname'], { encoding: 'utf8' })
    .replace(/^subject=\s*/, '')
    .trim();
}

function opensslVerify(caFile: string, certFile: string): string {
  return execFileSync('openssl', ['verify', '-CAfile', caFile, certFile], { encoding: 'utf8' }).trim();
}

async function localStorageDump(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
}

async function generateAndDownload(page: Page, dir: string): Promise<Record<string, string>> {
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const download = page.getByRole('button', { name: 'Download .zip', exact: true });
  await download.waitFor({ state: 'visible', timeout: 120_000 });
  await page.waitForFunction(() => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Download .zip');
    return button !== undefined && !button.disabled;
  }, undefined, { timeout: 120_000 });
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  const zipPath = join(dir, 'bundle.zip');
  await file.saveAs(zipPath);
  const zip = await JSZip.loadAsync(readFileSync(zipPath));
  const files: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) {
    if (zip.files[name]!.dir) continue;
    files[name] = await zip.file(name)!.async('string');
    writeFileSync(join(dir, name.replace(/\//g, '_')), files[name]!);
  }
  return files;
}

describe.skipIf(skip)('cfssl workspace in Chromium', () => {
  const chromium = useBuiltAppInChromium();
  let context: BrowserContext;
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubeprep-e2e-pki-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function freshPage(): Promise<Page> {
    context = await chromium.browser.newContext({ locale: 'en-US', acceptDownloads: true });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(chromium.url + '#/pki');
    return page;
  }

  it("first visit: lint, Generate, Download .zip, and openssl verifies every certificate with the guide's subjects", async () => {
    const page = await freshPage();
    const errors = collectPageErrors(page);

    // Tick "Add the scripts to the zip" on the Node scripts screen; the bundle must carry them.
    await page.goto(chromium.url + '#/scripts');
    await page.getByRole('checkbox', { name: 'Add the scripts to the zip' }).check();
    await page.getByRole('link', { name: 'Certificates', exact: true }).click();

    const lint = page.locator('[data-code="workspace.server-auth-without-hosts"]');
    await lint.first().waitFor();
    expect(await lint.count()).toBe(2);
    expect(await lint.allTextContents()).toEqual([expect.stringContaining('etcd-csr.json'), expect.stringContaining('kubernetes-csr.json')]);
    expect(await lint.first().textContent()).toContain('tls: bad certificate');

    const out = join(dir, 'first');
    execSync(`mkdir -p ${out}`);
    const files = await generateAndDownload(page, out);
    for (const name of ['ca.pem', 'ca-key.pem', 'ca.csr', 'etcd.pem', 'etcd-key.pem', 'etcd.csr', 'kubernetes.pem', 'kubernetes-key.pem', 'kubernetes.csr', 'ca-config.json', 'ca-csr.json', 'etcd-csr.json', 'kubernetes-csr.json', 'README.md', 'verify.sh']) {
      expect(Object.keys(files), name).toContain(name);
    }
    for (const name of ['etcd', 'kubernetes']) {
      expect(opensslVerify(join(out, 'ca.pem'), join(out, `${name}.pem`))).toBe(`${join(out, name)}.pem: OK`);
      expect(subjectOf(join(out, `${name}.pem`))).toBe(GUIDE_SUBJECTS[name]);
    }
    expect(subjectOf(join(out, 'ca.pem'))).toBe(GUIDE_SUBJECTS.ca);
    const scripts = Object.keys(files).filter((n) => n.startsWith('scripts/'));
    expect(scripts.length).toBeGreaterThan(0);
    expect(files[scripts[0]!]).toMatch(/^#!/);
    expect(files['README.md']).toContain('cfssl gencert -ca=ca.pem -ca-key=ca-key.pem -config=ca-config.json -profile=etcd etcd-csr.json | cfssljson -bare etcd');

    // The result cards show the chain verified against the CA.
    expect(await page.locator('article[data-name="etcd"] .verification').textContent()).toContain('Verifies against ca.pem');

    // No private key anywhere in localStorage: not the label, not a line of any key's body.
    const stored = await localStorageDump(page);
    expect(stored).not.toContain('PRIVATE KEY');
    for (const keyFile of ['ca-key.pem', 'etcd-key.pem', 'kubernetes-key.pem']) {
      const bodyLine = files[keyFile]!.split('\n')[2]!;
      expect(bodyLine.length).toBeGreaterThan(40);
      expect(stored).not.toContain(bodyLine);
    }

    // "Forget keys" empties memory: the next zip has certificates but no keys.
    await page.getByRole('button', { name: 'Forget keys', exact: true }).click();
    const [forgotten] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .zip', exact: true }).click()]);
    const zip = await JSZip.loadAsync(readFileSync(await forgotten.path()));
    expect(Object.keys(zip.files).filter((n) => n.endsWith('-key.pem'))).toEqual([]);
    expect(Object.keys(zip.files)).toContain('etcd.pem');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("predicts the guide's default profile failing, and the zip says what was not issued and why", async () => {
    const page = await freshPage();
    const errors = collectPageErrors(page);
    const profileOf = async (file: string, profile: string) => {
      await page.locator('.file-list').getByRole('button', { name: new RegExp(`^${file}`) }).click();
      await page.getByRole('combobox', { name: 'Profile (-profile)' }).selectOption(profile);
    };
    await profileOf('kubernetes-csr.json', 'default');
    const lint = page.locator('[data-code="workspace.profile-signs-nothing"]');
    await lint.first().waitFor();
    expect(await lint.count()).toBe(1);
    expect(await lint.textContent()).toContain('kubernetes: Generate will fail: profile "default" has no usages');

    const out = join(dir, 'failed');
    execSync(`mkdir -p ${out}`);
    const files = await generateAndDownload(page, out);
    expect(await page.getByTestId('download-missing').textContent()).toContain('(1: kubernetes)');
    expect(Object.keys(files)).toContain('kubernetes-csr.json');
    expect(Object.keys(files)).not.toContain('kubernetes.pem');
    expect(Object.keys(files)).not.toContain('kubernetes-key.pem');
    expect(files['README.md']).toContain('## Not issued');
    expect(files['README.md']).toMatch(/- `kubernetes-csr\.json`: .*"default"/);
    // verify.sh checks what is there, names what is not, and fails.
    for (const [name, content] of Object.entries(files)) if (!name.includes('/')) writeFileSync(join(out, name), content);
    const run = spawnSync('sh', ['verify.sh'], { cwd: out, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('etcd.pem: OK');
    expect(run.stdout).toMatch(/kubernetes: NOT ISSUED: .*default/);
    expect(run.stdout).toContain('Some checks FAILED.');

    // Nothing issued: no Download, and the panel says why.
    await profileOf('etcd-csr.json', 'default');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await page.getByTestId('download-nothing').waitFor({ timeout: 120_000 });
    expect(await page.getByRole('button', { name: 'Download .zip', exact: true }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows broken JSON with line and column, and keeps it across a reload', async () => {
    const page = await freshPage();
    await page.locator('.file-list').getByRole('button', { name: /^etcd-csr\.json/ }).click();
    await page.getByRole('button', { name: 'JSON', exact: true }).click();
    const editor = page.getByRole('textbox', { name: 'JSON of etcd-csr.json' });
    const broken = '{\n  "CN": "etcd",\n  "hosts": [\n}\n';
    await editor.fill(broken);
    const error = page.locator('#json-error');
    await expect(error.textContent()).resolves.toMatch(/at line 4, column 1/);

    // A key cfssl would silently ignore (cloudflare/cfssl#1405: "name" for "names") is named under the file.
    await editor.fill('{"CN": "etcd", "name": [{"O": "etcd"}]}');
    await page.getByText('Unknown field name was ignored').waitFor();
    // A key given twice: Go (and so cfssl and the engine) takes the last one; the form shows that one
    // and the file says why.
    await editor.fill('{"CN":"a","cn":"b"}');
    await page.getByText('CN is given more than once (CN, cn); like cfssl, the last one is used: "cn": "b"').waitFor();
    await page.getByRole('button', { name: 'Form', exact: true }).click();
    expect(await page.getByRole('textbox', { name: 'Common Name (CN)' }).inputValue()).toBe('b');
    await page.getByRole('button', { name: 'JSON', exact: true }).click();
    await editor.fill(broken);

    await page.reload();
    await page.getByRole('textbox', { name: 'JSON of etcd-csr.json' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'JSON of etcd-csr.json' }).inputValue()).toBe(broken);
    await expect(page.locator('#json-error').textContent()).resolves.toMatch(/at line 4, column 1/);
    await context.close();
  });

  it('keeps the form and the JSON in sync (CN, hosts as classified chips, profiles)', async () => {
    const page = await freshPage();
    await page.locator('.file-list').getByRole('button', { name: /^ca-config\.json/ }).click();
    await page.getByRole('textbox', { name: 'New profile name' }).fill('etcd-peer');
    await page.getByRole('button', { name: 'Add profile', exact: true }).click();

    await page.locator('.file-list').getByRole('button', { name: /^etcd-csr\.json/ }).click();
    await page.getByRole('textbox', { name: 'Common Name (CN)' }).fill('etcd-1');
    const host = page.getByRole('textbox', { name: 'New host' });
    await host.fill('127.0.0.1, etcd-1.example.com, ops@example.com');
    await host.press('Enter');
    expect(await page.locator('.chip').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual(['ip', 'dns', 'email']);
    await page.getByRole('combobox', { name: 'Profile (-profile)' }).selectOption('etcd-peer');
    // With hosts, the etcd request no longer draws the server-auth lint; kubernetes still does.
    await page.waitForFunction(() => document.querySelectorAll('[data-code="workspace.server-auth-without-hosts"]').length === 1);

    await page.getByRole('button', { name: 'JSON', exact: true }).click();
    const json = JSON.parse(await page.getByRole('textbox', { name: 'JSON of etcd-csr.json' }).inputValue());
    expect(json).toMatchObject({ CN: 'etcd-1', hosts: ['127.0.0.1', 'etcd-1.example.com', 'ops@example.com'], key: { algo: 'rsa', size: 2048 } });
    await page.getByRole('textbox', { name: 'JSON of etcd-csr.json' }).fill('{"CN": "from-json", "key": {"algo": "ecdsa", "size": 384}}');
    await page.getByRole('button', { name: 'Form', exact: true }).click();
    expect(await page.getByRole('textbox', { name: 'Common Name (CN)' }).inputValue()).toBe('from-json');
    expect(await page.getByRole('combobox', { name: 'Algorithm' }).inputValue()).toBe('ecdsa');
    expect(await page.locator('.file-list').textContent()).toContain('profile etcd-peer');
    await context.close();
  });

  it("imports the user's cfssl JSON files by drag-and-drop and by the file picker", async () => {
    const page = await freshPage();
    await page.locator('.file-list .dropzone').waitFor(); // the screen's chunk loads after the frame
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['{"CN":"admin","hosts":[],"names":[{"O":"system:masters"}]}'], 'admin-csr.json', { type: 'application/json' }));
      const zone = document.querySelector('.file-list .dropzone')!;
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
    await page.locator('.file-list').getByRole('button', { name: /^admin-csr\.json/ }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Common Name (CN)' }).inputValue()).toBe('admin');

    const config = '{"signing":{"default":{"expiry":"8760h"},"profiles":{"client":{"expiry":"8760h","usages":["signing","key encipherment","client auth"]}}}}';
    await page.locator('.file-list input[type="file"]').setInputFiles({ name: 'ca-config.json', mimeType: 'application/json', buffer: Buffer.from(config) });
    await page.getByText('Imported: ca-config.json').waitFor();
    // The guide's requests now name profiles that no longer exist: cfssl would sign them with "default".
    await page.locator('[data-code="workspace.unknown-profile"]').first().waitFor();
    expect(await page.locator('[data-code="workspace.unknown-profile"]').count()).toBe(2);
    await page.locator('.file-list input[type="file"]').setInputFiles({ name: 'photo.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
    await expect(page.locator('.file-list [role="alert"]').textContent()).resolves.toContain('photo.json: Not a cfssl config or CSR JSON file.');
    await context.close();
  });

  it("signs a new leaf with an existing CA made by Debian's cfssl, and rejects bad CA inputs at their slot", async () => {
    const caDir = join(dir, 'cfssl-ca');
    execSync(`mkdir -p ${caDir}`);
    writeFileSync(join(caDir, 'ca-csr.json'), GUIDE_CA_CSR);
    execSync('cfssl gencert -initca ca-csr.json | cfssljson -bare ca', { cwd: caDir, stdio: 'ignore' });
    execFileSync('openssl', ['genrsa', '-out', join(caDir, 'other-key.pem'), '2048'], { stdio: 'ignore' });
    writeFileSync(join(caDir, 'notes.txt'), 'this is not a certificate\n');

    const page = await freshPage();
    await page.getByRole('radio', { name: /existing CA/ }).check();
    const certSlot = page.locator('input[data-slot="ca-cert"]');
    const keySlot = page.locator('input[data-slot="ca-key"]');
    const useCa = page.getByRole('button', { name: 'Use this CA', exact: true });

    // A file that is not PEM on the certificate slot.
    await certSlot.setInputFiles(join(caDir, 'notes.txt'));
    await keySlot.setInputFiles(join(caDir, 'ca-key.pem'));
    await useCa.click();
    await expect(page.getByRole('group', { name: 'CA certificate (ca.pem)' }).getByRole('alert').textContent()).resolves.toContain('is not PEM');

    // A key that does not match the certificate.
    await certSlot.setInputFiles(join(caDir, 'ca.pem'));
    await keySlot.setInputFiles(join(caDir, 'other-key.pem'));
    await useCa.click();
    const keyAlert = page.getByRole('group', { name: 'CA private key (ca-key.pem)' }).getByRole('alert');
    await expect(keyAlert.textContent()).resolves.toContain('does not belong to the CA certificate');

    // A key PEM whose DER is no key: told at the key slot, not the certificate's.
    writeFileSync(join(caDir, 'damaged-key.pem'), '-----BEGIN EC PRIVATE KEY-----\nMAMCAQE=\n-----END EC PRIVATE KEY-----\n');
    await keySlot.setInputFiles(join(caDir, 'damaged-key.pem'));
    await useCa.click();
    await expect(keyAlert.textContent()).resolves.toContain('The CA private key is damaged');
    expect(await page.getByRole('group', { name: 'CA certificate (ca.pem)' }).getByRole('alert').count()).toBe(0);

    // A 50 MB file is refused before it is read.
    const big = join(caDir, 'big.pem');
    execFileSync('truncate', ['-s', '50M', big]);
    await keySlot.setInputFiles(big);
    await expect(keyAlert.textContent()).resolves.toContain('50.0 MiB');

    // The real pair.
    await keySlot.setInputFiles(join(caDir, 'ca-key.pem'));
    await useCa.click();
    await page.getByText(/Signing with SelfSignedCa/).waitFor();

    const out = join(dir, 'existing');
    execSync(`mkdir -p ${out}`);
    const files = await generateAndDownload(page, out);
    expect(Object.keys(files)).not.toContain('ca-key.pem');
    expect(files['ca.pem']).toBe(readFileSync(join(caDir, 'ca.pem'), 'utf8'));
    for (const name of ['etcd', 'kubernetes']) {
      expect(opensslVerify(join(caDir, 'ca.pem'), join(out, `${name}.pem`))).toBe(`${join(out, name)}.pem: OK`);
    }
    expect(await localStorageDump(page)).not.toContain('PRIVATE KEY');
    await context.close();
  });

  it("takes kubeprep's own Ed25519 CA under either key label (PKCS#8, or cfssl 1.6's), and openssl verifies what it signs", async () => {
    const caDir = join(dir, 'ed25519-ca');
    execSync(`mkdir -p ${caDir}`);
    writeFileSync(join(caDir, 'ca-csr.json'), '{"CN":"Ed25519 Test CA","key":{"algo":"ed25519"}}');
    const issued = JSON.parse(execFileSync('node', ['bin/kubeprep.mjs', 'gencert', '-initca', join(caDir, 'ca-csr.json')]).toString()) as { cert: string; key: string };
    expect(issued.key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    writeFileSync(join(caDir, 'ca.pem'), issued.cert);
    writeFileSync(join(caDir, 'ca-key.pem'), issued.key.replaceAll('PRIVATE KEY', 'Ed25519 PRIVATE KEY'));

    const page = await freshPage();
    const errors = collectPageErrors(page);
    await page.getByRole('radio', { name: /existing CA/ }).check();
    await page.locator('input[data-slot="ca-cert"]').setInputFiles(join(caDir, 'ca.pem'));
    await page.locator('input[data-slot="ca-key"]').setInputFiles(join(caDir, 'ca-key.pem'));
    await page.getByRole('button', { name: 'Use this CA', exact: true }).click();
    await page.getByText(/Signing with Ed25519 Test CA/).waitFor();

    const out = join(dir, 'ed25519');
    execSync(`mkdir -p ${out}`);
    await generateAndDownload(page, out);
    for (const name of ['etcd', 'kubernetes']) {
      expect(opensslVerify(join(caDir, 'ca.pem'), join(out, `${name}.pem`))).toBe(`${join(out, name)}.pem: OK`);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
