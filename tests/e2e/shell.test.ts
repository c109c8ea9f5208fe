import { describe, expect, it } from 'vitest';
import { collectPageErrors, useBuiltAppInChromium } from '../support/browser';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.chromium).length > 0;

describe.skipIf(skip)('app shell in Chromium', () => {
  const chromium = useBuiltAppInChromium();

  it('renders the navigation and switches language without a reload', async () => {
    const page = await chromium.browser.newPage({ locale: 'en-US' });
    const errors = collectPageErrors(page);
    await page.goto(chromium.url);
    await page.getByRole('link', { name: 'etcd quorum' }).waitFor(); // the words load with the first paint
    await expect(page.getByRole('link', { name: 'etcd quorum' }).isVisible()).resolves.toBe(true);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('combobox', { name: '语言' }).waitFor(); // the Chinese words are fetched on first switch
    await expect(page.getByRole('link', { name: 'etcd 法定人数' }).isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says when the browser storage is full, in the chosen language, until a save works again', async () => {
    const page = await chromium.browser.newPage({ locale: 'en-US' });
    const errors = collectPageErrors(page);
    // The quota, switched on and off from the test: every write throws the browser's QuotaExceededError.
    await page.addInitScript(() => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
        if ((globalThis as { storageFull?: boolean }).storageFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        setItem.call(this, key, value);
      };
    });
    await page.goto(chromium.url);
    await page.getByRole('link', { name: 'etcd quorum' }).waitFor();
    expect(await page.getByTestId('storage-full').count()).toBe(0);
    await page.evaluate(() => ((globalThis as { storageFull?: boolean }).storageFull = true));
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('combobox', { name: '语言' }).waitFor(); // the Chinese words are fetched on first switch
    await page.getByTestId('storage-full').waitFor();
    expect(await page.getByTestId('storage-full').textContent()).toContain('浏览器的存储空间已满');
    await page.evaluate(() => ((globalThis as { storageFull?: boolean }).storageFull = false));
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await page.getByTestId('storage-full').waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await page.close();
  });
});
