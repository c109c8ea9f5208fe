// axe-core in the end-to-end tests: the engine is read from node_modules (no network, no CDN) and
// evaluated in the page through the DevTools protocol, which the app's CSP does not restrict.
// Use `seriousViolations(page)` on any screen; a test fails on serious or critical findings.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

export type AxeImpact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface AxeFinding {
  id: string;
  impact: AxeImpact | null;
  help: string;
  /** CSS selectors of the offending nodes, and axe's summary of what to fix. */
  nodes: { target: string; summary: string }[];
}

const require = createRequire(import.meta.url);
let source: string | undefined;

function axeSource(): string {
  source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return source;
}

/** Runs axe on the page (or on the elements matching `include`) and returns its violations. */
export async function axeViolations(page: Page, include?: string): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource());
  return page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(selector ? { include: [[selector]] } : document, { resultTypes: ['violations'] });
    return (result.violations as { id: string; impact: AxeImpact | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }[]).map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })),
    }));
  }, include ?? null);
}

/** The violations that fail a test: serious or critical. */
export async function seriousViolations(page: Page, include?: string): Promise<AxeFinding[]> {
  return (await axeViolations(page, include)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
