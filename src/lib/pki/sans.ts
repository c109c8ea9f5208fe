// From `hosts` strings to the SAN set written into CSRs and certificates.
import type { Warning } from '../errors';
import { messageRef } from '../i18n/params';
import { pkiError, pkiWarning } from './errors';
import type { SanSet } from './extensions';
import { checkDnsName, classifyHost, classifyHosts, parseMailAddress, type ClassifyOptions } from './hosts';
import { parseIp, toIpv4 } from './ip';

/**
 * HOSTS as a certificate may hold them: internationalized DNS names as their A-labels, each with a
 * warning that shows both forms; a name that is no DNS name at all is refused with the rule it breaks.
 * FIELD names the list (`hosts`, `-hostname`).
 */
export function normalizeHosts(hosts: readonly string[], field = 'hosts'): { hosts: string[]; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const out = hosts.map((host, i) => {
    if (classifyHost(host).kind !== 'dns') return host;
    const ascii = asciiDnsName(host, `${field}[${i}]`);
    if (ascii !== host) warnings.push(pkiWarning('pki.idn-host', `${field}[${i}]`, { unicode: host, ascii }));
    return ascii;
  });
  return { hosts: out, warnings };
}

function asciiDnsName(name: string, field: string): string {
  const check = checkDnsName(name);
  if (check.ok) return check.ascii;
  const rule = messageRef(`pki.dns-rule.${check.rule}`, check.char === undefined ? undefined : { char: check.char });
  throw pkiError('pki.invalid-dns-name', { field, allowed: 'a-z A-Z 0-9 - _ . *', params: { value: name, rule } });
}

export function sanSetFromHosts(hosts: readonly string[], options: ClassifyOptions = {}): SanSet {
  const classified = classifyHosts(hosts, options);
  return {
    // Never raw Unicode in an IA5String: Go's x509 refuses to parse such a certificate.
    dns: classified.dns.map((name) => asciiDnsName(name, 'hosts')),
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
