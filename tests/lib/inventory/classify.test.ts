// What each file holds: PEM (any number of blocks), DER certificates and keys, base64 without armour (of
// DER or of PEM), kubeconfigs' embedded data with the user or cluster they belong to; a kubeconfig is
// renewed in place with every other byte unchanged; files without any of these get one message each.
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyFile, classifyFiles, readKubeconfig, replaceKubeconfigValues } from '../../../src/lib/inventory';
import { decodePem, initCa, parseCsrJson, privateKeyPkcs8 } from '../../../src/lib/pki';

const enc = new TextEncoder();
const file = (path: string, content: string | Uint8Array) => ({ path, bytes: typeof content === 'string' ? enc.encode(content) : content });
const b64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64');

let certPem: string;
let keyPem: string;
let der: Uint8Array;

beforeAll(async () => {
  const ca = await initCa(parseCsrJson('{"CN":"classify-ca","key":{"algo":"ecdsa","size":256}}', { initca: true }));
  certPem = ca.certPem;
  keyPem = ca.keyPem!;
  der = decodePem(certPem)[0]!.der;
});

function kubeconfig(user: string, withKey = true): string {
  return [
    'apiVersion: v1',
    'clusters:',
    '- cluster:',
    `    certificate-authority-data: ${b64(certPem)}`,
    '    server: https://10.0.0.10:6443',
    '  name: prod',
    'contexts: []',
    'kind: Config',
    'users:',
    `- name: ${user}`,
    '  user:',
    `    client-certificate-data: ${b64(certPem)}`,
    ...(withKey ? [`    client-key-data: ${b64(keyPem)}`] : []),
    '',
  ].join('\n');
}

describe('classifyFile', () => {
  it('reads PEM, DER and base64 certificates and DER keys as the same blocks', () => {
    const forms = [
      classifyFile(file('a.pem', certPem + keyPem)).file,
      classifyFile(file('b.cer', der)).file,
      classifyFile(file('c.b64', b64(der).replace(/(.{64})/g, '$1\n'))).file,
      classifyFile(file('d.txt', b64(certPem))).file,
      classifyFile(file('e.der', privateKeyPkcs8(keyPem))).file,
    ];
    expect(forms.map((f) => [f.format, f.items.map((i) => i.label)])).toEqual([
      ['pem', ['CERTIFICATE', 'EC PRIVATE KEY']],
      ['der', ['CERTIFICATE']],
      ['base64', ['CERTIFICATE']],
      ['base64', ['CERTIFICATE']],
      ['der', ['PRIVATE KEY']],
    ]);
    for (const f of forms.slice(1, 4)) expect(Buffer.from(f.items[0]!.der).equals(Buffer.from(der))).toBe(true);
  });

  it("reads a kubeconfig's embedded CA, client certificate and key, with the user they belong to", () => {
    const { file: read, problems } = classifyFile(file('admin.conf', kubeconfig('kubernetes-admin')));
    expect(problems).toEqual([]);
    expect(read.items.map((i) => [i.label, i.origin])).toEqual([
      ['CERTIFICATE', { format: 'kubeconfig', field: 'certificate-authority-data', owner: 'prod', value: 0 }],
      ['CERTIFICATE', { format: 'kubeconfig', field: 'client-certificate-data', owner: 'kubernetes-admin', value: 1 }],
      ['EC PRIVATE KEY', { format: 'kubeconfig', field: 'client-key-data', owner: 'kubernetes-admin', value: 2 }],
    ]);
  });

  it('replaces a kubeconfig value in place and leaves every other byte as it was', () => {
    const text = kubeconfig('kubernetes-admin');
    const facts = readKubeconfig(text);
    const value = facts.values.find((v) => v.field === 'client-certificate-data')!;
    const replaced = replaceKubeconfigValues(text, [{ start: value.start, end: value.end, text: 'NEW PEM\n' }]);
    expect(replaced.replace(b64('NEW PEM\n'), b64(certPem))).toBe(text);
    expect(readKubeconfig(replaced).values.map((v) => v.text)).toEqual([certPem, 'NEW PEM\n', keyPem]);
  });

  it('names what holds nothing usable: a bootstrap kubeconfig, file references, damaged PEM, scripts, binary', () => {
    const token = 'apiVersion: v1\nkind: Config\nusers:\n- name: tls-bootstrap-token-user\n  user:\n    token: abcdef.0123456789abcdef\n';
    const refs = 'apiVersion: v1\nkind: Config\nusers:\n- name: default-auth\n  user:\n    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem\n    client-key: /var/lib/kubelet/pki/kubelet-client-current.pem\n';
    const { problems } = classifyFiles([
      file('bootstrap-kubelet.conf', token),
      file('kubelet.conf', refs),
      file('broken.crt', '-----BEGIN CERTIFICATE-----\n%%%%\n-----END CERTIFICATE-----\n'),
      file('verify.sh', 'pub="-----BEGIN PUBLIC KEY-----${info#*-----BEGIN PUBLIC KEY-----}"\n'),
      file('photo.jpg', Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46)),
      file('enc.key', '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAA=\n-----END ENCRYPTED PRIVATE KEY-----\n'),
    ]);
    expect(problems.map((p) => [p.code, p.path, p.severity])).toEqual([
      ['inventory.kubeconfig-no-certificates', 'bootstrap-kubelet.conf', 'error'],
      ['inventory.kubeconfig-file-reference', 'kubelet.conf', 'info'],
      ['inventory.damaged', 'broken.crt', 'error'],
      ['inventory.not-pki', 'verify.sh', 'info'],
      ['inventory.not-pki', 'photo.jpg', 'info'],
      ['inventory.encrypted-key', 'enc.key', 'info'],
    ]);
    expect(problems[1]!.params.files).toBe('/var/lib/kubelet/pki/kubelet-client-current.pem, /var/lib/kubelet/pki/kubelet-client-current.pem');
  });
});
