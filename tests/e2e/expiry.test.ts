// The Expiry and renewal screen in Chromium: the same node's PKI chosen as a folder (webkitdirectory, as a
// user picks /etc/kubernetes) and dropped as a .zip and as a .tar.gz gives the same table; two rows are
// renewed and the downloaded zip holds exactly the input's paths (plus kubeprep-renewal/); downloaded with a
// passphrase, every key opens with `openssl pkey -passin` and matches its certificate. Bad input gets
// one message per file and the page keeps painting: 5,000 unrelated files, a 200 MB tarball, a tar with
// `../` paths and links, a damaged gzip, a kubeconfig without certificates, a row whose CA key is missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { generateCluster } from '../../src/lib/cluster';
import { clusterBundleFiles } from '../../src/lib/bundle/cluster-layout';
import { threeByThree, resolved } from '../lib/cluster/fixtures';
import { gzip, tarArchive, zipArchive, type ArchiveEntry } from '../support/archives';
import { run } from '../support/cfssl';
import { collectPageErrors, useBuiltAppInChromium } from '../support/browser';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.chromium, TOOLS.openssl).length > 0;
const PASSPHRASE = 'correct horse battery staple';
const DAY = 86_400_000;

/** m1's files of an aged kubeadm-layout bundle, under pki/ (as a folder named pki would give them). */
async function agedNode(): Promise<ArchiveEntry[]> {
  const plan = threeByThree({ key: { algo: 'ecdsa', size: 256 }, controlPlane: [{ name: 'm1', ip: '10.0.0.11' }], workers: [] });
  const generated = await generateCluster(resolved(plan), { now: new Date(Date.now() - 350 * DAY) });
  return clusterBundleFiles(generated, 'kubeadm')
    .filter((f) => f.path.startsWith('m1/') && !f.path.includes('/opt/'))
    .map((f) => ({ path: `pki/${f.path.slice(3)}`, content: f.content, mode: f.mode }));
}

function writeTree(root: string, entries: readonly ArchiveEntry[]): void {
  for (const entry of entries) {
    mkdirSync(dirname(join(root, entry.path)), { recursive: true });
    writeFileSync(join(root, entry.path), entry.content ?? '');
  }
}

/**
 * Drags files or folders from disk onto the drop zone, as the desktop does: Chromium's own drag and drop
 * (DevTools protocol Input.dispatchDragEvent), so a folder arrives as a directory entry to walk.
 */
async function dropPaths(page: Page, paths: string[]): Promise<void> {
  const box = (await page.locator('[data-testid="expiry-drop"]').boundingBox())!;
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: paths, dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) {
    await cdp.send('Input.dispatchDragEvent', { type, x: box.x + box.width / 2, y: box.y + box.height / 2, data });
  }
  await cdp.detach();
}

function save(name: string, bytes: Uint8Array | string): string {
  const path = join(work, name);
  writeFileSync(path, bytes);
  return path;
}

async function table(page: Page): Promise<string[][]> {
  await page.locator('[data-testid="expiry-table"] tbody tr').first().waitFor();
  return page.locator('[data-testid="expiry-table"] tbody tr').evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll('td')).slice(1).map((td) => td.textContent!.trim())),
  );
}

async function clear(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.locator('[data-testid="expiry-table"]').waitFor({ state: 'detached' });
}

/**
 * The longest gap between animation frames while `work` runs, counted from the moment the page is handed
 * the files (the input's change event, or the drop): a frozen page stops painting. Before that moment
 * Chromium itself builds the FileList (seconds for 5,000 files set through the DevTools protocol).
 */
async function longestFrameGap(page: Page, work: () => Promise<void>): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { gap: number; last: number; watching: boolean };
    w.gap = 0;
    w.last = performance.now();
    w.watching = true;
    const handed = () => {
      w.gap = 0;
      w.last = performance.now();
    };
    document.addEventListener('change', handed, { capture: true, once: true });
    document.addEventListener('drop', handed, { capture: true, once: true });
    // performance.now(), not the frame's timestamp: a frame delayed by a long task reports when it began.
    const tick = () => {
      const t = performance.now();
      w.gap = Math.max(w.gap, t - w.last);
      w.last = t;
      if (w.watching) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await work();
  return page.evaluate(() => {
    const w = window as unknown as { gap: number; watching: boolean };
    w.watching = false;
    return w.gap;
  });
}

let work: string;

describe.skipIf(skip)('Expiry and renewal screen in Chromium', () => {
  const chromium = useBuiltAppInChromium();
  let entries: ArchiveEntry[];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'kubeprep-e2e-expiry-'));
    entries = await agedNode();
    writeTree(join(work, 'tree'), entries);
  });
  afterAll(() => {
    if (work && !process.env.KUBEPREP_KEEP_TMP) rmSync(work, { recursive: true, force: true });
  });

  it('shows the same table for a folder, a zip and a tar.gz; renews two rows; the zip has the input paths', async () => {
    const context = await chromium.browser.newContext({ locale: 'en-US', acceptDownloads: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(chromium.url + '#/expiry');
    await page.locator('[data-testid="expiry-drop"]').waitFor();

    await dropPaths(page, [join(work, 'tree', 'pki')]);
    const fromFolder = await table(page);
    expect(fromFolder.length).toBeGreaterThan(15);
    // Sorted by time left: the leaves (15 days left) before the CAs (years).
    expect(fromFolder[0]![6]).toMatch(/^1[45] days$/);
    expect(fromFolder.at(-1)![3]).toBe('CA');
    expect(fromFolder.map((r) => r[0])).toContain('pki/etc/kubernetes/pki/etcd/peer.crt');
    expect(fromFolder.map((r) => r[0])).toContain('pki/etc/kubernetes/admin.conf (user kubernetes-admin)');
    expect(fromFolder.find((r) => r[0] === 'pki/var/lib/kubelet/pki/kubelet.crt')![3]).toBe('kubelet serving');

    // The same folder chosen with the folder picker (webkitdirectory), then dropped as a .zip and a .tar.gz.
    await clear(page);
    await page.locator('[data-testid="expiry-folder"]').setInputFiles(join(work, 'tree', 'pki'));
    expect(await table(page)).toEqual(fromFolder);
    await clear(page);
    await dropPaths(page, [save('node.zip', await zipArchive(entries))]);
    expect(await table(page)).toEqual(fromFolder);
    await clear(page);
    await dropPaths(page, [save('node.tar.gz', gzip(tarArchive(entries)))]);
    expect(await table(page)).toEqual(fromFolder);

    // Renew two rows: the apiserver certificate and admin.conf's client certificate.
    for (const path of ['pki/etc/kubernetes/pki/apiserver.crt', 'pki/etc/kubernetes/admin.conf (user kubernetes-admin)']) {
      await page.getByRole('checkbox', { name: path, exact: true }).check();
    }
    await page.locator('[data-testid="renew-button"]').click();
    await expect(page.locator('[data-testid="renew-done"]').textContent()).resolves.toContain('Certificates renewed: 2; files changed: 2');
    const downloadPromise = page.waitForEvent('download');
    await page.locator('[data-testid="renew-download"]').click();
    const download = await downloadPromise;
    const zip = await JSZip.loadAsync(readFileSync(await download.path()));
    const paths = Object.values(zip.files).filter((f) => !f.dir).map((f) => f.name);
    expect(paths.filter((p) => !p.startsWith('kubeprep-renewal/')).sort()).toEqual(entries.map((e) => e.path).sort());
    expect(paths).toEqual(expect.arrayContaining(['kubeprep-renewal/README.md', 'kubeprep-renewal/verify.sh']));
    // Exactly the two files changed; every other byte is what was read.
    const changed: string[] = [];
    for (const entry of entries) {
      const now = await zip.file(entry.path)!.async('uint8array');
      if (!Buffer.from(now).equals(Buffer.from(entry.content as string))) changed.push(entry.path);
    }
    expect(changed.sort()).toEqual(['pki/etc/kubernetes/admin.conf', 'pki/etc/kubernetes/pki/apiserver.crt']);
    expect(await zip.file('kubeprep-renewal/README.md')!.async('string')).toContain('kube-apiserver.yaml');

    // The same download with a passphrase: every key file is encrypted PKCS#8 that openssl opens with it,
    // and each still matches its certificate.
    await page.locator('[data-testid="renewal-passphrase"]').fill(PASSPHRASE);
    const encryptedPromise = page.waitForEvent('download');
    await page.locator('[data-testid="renew-download"]').click();
    const encrypted = await JSZip.loadAsync(readFileSync(await (await encryptedPromise).path()));
    const keyPaths = Object.keys(encrypted.files).filter((p) => p.endsWith('.key') && !p.endsWith('/sa.key'));
    expect(keyPaths.length).toBeGreaterThan(5);
    for (const keyPath of keyPaths) {
      const pem = await encrypted.file(keyPath)!.async('string');
      expect(pem, keyPath).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
      const keyFile = save('probe.key', pem);
      const opened = await run('openssl', ['pkey', '-in', keyFile, '-passin', `pass:${PASSPHRASE}`, '-pubout']);
      expect(opened.code, `${keyPath}: ${opened.stderr}`).toBe(0);
      const certFile = save('probe.crt', await encrypted.file(keyPath.replace(/\.key$/, '.crt'))!.async('string'));
      const fromCert = await run('openssl', ['x509', '-in', certFile, '-noout', '-pubkey']);
      expect(opened.stdout, keyPath).toBe(fromCert.stdout);
      expect((await run('openssl', ['pkey', '-in', keyFile, '-passin', 'pass:wrong passphrase', '-noout'])).code).not.toBe(0);
    }
    expect(await encrypted.file('kubeprep-renewal/README.md')!.async('string')).toContain('-passin');
    expect(errors).toEqual([]);
    await context.close();
   }, 300_000);

  it('names every bad input with its file and keeps painting', async () => {
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(chromium.url + '#/expiry');
    await page.locator('[data-testid="expiry-drop"]').waitFor();

    // 5,000 unrelated files in a folder.
    const noise = join(work, 'noise');
    for (let i = 0; i < 5000; i++) {
      if (i % 500 === 0) mkdirSync(join(noise, `d${i / 500}`), { recursive: true });
      writeFileSync(join(noise, `d${Math.floor(i / 500)}`, `note-${i}.txt`), `just a note ${i}\n`);
    }
    const gap = await longestFrameGap(page, async () => {
      await dropPaths(page, [noise]);
      await page.locator('[data-testid="expiry-problems"] summary').filter({ hasText: '5000 files skipped or not used' }).waitFor({ timeout: 120_000 });
    });
    expect(gap).toBeLessThan(2_000);
    await page.locator('[data-testid="expiry-problems"] summary').click();
    // The lines render after the list opens: wait for the last one, then count them.
    const noiseLines = page.locator('[data-testid="expiry-problems"] li[data-code="inventory.not-pki"]');
    await noiseLines.nth(4999).waitFor({ timeout: 30_000 });
    await expect(noiseLines.count()).resolves.toBe(5000);
    await clear(page);

    // A 200 MB tarball: the PKI in it is read, the big member is skipped unread.
    const big = join(work, 'big.tar');
    const small = tarArchive(entries.slice(0, 4));
    const fd = openSync(big, 'w');
    writeSync(fd, small.subarray(0, small.length - 1024)); // without its end blocks
    const junk = tarArchive([{ path: 'junk.bin', content: new Uint8Array(0) }]).subarray(0, 512);
    const sized = Buffer.from(junk);
    sized.write((200 * 1024 * 1024).toString(8).padStart(11, '0') + '\0', 124, 'latin1');
    sized.write('        ', 148, 'latin1');
    let sum = 0;
    for (const b of sized) sum += b;
    sized.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
    writeSync(fd, sized);
    const chunk = randomBytes(1024 * 1024);
    for (let i = 0; i < 200; i++) writeSync(fd, chunk);
    writeSync(fd, new Uint8Array(1024));
    closeSync(fd);
    const tarGap = await longestFrameGap(page, async () => {
      await page.locator('[data-testid="expiry-files"]').setInputFiles(big);
      await page.locator('[data-testid="expiry-status"]').filter({ hasText: '4 files read' }).waitFor({ timeout: 120_000 });
    });
    expect(tarGap).toBeLessThan(2_000);
    await page.locator('[data-testid="expiry-problems"] summary').click();
    await expect(page.locator('[data-testid="expiry-problems"]').textContent()).resolves.toContain('junk.bin: 200.0 MiB');
    await clear(page);

    // A tar with ../ paths and links, a damaged gzip, a kubeconfig without certificates, in one drop.
    const hostile = tarArchive([
      { path: '../../etc/evil.crt', content: 'x' },
      { path: '/abs/evil.crt', content: 'x' },
      { path: 'pki/ca.crt', type: 'symlink', linkName: '/etc/shadow' },
      { path: 'pki/ok.txt', content: 'fine' },
    ]);
    const good = gzip(tarArchive(entries.slice(0, 6)));
    const damaged = Uint8Array.from(good);
    for (let i = 200; i < 260; i++) damaged[i] = 0xff;
    const bootstrap = 'apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://10.0.0.10:6443\n  name: k\nusers:\n- name: tls-bootstrap-token-user\n  user:\n    token: abcdef.0123456789abcdef\n';
    await dropPaths(page, [save('hostile.tar', hostile), save('damaged.tar.gz', damaged), save('bootstrap-kubelet.conf', bootstrap)]);
    const problems = page.locator('[data-testid="expiry-problems"]');
    await problems.locator('summary').waitFor();
    await problems.locator('summary').click();
    const codes = await problems.locator('li').evaluateAll((items) => items.map((li) => `${li.getAttribute('data-code')} ${li.textContent}`));
    expect(codes.filter((c) => c.startsWith('inventory.unsafe-path'))).toHaveLength(2);
    expect(codes.find((c) => c.startsWith('inventory.link-skipped'))).toContain('pki/ca.crt');
    expect(codes.find((c) => c.startsWith('inventory.corrupt-archive'))).toContain('damaged.tar.gz');
    expect(codes.find((c) => c.startsWith('inventory.kubeconfig-no-certificates'))).toContain('bootstrap-kubelet.conf');
    await clear(page);

    // The CA key missing: the rows it signs say so and cannot be ticked.
    await dropPaths(page, [save('no-ca-key.zip', await zipArchive(entries.filter((e) => !e.path.endsWith('pki/ca.key'))))]);
    const row = page.locator('tr[data-row="pki/etc/kubernetes/pki/apiserver.crt#0"]');
    await row.waitFor();
    await expect(row.locator('td').nth(8).textContent()).resolves.toBe('missing');
    await expect(row.locator('input[type="checkbox"]').isDisabled()).resolves.toBe(true);
    await expect(row.locator('input[type="checkbox"]').getAttribute('title')).resolves.toContain('the key of its CA (CN = kubernetes) is not among the files');
    expect(errors).toEqual([]);
    await context.close();
  }, 600_000);
});
