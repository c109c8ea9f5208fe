import { describe, expect, it } from 'vitest';
import { cidrContains, cidrsOverlap, firstUsableAddress, parseAddress, parseCidr, type Cidr } from '../../../src/lib/cluster';

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if ('problem' in parsed) throw new Error(`${text}: ${parsed.problem}`);
  return parsed.cidr;
}

describe('CIDR arithmetic', () => {
  it('computes the first service address for IPv4 and IPv6', () => {
    expect(firstUsableAddress(cidr('10.96.0.0/12'))).toBe('10.96.0.1');
    expect(firstUsableAddress(cidr('10.32.0.0/24'))).toBe('10.32.0.1');
    expect(firstUsableAddress(cidr('fd00:10:96::/112'))).toBe('fd00:10:96::1');
    expect(firstUsableAddress(cidr('2001:db8::/108'))).toBe('2001:db8::1');
  });

  it('canonicalises the text', () => {
    expect(cidr('FD00:0010:0096:0000::/112').text).toBe('fd00:10:96::/112');
  });

  it('reports what is wrong with a bad CIDR', () => {
    expect(parseCidr('10.96.0.0')).toEqual({ problem: 'syntax' });
    expect(parseCidr('10.96.0.256/12')).toEqual({ problem: 'address' });
    expect(parseCidr('10.96.0.0/33')).toEqual({ problem: 'prefix' });
    expect(parseCidr('10.96.0.0/012')).toEqual({ problem: 'prefix' });
    expect(parseCidr('10.96.0.1/12')).toEqual({ problem: 'host-bits' });
    expect(parseCidr('010.96.0.0/12')).toEqual({ problem: 'address' }); // Go 1.17+ rejects leading zeros
  });

  it('tests containment and overlap within one family only', () => {
    const services = cidr('10.96.0.0/12');
    expect(cidrContains(services, parseAddress('10.111.255.255')!)).toBe(true);
    expect(cidrContains(services, parseAddress('10.112.0.0')!)).toBe(false);
    expect(cidrContains(services, parseAddress('::ffff:10.96.0.1')!)).toBe(true); // Go To4: a mapped address is IPv4
    expect(cidrContains(services, parseAddress('fd00::10.96.0.1')!)).toBe(false);
    expect(cidrsOverlap(services, cidr('10.100.0.0/16'))).toBe(true);
    expect(cidrsOverlap(services, cidr('10.0.0.0/16'))).toBe(false);
    expect(cidrsOverlap(cidr('fd00::/64'), cidr('fd00::1:0/112'))).toBe(true);
  });
});
