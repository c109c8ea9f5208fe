// README.md of the cfssl bundle, in the user's language: what each file is, the cfssl commands that make
// the same files, and how to check them with openssl.
import { translate, type Locale, type MessageKey } from '../i18n';
import { bareFileNames } from '../pki/cfssljson';
import { DEFAULT_PROFILE } from '../pki/facts';
import { requestFileName } from '../workspace/model';

export interface ReadmeInput {
  locale: Locale;
  /** Leaf names with the profile each was signed with. */
  certificates: { name: string; profile: string }[];
  /** Requests that were not issued, with why (in the README's language). */
  failed?: { name: string; profile: string; reason: string }[];
  /** false when the CA was imported (its key is not in the bundle). */
  caGenerated: boolean;
  scripts: string[];
}

export function cfsslReadme(input: ReadmeInput): string {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(input.locale, key, params);
  const lines: string[] = [`# ${t('workspace.bundle.readme.title')}`, '', t('workspace.bundle.readme.intro'), ''];

  const failed = input.failed ?? [];
  if (failed.length > 0) {
    lines.push(`## ${t('workspace.bundle.readme.not-issued')}`, '', t('workspace.bundle.readme.not-issued-intro'), '');
    for (const { name, reason } of failed) lines.push(`- ${t('common.labelled', { label: `\`${requestFileName(name)}\``, value: reason })}`);
    lines.push('');
  }

  lines.push(`## ${t('workspace.bundle.readme.files')}`, '', '| file | |', '|---|---|');
  const ca = bareFileNames('ca');
  lines.push(`| \`${ca.cert}\` | ${t('workspace.bundle.readme.file-ca-cert')} |`);
  if (input.caGenerated) {
    lines.push(`| \`${ca.key}\` | ${t('workspace.bundle.readme.file-ca-key')} |`);
    lines.push(`| \`${ca.csr}\` | ${t('workspace.bundle.readme.file-csr')} |`);
  }
  for (const { name } of input.certificates) {
    const files = bareFileNames(name);
    lines.push(`| \`${files.cert}\`, \`${files.key}\`, \`${files.csr}\` | ${t('workspace.bundle.readme.file-leaf', { name })} |`);
  }
  lines.push(`| \`*.json\` | ${t('workspace.bundle.readme.file-json')} |`);
  lines.push(`| \`verify.sh\` | ${t('workspace.bundle.readme.file-verify')} |`);
  if (input.scripts.length > 0) lines.push(`| \`scripts/\` | ${t('workspace.bundle.readme.file-scripts')} |`);
  lines.push('', t('workspace.bundle.readme.secrets'), '');

  lines.push(`## ${t('workspace.bundle.readme.commands')}`, '', t('workspace.bundle.readme.commands-intro'), '', '```sh');
  if (input.caGenerated) lines.push(`cfssl gencert -initca ${requestFileName('ca')} | cfssljson -bare ca`);
  for (const { name, profile } of input.certificates) {
    const profileFlag = profile && profile !== DEFAULT_PROFILE ? ` -profile=${profile}` : '';
    lines.push(`cfssl gencert -ca=${ca.cert} -ca-key=${ca.key} -config=ca-config.json${profileFlag} ${requestFileName(name)} | cfssljson -bare ${name}`);
  }
  for (const { name, profile } of failed) {
    const profileFlag = profile && profile !== DEFAULT_PROFILE ? ` -profile=${profile}` : '';
    lines.push(`# ${t('workspace.bundle.readme.command-not-issued', { name })}`);
    lines.push(`cfssl gencert -ca=${ca.cert} -ca-key=${ca.key} -config=ca-config.json${profileFlag} ${requestFileName(name)} | cfssljson -bare ${name}`);
  }
  lines.push('```', '');
  if (!input.caGenerated) lines.push(t('workspace.bundle.readme.imported-ca'), '');

  lines.push(`## ${t('workspace.bundle.readme.check')}`, '', t('workspace.bundle.readme.check-intro'), '', '```sh', 'sh verify.sh');
  lines.push(`openssl x509 -in ${ca.cert} -text -noout`);
  for (const { name } of input.certificates) {
    const cert = bareFileNames(name).cert;
    lines.push(`openssl x509 -in ${cert} -text -noout`, `openssl verify -CAfile ${ca.cert} ${cert}`);
  }
  lines.push('```', '');
  return lines.join('\n');
}
