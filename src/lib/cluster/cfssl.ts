// The cfssl inputs that reproduce the whole set with the real cfssl: ca-config.json, one *-csr.json
// per CA and certificate, and gencert.sh with the exact `cfssl gencert | cfssljson -bare` commands.
import type { Locale } from '../i18n';
import { bareFileNames } from '../pki/cfssljson';
import { shellQuote } from '../scripts/shell';
import { requestFileName } from '../workspace/model';
import { caConfig, type CertificateSet } from './certificates';
import { shellComment } from '../scripts/shell';
import type { ResolvedPlan } from './validate';

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** File name → content, all under the bundle's cfssl/ folder. */
export function cfsslInputs(plan: ResolvedPlan, set: CertificateSet, locale: Locale): Map<string, string> {
  const files = new Map<string, string>();
  files.set('ca-config.json', json(caConfig(plan)));
  for (const ca of set.cas) files.set(requestFileName(ca.id), json(ca.csr));
  for (const cert of set.certificates) files.set(requestFileName(cert.id), json(cert.csr));
  files.set('gencert.sh', gencertScript(plan, set, locale));
  return files;
}

function gencertScript(plan: ResolvedPlan, set: CertificateSet, locale: Locale): string {
  const sa = set.serviceAccount;
  const example = bareFileNames('NAME');
  return [
    // POSIX sh, so `sh gencert.sh` works with Debian's dash too. Without pipefail a failing `cfssl
    // gencert` still stops the run: it prints nothing on stdout, and cfssljson exits 1 on empty input.
    '#!/bin/sh',
    ...shellComment(locale, 'cluster.sh.gencert.title'),
    ...shellComment(locale, 'cluster.sh.gencert.run', { cluster: plan.plan.clusterName, cert: example.cert, key: example.key }),
    'set -eu',
    'cd "$(dirname "$0")"',
    '',
    ...set.cas.map((ca) => `cfssl gencert -initca ${shellQuote(requestFileName(ca.id))} | cfssljson -bare ${shellQuote(ca.id)}`),
    '',
    ...set.certificates.map((cert) => {
      const signer = bareFileNames(cert.signer);
      return `cfssl gencert -ca=${shellQuote(signer.cert)} -ca-key=${shellQuote(signer.key)} -config=ca-config.json -profile=${cert.profile} ${shellQuote(requestFileName(cert.id))} | cfssljson -bare ${shellQuote(cert.id)}`;
    }),
    '',
    ...shellComment(locale, 'cluster.sh.gencert.service-account'),
    `openssl genrsa -out sa.key ${sa.size}`,
    'openssl rsa -in sa.key -pubout -out sa.pub',
    '',
  ].join('\n');
}
