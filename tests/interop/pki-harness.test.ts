// The comparison harness must be able to fail: certificates that differ in one field are reported
// with that field, and openssl-based parsing keeps RDN order, multi-valued RDNs and escapes.
import { afterAll, describe, expect, it } from 'vitest';
import { cfsslFeatures, featuresFor, issue, versionFromOutput, Workspace } from '../support/cfssl';
import {
  certificateFactsFromFile,
  comparableCertificate,
  diffValues,
  formatDifferences,
  opensslVerify,
  parseDistinguishedName,
} from '../support/x509';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.openssl, TOOLS.cfssl, TOOLS.cfssljson).length > 0;

describe('x509 name parsing', () => {
  it('keeps RDN order, multi-valued RDNs, string types and escaped separators', () => {
    const name = parseDistinguishedName(
      'C=PRINTABLESTRING:CN,O=PRINTABLESTRING:Second Org+O=UTF8STRING:a\\+b,OU=PRINTABLESTRING:third\\, with comma,CN=UTF8STRING:北京',
    );
    expect(name).toEqual([
      [{ type: 'C', stringType: 'PRINTABLESTRING', value: 'CN' }],
      [
        { type: 'O', stringType: 'PRINTABLESTRING', value: 'Second Org' },
        { type: 'O', stringType: 'UTF8STRING', value: 'a+b' },
      ],
      [{ type: 'OU', stringType: 'PRINTABLESTRING', value: 'third, with comma' }],
      [{ type: 'CN', stringType: 'UTF8STRING', value: '北京' }],
    ]);
  });

  it('reads the version however the build printed it', () => {
    expect(versionFromOutput('Version: 1.2.0\nRevision: dev\nRuntime: go1.19.8\n')).toBe('1.2.0');
    expect(versionFromOutput('Version: v1.6.5\nRevision: dev\nRuntime: go1.24\n')).toBe('1.6.5');
    expect(versionFromOutput('Version: dev\nRevision: dev\nRuntime: go1.24\n')).toBeNull();
  });

  it('maps cfssl versions to features (Debian 12 1.2.0, Debian 13 1.6.5)', () => {
    expect(featuresFor('1.2.0')).toMatchObject({ uriSans: false, contentCommitment: 'content committment', nameEmailAndOid: false });
    expect(featuresFor('1.6.5')).toMatchObject({ uriSans: true, contentCommitment: 'content commitment', nameEmailAndOid: true, ed25519: true });
    expect(featuresFor('1.3.3').uriSans).toBe(true);
    expect(featuresFor('1.3.2').uriSans).toBe(false);
  });
});

describe.skipIf(skip)('comparison harness self-test (cfssl vs cfssl)', () => {
  let ws: Workspace;
  afterAll(async () => ws?.remove());

  it('reports every differing field of two certificates, and nothing for an equal pair', async () => {
    ws = await Workspace.create('harness');
    await ws.fixture('extra/ecdsa-p256-ca-csr.json', 'ca-csr.json');
    await ws.fixture('extra/ecdsa-p384-leaf-csr.json', 'leaf384-csr.json');
    await ws.fixture('extra/ecdsa-p256-leaf-csr.json', 'leaf-csr.json');
    await ws.fixture('guide/ca-config-five-profiles.json', 'ca-config.json');
    await ws.fixture('extra/ecdsa-p384-ca-csr.json', 'other-ca-csr.json');
    await Promise.all([issue('cfssl', ['gencert', '-initca', 'ca-csr.json'], ws.dir, 'ca'), issue('cfssl', ['gencert', '-initca', 'other-ca-csr.json'], ws.dir, 'other')]);
    const sign = ['gencert', '-ca=ca.pem', '-ca-key=ca-key.pem', '-config=ca-config.json'];
    const [a, b, c] = await Promise.all([
      issue('cfssl', [...sign, '-profile=server', 'leaf-csr.json'], ws.dir, 'a'),
      issue('cfssl', [...sign, '-profile=server', 'leaf-csr.json'], ws.dir, 'b'),
      issue('cfssl', [...sign, '-profile=client', 'leaf384-csr.json'], ws.dir, 'c'),
    ]);
    const [fa, fb, fc] = await Promise.all([a, b, c].map((f) => certificateFactsFromFile(f!.cert)));
    // Two issuances of the same request: different serial and key, yet nothing comparable differs.
    expect(fa!.serialHex).not.toBe(fb!.serialHex);
    expect(diffValues(comparableCertificate(fa!), comparableCertificate(fb!))).toEqual([]);
    // A different profile and key: the report names each field.
    const report = formatDifferences(diffValues(comparableCertificate(fa!), comparableCertificate(fc!)));
    for (const field of ['subject', 'publicKey.size', 'publicKey.curve', 'extKeyUsage.usages[0]', 'subjectAltNames[0]', 'extensionValues', 'shape']) {
      expect(report, `report mentions ${field}`).toContain(field);
    }
    // openssl verify refuses a leaf against the wrong CA.
    expect((await opensslVerify(a!.cert, ws.path('ca.pem'))).ok).toBe(true);
    expect((await opensslVerify(a!.cert, ws.path('other.pem'))).ok).toBe(false);
    expect((await cfsslFeatures()).version).toMatch(/^\d+\.\d+\.\d+$/u);
  });
});
