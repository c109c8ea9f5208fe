// npm run bench:node: key generation per algorithm, one leaf signing, and 10 RSA-2048 leaves one after
// another vs all keys at once (generateMany uses Promise.all). Numbers go into the engine report.
import { beforeAll, bench, describe } from 'vitest';
import {
  caFromIssued,
  generateCertificate,
  generateKeyPair,
  generateMany,
  initCa,
  parseConfigJson,
  parseCsrJson,
  type CertificateAuthority,
  type KeyPair,
} from '../../src/lib/pki';

const CONFIG = parseConfigJson('{"signing":{"profiles":{"k":{"usages":["signing","key encipherment","server auth","client auth"],"expiry":"8760h"}}}}').config;
const LEAF = parseCsrJson('{"CN":"etcd","hosts":["127.0.0.1","localhost"],"key":{"algo":"rsa","size":2048}}');

let ca: CertificateAuthority;
let leafKey: KeyPair;
beforeAll(async () => {
  ca = await caFromIssued(await initCa(parseCsrJson('{"CN":"bench-ca","key":{"algo":"rsa","size":2048}}', { initca: true })));
  leafKey = await generateKeyPair({ algo: 'ecdsa', size: 256 });
});

describe('key generation', () => {
  bench('RSA-2048', async () => {
    await generateKeyPair({ algo: 'rsa', size: 2048 });
  }, { iterations: 10, time: 0 });
  bench('RSA-4096', async () => {
    await generateKeyPair({ algo: 'rsa', size: 4096 });
  }, { iterations: 4, time: 0 });
  bench('ECDSA P-256', async () => {
    await generateKeyPair({ algo: 'ecdsa', size: 256 });
  }, { iterations: 50, time: 0 });
});

describe('signing', () => {
  // Enough runs, after a warm-up, that the JIT and the machine's load do not decide the mean.
  bench('one leaf (given key; CSR + certificate, RSA-2048 CA)', async () => {
    await generateCertificate(LEAF, ca, CONFIG, { profile: 'k', key: leafKey });
  }, { iterations: 400, time: 0, warmupIterations: 300, warmupTime: 0 });
});

describe('10 RSA-2048 leaves', () => {
  bench('sequential (await each)', async () => {
    for (let i = 0; i < 10; i++) await generateCertificate(LEAF, ca, CONFIG, { profile: 'k' });
  }, { iterations: 2, time: 0 });
  bench('concurrent (generateMany, Promise.all)', async () => {
    await generateMany(Array.from({ length: 10 }, () => ({ spec: LEAF, profile: 'k' })), ca, CONFIG);
  }, { iterations: 2, time: 0 });
});
