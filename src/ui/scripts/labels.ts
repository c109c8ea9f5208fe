// Words for option values: each value the facts table allows maps to one i18n key.
import { LOCALE_NAMES, type MessageKey } from '../../lib/i18n';
import type { OptionField, ScriptName } from '../../lib/scripts';

const VALUE_LABELS: Partial<Record<OptionField, Record<string, MessageKey>>> = {
  release: {
    el7: 'scripts.ui.release.el7',
    el8: 'scripts.ui.release.el8',
    el9: 'scripts.ui.release.el9',
    el10: 'scripts.ui.release.el10',
    anolis8: 'scripts.ui.release.anolis8',
    alinux3: 'scripts.ui.release.alinux3',
    opencloudos8: 'scripts.ui.release.opencloudos8',
    openeuler24: 'scripts.ui.release.openeuler24',
    kylin10: 'scripts.ui.release.kylin10',
  },
  kernel: { 'kernel-lt': 'scripts.ui.kernel.lt', 'kernel-ml': 'scripts.ui.kernel.ml' },
  mirror: { official: 'scripts.ui.mirror.official', aliyun: 'scripts.ui.mirror.aliyun', tuna: 'scripts.ui.mirror.tuna', ustc: 'scripts.ui.mirror.ustc' },
  reboot: { later: 'scripts.ui.reboot.later', now: 'scripts.ui.reboot.now' },
  firewall: { disable: 'scripts.ui.firewall.disable', open: 'scripts.ui.firewall.open', keep: 'scripts.ui.firewall.keep' },
  proxyMode: { iptables: 'scripts.ui.proxy.iptables', ipvs: 'scripts.ui.proxy.ipvs', nftables: 'scripts.ui.proxy.nftables' },
  role: {
    'control-plane': 'scripts.ui.role.control-plane',
    'control-plane-external-etcd': 'scripts.ui.role.control-plane-external-etcd',
    worker: 'scripts.ui.role.worker',
    etcd: 'scripts.ui.role.etcd',
  },
};

/** Values without a translation (architectures, versions, language names) are shown as they are. */
const LITERAL: Record<string, string> = LOCALE_NAMES;

export function valueLabel(field: OptionField, value: string, t: (key: MessageKey) => string): string {
  const key = VALUE_LABELS[field]?.[value];
  return key ? t(key) : (LITERAL[value] ?? value);
}

export const FIELD_LABELS: Record<OptionField, MessageKey> = {
  release: 'scripts.ui.field.release',
  arch: 'scripts.ui.field.arch',
  kernel: 'scripts.ui.field.kernel',
  mirror: 'scripts.ui.field.mirror',
  updateFirst: 'scripts.ui.field.updateFirst',
  reboot: 'scripts.ui.field.reboot',
  firewall: 'scripts.ui.field.firewall',
  proxyMode: 'scripts.ui.field.proxyMode',
  cgroupV2: 'scripts.ui.field.cgroupV2',
  kubernetesVersion: 'scripts.ui.field.kubernetesVersion',
  role: 'scripts.ui.field.role',
  apiServerPort: 'scripts.ui.field.apiServerPort',
  imageRepository: 'scripts.ui.field.imageRepository',
  hostname: 'scripts.ui.field.hostname',
  hosts: 'scripts.ui.field.hosts',
  locale: 'scripts.ui.field.locale',
};

export const SCRIPT_LABELS: Record<ScriptName, MessageKey> = {
  'kernel-upgrade': 'scripts.ui.script.kernelUpgrade',
  'node-prep': 'scripts.ui.script.nodePrep',
  'container-runtime': 'scripts.ui.script.containerRuntime',
  'verify-node': 'scripts.ui.script.verifyNode',
};
