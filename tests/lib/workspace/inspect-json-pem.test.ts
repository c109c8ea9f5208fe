// `cfssl gencert` prints its PEM inside JSON strings (newlines as \n); pasted as it is into Inspect, the
// certificate, request and key are found and read, in order, instead of "no PEM block was found".
import { beforeAll, describe, expect, it } from 'vitest';
import { caFromIssued, cfsslJsonOutput, defaultSigningConfig, generateCertificate, initCa, parseCsrJson, type IssuedCertificate } from '../../../src/lib/pki';
import { inspectPem } from '../../../src/lib/workspace';
import { pemBlockSources } from '../../../src/lib/workspace/inspect-sources';
import { withJsonPemUnescaped } from '../../../src/lib/workspace/inspect-pem';

let issued: IssuedCertificate;
beforeAll(async () => {
  const ca = await caFromIssued(await initCa(parseCsrJson('{"CN":"json ca"}', { initca: true })));
  issued = await generateCertificate(parseCsrJson('{"CN":"etcd","hosts":["etcd.example"]}'), ca, defaultSigningConfig());
});

describe('PEM inside JSON strings', () => {
  it('reads cfssl\'s one-line JSON output: certificate, request and key, in its order', async () => {
    const output = cfsslJsonOutput(issued);
    expect(output).not.toContain('\n-----');
    const blocks = await inspectPem(output);
    expect(blocks.map((b) => b.kind)).toEqual(['certificate', 'csr', 'private-key']);
    const cert = blocks[0]!;
    const key = blocks[2]!;
    expect(cert.kind === 'certificate' && cert.info.subject.common_name).toBe('etcd');
    expect(key.kind === 'private-key' && key.matches).toEqual([0]);
    expect(pemBlockSources(output)).toHaveLength(3);
  });

  it('reads it pretty-printed, beside plain PEM, and leaves plain PEM and broken JSON alone', async () => {
    const pretty = JSON.stringify(JSON.parse(cfsslJsonOutput(issued)), null, 2);
    const mixed = `${issued.certPem}\n${pretty}`;
    expect((await inspectPem(mixed)).map((b) => b.kind)).toEqual(['certificate', 'certificate', 'csr', 'private-key']);
    expect(withJsonPemUnescaped(issued.certPem)).toBe(issued.certPem);
    expect(withJsonPemUnescaped('"-----BEGIN X\\q"')).toBe('"-----BEGIN X\\q"');
  });
});
