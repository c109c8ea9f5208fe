// Hostile PEM and DER: certinfo, the CA key and certificate slots, Inspect, encrypted keys.
import { hostile } from './case';
import { base64, type Material } from './material';

const pem = (label: string, body: string) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
const der = (bytes: Uint8Array | number[]) => pem('CERTIFICATE', base64(Uint8Array.from(bytes)));
const truncated = (m: Material) => der(m.leafDer.subarray(0, 100));
const withTrailingBytes = (m: Material) => der([...m.leafDer, 0x05, 0x00]);
const swapLabel = (text: string, from: string, to: string) => text.split(from).join(to);

export const PEM_CASES = [
  hostile('pem-certificate', 'empty text', '', 'pki.pem-decode at certificate'),
  hostile('pem-certificate', 'a certificate without the BEGIN line', (m: Material) => m.leafCert.split('\n').slice(1).join('\n'), 'pki.pem-decode at certificate'),
  hostile('pem-certificate', 'a certificate without the END line', (m: Material) => m.leafCert.replace(/-----END CERTIFICATE-----\n?/, ''), 'pki.pem-decode at certificate'),
  hostile('pem-certificate', 'mismatched BEGIN and END labels', (m: Material) => m.leafCert.replace('END CERTIFICATE', 'END X509 CRL'), 'pki.pem-decode at certificate'),
  hostile('pem-certificate', 'invalid base64 inside', pem('CERTIFICATE', 'MII***notbase64***'), 'pki.pem-decode at certificate'),
  hostile('pem-certificate', 'an empty body', pem('CERTIFICATE', ''), 'pki.pem-decode at certificate'),
  hostile('pem-certificate', 'truncated DER', truncated, 'pki.der-decode at certificate'),
  hostile('pem-certificate', 'bytes after the DER', withTrailingBytes, 'pki.der-decode at certificate'),
  hostile('pem-certificate', 'a single zero byte', der([0]), 'pki.der-decode at certificate'),
  hostile('pem-certificate', 'a length of 2^32', der([0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x00]), 'pki.der-decode at certificate'),
  hostile('pem-certificate', 'a length field of 127 bytes', der([0x30, 0xff, ...new Array<number>(127).fill(0xff)]), 'pki.der-decode at certificate'),
  hostile('pem-certificate', '1,000 nested SEQUENCEs', der([...new Array<number>(1000).fill(0).flatMap(() => [0x30, 0x80]), ...new Array<number>(2000).fill(0)]), 'pki.der-decode at certificate'),
  hostile('pem-certificate', 'a CSR given as the certificate', (m: Material) => m.leafCsr, 'pki.pem-label at certificate'),
  hostile('pem-certificate', 'a private key given as the certificate', (m: Material) => m.leafKey, 'pki.pem-label at certificate'),
  hostile('pem-certificate', 'a CSR relabelled CERTIFICATE', (m: Material) => swapLabel(m.leafCsr, 'CERTIFICATE REQUEST', 'CERTIFICATE'), 'pki.der-decode at certificate'),
  hostile('pem-certificate', 'CRLF line ends', (m: Material) => m.leafCert.replace(/\n/g, '\r\n'), 'subject CN=hostile leaf'),
  hostile('pem-certificate', 'leading junk and indentation', (m: Material) => `junk\n${m.leafCert.replace(/^/gm, '    ')}`, 'subject CN=hostile leaf'),
  hostile('pem-certificate', 'an OpenSSL CA', (m: Material) => m.opensslCa, 'subject CN=fixture openssl CA'),
  hostile('pem-csr', 'a certificate given as the CSR', (m: Material) => m.leafCert, 'pki.pem-label at csr'),
  hostile('pem-csr', 'a CSR with a damaged signature byte', (m: Material) => {
    const bytes = Buffer.from(m.leafCsr.split('\n').filter((l) => !l.startsWith('-----')).join(''), 'base64');
    bytes[bytes.length - 5]! ^= 0xff;
    return pem('CERTIFICATE REQUEST', bytes.toString('base64'));
  }, 'subject CN=hostile leaf'),
  hostile('pem-csr', 'the OpenSSL CSR', (m: Material) => m.opensslCsr, 'subject CN=system:node:worker-1'),
  hostile('pem-key', 'an RSA PKCS#1 key', (m: Material) => m.keys.rsaPkcs1, 'key rsa 2048'),
  hostile('pem-key', 'an RSA PKCS#8 key', (m: Material) => m.keys.rsaPkcs8, 'key rsa 2048'),
  hostile('pem-key', 'a P-256 SEC1 key', (m: Material) => m.keys.p256Sec1, 'key ecdsa 256'),
  hostile('pem-key', 'a P-384 key after EC PARAMETERS', (m: Material) => m.keys.p384WithParams, 'key ecdsa 384'),
  hostile('pem-key', 'an Ed25519 PKCS#8 key', (m: Material) => m.keys.ed25519, 'key ed25519 256'),
  hostile('pem-key', 'an Ed25519 key under cfssl 1.6\'s label', (m: Material) => m.ed25519CfsslLabel, 'key ed25519 256'),
  hostile('pem-key', 'an encrypted PKCS#8 key without a passphrase', (m: Material) => m.keys.encryptedPkcs8, 'pki.encrypted-key at private-key'),
  hostile('pem-key', 'a traditional encrypted key (Proc-Type)', (m: Material) => m.keys.encryptedPkcs1, 'pki.encrypted-key at private-key'),
  hostile('pem-key', 'a PKCS#1 body under the SEC1 label', (m: Material) => swapLabel(m.keys.rsaPkcs1, 'RSA PRIVATE KEY', 'EC PRIVATE KEY'), 'key rsa 2048'),
  hostile('pem-key', 'a public key given as the key', pem('PUBLIC KEY', 'MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE='), 'pki.pem-label at private-key'),
  hostile('pem-key', 'an OpenSSH key', pem('OPENSSH PRIVATE KEY', base64('openssh-key-v1\0' + 'x'.repeat(64))), 'pki.der-decode at private-key'),
  hostile('pem-key', 'a certificate given as the key', (m: Material) => m.leafCert, 'pki.pem-label at private-key'),
  hostile('encrypted-key', 'the wrong passphrase', (m: Material) => `${m.keys.encryptedPkcs8}#not the passphrase`, 'pki.wrong-passphrase at passphrase'),
  hostile('encrypted-key', 'an empty passphrase', (m: Material) => `${m.keys.encryptedPkcs8}#`, 'pki.wrong-passphrase at passphrase'),
  hostile('encrypted-key', 'an unencrypted key to decrypt', (m: Material) => `${m.keys.p256Pkcs8}#whatever`, 'pki.pem-label at encrypted-private-key'),
  hostile('inspect', 'nothing PEM at all', 'hello', 'pki.pem-decode at pem-input'),
  hostile('inspect', 'a certificate, its key and its CA', (m: Material) => `${m.leafCert}${m.leafKey}${m.caCert}`, 'certificate; private-key; certificate'),
  hostile('inspect', 'one good and one damaged certificate', (m: Material) => `${m.leafCert}${truncated(m)}`, 'certificate; error pki.der-decode at certificate'),
  hostile('inspect', 'a traditional encrypted key', (m: Material) => m.keys.encryptedPkcs1, 'error pki.encrypted-key at private-key'),
  hostile('inspect', 'an unknown label', pem('X509 CRL', 'MAMCAQA='), 'other X509 CRL'),
  hostile('inspect', 'EC PARAMETERS and a key', (m: Material) => m.keys.p384WithParams, 'other EC PARAMETERS; private-key'),
  hostile('inspect', '200 copies of one certificate', (m: Material) => m.leafCert.repeat(200), Array.from({ length: 200 }, () => 'certificate').join('; ')),
  hostile('ca-slot', 'a key pasted into the certificate slot', (m: Material) => `${m.caKey}#certificate`, 'workspace.wrong-pem at ca.pem'),
  hostile('ca-slot', 'a certificate pasted into the key slot', (m: Material) => `${m.caCert}#private-key`, 'workspace.wrong-pem at ca.pem'),
  hostile('ca-slot', 'an Ed25519 PKCS#8 key in the key slot', (m: Material) => `${m.keys.ed25519}#private-key`, 'accepted'),
  hostile('ca-slot', 'cfssl 1.6\'s Ed25519 label in the key slot', (m: Material) => `${m.ed25519CfsslLabel}#private-key`, 'accepted'),
  hostile('ca-slot', 'plain text in the certificate slot', 'not a certificate#certificate', 'workspace.not-pem at ca.pem'),
];
