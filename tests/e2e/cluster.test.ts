// The cluster plan screen in Chromium: fill the plan (errors at the field), see the lint and the table,
// generate, download the zip, unzip it and run its verify.sh; the plan survives a reload.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import JSZip from 'jszip';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectPageErrors, useBuiltAppInChromium } from '../support/browser';
import { run } from '../support/cfssl';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.chromium, TOOLS.openssl, TOOLS.bash).length > 0;

describe.skipIf(skip)('cluster plan screen in Chromium', () => {
  const chromium = useBuiltAppInChromium();
  const work = mkdtempSync(join(tmpdir(), 'kubeprep-e2e-cluster-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('fills the plan, generates, downloads, and verify.sh passes on the unzipped bundle', async () => {
    const context = await chromium.browser.newContext({ locale: 'en-US', acceptDownloads: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${chromium.url}#/cluster`);
    await page.getByRole('button', { name: 'Reset to the example' }).click();

    await page.getByLabel('Cluster name').fill('e2e-lab');
    await page.getByLabel('Key algorithm').selectOption('ecdsa-256');
    // A bad worker IP is reported at its field and blocks generation; fixing it clears both.
    const workerIp = page.getByLabel('Worker nodes 2: IP address');
    await workerIp.fill('10.0.0.300');
    await expect(page.getByText('"10.0.0.300" is not an IP address.').isVisible()).resolves.toBe(true);
    expect(await workerIp.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Generate' }).isDisabled()).toBe(true);
    await workerIp.fill('192.168.10.32');
    expect(await page.getByRole('button', { name: 'Generate' }).isDisabled()).toBe(false);

    // An IPv6 VIP with the IPv4-only default service range is refused at the VIP field.
    await page.getByLabel('Load-balancer VIP').fill('fd00::10');
    await expect(page.getByText(/IPv6 but the service range is IPv4 only/).isVisible()).resolves.toBe(true);
    await page.getByLabel('Load-balancer VIP').fill('192.168.10.10');

    // Removing a control-plane node leaves two etcd members: the lint says so and links to the quorum screen.
    await page.getByRole('button', { name: 'Remove master-3' }).click();
    const lint = page.getByTestId('lint-list');
    await expect(lint.getByText('2 etcd members').isVisible()).resolves.toBe(true);
    expect(await lint.getByRole('link', { name: 'Open the quorum calculator' }).getAttribute('href')).toBe('#/raft');
    await page.getByRole('button', { name: 'Add a node' }).first().click();
    await page.getByLabel('Control-plane nodes 3: IP address').fill('192.168.10.13');
    expect(await page.getByTestId('lint-list').count()).toBe(0);

    // The table shows the apiserver certificate with the VIP and the first service IP.
    const row = page.getByTestId('certificate-table').getByRole('row', { name: /apiserver-master-1/ }).first();
    const rowText = await row.textContent();
    expect(rowText).toContain('192.168.10.10');
    expect(rowText).toContain('10.96.0.1');
    expect(await page.getByTestId('trust-tree').textContent()).toContain('front-proxy-ca');

    await page.getByRole('button', { name: 'Generate' }).click();
    await page.getByTestId('bundle-status').getByText(/files with \d+ certificates/).waitFor({ timeout: 150_000 });
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download .zip' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe('e2e-lab-kubeadm-pki.zip');
    const zip = join(work, 'bundle.zip');
    await download.saveAs(zip);
    const unzip = await run('unzip', ['-q', zip, '-d', join(work, 'bundle')]);
    expect(unzip.code, unzip.stderr).toBe(0);
    const verify = await run('bash', [join(work, 'bundle', 'verify.sh')], { timeoutMs: 150_000 });
    expect(verify.code, verify.stdout.split('\n').filter((l) => l.startsWith('FAIL')).join('\n')).toBe(0);
    expect(verify.stdout).toMatch(/\d+ checks, 0 failed/);

    // The zip is laid out at download time: the cfssl layout and a Chinese README from the same keys.
    const caBefore = readFileSync(join(work, 'bundle', 'master-1/etc/kubernetes/pki/ca.crt'), 'utf8');
    await page.getByLabel('Layout').selectOption('cfssl');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('combobox', { name: '语言' }).waitFor(); // the Chinese words are fetched on first switch
    const secondPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载 .zip' }).click();
    const second = await secondPromise;
    expect(second.suggestedFilename()).toBe('e2e-lab-cfssl-pki.zip');
    const cfsslZip = await JSZip.loadAsync(readFileSync(await second.path()));
    expect(await cfsslZip.file('master-1/etc/kubernetes/ssl/ca.pem')?.async('string')).toBe(caBefore);
    expect(await cfsslZip.file('README.md')?.async('string')).toMatch(/[\u4e00-\u9fff]/u);
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');

    // The plan (not the keys) survives a reload.
    await page.reload();
    expect(await page.getByLabel('Cluster name').inputValue()).toBe('e2e-lab');
    const stored = await page.evaluate(() => Object.values(localStorage).join('\n'));
    expect(stored).not.toMatch(/PRIVATE KEY/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keepalived + haproxy and encryption at rest in both layouts; the single-CA finding; the token lifetime sets the expiry shown and written', async () => {
    const context = await chromium.browser.newContext({ locale: 'en-US', acceptDownloads: true });
    const page = await context.newPage();
    // A fixed clock keeps the expiry and the version's support status the same on every run.
    await page.clock.setFixedTime(new Date('2026-11-29T10:00:00Z'));
    const errors = collectPageErrors(page);
    await page.goto(`${chromium.url}#/cluster`);
    await page.getByRole('button', { name: 'Reset to the example' }).click();
    await page.getByLabel('Cluster name').fill('e2e-deploy');
    await page.getByLabel('Key algorithm').selectOption('ecdsa-256');
    // The example is keepalived + haproxy on 8443 in front of 6443, encryption on, the newest minor.
    expect(await page.getByTestId('load-balancer').inputValue()).toBe('keepalived-haproxy');
    expect(await page.getByTestId('encryption-at-rest').isChecked()).toBe(true);
    expect(await page.getByTestId('version-status').textContent()).toBe('Kubernetes 1.37 is supported: maintenance mode from 2027-08-28, end of life 2027-10-28.');

    // One CA for everything: an error-level finding whose fix is the separate etcd CA.
    await page.getByTestId('trust-model').selectOption('single-ca');
    const error = page.getByTestId('lint-list').locator('li[data-severity="error"]');
    await expect.poll(() => error.count()).toBe(1);
    expect(await error.textContent()).toContain('etcd trusts every certificate the one cluster CA signs');
    expect(await error.textContent()).toContain('One CA + a separate etcd CA');
    await page.getByTestId('trust-model').selectOption('single-ca-etcd');
    await expect.poll(() => error.count()).toBe(0);
    await page.getByTestId('trust-model').selectOption('kubeadm');

    const generate = async () => {
      await page.getByRole('button', { name: 'Generate' }).click();
      await page.getByTestId('bundle-status').getByText(/files with \d+ certificates/).waitFor({ timeout: 150_000 });
      return page.getByTestId('token-expiry').textContent();
    };
    const download = async () => {
      const pending = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download .zip' }).click();
      return JSZip.loadAsync(readFileSync((await (await pending).path())!));
    };
    expect(await generate()).toMatch(/^The bootstrap token [a-z0-9]{6} expires at 2026-11-30 10:00 UTC \(24h after it was generated\)/);
    // A new lifetime makes the bundle stale until generated again, then expires later.
    await page.getByLabel('Bootstrap token lifetime').fill('72h');
    expect(await page.getByTestId('token-expiry').textContent()).toBe('The bootstrap token will expire 72h after you generate the bundle.');
    const expiry = await generate();
    expect(expiry).toMatch(/expires at 2026-12-02 10:00 UTC \(72h after it was generated\)/);

    const kubeadm = await download();
    const text = (path: string) => kubeadm.file(path)!.async('string');
    for (const node of ['master-1', 'master-2', 'master-3']) {
      for (const path of ['etc/haproxy/haproxy.cfg', 'etc/keepalived/keepalived.conf', 'etc/keepalived/check_apiserver.sh', 'etc/kubernetes/enc/encryption-config.yaml', 'opt/kubeprep/kubeadm-config.yaml']) {
        expect(kubeadm.file(`${node}/${path}`), `${node}/${path}`).not.toBeNull();
      }
    }
    expect(await text('master-1/opt/kubeprep/kubeadm-config.yaml')).toContain('expires: "2026-12-02T10:00:00Z"');
    expect(await text('node-2/opt/kubeprep/kubeadm-config.yaml')).toContain('kind: JoinConfiguration');
    expect(await text('cluster/bootstrap-token.yaml')).toContain('expiration: "2026-12-02T10:00:00Z"');
    expect(await text('README.md')).toContain('expires at **2026-12-02 10:00 UTC** (72h after the bundle was made)');
    expect(await text('master-2/etc/keepalived/keepalived.conf')).toContain('state BACKUP');

    await page.getByLabel('Layout').selectOption('cfssl');
    const cfssl = await download();
    for (const unit of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy']) {
      expect(cfssl.file(`master-3/etc/systemd/system/${unit}.service`), unit).not.toBeNull();
    }
    expect(cfssl.file('master-1/etc/haproxy/haproxy.cfg')).not.toBeNull();
    expect(cfssl.file('master-1/etc/kubernetes/enc/encryption-config.yaml')).not.toBeNull();
    expect(await cfssl.file('master-1/etc/systemd/system/kube-apiserver.service')!.async('string')).toContain('--encryption-provider-config=/etc/kubernetes/enc/encryption-config.yaml');
    expect(await cfssl.file('README.md')!.async('string')).toContain('**2026-12-02 10:00 UTC**');
    await page.getByLabel('Layout').selectOption('kubeadm');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows bad deployment input at its field with what is allowed, in English and Chinese', async () => {
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${chromium.url}#/cluster`);
    await page.getByRole('button', { name: 'Reset to the example' }).click();
    await page.getByLabel('Pod CIDR').fill('10.96.0.0/16');
    await expect(page.getByText('The pod range 10.96.0.0/16 overlaps the service range 10.96.0.0/12: choose a range apart from it.').isVisible()).resolves.toBe(true);
    expect(await page.getByLabel('Pod CIDR').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Pod CIDR').fill('192.168.0.0/16');
    await expect(page.getByText(/The pod range 192\.168\.0\.0\/16 contains 192\.168\.10\.11/).isVisible()).resolves.toBe(true);
    await page.getByLabel('Pod CIDR').fill('10.244.0.0/16');
    await page.getByLabel('VIP network interface').fill('eth 0');
    await page.getByLabel('Kubernetes version').fill('1.40');
    await expect(page.getByText('"eth 0" is not a network interface name: 1 to 15 characters without spaces, "/" or ":", such as eth0, ens192, bond0.100.').isVisible()).resolves.toBe(true);
    await expect(page.getByText(/"1\.40" is not a released Kubernetes minor: choose one of 1\.37, 1\.36, .*1\.28\./).isVisible()).resolves.toBe(true);
    expect(await page.getByRole('button', { name: 'Generate' }).isDisabled()).toBe(true);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('combobox', { name: '语言' }).waitFor(); // the Chinese words are fetched on first switch
    await expect(page.getByText('“eth 0”不是合法的网卡名：1 到 15 个字符，不能有空格、“/”或“:”，例如 eth0, ens192, bond0.100。').isVisible()).resolves.toBe(true);
    await expect(page.getByText(/“1\.40”不是已发布的 Kubernetes 次版本，请从 1\.37, 1\.36, .*1\.28 中选择。/).isVisible()).resolves.toBe(true);
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await context.close();
  });

  it('imports plan.json: wrong types and bad values are shown, the rest of the plan is kept', async () => {
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${chromium.url}#/cluster`);
    const plan = {
      clusterName: 'imported', controlPlane: [{ name: 'cp-a', ip: '10.9.0.1' }, { name: 'cp_b', ip: '10.9.0.2' }],
      workers: [{ name: 'w-a', ip: '10.9.0.300' }], apiEndpoint: { port: '6443' },
    };
    await page.getByTestId('plan-import').setInputFiles({ name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(plan)) });
    // The file is read asynchronously after the change event: wait for it instead of racing it.
    await expect.poll(() => page.getByLabel('Cluster name').inputValue()).toBe('imported');
    await expect(page.getByText('apiEndpoint.port: expected number.').isVisible()).resolves.toBe(true);
    await expect(page.getByText(/"cp_b" is not a valid node name/).isVisible()).resolves.toBe(true);
    await expect(page.getByText('"10.9.0.300" is not an IP address.').isVisible()).resolves.toBe(true);
    expect(await page.getByTestId('plan-problems').textContent()).toContain('Problems in the plan: 2;');
    await context.close();
  });

  it('refuses an imported plan that names two nodes alike, at the second one, with no uncaught error; a fixed import shows its table', async () => {
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const errors = collectPageErrors(page, { consoleErrors: true });
    await page.goto(`${chromium.url}#/cluster`);
    // The table is a later stage of the screen's first render (renderInStages): wait for it as for a fetch.
    await page.getByTestId('certificate-table').waitFor();
    const nodes = (worker: string) => ({
      clusterName: 'twice', controlPlane: [{ name: 'm1', ip: '10.9.0.1' }, { name: 'm2', ip: '10.9.0.2' }, { name: 'm3', ip: '10.9.0.3' }],
      workers: [{ name: worker, ip: '10.9.0.11' }],
    });
    const importPlan = (plan: object) => page.getByTestId('plan-import').setInputFiles({ name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(plan)) });
    await importPlan(nodes('m1'));
    await expect.poll(() => page.getByLabel('Cluster name').inputValue()).toBe('twice');
    await expect.poll(() => page.getByText('Node name "m1" is used twice (workers[0].name and controlPlane[0].name)').count()).toBe(1);
    expect(await page.getByTestId('certificate-table').count()).toBe(0);
    await importPlan({ ...nodes('w1'), clusterName: 'fixed' });
    await expect.poll(() => page.getByLabel('Cluster name').inputValue()).toBe('fixed');
    // The table is built again in stages (ten rows a frame): the worker's rows come in a later one.
    await expect.poll(() => page.getByTestId('certificate-table').textContent(), { timeout: 10_000 }).toContain('w1');
    expect(errors).toEqual([]);
    await context.close();
  });
});
