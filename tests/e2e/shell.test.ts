import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, serveBuiltApp, type ServedApp } from '../support/browser';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.chromium).length > 0;

describe.skipIf(skip)('app shell in Chromium', () => {
  let app: ServedApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await serveBuiltApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('renders the navigation and switches language without a reload', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url);
    await expect(page.getByRole('link', { name: 'etcd quorum' }).isVisible()).resolves.toBe(true);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect(page.getByRole('link', { name: 'etcd 法定人数' }).isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
