// Go's net.ParseIP (Go 1.17+: no leading zeros in IPv4 parts, no zones, no brackets, no CIDR) and
// net.IP.String(), because cfssl decides "is this host an IP SAN?" with net.ParseIP.

/** 4 bytes for dotted IPv4, 16 bytes for IPv6 text, null when Go would not accept it. */
export function parseIp(text: string): Uint8Array | null {
  if (text.includes(':')) return parseIpv6(text);
  return parseIpv4(text);
}

function parseIpv4(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i]!;
    if (!/^[0-9]{1,3}$/.test(part)) return null;
    if (part.length > 1 && part[0] === '0') return null;
    const value = Number(part);
    if (value > 255) return null;
    out[i] = value;
  }
  return out;
}

function parseIpv6(text: string): Uint8Array | null {
  const out = new Uint8Array(16);
  let s = text;
  let ellipsis = -1;
  if (s.startsWith('::')) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === '') return out;
  }
  let i = 0;
  while (i < 16) {
    const match = /^[0-9a-fA-F]{1,4}/.exec(s);
    if (!match) return null;
    // An embedded IPv4 address may end the text (::ffff:1.2.3.4).
    if (s[match[0].length] === '.') {
      if (ellipsis < 0 && i !== 12) return null;
      if (i + 4 > 16) return null;
      const v4 = parseIpv4(s);
      if (!v4) return null;
      out.set(v4, i);
      i += 4;
      s = '';
      break;
    }
    const value = parseInt(match[0], 16);
    out[i] = value >> 8;
    out[i + 1] = value & 0xff;
    i += 2;
    s = s.slice(match[0].length);
    if (s === '') break;
    if (s[0] !== ':' || s.length === 1) return null;
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) return null;
      ellipsis = i;
      s = s.slice(1);
      if (s === '') break;
    }
  }
  if (s !== '') return null;
  if (i < 16) {
    if (ellipsis < 0) return null;
    const tail = out.slice(ellipsis, i);
    out.fill(0, ellipsis);
    out.set(tail, 16 - tail.length);
  } else if (ellipsis >= 0) {
    return null; // "::" must stand for at least one group
  }
  return out;
}

/** Go's IP.To4: IPv4 and IPv4-mapped IPv6 give 4 bytes (how x509 writes them into a SAN), else null. */
export function toIpv4(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length === 4) return bytes;
  if (bytes.length === 16 && bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    return bytes.slice(12);
  }
  return null;
}

/** Go's IP.String(): dotted IPv4 (also for IPv4-mapped), RFC 5952 IPv6 otherwise. */
export function formatIp(bytes: Uint8Array): string {
  const v4 = toIpv4(bytes);
  if (v4) return Array.from(v4).join('.');
  if (bytes.length !== 16) return `?${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
  // Longest run of at least two zero groups becomes "::" (first one on ties).
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
