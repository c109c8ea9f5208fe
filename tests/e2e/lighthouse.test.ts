// Lighthouse 12.2.3 (pinned devDependency) on Debian's chromium, desktop preset, against the served
// build: performance, accessibility and best practices must each score 95 or more. Prints the scores,
// and the audits that cost points, so a regression says where to look.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, serveBuiltApp, type ServedApp } from '../support/browser';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.chromium).length > 0;
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
const MINIMUM = 0.95;

describe.skipIf(skip)('Lighthouse, desktop preset', () => {
  let app: ServedApp;
  let chrome: chromeLauncher.LaunchedChrome;

  beforeAll(async () => {
    app = await serveBuiltApp();
    chrome = await chromeLauncher.launch({
      chromePath: CHROMIUM_PATH,
      chromeFlags: CHROMIUM_ARGS,
      userDataDir: mkdtempSync(join(tmpdir(), 'kubeprep-lighthouse-')),
      logLevel: 'silent',
    });
  });
  afterAll(async () => {
    chrome?.kill();
    await app?.close();
  });

  it(`scores performance, accessibility and best practices at ${MINIMUM * 100} or more`, async () => {
    const result = await lighthouse(
      app.url,
      { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] },
      desktopConfig,
    );
    if (!result) throw new Error('Lighthouse returned no result');
    const { lhr } = result;
    expect(lhr.runtimeError, lhr.runtimeError?.message).toBeUndefined();

    const scores = Object.fromEntries(CATEGORIES.map((id) => [id, Math.round((lhr.categories[id]?.score ?? 0) * 100)]));
    console.log(`lighthouse ${lhr.lighthouseVersion} on ${lhr.environment.hostUserAgent}: ${JSON.stringify(scores)}`);
    for (const id of CATEGORIES) {
      const lost = (lhr.categories[id]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
        .map((ref) => `${ref.id} (${lhr.audits[ref.id]?.displayValue ?? lhr.audits[ref.id]?.score})`);
      if (lost.length > 0) console.log(`  ${id} lost points on: ${lost.join(', ')}`);
    }
    for (const id of CATEGORIES) expect(scores[id], id).toBeGreaterThanOrEqual(MINIMUM * 100);
  });
});
