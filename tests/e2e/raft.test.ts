import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { collectPageErrors, useBuiltAppInChromium } from '../support/browser';
import { missingTools, TOOLS } from '../support/tools';
import { seriousViolations } from '../support/axe';

const skip = missingTools(TOOLS.chromium).length > 0;

describe.skipIf(skip)('etcd quorum screen in Chromium', () => {
  const chromium = useBuiltAppInChromium();

  async function open(locale = 'en-US', viewport?: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
    const page = await chromium.browser.newPage({ locale, ...(viewport ? { viewport } : {}) });
    const errors = collectPageErrors(page, { consoleErrors: true });
    await page.goto(chromium.url + '#/raft');
    await page.locator('.raft-screen h3').first().waitFor();
    return { page, errors };
  }

  /** Opens everything the screen can show: the replacement tables and a finished scenario with its detail tables. */
  async function showEverything(page: Page, scenarioName: string, nextName: string): Promise<void> {
    await page.locator('details.replacement summary').click();
    const sim = page.locator('section.simulation');
    await sim.getByRole('button', { name: scenarioName }).click();
    const next = sim.getByRole('button', { name: nextName });
    while ((await next.count()) > 0) await next.click();
    // The leader's detail view has the nextIndex/matchIndex table.
    await sim.locator('svg [role="button"]').nth(2).click();
  }

  it('shows 4 and 2 for six members, keeps the last valid size on bad input, and remembers it', async () => {
    const { page, errors } = await open();
    const members = page.getByLabel('Voting members');
    await members.fill('4');
    await expect(page.getByText('the cluster keeps working with one voting member down').isVisible()).resolves.toBe(true);
    await members.fill('6');
    await expect(page.getByTestId('raft-quorum').textContent()).resolves.toBe('4');
    await expect(page.getByTestId('raft-tolerated').textContent()).resolves.toBe('2');
    await expect(page.getByText('up to 2 voting members down').isVisible()).resolves.toBe(true);
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
    await expect(page.getByText('--initial-cluster-state=existing').first().isVisible()).resolves.toBe(true);
    // Two members: no plan, the library's refusal in words.
    await members.fill('2');
    await expect(page.getByTestId('raft-replace-refused').textContent()).resolves.toContain('etcdctl member remove times out');

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
    await expect(explorer.getByText('exactly half of 6, which is not a majority').count()).resolves.toBe(2);
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
    await expect(summary.textContent()).resolves.toContain('Does not survive the loss of any one zone (members: 1');
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
    await sim.getByRole('button', { name: 'Client write to the leader' }).click();
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
    await page.getByRole('combobox', { name: '语言' }).waitFor(); // the Chinese words are fetched on first switch
    await expect(page.getByRole('heading', { name: '法定人数计算器' }).isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('raft-sim-status').textContent()).resolves.toBe('没有领导者：写入被拒绝');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('names ring members by what they show (member, state, term) and selects them for the detail view', async () => {
    const { page, errors } = await open();
    const sim = page.locator('section.simulation');
    await sim.getByLabel('Seed').fill('7');
    const ring = sim.locator('svg [role="button"]');
    await expect(ring.count()).resolves.toBe(5);
    for (let i = 0; i < 5; i++) await expect(ring.nth(i).getAttribute('aria-label')).resolves.toBe(`Member ${i + 1}: follower, term 0`);
    await expect(sim.locator('svg').getByRole('button', { name: /Stop member/ }).count()).resolves.toBe(0);
    await ring.nth(3).focus();
    await page.keyboard.press('Enter');
    await expect(ring.nth(3).getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(page.getByTestId('raft-member-detail').getByRole('heading').textContent()).resolves.toBe('Member 4 in detail');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs etcd 3.5 mode by default, says so, and switches to the paper\'s basic Raft', async () => {
    const { page, errors } = await open();
    const mode = page.getByTestId('raft-sim-mode');
    await expect(mode.textContent()).resolves.toContain('Now running as etcd 3.5+ does: PreVote on, CheckQuorum on');
    await page.getByLabel('Raft mode').selectOption('paper');
    await expect(mode.textContent()).resolves.toContain("Now running the Raft paper's basic algorithm");
    await expect(page.getByLabel('A new leader appends an empty entry (etcd does)').isChecked()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('drops a chosen message, writes to a chosen member and scrubs the timeline back', async () => {
    const { page, errors } = await open();
    const sim = page.locator('section.simulation');
    await sim.getByLabel('Seed').fill('12345');
    const step = sim.getByRole('button', { name: 'Step', exact: true });
    // Step until a leader exists and heartbeats are in flight.
    for (let i = 0; i < 60 && !(await page.getByTestId('raft-sim-status').textContent())!.includes('Leader:'); i++) await step.click();
    const leader = Number(/member (\d+)/.exec((await page.getByTestId('raft-sim-status').textContent())!)![1]);
    // A few more steps: the first heartbeats tell the followers who leads.
    for (let i = 0; i < 12; i++) await step.click();
    const drops = sim.getByRole('button', { name: /^Drop message/ });
    await expect(drops.count()).resolves.toBeGreaterThan(0);
    const before = await drops.count();
    await drops.first().click();
    await expect(drops.count()).resolves.toBe(before - 1);
    await expect(sim.locator('.events').textContent()).resolves.toMatch(/Message [A-Za-z ]+ from member \d to member \d dropped/);
    // A write sent to a follower is forwarded to the leader.
    const follower = leader === 1 ? 2 : 1;
    await sim.locator('svg [role="button"]').nth(follower - 1).click();
    await sim.getByRole('button', { name: `Client write to member ${follower}` }).click();
    await expect(sim.locator('.events').textContent()).resolves.toContain(`Member ${follower} forwards write x=1 to leader ${leader}`);
    // Back to the start of the run: no leader yet, and the recorded actions replay.
    await sim.getByLabel('Timeline (ms of cluster time)').fill('0');
    await expect(page.getByTestId('raft-sim-status').textContent()).resolves.toContain('No leader');
    await expect(sim.getByText('Replaying recorded history').isVisible()).resolves.toBe(true);
    await sim.getByRole('button', { name: 'To the end' }).click();
    await expect(sim.locator('.events').textContent()).resolves.toContain(`Member ${follower} forwards write x=1`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs the partition scenario to its end: the cut-off leader\'s write is rolled back', async () => {
    const { page, errors } = await open();
    const sim = page.locator('section.simulation');
    await sim.getByRole('button', { name: 'Partition, heal and roll back' }).click();
    const narration = page.getByTestId('raft-scenario-narration');
    await expect(narration.textContent()).resolves.toContain('we will cut the leader and one follower off');
    const next = sim.getByRole('button', { name: 'Next step' });
    for (let i = 0; i < 3; i++) await next.click();
    await expect(narration.textContent()).resolves.toContain('appends x=2 at index 3, but only 2 members store it');
    await next.click();
    await next.click();
    await expect(sim.getByText('Step 5 of 5').isVisible()).resolves.toBe(true);
    await expect(narration.textContent()).resolves.toMatch(/Members 1 and 2 receive leader \d's heartbeats .* remove x=2 from their logs/);
    await expect(sim.getByText('End of the scenario.').isVisible()).resolves.toBe(true);
    const logs = await sim.locator('.sim-table td.log').allTextContents();
    expect(logs).toHaveLength(5);
    for (const log of logs) {
      expect(log).toContain('x=3✓');
      expect(log).not.toContain('x=2');
    }
    await expect(page.getByTestId('raft-sim-safety').textContent()).resolves.toContain('Safety checks hold');
    // Scrubbing back shows the narration of that moment.
    await sim.getByLabel('Timeline (ms of cluster time)').fill('0');
    await expect(narration.textContent()).resolves.toContain('we will cut the leader');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Figure 8 with the empty entry off and the unsafe commit rule loses a committed write, and the checker says so', async () => {
    const { page, errors } = await open('zh-CN');
    const sim = page.locator('section.simulation');
    await sim.getByRole('button', { name: 'Raft 论文图 8' }).click();
    await page.getByLabel('新领导者追加一个空条目（etcd 的做法）').uncheck();
    await page.getByLabel('按副本数提交旧任期的条目（不安全：用于演示图 8）').check();
    const next = sim.getByRole('button', { name: '下一步' });
    while ((await next.count()) > 0) await next.click();
    await expect(page.getByTestId('raft-scenario-narration').textContent()).resolves.toContain('一条已提交的写入丢失了');
    await expect(page.getByTestId('raft-sim-safety').textContent()).resolves.toContain('安全性被破坏');
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const [locale, scenario, next] of [['en-US', 'Leader election', 'Next step'], ['zh-CN', '领导者选举', '下一步']] as const) {
    it(`has no horizontal page scroll at 360 and 390 px (${locale}); wide parts scroll in labelled, focusable regions`, async () => {
      for (const width of [360, 390]) {
        const { page, errors } = await open(locale, { width, height: 800 });
        await showEverything(page, scenario, next);
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
        expect(scrollWidth, `${locale} at ${width} px`).toBeLessThanOrEqual(innerWidth);
        const regions = await page.locator('.raft-screen .scroll-region').evaluateAll((all) =>
          all.map((el) => ({ tabindex: el.getAttribute('tabindex'), role: el.getAttribute('role'), label: el.getAttribute('aria-label') ?? '' })),
        );
        expect(regions.length).toBeGreaterThanOrEqual(6);
        for (const region of regions) expect(region).toMatchObject({ tabindex: '0', role: 'region', label: expect.stringMatching(/\S/) });
        expect(errors).toEqual([]);
        await page.close();
      }
    });

    it(`has no serious or critical axe violation on the etcd quorum screen (${locale})`, async () => {
      const { page, errors } = await open(locale);
      await showEverything(page, scenario, next);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
