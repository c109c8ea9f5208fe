// `cfssl print-defaults` (cli/printdefault/defaults.go): the same values, 4-space indented, with the
// trailing blank line cfssl prints.

const CSR = {
  CN: 'example.net',
  hosts: ['example.net', 'www.example.net'],
  key: { algo: 'ecdsa', size: 256 },
  names: [{ C: 'US', ST: 'CA', L: 'San Francisco' }],
};

const CONFIG = {
  signing: {
    default: { expiry: '168h' },
    profiles: {
      www: { expiry: '8760h', usages: ['signing', 'key encipherment', 'server auth'] },
      client: { expiry: '8760h', usages: ['signing', 'key encipherment', 'client auth'] },
    },
  },
};

export const DEFAULT_TYPES = ['config', 'csr'] as const;

export function defaultCsrJson(): string {
  return `${JSON.stringify(CSR, null, 4)}\n`;
}

export function defaultConfigJson(): string {
  return `${JSON.stringify(CONFIG, null, 4)}\n`;
}
