// verify.sh, shipped in the cfssl bundle: `openssl verify` for every certificate against ca.pem, the SAN
// list of each (what clients will match the server name against), and whether each key matches its
// certificate. POSIX sh, shellcheck-clean, no bashisms: it runs on the minimal hosts it is copied to.
// What it prints comes from the catalogue, in the bundle's language.
import { translate, type Locale, type MessageKey } from '../i18n';
import { bareFileNames } from '../pki/cfssljson';
import { shellMessage } from '../scripts/shell';

/** NAMES are cfssljson base names (checked by checkRequestName: [A-Za-z0-9._-] only). */
export function verifyScript(names: readonly string[], locale: Locale): string {
  const list = names.map((n) => `'${n.replace(/'/g, '')}'`).join(' ');
  const say = (key: MessageKey, vars: Record<string, string> = {}, literals: Record<string, string> = {}) => shellMessage(locale, key, vars, literals);
  const ca = bareFileNames('ca');
  const leaf = bareFileNames('${name}');
  // The key check, for ca.pem (file names written in) and for each leaf (in shell variables).
  const keyCheck = (indent: string, cert: string, key: string, vars: Record<string, string>, literals: Record<string, string>) => [
    `${indent}if [ "$(public_key_of_certificate "${cert}")" = "$(public_key_of_key "${key}")" ]; then`,
    `${indent}  echo ${say('bundle.verify.key-matches', vars, literals)}`,
    `${indent}else`,
    `${indent}  echo ${say('bundle.verify.key-differs', vars, literals)}`,
    `${indent}  status=1`,
    `${indent}fi`,
  ];
  return [
    '#!/bin/sh',
    `# ${translate(locale, 'bundle.verify.purpose')}`,
    `# ${translate(locale, 'bundle.verify.usage')}`,
    'set -u',
    'cd "$(dirname "$0")" || exit 1',
    '',
    `command -v openssl >/dev/null 2>&1 || { echo ${say('bundle.verify.no-openssl')} >&2; exit 2; }`,
    '',
    'status=0',
    '',
    'public_key_of_certificate() {',
    '  openssl x509 -in "$1" -noout -pubkey 2>/dev/null',
    '}',
    '',
    `# ${translate(locale, 'bundle.verify.passphrase')}`,
    'public_key_of_key() {',
    '  if [ -n "${KUBEPREP_KEY_PASSPHRASE:-}" ]; then',
    '    openssl pkey -in "$1" -pubout -passin env:KUBEPREP_KEY_PASSPHRASE 2>/dev/null',
    '  else',
    '    openssl pkey -in "$1" -pubout -passin pass: 2>/dev/null',
    '  fi',
    '}',
    '',
    `echo "== ${ca.cert}"`,
    `openssl x509 -in ${ca.cert} -noout -subject -enddate || status=1`,
    `if [ -f ${ca.key} ]; then`,
    ...keyCheck('  ', ca.cert, ca.key, {}, { cert: ca.cert, key: ca.key }),
    'fi',
    '',
    `for name in ${list}; do`,
    '  echo',
    `  cert="${leaf.cert}"`,
    `  key="${leaf.key}"`,
    '  echo "== $cert"',
    '  if [ ! -f "$cert" ]; then',
    `    echo ${say('bundle.verify.missing', { cert: 'cert' })}`,
    '    status=1',
    '    continue',
    '  fi',
    `  openssl verify -CAfile ${ca.cert} "$cert" || status=1`,
    '  openssl x509 -in "$cert" -noout -subject -enddate || status=1',
    `  sans=$(openssl x509 -in "$cert" -noout -ext subjectAltName 2>/dev/null | sed -n '2,$p' | sed 's/^ *//')`,
    '  if [ -n "$sans" ]; then',
    `    echo ${say('bundle.verify.sans', { sans: 'sans' })}`,
    '  else',
    `    echo ${say('bundle.verify.no-sans')}`,
    '  fi',
    '  if [ -f "$key" ]; then',
    ...keyCheck('    ', '$cert', '$key', { cert: 'cert', key: 'key' }, {}),
    '  fi',
    'done',
    '',
    'echo',
    `if [ "$status" -eq 0 ]; then echo ${say('bundle.verify.passed')}; else echo ${say('bundle.verify.failed')}; fi`,
    'exit "$status"',
    '',
  ].join('\n');
}
