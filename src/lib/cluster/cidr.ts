// CIDR arithmetic for the plan (service range, node addresses) on bigint, so IPv4 and IPv6 share one
// code path. Parsing of the address itself is the engine's (Go net.ParseIP semantics).
import { formatIp, parseIp, toIpv4 } from '../pki';

export type IpFamily = 4 | 6;

export interface Cidr {
  family: IpFamily;
  /** The network address (host bits zero). */
  network: bigint;
  prefix: number;
  /** Canonical text, e.g. `10.96.0.0/12`, `fd00:10:96::/112`. */
  text: string;
}

export function bitsOf(family: IpFamily): 32 | 128 {
  return family === 4 ? 32 : 128;
}

export function ipToBigint(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

export function bigintToIp(value: bigint, family: IpFamily): Uint8Array {
  const bytes = new Uint8Array(family === 4 ? 4 : 16);
  for (let i = bytes.length - 1; i >= 0; i--) {
    bytes[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return bytes;
}

/** IPv4-mapped IPv6 (`::ffff:a.b.c.d`) counts as IPv4, as Go's To4() does. */
export function familyOf(bytes: Uint8Array): IpFamily {
  return bytes.length === 4 ? 4 : 6;
}

/** Parses one address; null when it is not an IP (Go ParseIP rules). */
export function parseAddress(text: string): { family: IpFamily; value: bigint; text: string } | null {
  const parsed = parseIp(text);
  if (!parsed) return null;
  const bytes = toIpv4(parsed) ?? parsed;
  return { family: familyOf(bytes), value: ipToBigint(bytes), text: formatIp(bytes) };
}

function hostMask(prefix: number, family: IpFamily): bigint {
  return (1n << BigInt(bitsOf(family) - prefix)) - 1n;
}

export type CidrProblem = 'syntax' | 'address' | 'prefix' | 'host-bits';

/** Parses `address/prefix`; host bits must be zero (a typo like 10.96.0.1/12 is reported, not guessed). */
export function parseCidr(text: string): { cidr: Cidr } | { problem: CidrProblem } {
  const slash = text.indexOf('/');
  if (slash < 0 || slash !== text.lastIndexOf('/')) return { problem: 'syntax' };
  const address = parseAddress(text.slice(0, slash));
  if (!address) return { problem: 'address' };
  const prefixText = text.slice(slash + 1);
  // Go's ParseCIDR: decimal, no sign, no leading zeros.
  if (!/^(0|[1-9]\d{0,2})$/.test(prefixText)) return { problem: 'prefix' };
  const prefix = Number(prefixText);
  if (prefix > bitsOf(address.family)) return { problem: 'prefix' };
  if ((address.value & hostMask(prefix, address.family)) !== 0n) return { problem: 'host-bits' };
  return { cidr: { family: address.family, network: address.value, prefix, text: `${address.text}/${prefix}` } };
}

/** The network address with the host bits of `cidr` cleared: what the user probably meant. */
export function networkOf(value: bigint, prefix: number, family: IpFamily): bigint {
  return value & ~hostMask(prefix, family) & ((1n << BigInt(bitsOf(family))) - 1n);
}

export function lastAddress(cidr: Cidr): bigint {
  return cidr.network | hostMask(cidr.prefix, cidr.family);
}

export function addressCount(cidr: Cidr): bigint {
  return hostMask(cidr.prefix, cidr.family) + 1n;
}

/**
 * The first address after the network address: kube-apiserver gives it to the `kubernetes` Service
 * (kubeadm GetAPIServerVirtualIP, `10.96.0.1` for `10.96.0.0/12`), so it must be in the apiserver cert.
 */
export function firstUsableAddress(cidr: Cidr): string {
  const value = addressCount(cidr) > 1n ? cidr.network + 1n : cidr.network;
  return formatIp(bigintToIp(value, cidr.family));
}

/** The address `offset` after the network address (kubeadm's cluster DNS address is offset 10). */
export function addressAt(cidr: Cidr, offset: bigint): string {
  return formatIp(bigintToIp(cidr.network + offset, cidr.family));
}

/** `10.96.0.1/12` → `10.96.0.0/12`: the network a CIDR with host bits set probably meant. */
export function suggestedNetwork(text: string): string {
  const [addressText, prefix] = text.split('/') as [string, string];
  const address = parseAddress(addressText)!;
  return `${formatIp(bigintToIp(networkOf(address.value, Number(prefix), address.family), address.family))}/${prefix}`;
}

export function cidrContains(cidr: Cidr, address: { family: IpFamily; value: bigint }): boolean {
  return address.family === cidr.family && address.value >= cidr.network && address.value <= lastAddress(cidr);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.network <= lastAddress(b) && b.network <= lastAddress(a);
}
