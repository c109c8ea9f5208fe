import { describeError } from '../../../src/lib/i18n';
import { describe, expect, it } from 'vitest';
import { decodePem, encodePem } from '../../../src/lib/pki';
import { caught } from './support';

describe('PEM', () => {
  it('writes 64-column lines and a trailing newline, like Go encoding/pem', () => {
    const pem = encodePem('CERTIFICATE', new Uint8Array(100).fill(7));
    const lines = pem.split('\n');
    expect(lines[0]).toBe('-----BEGIN CERTIFICATE-----');
    expect(lines[1]).toHaveLength(64);
    expect(lines[4]).toBe('-----END CERTIFICATE-----');
    expect(pem.endsWith('-----\n')).toBe(true);
  });

  it('reads several blocks, CRLF line ends and headers', () => {
    const a = encodePem('CERTIFICATE', Uint8Array.of(1, 2, 3));
    const b = encodePem('RSA PRIVATE KEY', Uint8Array.of(4, 5)).replace('-----\n', '-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00\n\n');
    const blocks = decodePem(`junk\r\n${a.replace(/\n/g, '\r\n')}${b}`);
    expect(blocks.map((x) => x.label)).toEqual(['CERTIFICATE', 'RSA PRIVATE KEY']);
    expect(Array.from(blocks[0]!.der)).toEqual([1, 2, 3]);
    expect(blocks[1]!.headers['Proc-Type']).toBe('4,ENCRYPTED');
  });

  it.each([
    ['', 'no PEM block'],
    ['hello', 'no PEM block'],
    ['-----BEGIN CERTIFICATE-----\nAAAA\n', 'no END line'],
    ['-----BEGIN CERTIFICATE-----\nA$AA\n-----END CERTIFICATE-----', 'not valid base64'],
    ['-----BEGIN CERTIFICATE-----\n\n-----END CERTIFICATE-----', 'not valid base64'],
  ])('rejects %j', (text, words) => {
    const error = caught(() => decodePem(text, 'ca-certificate'));
    expect(error).toMatchObject({ code: 'pki.pem-decode', field: 'ca-certificate' });
    expect(describeError('en', error)).toContain(words);
    expect(describeError('en', error)).toContain('CA certificate');
  });
});
