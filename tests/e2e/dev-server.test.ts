// `npm start` (the Vite development server) has no dist/kubeprep.html: only the build writes it, and the dev
// server answers ./kubeprep.html with its own index page, blank when opened from disk. The footer there says
// how to get the offline copy instead of offering that download. (The built app's link, which downloads
// dist/kubeprep.html byte for byte, is checked in offline.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import { collectPageErrors, launchChromium } from '../support/browser';
import { missingTools, TOOLS } from '../support/tools';
import type { Browser } from 'playwright-core';

const skip = missingTools(TOOLS.chromium).length > 0;

describe.skipIf(skip)('the development server (npm start)', () => {
  let server: ViteDevServer | undefined;
  let browser: Browser | undefined;
  let url = '';

  beforeAll(async () => {
    server = await createServer({ configFile: 'vite.config.ts', server: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'silent' });
    await server.listen();
    const address = server.httpServer!.address();
    if (!address || typeof address === 'string') throw new Error('vite did not bind a TCP port');
    url = `http://127.0.0.1:${address.port}/`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('explains where the offline copy comes from instead of offering its own blank page as the download', async () => {
    // What the link would have fetched: the dev server's index page, not the single file.
    const devPage = await (await fetch(url + 'kubeprep.html')).text();
    expect(devPage).not.toContain('data-single-file');

    for (const [locale, expected] of [['en-US', 'npm run build'], ['zh-CN', '离线版由构建生成']] as const) {
      const page = await browser!.newPage({ locale });
      const errors = collectPageErrors(page);
      await page.goto(url);
      const note = page.getByTestId('offline-copy-dev');
      await note.waitFor({ timeout: 120_000 });
      await expect(note.textContent()).resolves.toContain(expected);
      await expect(note.textContent()).resolves.toContain('dist/kubeprep.html');
      expect(await page.locator('a[download="kubeprep.html"]').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});
