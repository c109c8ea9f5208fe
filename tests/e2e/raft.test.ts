import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { collectPageErrors, useBuiltAppInChromium } from '../support/browser';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.chromium).length > 0;

describe.skipIf(skip)('etcd quorum screen in Chromium', () => {
  const chromium = useBuiltAppInChromium();

  async function open(): Promise<{ page: Page; errors: string[] }> {
    const page = await chromium.browser.newPage({ locale: 'en-US' });
    const errors = collectPageErrors(page, { consoleErrors: true });
    await page.goto(chromium.url + '#/raft');
    await page.getByRole('heading', { name: 'Quorum calculator' }).waitFor();
    return { page, errors };
  }

  it('shows 4 and 2 for six members, keeps the last valid size on bad input, and remembers it', async () => {
    const { page, errors } = await open();
    const members = page.getByLabel('Voting members');
    await members.fill('6');
    await expect(page.getByTestId('raft-quorum').textContent()).resolves.toBe('4');
    await expect(page.getByTestId('raft-tolerated').textContent()).resolves.toBe('2');
    await expect(page.getByText('the real answer is 2').isVisible()).resolves.toBe(true);
    await expect(page.locator('tr[aria-current="true"] th').textContent()).resolves.toContain('6');

    await members.fill('16');
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('1 to 15');
    await expect(page.getByTestId('raft-quorum').textContent()).resolves.toBe('4');

    // Replacing a dead member of three: adding first leaves 2 running of 4, majority 3.
    await members.fill('3');
    await page.getByText('Replacing a dead member').click();
    const addFirst = page.getByTestId('raft-replace-add-first');
    await expect(addFirst.locator('tr.stuck td').allTextContents()).resolves.toEqual(['4', '2', '3', 'no']);
    await expect(page.getByTestId('raft-replace-remove-first').locator('tr.stuck').count()).resolves.toBe(0);

    await members.fill('6');
    await page.reload();
    await page.getByRole('heading', { name: 'Quorum calculator' }).waitFor();
    await expect(page.getByLabel('Voting members').inputValue()).resolves.toBe('6');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses writes with 3 of 5 members stopped, by mouse and by keyboard', async () => {
    const { page, errors } = await open();
    await page.getByLabel('Voting members').fill('5');
    const overall = page.getByTestId('raft-explorer-overall');
    await expect(overall.textContent()).resolves.toContain('The cluster accepts writes');
    const explorer = page.locator('section.explorer');
    await explorer.getByRole('button', { name: 'Stop member 1', exact: true }).first().click();
    await explorer.getByRole('button', { name: 'Stop member 2', exact: true }).first().click();
    await expect(overall.textContent()).resolves.toContain('accepts writes');
    // Keyboard: focus member 3 in the picture and press Enter.
    await explorer.locator('svg [role="button"]').nth(2).focus();
    await page.keyboard.press('Enter');
    await expect(overall.textContent()).resolves.toContain('The cluster refuses writes: no side has 3 of the 5');
    await expect(explorer.getByText('Cannot elect a leader; writes are refused').isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a 3|3 split of six stops both sides', async () => {
    const { page, errors } = await open();
    await page.getByLabel('Voting members').fill('6');
    const explorer = page.locator('section.explorer');
    for (const id of [4, 5, 6]) await explorer.getByLabel(`Side of member ${id}`).selectOption('B');
    await expect(page.getByTestId('raft-explorer-overall').textContent()).resolves.toContain('refuses writes');
    await expect(explorer.getByText('exactly half of 6 is not a majority').count()).resolves.toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('judges zone layouts and refuses an empty one', async () => {
    const { page, errors } = await open();
    await page.getByLabel('Number of zones').selectOption('3');
    await page.getByRole('button', { name: 'Use 2+2+1' }).click();
    const summary = page.getByTestId('raft-zones-summary');
    await expect(summary.textContent()).resolves.toContain('Survives the loss of any one zone');
    await expect(summary.textContent()).resolves.toContain('members: 5');
    await page.getByLabel('Members in zone 1').fill('-1');
    await expect(page.locator('#raft-zones-problem').textContent()).resolves.toContain('whole number');
    await expect(summary.textContent()).resolves.toContain('members: 5');
    await page.getByLabel('Members in zone 1').fill('0');
    await page.getByLabel('Members in zone 2').fill('0');
    await expect(summary.textContent()).resolves.toContain('members: 1');
    await page.getByLabel('Members in zone 3').fill('0');
    await expect(page.locator('#raft-zones-problem').textContent()).resolves.toContain('no members');
    await expect(summary.textContent()).resolves.toContain('members: 1');

    // Cross-zone round trip of 150 ms: heartbeat ≈ RTT, election timeout ≥ 10 × RTT.
    await page.getByLabel('Round-trip time between the farthest members (ms)').fill('150');
    await expect(page.getByTestId('raft-timing-flags').textContent()).resolves.toBe('--heartbeat-interval=150 --election-timeout=1500');
    await page.getByLabel('Round-trip time between the farthest members (ms)').fill('6000');
    await expect(page.getByTestId('raft-timing-flags').textContent()).resolves.toBe('--heartbeat-interval=6000 --election-timeout=50000');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the simulation elects a leader after start, commits a write and keeps working after the leader stops', async () => {
    const { page, errors } = await open();
    const sim = page.locator('section.simulation');
    await sim.getByLabel('Seed').fill('12345');
    await sim.getByLabel('Speed').selectOption('1');
    const status = page.getByTestId('raft-sim-status');
    await expect(status.textContent()).resolves.toContain('No leader');
    await sim.scrollIntoViewIfNeeded();
    // Keyboard: Play is a button, so Enter on it starts playback.
    await sim.getByRole('button', { name: 'Play' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="raft-sim-status"]')?.textContent?.includes('Leader: member'), null, { timeout: 15_000 });
    const text = (await status.textContent())!;
    const leader = Number(/member (\d+)/.exec(text)![1]);
    // Heartbeats are drawn in flight.
    await page.waitForFunction(() => document.querySelectorAll('section.simulation svg circle.message').length > 0, null, { timeout: 5_000 });
    await sim.getByRole('button', { name: 'Client write' }).click();
    await page.waitForFunction(() => /x=1✓/.test(document.querySelector('.sim-table')?.textContent ?? ''), null, { timeout: 10_000 });
    await sim.getByRole('button', { name: `Stop member ${leader}` }).last().click();
    await page.waitForFunction(
      (old) => {
        const t = document.querySelector('[data-testid="raft-sim-status"]')?.textContent ?? '';
        const m = /Leader: member (\d+)/.exec(t);
        return m !== null && Number(m[1]) !== old;
      },
      leader,
      { timeout: 20_000 },
    );
    await sim.getByRole('button', { name: 'Pause' }).click();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches the screen to Chinese', async () => {
    const { page, errors } = await open();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect(page.getByRole('heading', { name: '法定人数计算器' }).isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
