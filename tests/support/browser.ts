// Headless Debian Chromium driven by playwright-core, and the built app served by `vite preview`.
// Never downloads a browser: executablePath is Debian's /usr/bin/chromium.
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
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

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
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
