// What cfssl prints on stdout and what `cfssljson -bare NAME` makes of it (cli/cli.go PrintCert,
// cmd/cfssljson): one compact JSON line with sorted keys cert, csr, key; files NAME.pem,
// NAME-key.pem, NAME.csr.
import type { IssuedCertificate } from './sign';

export function bareFileNames(base: string): { cert: string; key: string; csr: string } {
  return { cert: `${base}.pem`, key: `${base}-key.pem`, csr: `${base}.csr` };
}

/** Go's encoding/json escapes <, >, & and U+2028/U+2029; JSON.stringify does not. */
export function goJsonEscape(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function cfsslJsonOutput(issued: Pick<IssuedCertificate, 'certPem' | 'csrPem' | 'keyPem'>): string {
  const out: Record<string, string> = { cert: issued.certPem, csr: issued.csrPem };
  if (issued.keyPem !== undefined) out.key = issued.keyPem;
  return `${goJsonEscape(JSON.stringify(out))}\n`;
}
