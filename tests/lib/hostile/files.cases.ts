// Hostile files for the expiry screen's inventory (loose files, zips, tarballs), and hostile text for the
// storage filter (every private key kubeprep and OpenSSL write, in every wrapping), and the JSON forms.
import { gzip, tarArchive, zipArchive } from '../../support/archives';
import { hostile } from './case';
import { base64, utf8, type Material } from './material';

const file = (path: string, content: string | Uint8Array, mode?: number) => ({ path, bytes: typeof content === 'string' ? utf8(content) : content, ...(mode === undefined ? {} : { mode }) });
const kubeconfig = (m: Material, key = m.leafKey) =>
  [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: c',
    '  cluster:',
    `    certificate-authority-data: ${base64(m.caCert)}`,
    '    server: https://10.0.0.10:6443',
    'users:',
    '- name: u',
    '  user:',
    `    client-certificate-data: ${base64(m.leafCert)}`,
    `    client-key-data: ${base64(key)}`,
    '',
  ].join('\n');

/** All of a kubeconfig but the key's value. */
const KUBECONFIG_KEPT =
  'kept "apiVersion: v1 kind: Config clusters: - name: c cluster: certificate-authority-data: <base64> server: https://10.0.0.10:6443 users: - name: u user: client-certificate-data: <base64> client-key-data:"';

export const FILE_CASES = [
  // archives and files on the expiry screen
  hostile('archive', 'a tar with ../ in a path', (m: Material) => [file('pki.tar', tarArchive([{ path: '../../etc/ca.crt', content: m.caCert }]))], 'files 0; inventory.unsafe-path ../../etc/ca.crt'),
  hostile('archive', 'a tar with an absolute path', (m: Material) => [file('pki.tar', tarArchive([{ path: '/etc/kubernetes/pki/ca.crt', content: m.caCert }]))], 'files 0; inventory.unsafe-path /etc/kubernetes/pki/ca.crt'),
  hostile('archive', 'a tar with a symbolic link', () => [file('pki.tar', tarArchive([{ path: 'pki/ca.crt', type: 'symlink', linkName: '/etc/shadow' }]))], 'files 0; inventory.link-skipped pki/ca.crt'),
  hostile('archive', 'a tar with a hard link', () => [file('pki.tar', tarArchive([{ path: 'pki/ca.crt', type: 'hardlink', linkName: '/etc/shadow' }]))], 'files 0; inventory.link-skipped pki/ca.crt'),
  hostile('archive', 'a tar with a FIFO', () => [file('pki.tar', tarArchive([{ path: 'pki/fifo', type: 'fifo' }]))], 'files 0; inventory.not-a-file pki/fifo'),
  hostile('archive', 'a truncated tar.gz', (m: Material) => [file('pki.tgz', gzip(tarArchive([{ path: 'ca.crt', content: m.caCert }])).subarray(0, 60))], 'files 0; inventory.corrupt-archive pki.tgz'),
  hostile('archive', 'a zip with ../ in a path', async (m: Material) => [file('pki.zip', await zipArchive([{ path: '../ca.crt', content: m.caCert }]))], 'files 0; inventory.unsafe-path ../ca.crt'),
  hostile('archive', 'a zip inside a zip', async (m: Material) => [file('outer.zip', await zipArchive([{ path: 'inner.zip', content: await zipArchive([{ path: 'ca.crt', content: m.caCert }]) }]))], 'files 0; inventory.nested-archive inner.zip'),
  hostile('archive', 'a damaged zip', () => [file('pki.zip', utf8('PK\u0003\u0004 not really a zip'))], 'files 0; inventory.corrupt-archive pki.zip'),
  hostile('archive', 'one path twice', (m: Material) => [file('ca.crt', m.caCert), file('ca.crt', m.caCert)], 'files 1; items CERTIFICATE'),
  hostile('archive', 'a JPEG named ca.crt', () => [file('ca.crt', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]))], 'files 1; inventory.not-pki ca.crt'),
  hostile('archive', 'a damaged certificate', (m: Material) => [file('ca.crt', m.caCert.replace(/^M/m, '*'))], 'files 1; inventory.damaged ca.crt'),
  hostile('archive', 'a DER certificate', (m: Material) => [file('leaf.der', m.leafDer)], 'files 1; items CERTIFICATE'),
  hostile('archive', 'a kubeconfig with embedded data', (m: Material) => [file('admin.conf', kubeconfig(m))], 'files 1; items CERTIFICATE CERTIFICATE EC PRIVATE KEY'),
  hostile('archive', 'a kubeconfig pointing at files', () => [file('kubelet.conf', 'apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user:\n    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem\n')], 'files 1; inventory.kubeconfig-file-reference kubelet.conf'),
  hostile('archive', 'an encrypted key', (m: Material) => [file('ca.key', m.keys.encryptedPkcs8, 0o600)], 'files 1; inventory.encrypted-key ca.key; items ENCRYPTED PRIVATE KEY'),
  hostile('archive', 'a file of NUL bytes', () => [file('ca.crt', new Uint8Array(4096))], 'files 1; inventory.not-pki ca.crt'),
  hostile('archive', 'an empty file', () => [file('ca.crt', new Uint8Array(0))], 'files 1; inventory.not-pki ca.crt'),
  hostile('archive', 'a file over the size limit', () => [file('huge.crt', new Uint8Array(20 * 1024 * 1024 + 1))], 'files 0; inventory.file-too-large huge.crt'),
  // storage: what a reload brings back
  hostile('storage', 'an Ed25519 key under cfssl 1.6\'s label', (m: Material) => m.ed25519CfsslLabel, 'kept ""'),
  hostile('storage', 'an Ed25519 key, label in lower case', (m: Material) => m.ed25519CfsslLabel.replace(/Ed25519 PRIVATE KEY/g, 'ed25519 private key'), 'kept ""'),
  hostile('storage', 'an RSA PKCS#1 key with text around', (m: Material) => `my key:\n${m.keys.rsaPkcs1}thanks`, 'kept "my key: thanks"'),
  hostile('storage', 'a SEC1 key after EC PARAMETERS', (m: Material) => m.keys.p384WithParams, 'kept "<EC PARAMETERS>"'),
  hostile('storage', 'a traditional encrypted key', (m: Material) => m.keys.encryptedPkcs1, 'kept ""'),
  hostile('storage', 'an encrypted PKCS#8 key', (m: Material) => m.keys.encryptedPkcs8, 'kept ""'),
  hostile('storage', 'a key without its END line', (m: Material) => m.keys.p256Pkcs8.replace(/-----END[^\n]*\n/, ''), 'kept ""'),
  hostile('storage', 'a key with CRLF line ends', (m: Material) => m.keys.rsaPkcs8.replace(/\n/g, '\r\n'), 'kept ""'),
  hostile('storage', 'a key with four-dash armour', (m: Material) => m.keys.p256Pkcs8.replace(/-----/g, '----'), 'kept ""'),
  hostile('storage', 'bare base64 of a PKCS#8 key', (m: Material) => m.keys.rsaPkcs8.split('\n').filter((l) => !l.startsWith('-----')).join('\n'), 'kept ""'),
  hostile('storage', 'bare base64 of a key after a line of base64 letters', (m: Material) => `keys\n${m.keys.p256Sec1.split('\n').filter((l) => !l.startsWith('-----')).join('\n')}`, 'kept "keys"'),
  hostile('storage', 'a kubeconfig with client-key-data', (m: Material) => kubeconfig(m), KUBECONFIG_KEPT),
  hostile('storage', 'a kubeconfig with an Ed25519 client-key-data', (m: Material) => kubeconfig(m, m.keys.ed25519), KUBECONFIG_KEPT),
  hostile('storage', 'cfssl\'s JSON output with a key', (m: Material) => JSON.stringify({ cert: m.leafCert, key: m.leafKey, csr: m.leafCsr }), 'kept "{\\"cert\\":\\"<CERTIFICATE>\\\\n\\",\\"key\\":\\"\\",\\"csr\\":\\"<CERTIFICATE REQUEST>\\\\n\\"}"'),
  hostile('storage', 'a JWK with d', '{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cLNLYLeXsBIH1rxnnsOo-o"}', 'kept "{\\"kty\\":\\"EC\\",\\"crv\\":\\"P-256\\",\\"x\\":\\"<base64>\\",\\"y\\":\\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\\"}"'),
  hostile('storage', 'a certificate only (kept)', (m: Material) => m.leafCert, 'kept all'),
  hostile('storage', 'a CSR JSON (kept)', '{"CN":"admin","hosts":["a.example"]}', 'kept all'),
  hostile('storage', 'an OpenSSH key', `-----BEGIN OPENSSH PRIVATE KEY-----\n${base64('openssh-key-v1\0' + 'x'.repeat(120))}\n-----END OPENSSH PRIVATE KEY-----\n`, 'kept ""'),
  hostile('storage', 'a PKCS#8 key with JSON escapes', (m: Material) => JSON.stringify(m.keys.p256Pkcs8).slice(1, -1), 'kept ""'),
  hostile('storage-json', 'a workspace with a key in a request', (m: Material) => ({ config: '{}', requests: [{ name: 'x', json: m.keys.p256Sec1 }] }), '{"config":"{}","requests":[{"name":"x","json":""}]}'),
  hostile('storage-json', 'a JWK object', { kty: 'RSA', n: 'AQAB', e: 'AQAB', d: 'secret', p: 'secret', q: 'secret' }, '{"kty":"RSA","n":"AQAB","e":"AQAB"}'),
  // the CSR and profile forms over hostile JSON (they show what they can and never throw)
  hostile('csr-form', 'not JSON', '{"CN":', 'pki.json-syntax'),
  hostile('csr-form', 'names not an array', '{"CN":"a","names":{"C":"CN"}}', '{"CN":"a","names":[],"key":{"algo":"ecdsa","size":256},"hosts":[]}'),
  hostile('csr-form', 'hosts with numbers', '{"CN":"a","hosts":[1,"b.example"]}', '{"CN":"a","names":[],"key":{"algo":"ecdsa","size":256},"hosts":["b.example"]}'),
  hostile('csr-form', '__proto__ as CN holder', '{"__proto__":{"CN":"evil"}}', '{"CN":"","names":[],"key":{"algo":"ecdsa","size":256},"hosts":[]}'),
  hostile('config-form', 'not JSON', 'signing:', 'pki.json-syntax'),
  hostile('config-form', 'profiles an array', '{"signing":{"profiles":[]}}', '{"defaultProfile":{"name":"default","expiry":"","usages":[]},"profiles":[]}'),
  hostile('config-form', 'expiry a number', '{"signing":{"default":{"expiry":5}}}', '{"defaultProfile":{"name":"default","expiry":"","usages":[]},"profiles":[]}'),
];
