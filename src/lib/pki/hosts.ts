// `hosts` -> SAN classification exactly in cfssl's order (csr/csr.go): net.ParseIP -> IP,
// net/mail.ParseAddress -> email, net/url.ParseRequestURI -> URI, anything else -> DNS, verbatim.
// The certificate lists them DNS, email, IP, URI (Go x509 marshalSANs), whatever the input order.
import { parseIp } from './ip';

export type HostKind = 'dns' | 'ip' | 'email' | 'uri';

export interface ClassifyOptions {
  /** cfssl >= 1.3.3 makes URI SANs; older builds (Debian 12's 1.2) treat URIs as DNS names. */
  uriSans?: boolean;
}

export interface ClassifiedHosts {
  dns: string[];
  emails: string[];
  ips: string[];
  uris: string[];
}

export function classifyHost(host: string, options: ClassifyOptions = {}): { kind: HostKind; value: string } {
  if (parseIp(host)) return { kind: 'ip', value: host };
  const email = parseMailAddress(host);
  if (email !== null) return { kind: 'email', value: email };
  if (options.uriSans !== false && isRequestUri(host)) return { kind: 'uri', value: host };
  return { kind: 'dns', value: host };
}

export function classifyHosts(hosts: readonly string[], options: ClassifyOptions = {}): ClassifiedHosts {
  const result: ClassifiedHosts = { dns: [], emails: [], ips: [], uris: [] };
  for (const host of hosts) {
    const { kind, value } = classifyHost(host, options);
    if (kind === 'dns') result.dns.push(value);
    else if (kind === 'email') result.emails.push(value);
    else if (kind === 'ip') result.ips.push(value);
    else result.uris.push(value);
  }
  return result;
}

// RFC 5322 atext, the characters of an unquoted word (Go net/mail isAtext).
const ATEXT = "A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~";
const DOT_ATOM = `[${ATEXT}]+(?:\\.[${ATEXT}]+)*`;
const QUOTED = '"(?:[^"\\\\\\r\\n]|\\\\.)*"';
const ADDR_SPEC = new RegExp(`^(?:${DOT_ATOM}|${QUOTED})@(?:${DOT_ATOM}|\\[[^\\[\\]\\\\]*\\])$`);
const PHRASE = new RegExp(`^(?:(?:[${ATEXT}.]+|${QUOTED})(?:[ \\t]+(?:[${ATEXT}.]+|${QUOTED}))*)?$`);

/**
 * The subset of Go's net/mail.ParseAddress that matters for SANs: `local@domain` or
 * `Display Name <local@domain>`; returns the bare address (what cfssl stores) or null.
 */
export function parseMailAddress(text: string): string | null {
  const s = text.trim();
  const angle = /^(.*?)<([^<>]*)>$/s.exec(s);
  if (angle) {
    const phrase = angle[1]!.trim();
    const address = angle[2]!.trim();
    if (!PHRASE.test(phrase) || !ADDR_SPEC.test(address)) return null;
    return address;
  }
  return ADDR_SPEC.test(s) ? s : null;
}

/** Go's url.ParseRequestURI success test: an absolute URI (scheme:...) or an absolute path. */
function isRequestUri(text: string): boolean {
  if (text === '' || /[\x00-\x1f\x7f]/.test(text)) return false;
  if (text === '*') return true;
  let rest = text;
  let scheme = '';
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+\-.]*):/.exec(text);
  if (schemeMatch) {
    scheme = schemeMatch[1]!;
    rest = text.slice(schemeMatch[0].length);
  } else if (text[0] === ':') {
    return false; // "missing protocol scheme"
  }
  const query = rest.indexOf('?');
  if (query >= 0) rest = rest.slice(0, query);
  if (!rest.startsWith('/')) return scheme !== ''; // rootless: opaque URI (`urn:a:b`, `localhost:8080`)
  if (scheme !== '' && rest.startsWith('//')) {
    let authority = rest.slice(2);
    const slash = authority.indexOf('/');
    const path = slash >= 0 ? authority.slice(slash) : '';
    if (slash >= 0) authority = authority.slice(0, slash);
    return validAuthority(authority) && validEscapes(path);
  }
  return validEscapes(rest);
}

function validAuthority(authority: string): boolean {
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at) : '';
  const host = at >= 0 ? authority.slice(at + 1) : authority;
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%]*$/.test(userinfo) || !validEscapes(userinfo)) return false;
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close < 0) return false;
    const port = host.slice(close + 1);
    return port === '' || /^:[0-9]*$/.test(port);
  }
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && !/^[0-9]*$/.test(host.slice(colon + 1))) return false;
  // Go parseHost: characters a host may hold unescaped (shouldEscape in encodeHost mode).
  return /^[A-Za-z0-9\-._~!$&'()*+,;=:\[\]<>"%]*$/.test(host) && validEscapes(host);
}

function validEscapes(text: string): boolean {
  return !/%(?![0-9A-Fa-f]{2})/.test(text);
}

/** The rule of a DNS name a host breaks; each has words under `pki.dns-rule.<rule>`. */
export type DnsRule = 'empty-label' | 'character' | 'leading-hyphen' | 'label-too-long' | 'name-too-long' | 'wildcard' | 'idna';

export type DnsNameCheck = { ok: true; ascii: string } | { ok: false; rule: DnsRule; char?: string };

/**
 * A `hosts` entry that will be a DNS SAN, as the certificate must hold it: an IA5String, so an
 * internationalized name becomes its A-labels (`bücher.de` -> `xn--bcher-kva.de`, UTS #46 as the WHATWG
 * URL parser and browsers apply it); then the shape Go's crypto/x509 accepts as a host name
 * (verify.go validHostname: letters, digits, "-" not first, "_", a whole "*" first label) within RFC
 * 1035's lengths (2.3.4: 63 per label, 253 in all). cfssl writes any text; Go then cannot parse non-ASCII.
 */
export function checkDnsName(name: string): DnsNameCheck {
  let ascii = name;
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(name)) {
    const bad = /[^A-Za-z0-9\-_.*\u0080-\uffff]/.exec(name);
    if (bad) return { ok: false, rule: 'character', char: bad[0] };
    const converted = idnaToAscii(name);
    if (converted === null) return { ok: false, rule: 'idna' };
    ascii = converted;
  }
  const problem = asciiDnsProblem(ascii);
  return problem ? { ok: false, ...problem } : { ok: true, ascii };
}

function idnaToAscii(name: string): string | null {
  const wildcard = name.startsWith('*.') ? '*.' : '';
  const rest = name.slice(wildcard.length);
  try {
    // The URL parser runs UTS #46 ToASCII on a special URL's host (WHATWG URL, "domain to ASCII"), and
    // refuses what UTS #46 disallows (bidi controls such as U+202E, unassigned code points).
    const host = new URL(`http://${rest}/`).hostname;
    // A name that mapped onto an IPv4 address (full-width digits) or into anything but labels is no IDN.
    if (host === '' || parseIp(host) || /[^a-z0-9\-_.]/.test(host)) return null;
    return wildcard + host;
  } catch {
    return null;
  }
}

function asciiDnsProblem(name: string): { rule: DnsRule; char?: string } | undefined {
  // "hosts": [""] writes an empty dNSName, as cfssl does, which Go reads; "." is an empty label.
  if (name === '') return undefined;
  const body = name.endsWith('.') ? name.slice(0, -1) : name; // a fully qualified name's root dot
  if (body.length > 253) return { rule: 'name-too-long' };
  const labels = body.split('.');
  for (const [i, label] of labels.entries()) {
    if (label === '') return { rule: 'empty-label' };
    if (label.length > 63) return { rule: 'label-too-long' };
    if (label.includes('*')) {
      if (label === '*' && i === 0 && labels.length > 1) continue;
      return { rule: 'wildcard' };
    }
    const bad = /[^A-Za-z0-9\-_]/.exec(label);
    if (bad) return { rule: 'character', char: bad[0] };
    if (label.startsWith('-')) return { rule: 'leading-hyphen' };
  }
  return undefined;
}
