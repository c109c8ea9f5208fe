// From `hosts` strings to the SAN set written into CSRs and certificates.
import type { SanSet } from './extensions';
import { classifyHosts, type ClassifyOptions } from './hosts';
import { parseIp, toIpv4 } from './ip';
import { parseMailAddress } from './hosts';

export function sanSetFromHosts(hosts: readonly string[], options: ClassifyOptions = {}): SanSet {
  const classified = classifyHosts(hosts, options);
  return {
    dns: classified.dns,
    emails: classified.emails.map((e) => parseMailAddress(e) ?? e),
    // Go writes IPv4 (and IPv4-mapped IPv6) as 4 bytes, other IPv6 as 16 (x509 marshalSANs, ip.To4()).
    ips: classified.ips.map((text) => {
      const bytes = parseIp(text)!;
      return toIpv4(bytes) ?? bytes;
    }),
    uris: classified.uris,
  };
}

export function isEmptySanSet(sans: SanSet): boolean {
  return sans.dns.length + sans.emails.length + sans.ips.length + sans.uris.length === 0;
}
