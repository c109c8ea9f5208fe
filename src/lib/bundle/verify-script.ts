// verify.sh, shipped in the cfssl bundle: `openssl verify` for every certificate against ca.pem, the SAN
// list of each (what clients will match the server name against), and whether each key matches its
// certificate. POSIX sh, shellcheck-clean, no bashisms: it runs on the minimal hosts it is copied to.
// What it prints comes from the catalogue, in the bundle's language.
import { translate, type Locale, type MessageKey } from '../i18n';
import { bareFileNames } from '../pki/cfssljson';
import { shellMessage } from '../scripts/shell';

/**
 * Names are cfssljson base names (checked by checkRequestName: [A-Za-z0-9._-] only), so `name:kind`
 * splits on the last colon. `failed` are the requests that were not issued: listed with why, and the
 * run fails, because the bundle is not the whole set that was asked for.
 */
export function verifyScript(
  certificates: readonly { name: string; serverAuth: boolean }[],
  locale: Locale,
  failed: readonly { name: string; reason: string }[] = [],
): string {
  const list = certificates.map((c) => `'${c.name.replace(/'/g, '')}:${c.serverAuth ? 'server' : 'client'}'`).join(' ');
  const say = (key: MessageKey, vars: Record<string, string> = {}, literals: Record<string, string | number> = {}) => shellMessage(locale, key, vars, literals);
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
    `for entry in ${list}; do`,
    '  name="${entry%:*}"',
    '  kind="${entry##*:}"',
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
    '  elif [ "$kind" = server ]; then',
    `    echo ${say('bundle.verify.no-sans')}`,
    '  else',
    `    echo ${say('bundle.verify.no-sans-client')}`,
    '  fi',
    '  if [ -f "$key" ]; then',
    ...keyCheck('    ', '$cert', '$key', { cert: 'cert', key: 'key' }, {}),
    '  fi',
    'done',
    '',
    ...(failed.length > 0
      ? [
          'echo',
          `echo ${say('bundle.verify.not-issued', {}, { count: failed.length })}`,
          ...failed.map((f) => `echo ${say('bundle.verify.not-issued-one', {}, { name: f.name, reason: f.reason.replace(/\s+/g, ' ') })}`),
          'status=1',
          '',
        ]
      : []),
    'echo',
    `if [ "$status" -eq 0 ]; then echo ${say('bundle.verify.passed')}; else echo ${say('bundle.verify.failed')}; fi`,
    'exit "$status"',
    '',
  ].join('\n');
}
