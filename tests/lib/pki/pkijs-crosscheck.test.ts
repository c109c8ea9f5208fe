// An independent reader: PKI.js, used here apart from the engine, parses and verifies what the engine writes.
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { caFromIssued, decodePem, generateCertificate, initCa, parseConfigJson, parseCsrJson } from '../../../src/lib/pki';

pkijs.setEngine('kubeprep-test', new pkijs.CryptoEngine({ name: 'kubeprep-test', crypto: globalThis.crypto }));

describe('PKI.js cross-check', () => {
  it.each([
    ['rsa', 2048, 'ecdsa', 256],
    ['ecdsa', 384, 'rsa', 2048],
  ] as const)('%s-%i CA signs a %s-%i leaf that PKI.js parses and verifies', async (caAlgo, caSize, leafAlgo, leafSize) => {
    const root = await initCa(parseCsrJson(`{"CN":"root","key":{"algo":"${caAlgo}","size":${caSize}}}`, { initca: true }));
    const config = parseConfigJson('{"signing":{"profiles":{"k":{"usages":["signing","server auth"],"expiry":"1h"}}}}').config;
    const leaf = await generateCertificate(parseCsrJson(`{"CN":"leaf","hosts":["a.example","10.0.0.1"],"key":{"algo":"${leafAlgo}","size":${leafSize}}}`), await caFromIssued(root), config, { profile: 'k' });
    const rootCert = pkijs.Certificate.fromBER(new Uint8Array(decodePem(root.certPem)[0]!.der));
    const leafCert = pkijs.Certificate.fromBER(new Uint8Array(decodePem(leaf.certPem)[0]!.der));
    expect(leafCert.version).toBe(2);
    expect(leafCert.extensions?.map((e) => e.extnID)).toEqual(['2.5.29.15', '2.5.29.37', '2.5.29.19', '2.5.29.14', '2.5.29.35', '2.5.29.17']);
    expect(await leafCert.verify(rootCert)).toBe(true);
    expect(await rootCert.verify()).toBe(true);
    const csr = pkijs.CertificationRequest.fromBER(new Uint8Array(decodePem(leaf.csrPem)[0]!.der));
    expect(await csr.verify()).toBe(true);
  });
});
