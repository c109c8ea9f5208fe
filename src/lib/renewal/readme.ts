// The renewal zip's README.md, in the user's language: what was renewed (old and new expiry), what was
// not and why, how to put the files back, the order to restart things in, how to check, and what a CA
// rotation would involve.
import { translate, type Locale, type MessageKey, type MessageParams } from '../i18n';
import { kubeadmDate } from './kubeadm';
import { useRenewalMessages } from './messages';
import type { RenewalProblem } from './problems';
import type { RenewedCertificate } from './renew';
import { restartCommand, type RestartPlan } from './restarts';

export interface RenewalReadmeInput {
  locale: Locale;
  now: Date;
  expiry: string;
  rotateKeys: boolean;
  renewed: readonly RenewedCertificate[];
  problems: readonly RenewalProblem[];
  plan: RestartPlan;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function renewalReadme(input: RenewalReadmeInput): string {
  useRenewalMessages();
  const t = (key: MessageKey, params?: MessageParams) => translate(input.locale, key, params);
  const first = input.renewed[0];
  const lines: string[] = [`# ${t('renewal.readme.title')}`, ''];
  if (first) {
    lines.push(
      t('renewal.readme.made', {
        date: kubeadmDate(input.now),
        count: input.renewed.length,
        from: kubeadmDate(first.notBefore),
        until: kubeadmDate(first.notAfter),
        expiry: input.expiry,
        keys: t(input.rotateKeys ? 'renewal.readme.keys-rotated' : 'renewal.readme.keys-kept'),
      }),
      '',
      `## ${t('renewal.readme.changed')}`,
      '',
      `| ${t('renewal.readme.column.file')} | ${t('renewal.readme.column.cn')} | ${t('renewal.readme.column.before')} | ${t('renewal.readme.column.after')} | ${t('renewal.readme.column.key')} |`,
      '|---|---|---|---|---|',
      ...input.renewed.flatMap((r) =>
        r.paths.map((path) => `| \`${cell(path)}\` | ${cell(r.commonName)} | ${kubeadmDate(r.oldNotAfter)} | ${kubeadmDate(r.notAfter)} | ${t(r.keyRotated ? 'renewal.readme.key-new' : 'renewal.readme.key-kept')} |`),
      ),
      '',
      t('renewal.readme.unchanged'),
      '',
    );
  }
  const refused = input.problems.filter((p) => p.code !== 'renewal.nothing-selected');
  if (refused.length > 0) {
    lines.push(`## ${t('renewal.readme.not-renewed')}`, '', ...refused.map((p) => `- ${t(`error.${p.code}` as MessageKey, p.params)}`), '');
  }
  if (first) lines.push(...installSection(input, t));
  lines.push(`## ${t('renewal.readme.ca')}`, '', t('renewal.ca-rotation'), '');
  return lines.join('\n');
}

function installSection(input: RenewalReadmeInput, t: (key: MessageKey, params?: MessageParams) => string): string[] {
  const { plan } = input;
  const stamp = input.now.toISOString().slice(0, 10);
  const lines = [
    `## ${t('renewal.readme.install')}`,
    '',
    `1. ${t('renewal.readme.backup', { command: `cp -a /etc/kubernetes /etc/kubernetes.bak-${stamp}` })}`,
    `2. ${t('renewal.readme.copy')}`,
    `3. ${t('renewal.readme.restart')} ${t(plan.controlPlane === 'static-pods' ? 'renewal.readme.static-pods' : 'renewal.readme.systemd')}`,
  ];
  if (plan.nodes.length > 1) lines.push(`   ${t('renewal.readme.nodes', { nodes: plan.nodes.join(', ') })}`);
  lines.push('');
  plan.steps.forEach((step, i) => {
    lines.push(`   ${i + 1}. ${t(`renewal.readme.step.${step}` as MessageKey)}`, '', '      ```sh', `      ${restartCommand(step, plan)}`, '      ```', '');
  });
  if (plan.unknown.length > 0) lines.push(`   ${t('renewal.readme.unknown', { files: plan.unknown.map((p) => `\`${p}\``).join(', ') })}`, '');
  lines.push(`4. ${t('renewal.readme.check')}`, '');
  return lines;
}
