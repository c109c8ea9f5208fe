// Components rendered with Svelte's server renderer (Vitest runs Svelte's server runtime here; there is
// no DOM): what each shows for a given input. Interaction is covered in tests/e2e in Chromium.
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import HostChips from '../../src/ui/pki/HostChips.svelte';
import JsonEditor from '../../src/ui/pki/JsonEditor.svelte';
import LintPanel from '../../src/ui/pki/LintPanel.svelte';
import PkiScreen from '../../src/ui/pki/PkiScreen.svelte';
import ChainPicture from '../../src/ui/pki/ChainPicture.svelte';
import ResultCard from '../../src/ui/pki/ResultCard.svelte';
import InspectedBlockView from '../../src/ui/inspect/InspectedBlockView.svelte';
import { KubeprepError } from '../../src/lib/errors';
import { generateWorkspace, guideExampleWorkspace, inspectPem, parseJsonText } from '../../src/lib/workspace';
import { certInfo, exportPrivateKeyPem, verifyChain } from '../../src/lib/pki';
import type { ResultCard as Card } from '../../src/ui/pki/workspace.svelte';

const text = (html: string) => html.replace(/<!--[^>]*-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('workspace components', () => {
  it('HostChips labels each host the way cfssl will classify it', () => {
    const { body } = render(HostChips, { props: { hosts: ['10.0.0.1', 'etcd.local', 'ops@example.com', 'spiffe://cluster.local/x'], onchange: () => {} } });
    expect([...body.matchAll(/data-kind="(\w+)"/g)].map((m) => m[1])).toEqual(['ip', 'dns', 'email', 'uri']);
    expect(text(render(HostChips, { props: { hosts: [], onchange: () => {} } }).body)).toContain('No hosts: the certificate will have no SANs.');
  });

  it('JsonEditor shows the syntax error with its line and column', () => {
    const broken = '{\n  "CN": "etcd",\n}';
    let error: KubeprepError | null = null;
    try {
      parseJsonText(broken);
    } catch (caught) {
      error = caught as KubeprepError;
    }
    const { body } = render(JsonEditor, { props: { text: broken, label: 'JSON of etcd-csr.json', error, onchange: () => {} } });
    expect(text(body)).toContain("JSON text is not valid JSON at line 3, column 1: unexpected character '}' where a key in double quotes should begin");
    expect(body).toContain('aria-invalid="true"');
  });

  it("LintPanel shows the guide's two server-auth findings with why and fix", () => {
    const body = text(render(LintPanel).body);
    expect(body.match(/Warning:/g)).toHaveLength(2);
    expect(body).toContain('etcd: profile "etcd" allows "server auth", but the request has no hosts');
    expect(body).toContain('tls: bad certificate');
    expect(body).toContain('Fix:');
  });

  it('PkiScreen lists the guide files and offers Generate', () => {
    const body = text(render(PkiScreen).body);
    for (const file of ['ca-config.json', 'ca-csr.json', 'etcd-csr.json', 'kubernetes-csr.json']) expect(body).toContain(file);
    expect(render(PkiScreen).body).toMatch(/<button[^>]*>Generate<\/button>/);
    expect(body).not.toContain('Download .zip'); // nothing generated yet
  });

  it('ResultCard and ChainPicture show a generated certificate verified against its CA', async () => {
    const ws = guideExampleWorkspace();
    const result = await generateWorkspace({ config: ws.config, ca: { kind: 'generate', csrJson: ws.caCsr }, requests: ws.requests.map((r) => ({ name: r.name, json: r.json, profile: r.profile })) });
    const caPem = result.ca.issued!.certPem;
    const etcd = result.certificates[0]!.issued!;
    const card: Card = {
      name: 'etcd', profile: 'etcd', isCa: false, certPem: etcd.certPem, csrPem: etcd.csrPem, keyPem: await exportPrivateKeyPem(etcd.key!),
      csrJson: ws.requests[0]!.json, info: await certInfo(etcd.certPem), verification: await verifyChain(etcd.certPem, [caPem]),
    };
    const body = text(render(ResultCard, { props: { card } }).body);
    expect(body).toContain('C = CN, ST = shanghai, L = shanghai, O = etcd, OU = System, CN = etcd');
    expect(body).toContain('Verifies against ca.pem');
    expect(body).toContain('Digital Signature, Key Encipherment, TLS Web Server Authentication, TLS Web Client Authentication');
    expect(body).toContain('Download etcd-key.pem');
    const forgotten = text(render(ResultCard, { props: { card: { ...card, keyPem: undefined } } }).body);
    expect(forgotten).not.toContain('Download etcd-key.pem');
    expect(forgotten).toContain('etcd-key.pem: key forgotten');
    const weak = new KubeprepError('pki.rsa-too-weak', { field: 'key.size', params: { size: 1024, min: 2048, max: 8192 } });
    const failed = text(render(ResultCard, { props: { card: { ...card, info: undefined, error: weak } } }).body);
    expect(failed).toContain('etcd failed: RSA key is too weak: 1024 bits; use 2048 to 8192 bits');

    const caCard: Card = { name: 'ca', profile: '', isCa: true, certPem: caPem, csrJson: '', info: await certInfo(caPem) };
    const picture = render(ChainPicture, { props: { cards: [caCard, card, { ...card, name: 'broken', certPem: undefined, error: weak }] } }).body;
    expect(picture).toContain('aria-label="Chain: SelfSignedCa signs 2 certificates"');
    expect(picture).toMatch(/class="edge ok[ "]/);
    expect(picture).toMatch(/class="edge failed[ "]/);
  }, 60_000);
});

describe('Inspect components', () => {
  it('InspectedBlockView says which certificate a key matches', async () => {
    const ws = guideExampleWorkspace();
    const result = await generateWorkspace({ config: ws.config, ca: { kind: 'generate', csrJson: ws.caCsr }, requests: [{ name: 'etcd', json: ws.requests[0]!.json, profile: 'etcd' }] });
    const leaf = result.certificates[0]!.issued!;
    const blocks = await inspectPem(leaf.certPem + (await exportPrivateKeyPem(leaf.key!)) + result.ca.issued!.certPem);
    expect(blocks.map((b) => b.kind)).toEqual(['certificate', 'private-key', 'certificate']);
    const key = text(render(InspectedBlockView, { props: { block: blocks[1]!, blocks } }).body);
    expect(key).toContain('RSA 2048');
    expect(key).toContain('Matches the certificate C = CN, ST = shanghai, L = shanghai, O = etcd, OU = System, CN = etcd');
    const cert = text(render(InspectedBlockView, { props: { block: blocks[0]!, blocks } }).body);
    expect(cert).toContain('Verifies against C = CN, ST = shanghai, L = shanghai, O = cfssl, OU = System, CN = SelfSignedCa');
    expect(cert).toMatch(/Expires .*, in 18\d\d days/);
    expect(text(render(InspectedBlockView, { props: { block: blocks[2]!, blocks } }).body)).toContain('Self-signed');
  }, 60_000);
});
