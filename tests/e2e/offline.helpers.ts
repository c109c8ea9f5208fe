// Shared steps of the offline end-to-end tests: watching for CSP violations, walking every screen, and
// the guide's example from "Generate" to a downloaded zip, and a downloaded zip read back.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import JSZip from 'jszip';
import type { Download, Page } from 'playwright-core';
import { preview } from 'vite';
import type { ServedApp } from '../support/browser';

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Collects every CSP violation the page reports, as events (before any app code runs) and as console lines. */
export function watchCspViolations(page: Page): () => Promise<string[]> {
  const fromConsole: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) fromConsole.push(message.text());
  });
  void page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations!.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  return async () => [...fromConsole, ...(await page.evaluate(() => window.__cspViolations ?? []))];
}

export const SCREEN_LINKS = ['Certificates', 'Inspect', 'Cluster plan', 'etcd quorum', 'Node scripts'];

/** Visits every screen from the navigation and checks each one rendered something. */
export async function visitEveryScreen(page: Page): Promise<void> {
  for (const name of SCREEN_LINKS) {
    await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
    await expect.poll(() => page.getByRole('link', { name, exact: true }).getAttribute('aria-current')).toBe('page');
    await expect.poll(() => page.locator('main').innerText()).not.toBe('');
  }
}

/** On #/pki: generates the guide's example and downloads the zip; returns the zip as downloaded. */
export async function generateAndDownload(page: Page): Promise<JSZip> {
  await page.getByRole('navigation').getByRole('link', { name: 'Certificates', exact: true }).click();
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const download = page.getByRole('button', { name: 'Download .zip' });
  await download.waitFor({ state: 'visible', timeout: 60_000 });
  await expect.poll(() => download.isEnabled(), { timeout: 60_000 }).toBe(true);
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  expect(file.url()).toMatch(/^blob:/);
  return zipOfDownload(file);
}

/** A downloaded zip, read back (saved to a temporary folder that is removed again). */
export async function zipOfDownload(file: Download): Promise<JSZip> {
  const folder = mkdtempSync(join(tmpdir(), 'kubeprep-download-'));
  try {
    const path = join(folder, file.suggestedFilename());
    await file.saveAs(path);
    return await JSZip.loadAsync(readFileSync(path));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The file names in a downloaded zip, wherever the layout puts them. */
export function baseNames(zip: JSZip): string[] {
  return Object.keys(zip.files).map((name) => name.split('/').pop()!);
}

/** Serves an arbitrary built directory (a copy we can change, or one reachable under another host name). */
export async function serveDirectory(dir: string, allowedHosts: string[] = [], base = '/'): Promise<ServedApp & { port: number }> {
  const server = await preview({
    configFile: 'vite.config.ts',
    base,
    build: { outDir: dir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false, allowedHosts },
    logLevel: 'silent',
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('vite preview did not bind a TCP port');
  return { url: `http://127.0.0.1:${address.port}${base}`, port: address.port, close: () => server.close() };
}
