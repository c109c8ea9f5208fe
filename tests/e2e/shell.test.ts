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
    await expect(page.getByRole('link', { name: 'etcd quorum' }).isVisible()).resolves.toBe(true);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect(page.getByRole('link', { name: 'etcd 法定人数' }).isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
