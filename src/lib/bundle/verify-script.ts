// verify.sh, shipped in the cfssl bundle: `openssl verify` for every certificate against ca.pem, the SAN
// list of each (what clients will match the server name against), and whether each key matches its
// certificate. POSIX sh, shellcheck-clean, no bashisms: it runs on the minimal hosts it is copied to.

/** NAMES are cfssljson base names (checked by checkRequestName: [A-Za-z0-9._-] only). */
export function verifyScript(names: readonly string[]): string {
  const list = names.map((n) => `'${n.replace(/'/g, '')}'`).join(' ');
  return `#!/bin/sh
# Checks every certificate of this bundle against ca.pem with openssl.
# Usage: sh verify.sh        (exit status 0 when every check passes)
set -u
cd "$(dirname "$0")" || exit 1

command -v openssl >/dev/null 2>&1 || { echo "openssl is not installed" >&2; exit 2; }

status=0

public_key_of_certificate() {
  openssl x509 -in "$1" -noout -pubkey 2>/dev/null
}

# Keys downloaded with a passphrase are encrypted PKCS#8: KUBEPREP_KEY_PASSPHRASE opens them.
public_key_of_key() {
  if [ -n "\${KUBEPREP_KEY_PASSPHRASE:-}" ]; then
    openssl pkey -in "$1" -pubout -passin env:KUBEPREP_KEY_PASSPHRASE 2>/dev/null
  else
    openssl pkey -in "$1" -pubout -passin pass: 2>/dev/null
  fi
}

echo "== ca.pem"
openssl x509 -in ca.pem -noout -subject -enddate || status=1
if [ -f ca-key.pem ]; then
  if [ "$(public_key_of_certificate ca.pem)" = "$(public_key_of_key ca-key.pem)" ]; then
    echo "ca-key.pem: matches ca.pem"
  else
    echo "ca-key.pem: DOES NOT match ca.pem"
    status=1
  fi
fi

for name in ${list}; do
  echo
  echo "== $name.pem"
  if [ ! -f "$name.pem" ]; then
    echo "$name.pem: missing"
    status=1
    continue
  fi
  openssl verify -CAfile ca.pem "$name.pem" || status=1
  openssl x509 -in "$name.pem" -noout -subject -enddate || status=1
  sans=$(openssl x509 -in "$name.pem" -noout -ext subjectAltName 2>/dev/null | sed -n '2,$p' | sed 's/^ *//')
  if [ -n "$sans" ]; then
    echo "SANs: $sans"
  else
    echo "SANs: (none) - servers with this certificate fail hostname verification"
  fi
  if [ -f "$name-key.pem" ]; then
    if [ "$(public_key_of_certificate "$name.pem")" = "$(public_key_of_key "$name-key.pem")" ]; then
      echo "$name-key.pem: matches $name.pem"
    else
      echo "$name-key.pem: DOES NOT match $name.pem"
      status=1
    fi
  fi
done

echo
if [ "$status" -eq 0 ]; then echo "All checks passed."; else echo "Some checks FAILED."; fi
exit "$status"
`;
}
