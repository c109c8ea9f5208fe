// The one usage table: cfssl usage strings -> KeyUsage bit or ExtKeyUsage OID (cfssl config/config.go
// KeyUsage and ExtKeyUsage maps). Strings are exact and case-sensitive, as in cfssl.

export interface UsageEffect {
  keyUsageBit?: number;
  extKeyUsageOid?: string;
}

export const USAGES: ReadonlyMap<string, UsageEffect> = new Map<string, UsageEffect>([
  ['signing', { keyUsageBit: 0 }],
  ['digital signature', { keyUsageBit: 0 }],
  ['content commitment', { keyUsageBit: 1 }],
  // Debian's cfssl 1.2 only knows this misspelling; accepting it keeps old configs working.
  ['content committment', { keyUsageBit: 1 }],
  ['key encipherment', { keyUsageBit: 2 }],
  ['data encipherment', { keyUsageBit: 3 }],
  ['key agreement', { keyUsageBit: 4 }],
  ['cert sign', { keyUsageBit: 5 }],
  ['crl sign', { keyUsageBit: 6 }],
  ['encipher only', { keyUsageBit: 7 }],
  ['decipher only', { keyUsageBit: 8 }],
  ['any', { extKeyUsageOid: '2.5.29.37.0' }],
  ['server auth', { extKeyUsageOid: '1.3.6.1.5.5.7.3.1' }],
  ['client auth', { extKeyUsageOid: '1.3.6.1.5.5.7.3.2' }],
  ['code signing', { extKeyUsageOid: '1.3.6.1.5.5.7.3.3' }],
  ['email protection', { extKeyUsageOid: '1.3.6.1.5.5.7.3.4' }],
  ['s/mime', { extKeyUsageOid: '1.3.6.1.5.5.7.3.4' }],
  ['ipsec end system', { extKeyUsageOid: '1.3.6.1.5.5.7.3.5' }],
  ['ipsec tunnel', { extKeyUsageOid: '1.3.6.1.5.5.7.3.6' }],
  ['ipsec user', { extKeyUsageOid: '1.3.6.1.5.5.7.3.7' }],
  ['timestamping', { extKeyUsageOid: '1.3.6.1.5.5.7.3.8' }],
  ['ocsp signing', { extKeyUsageOid: '1.3.6.1.5.5.7.3.9' }],
  ['microsoft sgc', { extKeyUsageOid: '1.3.6.1.4.1.311.10.3.3' }],
  ['netscape sgc', { extKeyUsageOid: '2.16.840.1.113730.4.1' }],
]);

/** Names for display (certinfo): KeyUsage bits in RFC 5280 order, and EKU OIDs. */
export const KEY_USAGE_NAMES = [
  'digital signature',
  'content commitment',
  'key encipherment',
  'data encipherment',
  'key agreement',
  'cert sign',
  'crl sign',
  'encipher only',
  'decipher only',
] as const;

export const EXT_KEY_USAGE_NAMES: ReadonlyMap<string, string> = new Map([
  ['2.5.29.37.0', 'any'],
  ['1.3.6.1.5.5.7.3.1', 'server auth'],
  ['1.3.6.1.5.5.7.3.2', 'client auth'],
  ['1.3.6.1.5.5.7.3.3', 'code signing'],
  ['1.3.6.1.5.5.7.3.4', 'email protection'],
  ['1.3.6.1.5.5.7.3.5', 'ipsec end system'],
  ['1.3.6.1.5.5.7.3.6', 'ipsec tunnel'],
  ['1.3.6.1.5.5.7.3.7', 'ipsec user'],
  ['1.3.6.1.5.5.7.3.8', 'timestamping'],
  ['1.3.6.1.5.5.7.3.9', 'ocsp signing'],
  ['1.3.6.1.4.1.311.10.3.3', 'microsoft sgc'],
  ['2.16.840.1.113730.4.1', 'netscape sgc'],
]);

/** Splits usage strings into KU bits and EKU OIDs (list order, no de-duplication, like cfssl). */
export function usageEffects(usages: readonly string[]): { keyUsageBits: number[]; extKeyUsageOids: string[]; unknown: string[] } {
  const keyUsageBits: number[] = [];
  const extKeyUsageOids: string[] = [];
  const unknown: string[] = [];
  for (const usage of usages) {
    const effect = USAGES.get(usage);
    if (!effect) unknown.push(usage);
    else if (effect.keyUsageBit !== undefined) keyUsageBits.push(effect.keyUsageBit);
    else if (effect.extKeyUsageOid !== undefined) extKeyUsageOids.push(effect.extKeyUsageOid);
  }
  return { keyUsageBits, extKeyUsageOids, unknown };
}
