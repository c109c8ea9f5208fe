// Node scripts screen in Chromium: only valid options are offered, the tabs follow the release, the
// preview follows the options (typed ones included, with a message when one is invalid), copy and
// download give the previewed text, tabs work from the keyboard, choices survive a reload.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { collectPageErrors, useBuiltAppInChromium } from '../support/browser';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.chromium).length > 0;

const optionValues = (page: Page, name: string) =>
  page.locator(`select[name="${name}"] option`).evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
const tabNames = (page: Page) => page.getByRole('tab').allTextContents();

describe.skipIf(skip)('Node scripts screen', () => {
  const chromium = useBuiltAppInChromium();

  /** A fresh English context on the screen, its preview shown, page errors collected. */
  async function openScreen() {
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${chromium.url}#/scripts`);
    const preview = page.locator('pre.code');
    await preview.waitFor();
    return { context, page, errors, preview };
  }

  it('offers valid options, previews, copies, downloads and remembers', async () => {
    const context = await chromium.browser.newContext({ locale: 'en-US', acceptDownloads: true, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${chromium.url}#/scripts`);
    const preview = page.locator('pre.code');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('npx kubeprep script kernel-upgrade -release=el9');
    expect(await tabNames(page)).toEqual(['kernel-upgrade.sh', 'node-prep.sh', 'container-runtime.sh', 'verify-node.sh']);

    // EL10: kernel-lt is not offered, and the preview follows.
    await page.locator('select[name="release"]').selectOption('el10');
    expect(await optionValues(page, 'kernel')).toEqual(['kernel-ml']);
    await expect.poll(() => preview.textContent()).toContain('install -y kernel-ml');
    expect(await preview.textContent()).toContain('RPM-GPG-KEY-v2-elrepo.org');

    // EL7: no aarch64, no TUNA, no Kubernetes 1.35+, a legacy warning; the mirror choice lands in the vault URL.
    await page.locator('select[name="release"]').selectOption('el7');
    expect(await optionValues(page, 'arch')).toEqual(['x86_64']);
    expect(await optionValues(page, 'mirror')).toEqual(['official', 'aliyun', 'ustc']);
    expect((await optionValues(page, 'kubernetesVersion'))[0]).toBe('1.34');
    expect(await page.locator('.legacy').isVisible()).toBe(true);
    await page.locator('select[name="mirror"]').selectOption('aliyun');
    await expect.poll(() => preview.textContent()).toContain('https://mirrors.aliyun.com/centos-vault/7.9.2009/');
    expect(await page.locator('.sh-comment').count()).toBeGreaterThan(5);

    // Keyboard: ArrowRight moves to node-prep.sh and focuses its tab.
    await page.getByRole('tab', { name: 'kernel-upgrade.sh' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'node-prep.sh' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('node-prep.sh');
    const text = (await preview.textContent())!;
    expect(text).toContain('# node-prep.sh');

    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download node-prep.sh' }).click()]);
    expect(download.suggestedFilename()).toBe('node-prep.sh');
    expect(readFileSync((await download.path())!, 'utf8')).toBe(text);

    // The zip checkbox and the options survive a reload.
    await page.getByRole('checkbox', { name: 'Add the scripts to the zip' }).check();
    await page.reload();
    await preview.waitFor();
    expect(await page.locator('select[name="release"]').inputValue()).toBe('el7');
    expect(await page.locator('select[name="mirror"]').inputValue()).toBe('aliyun');
    expect(await page.getByRole('checkbox', { name: 'Add the scripts to the zip' }).isChecked()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('follows the distribution, and takes the hostname, the hosts block and the image repository as typed', async () => {
    const { context, page, errors, preview } = await openScreen();

    await page.locator('select[name="release"]').selectOption('openeuler24');
    await expect.poll(() => tabNames(page)).toEqual(['node-prep.sh', 'container-runtime.sh', 'verify-node.sh']);
    expect(await page.getByText('ELRepo kernels are built for RHEL and its rebuilds').isVisible()).toBe(true);
    expect(await page.getByText('install containerd 1.7+').isVisible()).toBe(true);
    expect(await preview.textContent()).toContain('# node-prep.sh');

    // A hostname kubeadm would refuse: the preview says why instead of showing a broken script; nothing typed is lost.
    const hostname = page.locator('input[name="hostname"]');
    await hostname.fill('Worker_1');
    await page.getByRole('alert').getByText('"Worker_1" is not a valid node name').waitFor();
    expect(await preview.count()).toBe(0);
    await hostname.fill('worker-1');
    await expect.poll(() => preview.textContent()).toContain("run hostnamectl set-hostname worker-1");

    await page.locator('textarea[name="hosts"]').fill('10.0.0.21 worker-1\n# the API VIP\n10.0.0.10 k8s-api.example.internal');
    await expect.poll(() => preview.textContent()).toContain("'10.0.0.10 k8s-api.example.internal'");
    expect(await preview.textContent()).toContain('-hosts=10.0.0.21=worker-1,10.0.0.10=k8s-api.example.internal');

    await page.getByRole('tab', { name: 'container-runtime.sh' }).click();
    await page.locator('input[name="imageRepository"]').fill('registry.aliyuncs.com/google_containers');
    await expect.poll(() => preview.textContent()).toContain("IMAGE_REPOSITORY=registry.aliyuncs.com/google_containers");
    expect(await preview.textContent()).toContain('command -v containerd >/dev/null 2>&1 || die');

    await page.reload();
    await preview.waitFor();
    expect(await page.locator('textarea[name="hosts"]').inputValue()).toBe('10.0.0.21 worker-1\n# the API VIP\n10.0.0.10 k8s-api.example.internal');
    expect(await page.locator('input[name="hostname"]').inputValue()).toBe('worker-1');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('its two checkboxes set the options they name; the cgroup switch is forced from Kubernetes 1.35', async () => {
    const { context, page, errors, preview } = await openScreen();
    await page.locator('select[name="release"]').selectOption('el8');

    const updateFirst = page.getByRole('checkbox', { name: 'Update other packages first' });
    expect(await updateFirst.isChecked()).toBe(true);
    await expect.poll(() => preview.textContent()).toContain("check-update --exclude='kernel*'");
    await updateFirst.uncheck();
    await expect.poll(() => preview.textContent()).not.toContain("check-update --exclude='kernel*'");

    const cgroupV2 = page.getByRole('checkbox', { name: 'Switch to cgroup v2 when the host runs v1' });
    expect(await cgroupV2.count()).toBe(0);
    await page.locator('select[name="kubernetesVersion"]').selectOption('1.34');
    expect(await cgroupV2.isChecked()).toBe(true);
    await cgroupV2.uncheck();
    expect(await cgroupV2.isChecked()).toBe(false);
    await expect(page.getByText('Kubernetes 1.35+ refuses cgroup v1').isVisible()).resolves.toBe(true);
    await page.locator('select[name="kubernetesVersion"]').selectOption('1.35');
    expect(await cgroupV2.count()).toBe(0);
    await expect(page.locator('select[name="release"]').inputValue()).resolves.toBe('el8');
    expect(errors).toEqual([]);
    await context.close();
  });
});
