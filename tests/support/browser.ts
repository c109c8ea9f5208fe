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

/** Serves dist/ (built by `npm test` before vitest runs) on a free loopback port. */
export async function serveBuiltApp(): Promise<ServedApp> {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  const server: PreviewServer = await preview({
    configFile: 'vite.config.ts',
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
