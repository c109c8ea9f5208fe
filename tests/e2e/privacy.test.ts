// Privacy and input safety in Chromium, end to end. After a session that generates keys, imports a key
// file and pastes keys of every kind, no private key material is in localStorage, sessionStorage,
// IndexedDB or Cache Storage, and no request left the page's origin. Two tabs editing at once lose
// nothing; a reload in the middle of Generate loses no input and leaves storage as it was; a paste the
// browser has no room for is announced, not silently dropped.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { collectPageErrors, useBuiltAppInChromium } from '../support/browser';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.chromium).length > 0;
const fixture = (name: string) => readFileSync(new URL(`../fixtures/pki/${name}`, import.meta.url), 'utf8');

/** The base64 lines of a PEM key: what must be found nowhere the browser keeps data. */
const bodyLines = (pem: string) => pem.split(/\r?\n/).filter((l) => l.length >= 24 && !l.startsWith('-----') && !l.includes(':'));

/** Everything the origin keeps: localStorage, sessionStorage, every IndexedDB store, every Cache Storage response. */
async function everythingStored(page: Page): Promise<{ webStorage: string; indexedDb: string; caches: string }> {
  return page.evaluate(async () => {
    const webStorage = JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)]);
    const databases = await indexedDB.databases();
    const records: unknown[] = [];
    for (const { name } of databases) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store, 'readonly').objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        records.push({ name, store, all });
      }
      db.close();
    }
    const cached: string[] = [];
    for (const cacheName of await caches.keys()) {
      const cache = await caches.open(cacheName);
      for (const request of await cache.keys()) cached.push(request.url, (await (await cache.match(request))?.text()) ?? '');
    }
    return { webStorage, indexedDb: JSON.stringify(records), caches: cached.join('\n') };
  });
}

async function generateAndReadKeys(page: Page): Promise<string[]> {
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const download = page.getByRole('button', { name: 'Download .zip', exact: true });
  await download.waitFor({ state: 'visible', timeout: 120_000 });
  await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Download .zip' && !b.disabled), undefined, { timeout: 120_000 });
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  const zip = await JSZip.loadAsync(readFileSync(await file.path()));
  const keys = Object.keys(zip.files).filter((n) => n.endsWith('-key.pem'));
  return Promise.all(keys.map((n) => zip.file(n)!.async('string')));
}

describe.skipIf(skip)('privacy and input safety in Chromium', () => {
  const chromium = useBuiltAppInChromium();

  it('keeps no private key in any browser storage after generating, importing and pasting keys of every kind, and requests nothing off its origin', async () => {
    const context = await chromium.browser.newContext({ locale: 'en-US', acceptDownloads: true });
    const origin = new URL(chromium.url).origin;
    const offOrigin: string[] = [];
    context.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(origin + '/') && !url.startsWith('data:') && !url.startsWith('blob:')) offOrigin.push(url);
    });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    const errors = collectPageErrors(page);

    await page.goto(chromium.url + '#/pki');
    const generated = await generateAndReadKeys(page);
    expect(generated.length).toBeGreaterThanOrEqual(3);

    const pasted = [
      fixture('fixture-rsa2048-pkcs1.pem'),
      fixture('fixture-rsa2048-pkcs8.pem'),
      fixture('fixture-p256-sec1.pem'),
      fixture('fixture-p384-sec1-with-params.pem'),
      fixture('fixture-ed25519-pkcs8.pem'),
      fixture('fixture-ed25519-pkcs8.pem').replace(/PRIVATE KEY/g, 'Ed25519 PRIVATE KEY'),
      fixture('fixture-p256-encrypted-pkcs8.pem'),
      fixture('fixture-rsa2048-encrypted-pkcs1.pem'),
    ];
    const kubeconfig = `users:\n- name: admin\n  user:\n    client-key-data: ${Buffer.from(generated[0]!).toString('base64')}\n`;
    const bareDer = bodyLines(fixture('fixture-p256-pkcs8.pem')).join('\n');
    const jwk = '{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cLNLYLeXsBIH1rxnnsOo-o"}';
    const cfsslJson = JSON.stringify({ cert: '', key: generated[1] ?? generated[0], csr: '' });

    await page.goto(chromium.url + '#/inspect');
    const box = page.getByRole('textbox', { name: 'PEM text' });
    await box.fill(['pasted:', ...pasted, ...generated, kubeconfig, bareDer, jwk, cfsslJson, 'end'].join('\n'));
    // Saved (through the filter) once the paste is in storage.
    await page.waitForFunction(() => Object.values(localStorage).some((v) => v.includes('pasted:')), undefined, { timeout: 120_000 });
    // An imported key file goes the same way as a paste.
    const imported = fixture('fixture-p256-pkcs8.pem');
    await page.locator('.inspect input[type="file"]').setInputFiles({ name: 'imported.key', mimeType: 'application/x-pem-file', buffer: Buffer.from(imported) });
    const importedLine = bodyLines(imported)[0]!;
    await page.waitForFunction((line) => document.querySelector('textarea')?.value.includes(line), importedLine, { timeout: 60_000 });
    await page.reload();
    await box.waitFor();

    const stored = await everythingStored(page);
    const secrets = [...pasted, ...generated].flatMap(bodyLines).concat(bodyLines(bareDer), Buffer.from(generated[0]!).toString('base64').slice(64, 128), 'jpsQnnGQmL-YBIffH1136cLNLYLeXsBIH1rxnnsOo-o');
    expect(secrets.length).toBeGreaterThan(40);
    for (const where of ['webStorage', 'indexedDb', 'caches'] as const) {
      for (const secret of secrets) expect(stored[where], `${where} holds ${secret}`).not.toContain(secret);
    }
    // The app's own code (in Cache Storage) names the labels; what the user keeps must not.
    expect(stored.webStorage).not.toMatch(/PRIVATE KEY/i);
    expect(stored.indexedDb).not.toMatch(/PRIVATE KEY/i);
    expect(stored.webStorage).toContain('pasted:'); // the rest of the paste was kept
    expect(offOrigin).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('two tabs editing at once: each sees the other\'s edits, and a reload loses neither', async () => {
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const [a, b] = [await context.newPage(), await context.newPage()];
    for (const page of [a, b]) await page.goto(chromium.url + '#/inspect');
    const boxA = a.getByRole('textbox', { name: 'PEM text' });
    const boxB = b.getByRole('textbox', { name: 'PEM text' });
    await boxA.fill('typed in tab A');
    await b.waitForFunction(() => document.querySelector('textarea')?.value === 'typed in tab A');
    await boxB.fill('typed in tab A, then in tab B');
    await a.waitForFunction(() => document.querySelector('textarea')?.value === 'typed in tab A, then in tab B');
    await a.reload();
    expect(await boxA.inputValue()).toBe('typed in tab A, then in tab B');
    await b.reload();
    expect(await boxB.inputValue()).toBe('typed in tab A, then in tab B');
    await context.close();
  });

  it('a reload in the middle of Generate loses no input and corrupts nothing', async () => {
    const context = await chromium.browser.newContext({ locale: 'en-US', acceptDownloads: true });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(chromium.url + '#/pki');
    await page.getByRole('button', { name: 'Generate', exact: true }).waitFor();
    const before = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await page.reload();
    const errors = collectPageErrors(page);
    await page.getByRole('button', { name: 'Generate', exact: true }).waitFor();
    expect(await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()))).toBe(before);
    // And the workspace still works: a full Generate after the interrupted one.
    expect((await generateAndReadKeys(page)).length).toBeGreaterThanOrEqual(3);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says so when a paste does not fit in the browser\'s storage (the real quota, not a stub)', async () => {
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(chromium.url + '#/inspect');
    const box = page.getByRole('textbox', { name: 'PEM text' });
    await box.fill('small text that fits');
    expect(await page.getByTestId('storage-full').count()).toBe(0);
    // 6 million CJK characters: over Chromium's 10 MB localStorage quota per origin.
    // Set in the page: typing 6 MB through the driver takes longer than the test.
    await box.evaluate((el: HTMLTextAreaElement) => {
      el.value = '中'.repeat(6_000_000); // 12 MB in UTF-16, over any Latin-1 shortcut too
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.getByTestId('storage-full').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('storage-full').textContent()).toMatch(/\S/);
    await box.fill('small again');
    await page.getByTestId('storage-full').waitFor({ state: 'detached' });
    await page.reload();
    expect(await box.inputValue()).toBe('small again');
    await context.close();
  });
});
