// Every screen at phone width (360 px) with realistic content, in both languages: no horizontal page scroll
// (wide tables, pictures and scripts scroll inside their own labelled, focusable regions), and no serious or
// critical axe-core finding, in the light theme and in the dark one (prefers-color-scheme: dark).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import JSZip from 'jszip';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectPageErrors, useBuiltAppInChromium } from '../support/browser';
import { seriousViolations } from '../support/axe';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.chromium).length > 0;

const SCREENS = ['pki', 'inspect', 'cluster', 'expiry', 'raft', 'scripts'] as const;
/** What each screen shows once filled: the measurements below are taken with it on the page. */
const CONTENT: Record<(typeof SCREENS)[number], string> = {
  pki: 'article[data-name="etcd"]',
  inspect: 'article.block',
  cluster: '[data-testid="certificate-table"] tbody tr',
  expiry: '[data-testid="expiry-table"] tbody tr',
  raft: '.scroll-region',
  scripts: 'pre.code',
};

const LOCALES = [
  { code: 'en', language: 'Language' },
  { code: 'zh-CN', language: '语言' },
] as const;

/** The elements that stick out of the viewport's right edge without a scrolling ancestor to hold them. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const clipped = (el: Element): boolean => {
      for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const { overflowX } = getComputedStyle(parent);
        if (overflowX === 'auto' || overflowX === 'scroll' || overflowX === 'hidden') return true;
      }
      return false;
    };
    return [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !clipped(el))
      .slice(0, 8)
      .map((el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} right=${Math.round(el.getBoundingClientRect().right)}`);
  });
}

async function open(page: Page, url: string, screen: string): Promise<void> {
  await page.goto(`${url}#/${screen}`);
  await page.locator(`main[data-screen="${screen}"]`).waitFor();
}

/** Switches screens by the hash (no reload: what was generated stays) and waits for its content. */
async function show(page: Page, screen: (typeof SCREENS)[number]): Promise<void> {
  await page.evaluate((id) => (location.hash = `#/${id}`), screen);
  await page.locator(`main[data-screen="${screen}"] ${CONTENT[screen]}`).first().waitFor({ timeout: 30_000 });
}

async function pageWidth(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

describe.skipIf(skip)('every screen at 360 px, both languages, light and dark', () => {
  const chromium = useBuiltAppInChromium();
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let work: string;

  // One page for the whole file: the results generated once stay in memory while the hash and the language
  // change, so every screen is measured with what a user would have on it.
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'kubeprep-e2e-layout-'));
    context = await chromium.browser.newContext({ locale: 'en-US', acceptDownloads: true, viewport: { width: 360, height: 800 } });
    page = await context.newPage();
    errors = collectPageErrors(page);
    page.on('dialog', (dialog) => void dialog.accept());
    await fillEveryScreen(page, chromium.url, work);
  }, 400_000);
  afterAll(async () => {
    await context?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  for (const locale of LOCALES) {
    it(`no screen scrolls sideways at 360 px, and none has a serious axe finding (${locale.code})`, async () => {
      await page.emulateMedia({ colorScheme: 'light' });
      await page.getByRole('combobox', { name: /^(Language|语言)$/ }).selectOption(locale.code);
      // The header's language label stays on one line.
      const label = page.getByText(locale.language, { exact: true });
      const box = (await label.boundingBox())!;
      const lineHeight = await label.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
      expect.soft(box.height, 'the language label wraps').toBeLessThan(lineHeight * 1.5);
      for (const screen of SCREENS) {
        await show(page, screen);
        const { scrollWidth, innerWidth } = await pageWidth(page);
        expect.soft(scrollWidth, `#/${screen} (${locale.code}) is ${scrollWidth} px wide: ${(await overflowing(page)).join(', ')}`).toBeLessThanOrEqual(innerWidth);
        expect.soft(await seriousViolations(page), `#/${screen} (${locale.code})`).toEqual([]);
      }
      expect(errors).toEqual([]);
    });
  }

  it('has no serious axe finding (contrast included) on any screen in the dark theme, in either language', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    for (const locale of LOCALES) {
      await page.getByRole('combobox', { name: /^(Language|语言)$/ }).selectOption(locale.code);
      for (const screen of SCREENS) {
        await show(page, screen);
        // The theme really is dark: the page background is dark, the text light.
        const colours = await page.evaluate(() => {
          const luminance = (css: string) => {
            const [r, g, b] = css.match(/\d+(\.\d+)?/g)!.map(Number);
            return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
          };
          return { background: luminance(getComputedStyle(document.documentElement).backgroundColor), text: luminance(getComputedStyle(document.body).color) };
        });
        expect(colours.background).toBeLessThan(0.2);
        expect(colours.text).toBeGreaterThan(0.7);
        expect.soft(await seriousViolations(page), `#/${screen} (${locale.code}, dark)`).toEqual([]);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    expect(errors).toEqual([]);
  });

  it('reaches every scroll region from the keyboard, each with a name', async () => {
    await page.getByRole('combobox', { name: /^(Language|语言)$/ }).selectOption('en');
    for (const screen of SCREENS) {
      await show(page, screen);
      const regions = await page.locator('main .scroll-region, main pre.code').evaluateAll((all) =>
        all.map((el) => ({ tabindex: el.getAttribute('tabindex'), role: el.getAttribute('role'), label: el.getAttribute('aria-label') ?? '' })),
      );
      for (const region of regions) expect(region, `#/${screen}`).toMatchObject({ tabindex: '0', role: 'region', label: expect.stringMatching(/\S/) });
    }
    // The cluster certificate table's wrapper, by Tab from the control before it.
    await page.evaluate(() => (location.hash = '#/cluster'));
    const wrapper = page.getByRole('region', { name: 'Certificates this plan needs', exact: true });
    await wrapper.waitFor();
    let reached = false;
    await page.locator('main').focus().catch(() => undefined);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (let i = 0; i < 200 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await wrapper.evaluate((el) => el === document.activeElement);
    }
    expect(reached, 'the certificate table wrapper takes focus from Tab').toBe(true);
  });
});

/** Gives every screen the content a user would have: generated certificates, a cluster plan and its zip
 * read back on the expiry screen, a decoded certificate, a script preview. */
async function fillEveryScreen(page: Page, url: string, work: string): Promise<void> {
  await open(page, url, 'cluster');
  await page.getByRole('button', { name: 'Reset to the example' }).click();
  await page.getByLabel('Key algorithm').selectOption('ecdsa-256');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await page.getByTestId('bundle-status').getByText(/files with \d+ certificates/).waitFor({ timeout: 200_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .zip' }).click()]);
  const zip = join(work, 'cluster.zip');
  await download.saveAs(zip);

  await page.evaluate(() => (location.hash = '#/expiry'));
  await page.getByTestId('expiry-files').setInputFiles(zip);
  await page.locator('[data-testid="expiry-table"] tbody tr').first().waitFor({ timeout: 60_000 });

  await page.evaluate(() => (location.hash = '#/pki'));
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await page.waitForFunction(() => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Download .zip');
    return button !== undefined && !button.disabled;
  }, undefined, { timeout: 150_000 });

  await page.evaluate(() => (location.hash = '#/inspect'));
  await page.getByRole('textbox', { name: 'PEM text' }).fill(await pemFromZip(zip));
  await page.locator('article.block').first().waitFor({ timeout: 60_000 });

  await page.evaluate(() => (location.hash = '#/raft'));
  await page.locator('main[data-screen="raft"]').waitFor();
  await page.evaluate(() => (location.hash = '#/scripts'));
  await page.locator('pre.code').first().waitFor();
}

async function pemFromZip(path: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const certificates = Object.keys(zip.files).filter((name) => /apiserver\.crt$|\/ca\.crt$/.test(name)).slice(0, 2);
  return (await Promise.all(certificates.map((name) => zip.file(name)!.async('string')))).join('');
}
