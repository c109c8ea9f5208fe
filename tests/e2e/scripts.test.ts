// Node scripts screen in Chromium: only valid options are offered, the preview follows the options,
// copy and download give the previewed text, tabs work from the keyboard, choices survive a reload.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { collectPageErrors, useBuiltAppInChromium } from '../support/browser';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.chromium).length > 0;

const optionValues = (page: Page, name: string) =>
  page.locator(`select[name="${name}"] option`).evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));

describe.skipIf(skip)('Node scripts screen', () => {
  const chromium = useBuiltAppInChromium();

  it('offers valid options, previews, copies, downloads and remembers', async () => {
    const context = await chromium.browser.newContext({ locale: 'en-US', acceptDownloads: true, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${chromium.url}#/scripts`);
    const preview = page.locator('pre.code');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('npx kubeprep script kernel-upgrade -release=el9');

    // EL10: kernel-lt is not offered, and the preview follows.
    await page.locator('select[name="release"]').selectOption('el10');
    expect(await optionValues(page, 'kernel')).toEqual(['kernel-ml']);
    await expect.poll(() => preview.textContent()).toContain('install -y kernel-ml');
    expect(await preview.textContent()).toContain('RPM-GPG-KEY-v2-elrepo.org');

    // EL7: no aarch64, no TUNA, a legacy warning; the mirror choice lands in the vault URL.
    await page.locator('select[name="release"]').selectOption('el7');
    expect(await optionValues(page, 'arch')).toEqual(['x86_64']);
    expect(await optionValues(page, 'mirror')).toEqual(['elrepo', 'aliyun', 'ustc']);
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

  it('its two checkboxes set the options they name', async () => {
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${chromium.url}#/scripts`);
    const preview = page.locator('pre.code');
    await preview.waitFor();
    await page.locator('select[name="release"]').selectOption('el8');

    const updateFirst = page.getByRole('checkbox', { name: 'Update other packages first' });
    expect(await updateFirst.isChecked()).toBe(true);
    await expect.poll(() => preview.textContent()).toContain("check-update --exclude='kernel*'");
    await updateFirst.uncheck();
    await expect.poll(() => preview.textContent()).not.toContain("check-update --exclude='kernel*'");

    const cgroupV2 = page.getByRole('checkbox', { name: 'Switch to cgroup v2 (EL8)' });
    expect(await cgroupV2.isChecked()).toBe(true);
    await cgroupV2.uncheck();
    expect(await cgroupV2.isChecked()).toBe(false);
    await expect(page.getByText('Kubernetes 1.35+ refuses cgroup v1').isVisible()).resolves.toBe(true);
    await expect(page.locator('select[name="release"]').inputValue()).resolves.toBe('el8');
    expect(errors).toEqual([]);
    await context.close();
  });
});
