import { describe, expect, it } from 'vitest';
import { formatIp, parseIp, toIpv4 } from '../../../src/lib/pki';

describe('parseIp (Go net.ParseIP)', () => {
  it.each([
    ['127.0.0.1', [127, 0, 0, 1]],
    ['0.0.0.0', [0, 0, 0, 0]],
    ['255.255.255.255', [255, 255, 255, 255]],
  ])('IPv4 %s is 4 bytes', (text, bytes) => {
    expect(Array.from(parseIp(text)!)).toEqual(bytes);
  });

  it.each(['::1', '::', 'fe80::1', '2001:db8::8a2e:370:7334', '1:2:3:4:5:6:7:8', '1::', '1:2:3:4:5:6:7::', '::ffff:10.0.0.1', '1:2:3:4:5:6:1.2.3.4'])(
    'IPv6 %s is 16 bytes',
    (text) => {
      expect(parseIp(text)?.length).toBe(16);
    },
  );

  it.each([
    '', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.-1', ' 1.2.3.4', '10.0.0.0/8', '[::1]', 'fe80::1%eth0',
    '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7:8::', ':::', '1:::2', '::1::', '12345::', 'g::', '1:2', '1.2.3.4:80', 'localhost',
    '1:2:3:4:5:1.2.3.4', '::1.2.3', '1:',
  ])('rejects %j', (text) => {
    expect(parseIp(text)).toBeNull();
  });

  it('puts the groups around :: in place', () => {
    expect(Array.from(parseIp('1::2')!)).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(Array.from(parseIp('::ffff:10.0.0.1')!.slice(10))).toEqual([0xff, 0xff, 10, 0, 0, 1]);
  });
});

describe('formatIp (Go IP.String)', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1'],
    ['::ffff:10.0.0.1', '10.0.0.1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
    ['1:0:2:0:3:0:4:0', '1:0:2:0:3:0:4:0'],
    ['::', '::'],
    ['::1', '::1'],
    ['FE80::ABCD', 'fe80::abcd'],
  ])('%s -> %s', (input, output) => {
    expect(formatIp(parseIp(input)!)).toBe(output);
  });

  it('folds IPv4-mapped addresses to 4 bytes like Go To4 (how x509 writes IP SANs)', () => {
    expect(Array.from(toIpv4(parseIp('::ffff:1.2.3.4')!)!)).toEqual([1, 2, 3, 4]);
    expect(toIpv4(parseIp('::1')!)).toBeNull();
  });
});
