// The cluster plan screen in Chromium: fill the plan (errors at the field), see the lint and the table,
// generate, download the zip, unzip it and run its verify.sh; the plan survives a reload.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import JSZip from 'jszip';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectPageErrors, useBuiltAppInChromium } from '../support/browser';
import { run } from '../support/cfssl';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.chromium, TOOLS.openssl, TOOLS.bash).length > 0;

describe.skipIf(skip)('cluster plan screen in Chromium', () => {
  const chromium = useBuiltAppInChromium();
  const work = mkdtempSync(join(tmpdir(), 'kubeprep-e2e-cluster-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('fills the plan, generates, downloads, and verify.sh passes on the unzipped bundle', async () => {
    const context = await chromium.browser.newContext({ locale: 'en-US', acceptDownloads: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${chromium.url}#/cluster`);
    await page.getByRole('button', { name: 'Reset to the example' }).click();

    await page.getByLabel('Cluster name').fill('e2e-lab');
    await page.getByLabel('Key algorithm').selectOption('ecdsa-256');
    // A bad worker IP is reported at its field and blocks generation; fixing it clears both.
    const workerIp = page.getByLabel('Worker nodes 2: IP address');
    await workerIp.fill('10.0.0.300');
    await expect(page.getByText('"10.0.0.300" is not an IP address.').isVisible()).resolves.toBe(true);
    expect(await workerIp.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Generate' }).isDisabled()).toBe(true);
    await workerIp.fill('192.168.10.32');
    expect(await page.getByRole('button', { name: 'Generate' }).isDisabled()).toBe(false);

    // An IPv6 VIP with the IPv4-only default service range is refused at the VIP field.
    await page.getByLabel('Load-balancer VIP').fill('fd00::10');
    await expect(page.getByText(/IPv6 but the service range is IPv4 only/).isVisible()).resolves.toBe(true);
    await page.getByLabel('Load-balancer VIP').fill('192.168.10.10');

    // Removing a control-plane node leaves two etcd members: the lint says so and links to the quorum screen.
    await page.getByRole('button', { name: 'Remove master-3' }).click();
    const lint = page.getByTestId('lint-list');
    await expect(lint.getByText('2 etcd members').isVisible()).resolves.toBe(true);
    expect(await lint.getByRole('link', { name: 'Open the quorum calculator' }).getAttribute('href')).toBe('#/raft');
    await page.getByRole('button', { name: 'Add a node' }).first().click();
    await page.getByLabel('Control-plane nodes 3: IP address').fill('192.168.10.13');
    expect(await page.getByTestId('lint-list').count()).toBe(0);

    // The table shows the apiserver certificate with the VIP and the first service IP.
    const row = page.getByTestId('certificate-table').getByRole('row', { name: /apiserver-master-1/ }).first();
    const rowText = await row.textContent();
    expect(rowText).toContain('192.168.10.10');
    expect(rowText).toContain('10.96.0.1');
    expect(await page.getByTestId('trust-tree').textContent()).toContain('front-proxy-ca');

    await page.getByRole('button', { name: 'Generate' }).click();
    await page.getByTestId('bundle-status').getByText(/files with \d+ certificates/).waitFor({ timeout: 150_000 });
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download .zip' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe('e2e-lab-kubeadm-pki.zip');
    const zip = join(work, 'bundle.zip');
    await download.saveAs(zip);
    const unzip = await run('unzip', ['-q', zip, '-d', join(work, 'bundle')]);
    expect(unzip.code, unzip.stderr).toBe(0);
    const verify = await run('bash', [join(work, 'bundle', 'verify.sh')], { timeoutMs: 150_000 });
    expect(verify.code, verify.stdout.split('\n').filter((l) => l.startsWith('FAIL')).join('\n')).toBe(0);
    expect(verify.stdout).toMatch(/\d+ checks, 0 failed/);

    // The zip is laid out at download time: the cfssl layout and a Chinese README from the same keys.
    const caBefore = readFileSync(join(work, 'bundle', 'master-1/etc/kubernetes/pki/ca.crt'), 'utf8');
    await page.getByLabel('Layout').selectOption('cfssl');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    const secondPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载 .zip' }).click();
    const second = await secondPromise;
    expect(second.suggestedFilename()).toBe('e2e-lab-cfssl-pki.zip');
    const cfsslZip = await JSZip.loadAsync(readFileSync(await second.path()));
    expect(await cfsslZip.file('master-1/etc/kubernetes/ssl/ca.pem')?.async('string')).toBe(caBefore);
    expect(await cfsslZip.file('README.md')?.async('string')).toMatch(/[\u4e00-\u9fff]/u);
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');

    // The plan (not the keys) survives a reload.
    await page.reload();
    expect(await page.getByLabel('Cluster name').inputValue()).toBe('e2e-lab');
    const stored = await page.evaluate(() => Object.values(localStorage).join('\n'));
    expect(stored).not.toMatch(/PRIVATE KEY/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('imports plan.json: wrong types and bad values are shown, the rest of the plan is kept', async () => {
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${chromium.url}#/cluster`);
    const plan = {
      clusterName: 'imported', controlPlane: [{ name: 'cp-a', ip: '10.9.0.1' }, { name: 'cp_b', ip: '10.9.0.2' }],
      workers: [{ name: 'w-a', ip: '10.9.0.300' }], apiEndpoint: { port: '6443' },
    };
    await page.getByTestId('plan-import').setInputFiles({ name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(plan)) });
    // The file is read asynchronously after the change event: wait for it instead of racing it.
    await expect.poll(() => page.getByLabel('Cluster name').inputValue()).toBe('imported');
    await expect(page.getByText('apiEndpoint.port: expected number.').isVisible()).resolves.toBe(true);
    await expect(page.getByText(/"cp_b" is not a valid node name/).isVisible()).resolves.toBe(true);
    await expect(page.getByText('"10.9.0.300" is not an IP address.').isVisible()).resolves.toBe(true);
    expect(await page.getByTestId('plan-problems').textContent()).toContain('2 problem(s)');
    await context.close();
  });
});
