// Lighthouse 12.2.3 (pinned devDependency) on Debian's chromium, desktop preset, against the served
// build. What does not depend on the machine's speed is asserted: the accessibility and best-practices
// scores (95 or more), and the performance budget's countable items: bytes transferred, number of
// requests, and no render-blocking resource. The performance score itself is timed on this CPU, which
// other suites share (2 cores: back-to-back runs of one build measured 98 and 83 under load), so it is
// printed, with the audits that cost points, but not asserted.
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
const ASSERTED = ['accessibility', 'best-practices'] as const;
const MINIMUM_SCORE = 95;
/**
 * What the page transfers while Lighthouse watches it. Since issue 17 each screen and the language on
 * show are chunks of their own (fetched in parallel: Vite preloads a chunk's imports with it), and once
 * the page is idle the key pool fetches the X.509 engine; Lighthouse counts that when its trace lasts long
 * enough. Measured: 156 kB without the engine and 323 kB with it, 37 requests either way (before issue 17,
 * 212 kB in 6). Later 44 requests (304 kB): the Certificates screen's results panel comes after the first
 * paint, in a chunk and a style sheet of its own. The budget leaves about 10-15% of growth over the larger
 * figures, so a new library or font, or JSZip loaded up front, fails here; the first paint itself (≤ 100 KB gzip, one screen, one language, no
 * engine) is asserted request by request in speed.test.ts.
 */
const MAX_TRANSFER_BYTES = 372 * 1024;
const MAX_REQUESTS = 48;

interface Audit {
  scores: Record<string, number>;
  bytes: number;
  requests: number;
  renderBlocking: string[];
}

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

  it(`scores accessibility and best practices at ${MINIMUM_SCORE} or more, and keeps the first paint within its budget`, async () => {
    const result = await audit(app.url, chrome.port);
    console.log(`lighthouse: ${JSON.stringify(result.scores)} (performance is reported, not asserted), ${result.bytes} bytes in ${result.requests} requests`);
    for (const id of ASSERTED) expect(result.scores[id], id).toBeGreaterThanOrEqual(MINIMUM_SCORE);
    expect(result.bytes).toBeLessThanOrEqual(MAX_TRANSFER_BYTES);
    expect(result.requests).toBeLessThanOrEqual(MAX_REQUESTS);
    expect(result.renderBlocking).toEqual([]);
  });
});

async function audit(url: string, port: number): Promise<Audit> {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] }, desktopConfig);
  if (!result) throw new Error('Lighthouse returned no result');
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const scores = Object.fromEntries(CATEGORIES.map((id) => [id, Math.round((lhr.categories[id]?.score ?? 0) * 100)]));
  console.log(`lighthouse ${lhr.lighthouseVersion} (CPU benchmark index ${lhr.environment.benchmarkIndex})`);
  for (const id of CATEGORIES) {
    const lost = (lhr.categories[id]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => `${ref.id} (${lhr.audits[ref.id]?.displayValue ?? lhr.audits[ref.id]?.score})`);
    if (lost.length > 0) console.log(`  ${id} lost points on: ${lost.join(', ')}`);
  }
  const items = (id: string) => ((lhr.audits[id]?.details as { items?: { url?: string }[] } | undefined)?.items ?? []);
  return {
    scores,
    bytes: Number(lhr.audits['total-byte-weight']?.numericValue ?? Number.POSITIVE_INFINITY),
    requests: items('network-requests').length,
    renderBlocking: items('render-blocking-resources').map((item) => item.url ?? '?'),
  };
}
