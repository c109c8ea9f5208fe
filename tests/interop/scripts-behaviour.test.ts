// Runs the generated scripts against a fake root with stub commands (tests/fixtures/scripts): which
// commands run on EL7 BIOS, EL7 UEFI, EL8 and EL9, that a second run changes nothing, and that the
// refusals fire before anything is changed. No package manager, network or reboot is real.
import { afterEach, describe, expect, it } from 'vitest';
import { completeOptions, generateScript, type ScriptName, type ScriptOptions } from '../../src/lib/scripts';
import { FakeHost, mutating, type HostSpec } from '../fixtures/scripts/fake-host';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.bash).length > 0;

const EL7_HOST: HostSpec = {
  el: 7,
  stockKernel: '3.10.0-1160.el7.x86_64',
  newKernel: '5.4.278-1.el7.elrepo.x86_64',
  modules: ['overlay', 'br_netfilter', 'ip_vs', 'ip_vs_rr', 'ip_vs_wrr', 'ip_vs_sh', 'nf_conntrack', 'nf_conntrack_ipv4'],
};
const EL8_HOST: HostSpec = {
  el: 8,
  stockKernel: '4.18.0-553.el8_10.x86_64',
  newKernel: '5.15.199-1.el8.elrepo.x86_64',
  modules: ['overlay', 'br_netfilter', 'ip_vs', 'ip_vs_rr', 'ip_vs_wrr', 'ip_vs_sh', 'nf_conntrack'],
};
const EL9_HOST: HostSpec = {
  el: 9,
  stockKernel: '5.14.0-503.el9.x86_64',
  newKernel: '7.1.3-1.el9.elrepo.x86_64',
  modules: ['overlay', 'br_netfilter', 'nf_tables', 'nf_conntrack'],
};

const script = (name: ScriptName, options: Partial<ScriptOptions>) => generateScript(name, completeOptions(options));

describe.skipIf(skip)('generated scripts on a fake host', () => {
  let host: FakeHost | undefined;
  const boot = (spec: HostSpec) => (host = new FakeHost(spec));
  afterEach(() => host?.cleanup());

  /** Second run: same files, same state, no mutating command. */
  async function expectIdempotent(h: FakeHost, text: string) {
    const before = h.snapshot();
    const again = await h.run(text);
    expect(again.stderr.includes('ERROR'), again.stderr).toBe(false);
    expect(again.status, again.stdout + again.stderr).toBe(0);
    expect(mutating(again.log)).toEqual([]);
    expect(h.snapshot()).toEqual(before);
  }

  it('EL7 BIOS: vault + archive repositories, title-based default in /boot/grub2/grub.cfg', async () => {
    const h = boot(EL7_HOST);
    const text = script('kernel-upgrade', { release: 'el7', mirror: 'aliyun', reboot: 'later' });
    const run = await h.run(text);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const changes = mutating(run.log);
    expect(changes).toEqual([
      'rpm --import https://www.elrepo.org/RPM-GPG-KEY-elrepo.org',
      'yum clean all',
      'yum makecache',
      'yum update -y --exclude=kernel*',
      'yum --enablerepo=elrepo-kernel-archive install -y kernel-lt',
      `grub2-mkconfig -o ${h.root}/boot/grub2/grub.cfg`,
      'grub2-set-default CentOS Linux (5.4.278-1.el7.elrepo.x86_64) 7 (Core)',
    ]);
    expect(h.read('etc/yum.repos.d/CentOS-Base.repo')).toContain('baseurl=https://mirrors.aliyun.com/centos-vault/7.9.2009/os/$basearch/');
    expect(h.read('etc/yum.repos.d/CentOS-Base.repo.kubeprep.bak')).toContain('mirrorlist.centos.org');
    expect(h.read('etc/yum.repos.d/elrepo-kernel-archive.repo')).toContain('https://mirrors.aliyun.com/elrepo/archive/kernel/el7/$basearch/');
    expect(h.read('etc/default/grub')).toMatch(/^GRUB_DEFAULT=saved$/m);
    expect(h.exists('boot/efi/EFI/centos/grub.cfg')).toBe(false);
    expect(run.stdout).toContain('reboot when convenient');
    await expectIdempotent(h, text);
  });

  it('EL7 UEFI: regenerates /boot/efi/EFI/centos/grub.cfg and skips the rescue entry', async () => {
    const h = boot({ ...EL7_HOST, uefi: true });
    const text = script('kernel-upgrade', { release: 'el7', kernel: 'kernel-lt', mirror: 'elrepo', updateFirst: false });
    const run = await h.run(text);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.log).toContain('mokutil --sb-state');
    expect(mutating(run.log)).toContain(`grub2-mkconfig -o ${h.root}/boot/efi/EFI/centos/grub.cfg`);
    expect(mutating(run.log).some((l) => l.startsWith('yum update'))).toBe(false);
    expect(h.exists('boot/grub2/grub.cfg')).toBe(false);
    expect(h.read('boot/efi/EFI/centos/grub.cfg')).toContain('Rescue');
    expect(run.log).toContain('grub2-set-default CentOS Linux (5.4.278-1.el7.elrepo.x86_64) 7 (Core)');
    await expectIdempotent(h, text);
  });

  it('EL8: v1+v2 keys, elrepo-release, TUNA mirror edit, grubby by path, reboot now boots the new kernel', async () => {
    const h = boot(EL8_HOST);
    const text = script('kernel-upgrade', { release: 'el8', mirror: 'tuna', reboot: 'now' });
    const run = await h.run(text);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(mutating(run.log)).toEqual([
      'rpm --import https://www.elrepo.org/RPM-GPG-KEY-elrepo.org',
      'rpm --import https://www.elrepo.org/RPM-GPG-KEY-v2-elrepo.org',
      'dnf install -y https://www.elrepo.org/elrepo-release-8.el8.elrepo.noarch.rpm',
      'dnf makecache',
      'dnf update -y --exclude=kernel*',
      'dnf --enablerepo=elrepo-kernel install -y kernel-lt',
      'grubby --set-default /boot/vmlinuz-5.15.199-1.el8.elrepo.x86_64',
      'reboot',
    ]);
    const repo = h.read('etc/yum.repos.d/elrepo.repo');
    expect(repo).toContain('baseurl=https://mirrors.tuna.tsinghua.edu.cn/elrepo/kernel/el8/$basearch/');
    expect(repo).not.toMatch(/^mirrorlist=/m);
    expect(repo).not.toMatch(/^\s+http/m);
    expect(h.read('etc/yum.repos.d/elrepo.repo.kubeprep.bak')).toMatch(/^mirrorlist=/m);
    // After the stub reboot the new kernel runs: the second run neither installs nor reboots.
    expect((await h.run('uname -r')).stdout.trim()).toBe('5.15.199-1.el8.elrepo.x86_64');
    await expectIdempotent(h, text);
  });

  it('EL9: kernel-ml, official repositories untouched, default set by path', async () => {
    const h = boot(EL9_HOST);
    const text = script('kernel-upgrade', { release: 'el9', kernel: 'kernel-ml', mirror: 'elrepo', locale: 'zh-CN' });
    const run = await h.run(text);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(mutating(run.log)).toEqual([
      'rpm --import https://www.elrepo.org/RPM-GPG-KEY-elrepo.org',
      'rpm --import https://www.elrepo.org/RPM-GPG-KEY-v2-elrepo.org',
      'dnf install -y https://www.elrepo.org/elrepo-release-9.el9.elrepo.noarch.rpm',
      'dnf update -y --exclude=kernel*',
      'dnf --enablerepo=elrepo-kernel install -y kernel-ml',
      'grubby --set-default /boot/vmlinuz-7.1.3-1.el9.elrepo.x86_64',
    ]);
    expect(h.read('etc/yum.repos.d/elrepo.repo')).toMatch(/^mirrorlist=/m);
    expect(run.stdout).toContain('安装 kernel-ml');
    await expectIdempotent(h, text);
  });

  it('node-prep on EL8 (ipvs, firewalld open, cgroup v2) and verify-node after the reboot', async () => {
    const h = boot(EL8_HOST);
    const text = script('node-prep', { release: 'el8', proxyMode: 'ipvs', firewall: 'open', cgroupV2: true });
    const run = await h.run(text);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const changes = mutating(run.log);
    expect(changes.slice(0, 3)).toEqual(['swapoff -a', 'setenforce 0', 'firewall-cmd --permanent --add-port=6443/tcp']);
    expect(changes).toContain('dnf install -y chrony conntrack-tools socat ipset ipvsadm');
    expect(changes).toContain('modprobe nf_conntrack');
    expect(changes).not.toContain('modprobe nf_conntrack_ipv4');
    expect(changes).toContain('sysctl --system');
    expect(changes).toContain('systemctl enable --now chronyd');
    expect(changes).toContain('grubby --update-kernel=ALL --args=systemd.unified_cgroup_hierarchy=1');
    expect(changes.indexOf('modprobe br_netfilter')).toBeLessThan(changes.indexOf('sysctl --system'));
    expect(h.read('etc/fstab')).toContain('#/dev/mapper/cl-swap none swap');
    expect(h.read('etc/selinux/config')).toMatch(/^SELINUX=permissive$/m);
    expect(h.read('etc/modules-load.d/k8s.conf')).toBe('overlay\nbr_netfilter\nip_vs\nip_vs_rr\nip_vs_wrr\nip_vs_sh\nnf_conntrack\n');
    expect(h.read('etc/sysctl.d/k8s.conf')).toContain('net.ipv4.ip_forward = 1');
    expect(run.stderr).toContain('reboot');
    await expectIdempotent(h, text);

    // Before the kernel upgrade and the reboot, verify-node reports failures and exits 1.
    const verify = script('verify-node', { release: 'el8', proxyMode: 'ipvs' });
    const early = await h.run(verify);
    expect(early.status).toBe(1);
    expect(early.stdout).toContain('FAIL kernel-lt is not installed');
    expect(mutating(early.log)).toEqual([]);

    expect((await h.run(script('kernel-upgrade', { release: 'el8', reboot: 'now' }))).status).toBe(0);
    const after = await h.run(verify);
    expect(after.stdout).not.toContain('FAIL');
    expect(after.stdout).toContain('cgroup v2');
    expect(after.status, after.stdout + after.stderr).toBe(0);
  });

  it('node-prep on EL7 probes nf_conntrack_ipv4 and warns that cgroup v2 is impossible', async () => {
    const h = boot(EL7_HOST);
    const text = script('node-prep', { release: 'el7', proxyMode: 'ipvs', firewall: 'disable' });
    const run = await h.run(text);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.log).toContain('modinfo nf_conntrack_ipv4');
    expect(mutating(run.log)).toContain('modprobe nf_conntrack_ipv4');
    expect(mutating(run.log)).toContain('systemctl disable --now firewalld');
    expect(mutating(run.log)).toContain('yum install -y chrony conntrack-tools socat ipset ipvsadm');
    expect(run.stderr).toContain('failCgroupV1: false');
    await expectIdempotent(h, text);
  });

  it('node-prep on EL9 with nftables leaves firewalld alone when asked to', async () => {
    const h = boot(EL9_HOST);
    const text = script('node-prep', { release: 'el9', proxyMode: 'nftables', firewall: 'keep' });
    const run = await h.run(text);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(mutating(run.log)).toContain('modprobe nf_tables');
    expect(run.log.some((l) => l.includes('firewall'))).toBe(false);
    expect(run.log.some((l) => l.startsWith('grubby'))).toBe(false);
    await expectIdempotent(h, text);
  });

  describe('refusals stop before any change', () => {
    const upgrade9 = () => script('kernel-upgrade', { release: 'el9' });

    it('not root', async () => {
      const h = boot(EL9_HOST);
      const run = await h.run(upgrade9(), { STUB_UID: '1000' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('run this script as root');
      expect(mutating(run.log)).toEqual([]);
    });

    it('wrong release', async () => {
      const h = boot({ ...EL9_HOST, versionId: '8.10' });
      const run = await h.run(upgrade9());
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('generated for EL9');
      expect(mutating(run.log)).toEqual([]);
    });

    it('wrong distribution for the CentOS 7 path', async () => {
      const h = boot({ ...EL7_HOST, osId: 'rhel' });
      const run = await h.run(script('node-prep', { release: 'el7' }));
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('"rhel"');
      expect(mutating(run.log)).toEqual([]);
    });

    it('wrong architecture', async () => {
      const h = boot(EL9_HOST);
      const run = await h.run(upgrade9(), { STUB_ARCH: 'aarch64' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('this host is not x86_64');
      expect(mutating(run.log)).toEqual([]);
    });

    it('Secure Boot on', async () => {
      const h = boot({ ...EL9_HOST, uefi: true });
      const run = await h.run(upgrade9(), { STUB_SECUREBOOT: '1' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('Secure Boot is enabled');
      expect(mutating(run.log)).toEqual([]);
    });

    it('/boot full', async () => {
      const h = boot(EL8_HOST);
      const run = await h.run(script('kernel-upgrade', { release: 'el8', updateFirst: false }), { STUB_BOOT_FREE_MB: '90' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('/boot has only 90 MiB free');
      expect(run.stderr).toContain('dnf remove --oldinstallonly');
      expect(mutating(run.log)).toEqual([]);
    });
  });
});
