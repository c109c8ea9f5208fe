// The bundle README's "same with cfssl" commands are real: run with Debian's cfssl/cfssljson on the
// bundle's JSON inputs, they produce certificates with the same subject, usages, constraints and SANs as
// the ones kubeprep put in the zip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingTools, TOOLS } from '../support/tools';
import { cfsslBundleFiles } from '../../src/lib/bundle/cfssl-bundle';
import { generateWorkspace, guideExampleWorkspace } from '../../src/lib/workspace';

const skip = missingTools(TOOLS.cfssl, TOOLS.cfssljson, TOOLS.openssl, TOOLS.bash).length > 0;

function describeCert(file: string): string {
  return execFileSync('openssl', ['x509', '-in', file, '-noout', '-subject', '-issuer', '-ext', 'keyUsage,extendedKeyUsage,basicConstraints,subjectAltName', '-nameopt', 'sep_comma_plus_space,sname'], { encoding: 'utf8' });
}

describe.skipIf(skip)("the bundle README's cfssl commands", () => {
  let ours: string;
  let theirs: string;
  let readme: string;

  beforeAll(async () => {
    ours = mkdtempSync(join(tmpdir(), 'kubeprep-readme-ours-'));
    theirs = mkdtempSync(join(tmpdir(), 'kubeprep-readme-cfssl-'));
    const ws = guideExampleWorkspace();
    ws.requests[0]!.json = JSON.stringify({ ...JSON.parse(ws.requests[0]!.json), hosts: ['127.0.0.1', 'etcd-1.example.com'] });
    const result = await generateWorkspace({
      config: ws.config,
      ca: { kind: 'generate', csrJson: ws.caCsr },
      requests: ws.requests.map((r) => ({ name: r.name, json: r.json, profile: r.profile })),
    });
    const files = cfsslBundleFiles({
      locale: 'en',
      configJson: ws.config,
      ca: { certPem: result.ca.issued!.certPem, csrPem: result.ca.issued!.csrPem, csrJson: ws.caCsr, generated: true },
      certificates: result.certificates.map((c, i) => ({ name: c.name, profile: c.profile, certPem: c.issued!.certPem, csrPem: c.issued!.csrPem, csrJson: ws.requests[i]!.json, serverAuth: true })),
    });
    for (const file of files) {
      mkdirSync(join(ours, file.path, '..'), { recursive: true });
      writeFileSync(join(ours, file.path), file.content);
      if (file.path.endsWith('.json')) writeFileSync(join(theirs, file.path), file.content);
    }
    readme = files.find((f) => f.path === 'README.md')!.content;
  });

  afterAll(() => {
    for (const dir of [ours, theirs]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('run with cfssl and give the same certificates', () => {
    const block = /```sh\n(cfssl gencert -initca[\s\S]*?)```/.exec(readme);
    expect(block, 'README has the cfssl commands').not.toBeNull();
    const commands = block![1]!;
    expect(commands.trim().split('\n')).toHaveLength(3);
    execFileSync('bash', ['-euo', 'pipefail', '-c', commands], { cwd: theirs, stdio: 'pipe' });
    for (const name of ['ca', 'etcd', 'kubernetes']) {
      const theirsText = describeCert(join(theirs, `${name}.pem`));
      expect(describeCert(join(ours, `${name}.pem`)), name).toBe(theirsText);
    }
    expect(describeCert(join(ours, 'etcd.pem'))).toContain('DNS:etcd-1.example.com, IP Address:127.0.0.1');
  });
});
