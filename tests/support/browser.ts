// Headless Debian Chromium driven by playwright-core, and the built app served by `vite preview`.
// Never downloads a browser: executablePath is Debian's /usr/bin/chromium.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preview, type PreviewServer } from 'vite';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** A persistent context (service workers survive reloads) in a fresh profile directory. */
export async function launchPersistentChromium(): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'kubeprep-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
  });
}

export interface ServedApp {
  url: string;
  close(): Promise<void>;
}

/** Where the built app is: dist/ (built by `npm test`), or KUBEPREP_DIST for a private build. */
export const DIST_DIR = process.env.KUBEPREP_DIST ?? 'dist';

/** Serves the built app on a free loopback port. */
export async function serveBuiltApp(): Promise<ServedApp> {
  if (!existsSync(join(DIST_DIR, 'index.html'))) {
    throw new Error(`${DIST_DIR}/ is missing: run \`npm run build\` first (npm test does)`);
  }
  const server: PreviewServer = await preview({
    configFile: 'vite.config.ts',
    build: { outDir: DIST_DIR },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
    logLevel: 'silent',
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('vite preview did not bind a TCP port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => server.close(),
  };
}

export interface BuiltAppInChromium {
  /** The served app's base URL (ends with `/`). */
  readonly url: string;
  readonly browser: Browser;
}

/**
 * Serves the built app and launches Chromium once for the enclosing `describe`, closing both after it.
 * Call it at the top of the describe block; read `url`/`browser` only inside tests or hooks.
 */
export function useBuiltAppInChromium(): BuiltAppInChromium {
  let app: ServedApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app = await serveBuiltApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useBuiltAppInChromium: read url/browser inside a test or hook, after beforeAll');
    return value;
  };
  return {
    get url() {
      return started(app).url;
    },
    get browser() {
      return started(browser);
    },
  };
}

/**
 * Collects the page's uncaught exceptions (and, with `consoleErrors`, its console.error lines) so a test
 * can end with `expect(errors).toEqual([])`: a screen that works but throws is still broken.
 */
export function collectPageErrors(page: Page, { consoleErrors = false } = {}): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (consoleErrors) {
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
  }
  return errors;
}
