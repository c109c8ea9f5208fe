// Issue 6, end to end in Debian Chromium: the hosted build keeps working with the network gone (service
// worker), the single file works from file:// with every request blocked, no request ever leaves the
// page's origin, and plain http from a non-local host gets the secure-context explanation.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  collectPageErrors,
  DIST_DIR,
  launchChromium,
  launchPersistentChromium,
  serveBuiltApp,
  type ServedApp,
} from '../support/browser';
import { missingTools, TOOLS } from '../support/tools';
import { HOSTED_CSP } from '../../build/csp';
import { baseNames, generateAndDownload, serveDirectory, visitEveryScreen, watchCspViolations } from './offline.helpers';

const skip = missingTools(TOOLS.chromium).length > 0;

async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
  });
}

describe('the build is deployable anywhere', () => {
  it('uses only relative URLs, precaches every file and pins the single file to its script hash', () => {
    const index = readFileSync(join(DIST_DIR, 'index.html'), 'utf8');
    expect(index).toContain(`<meta http-equiv="Content-Security-Policy" content="${HOSTED_CSP}" />`);
    expect(HOSTED_CSP).not.toMatch(/unsafe-(eval|inline)/);
    // The README's header example is the same policy (plus frame-ancestors, which only works as a header).
    expect(readFileSync('README.md', 'utf8')).toContain(`"${HOSTED_CSP}; frame-ancestors 'none'"`);
    expect(index).not.toMatch(/(?:src|href)="\/|https?:\/\//);
    const manifest = JSON.parse(readFileSync(join(DIST_DIR, 'manifest.webmanifest'), 'utf8')) as { icons: { src: string }[]; start_url: string };
    expect(manifest.start_url).toBe('./');
    for (const icon of manifest.icons) expect(existsSync(join(DIST_DIR, icon.src)), icon.src).toBe(true);

    const sw = readFileSync(join(DIST_DIR, 'sw.js'), 'utf8');
    const precache = JSON.parse(/PRECACHE=(\[[^\]]*\])/.exec(sw)![1]!) as string[];
    expect(precache).toEqual(expect.arrayContaining(['index.html', 'kubeprep.html', 'manifest.webmanifest', 'icon-192.png']));
    for (const file of precache) expect(existsSync(join(DIST_DIR, decodeURI(file))), file).toBe(true);
    expect(precache.some((f) => f.startsWith('assets/') && f.endsWith('.js'))).toBe(true);

    const single = readFileSync(join(DIST_DIR, 'kubeprep.html'), 'utf8');
    const markup = single.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/g, '<$1></$1>');
    expect(markup).not.toMatch(/(?:src|href)="(?!data:)[^"#]/);
    const inlined = /<script type="module">([\s\S]*?)<\/script>/.exec(single)![1]!;
    const hash = createHash('sha256').update(inlined, 'utf8').digest('base64');
    expect(single).toContain(`script-src 'sha256-${hash}';`);
    expect(single).toContain("connect-src 'none'");
    expect(single).not.toContain('unsafe-eval');
  });
});

describe.skipIf(skip)('hosted page with its service worker', () => {
  let app: ServedApp;
  let context: BrowserContext;

  beforeAll(async () => {
    app = await serveBuiltApp();
    context = await launchPersistentChromium();
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  it('talks to no origin but its own over a whole session', async () => {
    const page = await context.newPage();
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    const violations = watchCspViolations(page);
    await page.goto(app.url);
    // Edit: a profile's expiry, and the language back and forth.
    await page.getByRole('textbox', { name: 'Expiry' }).first().fill('8760h');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    const zip = await generateAndDownload(page);
    const caPem = zip.file(/(^|\/)ca\.pem$/)[0];
    expect(caPem, baseNames(zip).join(' ')).toBeDefined();
    // Inspect: the CA certificate from the zip, pasted back in.
    await page.getByRole('navigation').getByRole('link', { name: 'Inspect', exact: true }).click();
    await page.getByRole('textbox', { name: 'PEM text' }).fill(await caPem!.async('string'));
    await page.getByText('Self-signed').first().waitFor();
    await visitEveryScreen(page);
    expect(await violations()).toEqual([]);
    await page.close();

    const origin = new URL(app.url).origin;
    const foreign = requests.filter((url) => !url.startsWith('blob:') && !url.startsWith('data:') && new URL(url).origin !== origin);
    expect(requests.length).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
  });

  it('is installable, then starts, renders every screen, generates and downloads with the network gone', async () => {
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const violations = watchCspViolations(page);
    await page.goto(app.url);
    await waitForServiceWorkerControl(page);
    // Installable: Chromium finds nothing missing in the manifest, icons or worker.
    const cdp = await context.newCDPSession(page);
    await expect(cdp.send('Page.getInstallabilityErrors')).resolves.toEqual({ installabilityErrors: [] });
    await expect(cdp.send('Page.getAppManifest').then((m) => m.errors)).resolves.toEqual([]);
    await cdp.detach();

    await context.setOffline(true);
    try {
      await page.reload();
      await expect(page.evaluate(() => navigator.onLine)).resolves.toBe(false);
      await visitEveryScreen(page);
      const zip = await generateAndDownload(page);
      expect(baseNames(zip)).toEqual(expect.arrayContaining(['ca.pem', 'ca-key.pem']));
      // The single file comes from the precache too: it can be carried away from an offline machine.
      const [copy] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download the offline copy' }).click(),
      ]);
      expect(copy.suggestedFilename()).toBe('kubeprep.html');
      const saved = join(mkdtempSync(join(tmpdir(), 'kubeprep-copy-')), 'kubeprep.html');
      await copy.saveAs(saved);
      const same = readFileSync(saved).equals(readFileSync(join(DIST_DIR, 'kubeprep.html')));
      rmSync(join(saved, '..'), { recursive: true, force: true });
      expect(same).toBe(true);
    } finally {
      await context.setOffline(false);
    }
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe.skipIf(skip)('the service worker\'s first install', () => {
  it('waits for a Generate clicked as soon as the screen shows, then for a quiet second', async () => {
    const app = await serveBuiltApp();
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ locale: 'en-US' });
      // When the page asks for its worker: that starts the download of every file of the build.
      await context.addInitScript(() => {
        const w = window as unknown as { registeredAt?: number };
        const register = ServiceWorkerContainer.prototype.register;
        ServiceWorkerContainer.prototype.register = function (this: ServiceWorkerContainer, ...args: Parameters<typeof register>) {
          w.registeredAt ??= performance.now();
          return register.apply(this, args);
        };
      });
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`${app.url}#/cluster`);
      const generate = page.getByRole('button', { name: 'Generate', exact: true });
      await expect.poll(() => generate.isEnabled(), { timeout: 60_000 }).toBe(true);
      await generate.click();
      // Timed in the page: a poll from here would notice the bundle late.
      const generated = await page.evaluate(
        () =>
          new Promise<number>((done) => {
            const ready = () => [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Download .zip' && !b.disabled);
            if (ready()) return done(performance.now());
            const observer = new MutationObserver(() => {
              if (!ready()) return;
              observer.disconnect();
              done(performance.now());
            });
            observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
          }),
      );
      await page.waitForFunction(() => (window as unknown as { registeredAt?: number }).registeredAt !== undefined, undefined, { timeout: 30_000 });
      const registeredAt = await page.evaluate(() => (window as unknown as { registeredAt: number }).registeredAt);
      // The default plan's 53 RSA keys take seconds: a worker registered when the page first went idle
      // (before this change) was asked for while they were being made.
      expect(registeredAt - generated).toBeGreaterThanOrEqual(900);
      await page.evaluate(() => navigator.serviceWorker.ready);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      await app.close();
    }
  });
});

describe.skipIf(skip)('a new deployment', () => {
  it('is offered with a notice under a sub-path, and reloading switches to it', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'kubeprep-dist-'));
    cpSync(DIST_DIR, copy, { recursive: true });
    const served = await serveDirectory(copy, [], '/tools/kubeprep/');
    const context = await launchPersistentChromium();
    try {
      const page = await context.newPage();
      await page.goto(served.url);
      await waitForServiceWorkerControl(page);
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
      expect(scope).toBe(served.url);

      // Deploy "another build": the worker's bytes change, as a new content hash would change them.
      const sw = join(copy, 'sw.js');
      writeFileSync(sw, readFileSync(sw, 'utf8').replace(/VERSION="[0-9a-f]+"/, 'VERSION="0000000000000002"'));
      await page.reload();
      const notice = page.getByRole('status').filter({ hasText: 'A new version of kubeprep is available.' });
      await notice.waitFor({ timeout: 30_000 });
      await Promise.all([page.waitForEvent('load'), notice.getByRole('button', { name: 'Reload to update' }).click()]);
      await expect
        .poll(() => page.evaluate(() => caches.keys()), { timeout: 15_000 })
        .toEqual(['kubeprep-0000000000000002']);
      await expect(page.getByText('A new version of kubeprep is available.').count()).resolves.toBe(0);
    } finally {
      await context.close();
      await served.close();
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe.skipIf(skip)('the single file from file://', () => {
  it('generates and downloads with every network request blocked, and none attempted', async () => {
    // Alone in a folder: nothing beside it to load by accident.
    const folder = mkdtempSync(join(tmpdir(), 'kubeprep-usb-'));
    cpSync(join(DIST_DIR, 'kubeprep.html'), join(folder, 'kubeprep.html'));
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ acceptDownloads: true, locale: 'en-US' });
      const attempted: string[] = [];
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
        attempted.push(url);
        return route.abort('internetdisconnected');
      });
      context.on('request', (request) => {
        if (!/^(file|data|blob):/.test(request.url())) attempted.push(request.url());
      });
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      const violations = watchCspViolations(page);
      await page.goto(pathToFileURL(resolve(folder, 'kubeprep.html')).href);
      await expect(page.evaluate(() => document.documentElement.hasAttribute('data-single-file'))).resolves.toBe(true);
      await visitEveryScreen(page);
      const zip = await generateAndDownload(page);
      expect(baseNames(zip)).toEqual(expect.arrayContaining(['ca.pem', 'ca-key.pem']));
      await expect(page.getByRole('link', { name: 'Download the offline copy' }).count()).resolves.toBe(0);
      expect(attempted).toEqual([]);
      expect(await violations()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe.skipIf(skip)('plain http from a host that is not localhost', () => {
  it('says WebCrypto is missing and names the three ways out instead of starting', async () => {
    const served = await serveDirectory(DIST_DIR, ['kubeprep.test']);
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP kubeprep.test 127.0.0.1'],
    });
    try {
      const page = await browser.newPage({ locale: 'en-US' });
      const errors = collectPageErrors(page);
      const violations = watchCspViolations(page);
      await page.goto(`http://kubeprep.test:${served.port}/`);
      await expect(page.evaluate(() => window.isSecureContext)).resolves.toBe(false);
      const heading = page.getByRole('heading', { name: 'This page cannot make keys: it is not a secure context' });
      await heading.waitFor();
      await expect(page.locator('main').innerText()).resolves.toContain(`http://kubeprep.test:${served.port}`);
      const ways = await page.locator('main ol > li').allInnerTexts();
      expect(ways).toHaveLength(3);
      expect(ways[0]).toContain('HTTPS');
      expect(ways[1]).toContain('Download the offline copy');
      expect(ways[2]).toContain('http://localhost');
      await expect(page.getByRole('navigation').count()).resolves.toBe(0);
      expect(await violations()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      await served.close();
    }
  });
});
