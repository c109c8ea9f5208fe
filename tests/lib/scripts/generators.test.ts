import { describe, expect, it } from 'vitest';
import { completeOptions, generateScript, SCRIPT_NAMES, type ScriptName, type ScriptOptions } from '../../../src/lib/scripts';
import { shellMessage } from '../../../src/lib/scripts/shell';
import { scriptOptionsFromFlags } from '../../../src/cli/script';

const gen = (name: ScriptName, options: Partial<ScriptOptions>) => generateScript(name, completeOptions(options));

describe('every script', () => {
  it('starts strict, lists its options and the exact command that regenerates it', () => {
    for (const name of SCRIPT_NAMES) {
      const text = gen(name, { release: 'el8', proxyMode: 'ipvs', locale: 'zh-CN' });
      expect(text.startsWith('#!/usr/bin/env bash\n')).toBe(true);
      expect(text).toContain('\nset -euo pipefail\n');
      const command = /^# {3}(npx kubeprep script .*)$/m.exec(text)?.[1];
      expect(command).toBeDefined();
      expect(command).toContain(`script ${name} -release=el8`);
      expect(command).toContain('-lang=zh-CN');
      expect(text).toContain('kubeprep 网页 → 节点脚本');
      expect(text).toContain('KUBEPREP_ROOT');
      // The regenerate command parses back to the same options, so it prints the same script.
      const args = command!.split(' ').slice(4);
      expect(generateScript(name, scriptOptionsFromFlags(name, args))).toBe(text);
    }
  });

  it('writes comments and messages in the chosen language', () => {
    const en = gen('node-prep', { release: 'el9', locale: 'en' });
    const zh = gen('node-prep', { release: 'el9', locale: 'zh-CN' });
    expect(en).toContain('step "Turning swap off');
    expect(zh).toContain('step "关闭 swap');
    expect(zh).not.toContain('Turning swap off');
  });
});

describe('kernel-upgrade.sh', () => {
  it('EL7: vault and archive, v1 key only, default by menu title, never index 0', () => {
    const text = gen('kernel-upgrade', { release: 'el7', mirror: 'ustc' });
    expect(text).toContain('https://mirrors.ustc.edu.cn/centos-vault/centos/7.9.2009/os/$basearch/');
    expect(text).toContain('https://mirrors.ustc.edu.cn/elrepo/archive/kernel/el7/$basearch/');
    expect(text).toContain('RPM-GPG-KEY-elrepo.org');
    expect(text).not.toContain('RPM-GPG-KEY-v2-elrepo.org');
    expect(text).toContain('grub2-set-default "$TITLE"');
    expect(text).toContain('/boot/efi/EFI/centos/grub.cfg');
    expect(text).not.toMatch(/GRUB_DEFAULT=0|grub2-set-default 0/);
    expect(text).not.toContain('grubby --set-default');
  });

  it('EL10: v2 key only, kernel-ml, grubby by path', () => {
    const text = gen('kernel-upgrade', { release: 'el10' });
    expect(text).toContain('RPM-GPG-KEY-v2-elrepo.org');
    expect(text).not.toContain('RPM-GPG-KEY-elrepo.org;');
    expect(text).toContain('dnf --enablerepo=elrepo-kernel install -y kernel-ml');
    expect(text).toContain('grubby --set-default "/boot/vmlinuz-$KVER"');
    expect(text).toContain('https://www.elrepo.org/elrepo-release-10.el10.elrepo.noarch.rpm');
  });

  it('reads the installed version from rpm, checks Secure Boot and /boot', () => {
    const text = gen('kernel-upgrade', { release: 'el9' });
    expect(text).toContain("KVER=$(rpm -q --qf '%{VERSION}-%{RELEASE}.%{ARCH}\\n' kernel-lt | sort -V | tail -n 1)");
    expect(text).toContain('mokutil --sb-state');
    expect(text).toContain('df -Pm "$ROOT/boot"');
    expect(text).not.toMatch(/5\.15\.\d|6\.1\.\d/);
  });

  it('edits elrepo.repo only for a mirror, and reboots only when asked', () => {
    expect(gen('kernel-upgrade', { release: 'el9', mirror: 'elrepo' })).not.toContain('ELREPO_REPO=');
    expect(gen('kernel-upgrade', { release: 'el9', mirror: 'aliyun' })).toContain('baseurl=https://mirrors.aliyun.com/elrepo|');
    expect(gen('kernel-upgrade', { release: 'el9', reboot: 'later' })).not.toMatch(/^\s*reboot$/m);
    expect(gen('kernel-upgrade', { release: 'el9', reboot: 'now' })).toMatch(/^\s*reboot$/m);
    expect(gen('kernel-upgrade', { release: 'el9', updateFirst: false })).not.toContain('check-update');
  });
});

describe('node-prep.sh', () => {
  it('loads IPVS modules only in ipvs mode, with a probed conntrack module', () => {
    const ipvs = gen('node-prep', { release: 'el8', proxyMode: 'ipvs' });
    expect(ipvs).toContain('modinfo nf_conntrack_ipv4');
    expect(ipvs).toContain('MODULES+=(ip_vs ip_vs_rr ip_vs_wrr ip_vs_sh "$CONNTRACK")');
    expect(gen('node-prep', { release: 'el8', proxyMode: 'iptables' })).not.toContain('ip_vs');
  });

  it('switches cgroup v2 only on EL8 when asked, and never emits tcp_tw_recycle', () => {
    expect(gen('node-prep', { release: 'el8', cgroupV2: true })).toContain('grubby --update-kernel=ALL --args="$CGROUP_ARG"');
    expect(gen('node-prep', { release: 'el8', cgroupV2: false })).not.toContain('--update-kernel');
    expect(gen('node-prep', { release: 'el9' })).not.toContain('--update-kernel');
    for (const release of ['el7', 'el8', 'el9', 'el10'] as const) expect(gen('node-prep', { release })).not.toContain('tcp_tw_recycle');
  });
});

describe('shellMessage', () => {
  it('turns placeholders into shell variables and escapes everything else', () => {
    expect(shellMessage('en', 'scripts.sh.kernel.installed', { kver: 'KVER' })).toBe('"installed kernel: ${KVER}"');
    expect(shellMessage('en', 'scripts.sh.file.written', {}, { file: 'a"$`\\b' })).toBe('"written: a\\"\\$\\`\\\\b"');
  });
});

describe('kubeprep script flags', () => {
  it('accepts -flag=value and -flag value, and bare booleans', () => {
    const options = scriptOptionsFromFlags('kernel-upgrade', ['-release', 'el10', '-mirror=tuna', '-update-first']);
    expect(options).toMatchObject({ release: 'el10', kernel: 'kernel-ml', mirror: 'tuna', updateFirst: true });
  });

  it('refuses an impossible combination instead of silently replacing it', () => {
    expect(() => scriptOptionsFromFlags('kernel-upgrade', ['-release=el10', '-kernel=kernel-lt'])).toThrow(/EL10 has kernel-ml only/);
    expect(() => scriptOptionsFromFlags('kernel-upgrade', ['-release=el7', '-arch=aarch64'])).toThrow(/aarch64 only on EL9/);
    expect(() => scriptOptionsFromFlags('node-prep', ['-colour=red'])).toThrow(/unknown flag -colour/);
    expect(() => scriptOptionsFromFlags('node-prep', ['-release'])).toThrow(/needs a value/);
  });
});
