// Hostile requests and signers at `cfssl gencert -ca -ca-key` and `cfssl sign`: a signer that does not
// fit its key, a request whose signature is broken, names a profile's whitelist refuses.
import { hostile } from './case';
import type { Material } from './material';

const root = (m: Material) => ({ cert: m.caCert, key: m.caKey });
const whitelist = (pattern: string) => JSON.stringify({ signing: { default: { expiry: '1h', usages: ['signing', 'server auth'], name_whitelist: pattern } } });
const damagedSignature = (m: Material) => {
  const der = Buffer.from(m.leafCsr.split('\n').filter((l) => !l.startsWith('-----')).join(''), 'base64');
  der[der.length - 5]! ^= 0xff;
  return `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
};

export const SIGN_CASES = [
  hostile('sign', 'a CSR JSON with the root CA', (m: Material) => ({ ca: root(m), csrJson: '{"CN":"ok","hosts":["ok.example","10.0.0.1"]}' }), 'signed CN=ok sans=ok.example,10.0.0.1'),
  hostile('sign', 'a CSR PEM whose signature was tampered with', (m: Material) => ({ ca: root(m), csrPem: damagedSignature(m) }), 'pki.csr-signature at csr'),
  hostile('sign', 'a CA certificate with another CA\'s key', (m: Material) => ({ ca: { cert: m.caCert, key: m.keys.p256Pkcs8 } }), 'pki.key-mismatch at ca-key'),
  hostile('sign', 'a CA key that is encrypted', (m: Material) => ({ ca: { cert: m.caCert, key: m.keys.encryptedPkcs8 } }), 'pki.encrypted-key at ca-key'),
  hostile('sign', 'a CA slot holding a CSR', (m: Material) => ({ ca: { cert: m.leafCsr, key: m.caKey } }), 'pki.pem-label at ca-certificate'),
  hostile('sign', 'a name outside the whitelist', (m: Material) => ({ ca: root(m), csrJson: '{"CN":"x.example.com","hosts":["evil.test"]}', config: whitelist('\\.example\\.com$') }), 'pki.whitelist-mismatch at hosts'),
  hostile('sign', 'names inside the whitelist', (m: Material) => ({ ca: root(m), csrJson: '{"CN":"a.example.com","hosts":["b.example.com"]}', config: whitelist('\\.example\\.com$') }), 'signed CN=a.example.com sans=b.example.com'),
  hostile('sign', '-hostname replacing the request\'s hosts', (m: Material) => ({ ca: root(m), csrPem: m.leafCsr, hostnames: ['10.9.9.9', 'other.example'] }), 'signed CN=hostile leaf sans=other.example,10.9.9.9'),
  hostile('sign', 'an unknown -profile', (m: Material) => ({ ca: root(m), csrPem: m.leafCsr, profile: 'nosuch' }), 'signed CN=hostile leaf sans=leaf.example,10.0.0.1 warn pki.unknown-profile'),
  hostile('sign', 'a request without hosts', (m: Material) => ({ ca: root(m), csrJson: '{"CN":"nohosts"}' }), 'signed CN=nohosts sans= warn pki.hosts-missing'),
];
