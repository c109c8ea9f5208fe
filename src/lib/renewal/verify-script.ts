// kubeprep-renewal/verify.sh: for every place a renewed certificate was written, `openssl verify` against
// the CA that signed it (copied into kubeprep-renewal/ca/), its new expiry, and whether its key (a key
// file, the same file, or a kubeconfig's client-key-data) still matches. POSIX sh, shellcheck-clean;
// encrypted keys open with the passphrase in KUBEPREP_KEY_PASSPHRASE. Its messages are the catalogue's.
import { translate, type Locale, type MessageKey } from '../i18n';
import { shellMessage, shellQuote } from '../scripts/shell';
import { useRenewalMessages } from './messages';
import type { RenewedCertificate } from './renew';

export const RENEWAL_DIR = 'kubeprep-renewal';

/** The CA files the script checks against: one per issuing CA, in the order first met. */
export function issuerFiles(renewed: readonly RenewedCertificate[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const r of renewed) if (!files.has(r.issuerPem)) files.set(r.issuerPem, `${RENEWAL_DIR}/ca/ca-${files.size + 1}.crt`);
  return files;
}

export function renewalVerifyScript(renewed: readonly RenewedCertificate[], locale: Locale): string {
  useRenewalMessages();
  const cas = issuerFiles(renewed);
  const checks = renewed.flatMap((r) =>
    r.targets.map((target) => {
      const ca = shellQuote(cas.get(r.issuerPem)!);
      if (target.kubeconfigUser !== undefined) return `check_kubeconfig ${shellQuote(target.path)} ${ca} ${target.kubeconfigUser}`;
      return `check_certificate ${shellQuote(target.path)} ${ca} ${shellQuote(target.keyPath ?? '')}`;
    }),
  );
  // PARAMETERS name shell parameters (`$1`, `$until`): each placeholder prints the parameter's value.
  const say = (key: MessageKey, parameters: Record<string, string> = {}) =>
    shellMessage(locale, key, Object.fromEntries(Object.entries(parameters).map(([name, parameter]) => [name, parameter.slice(1)])));
  return `#!/bin/sh
# ${translate(locale, 'renewal.verify.header')}
# ${translate(locale, 'renewal.verify.usage', { dir: RENEWAL_DIR })}
set -u
cd "$(dirname "$0")/.." || exit 1
command -v openssl >/dev/null 2>&1 || { echo ${say('renewal.verify.no-openssl')} >&2; exit 2; }

checks=0
failed=0
scratch=$(mktemp -d) || exit 1
trap 'rm -rf "$scratch"' EXIT

fail() {
  echo "$1"
  failed=$((failed + 1))
}

public_key_of_key() {
  if [ -n "\${KUBEPREP_KEY_PASSPHRASE:-}" ]; then
    openssl pkey -in "$1" -pubout -passin env:KUBEPREP_KEY_PASSPHRASE 2>/dev/null
  else
    openssl pkey -in "$1" -pubout -passin pass: 2>/dev/null
  fi
}

# ${translate(locale, 'renewal.verify.check-pair')}
check_pair() {
  checks=$((checks + 1))
  if ! openssl verify -partial_chain -CAfile "$3" "$2" >/dev/null 2>&1; then
    fail ${say('renewal.verify.chain', { path: '$1', ca: '$3' })}
    return
  fi
  if [ -n "$4" ] && [ "$(openssl x509 -in "$2" -noout -pubkey 2>/dev/null)" != "$(public_key_of_key "$4")" ]; then
    fail ${say('renewal.verify.key', { path: '$1', key: '$5' })}
    return
  fi
  until=$(openssl x509 -in "$2" -noout -enddate | sed 's/^notAfter=//')
  echo ${say('renewal.verify.ok', { path: '$1', ca: '$3', date: '$until' })}
}

check_certificate() {
  if [ ! -f "$1" ]; then
    checks=$((checks + 1))
    fail ${say('renewal.verify.missing', { path: '$1' })}
    return
  fi
  check_pair "$1" "$1" "$2" "$3" "$3"
}

# ${translate(locale, 'renewal.verify.kubeconfig-value')}
kubeconfig_value() {
  awk -v field="$2" -v n="$3" 'index($0, field) { i++; if (i == n) { sub(/^.*-data"?:[ \\t]*"?/, ""); sub(/"?[ \\t]*,?[ \\t]*$/, ""); print; exit } }' "$1" | openssl base64 -d -A
}

check_kubeconfig() {
  if [ ! -f "$1" ]; then
    checks=$((checks + 1))
    fail ${say('renewal.verify.missing', { path: '$1' })}
    return
  fi
  kubeconfig_value "$1" client-certificate-data "$3" > "$scratch/cert.pem"
  kubeconfig_value "$1" client-key-data "$3" > "$scratch/key.pem"
  key="$scratch/key.pem"
  [ -s "$key" ] || key=""
  check_pair "$1" "$scratch/cert.pem" "$2" "$key" "$1 (client-key-data)"
}

${checks.join('\n')}

echo ${say('renewal.verify.summary', { count: '$checks', failed: '$failed' })}
[ "$failed" -eq 0 ]
`;
}
