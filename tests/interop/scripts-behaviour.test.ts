// Runs the generated scripts against a fake root with stub commands (tests/fixtures/scripts): which
// commands run and which files change on EL7 BIOS/UEFI, EL8, EL9, EL10 and the other distributions,
// that a second run and a dry run change nothing, that the refusals fire before anything changes, and
// that the node passes verify-node only once it would pass kubeadm's preflight. No package manager,
// network or reboot is real.
import { afterEach, describe, expect, it } from 'vitest';
import { completeOptions, generateScript, type ScriptName, type ScriptOptions } from '../../src/lib/scripts';
import { EL7_DEAD_HOSTS, FakeHost, mutating, type HostSpec } from '../fixtures/scripts/fake-host';
import { missingTools, TOOLS } from '../support/tools';

const skip = missingTools(TOOLS.bash).length > 0;

const EL7_HOST: HostSpec = {
  el: 7,
  stockKernel: '3.10.0-1160.el7.x86_64',
  newKernel: '5.4.278-1.el7.elrepo.x86_64',
  modules: ['overlay', 'br_netfilter', 'ip_vs', 'ip_vs_rr', 'ip_vs_wrr', 'ip_vs_sh', 'nf_conntrack', 'nf_conntrack_ipv4'],
  // 5.4 merged nf_conntrack_ipv4 into nf_conntrack.
  newModules: ['overlay', 'br_netfilter', 'ip_vs', 'ip_vs_rr', 'ip_vs_wrr', 'ip_vs_sh', 'nf_conntrack'],
  deadHosts: EL7_DEAD_HOSTS,
  containerdVersion: '1.6.33',
};
const EL8_HOST: HostSpec = {
  el: 8,
  stockKernel: '4.18.0-553.el8_10.x86_64',
  newKernel: '5.15.199-1.el8.elrepo.x86_64',
  modules: ['overlay', 'br_netfilter', 'ip_vs', 'ip_vs_rr', 'ip_vs_wrr', 'ip_vs_sh', 'nf_conntrack'],
  containerdVersion: '1.7.27',
};
const EL9_HOST: HostSpec = {
  el: 9,
  stockKernel: '5.14.0-503.el9.x86_64',
  newKernel: '7.1.3-1.el9.elrepo.x86_64',
  modules: ['overlay', 'br_netfilter', 'nf_tables', 'nf_conntrack'],
};
const EL10_HOST: HostSpec = {
  el: 10,
  stockKernel: '6.12.0-55.el10.x86_64',
  newKernel: '7.1.3-1.el10.elrepo.x86_64',
  modules: ['overlay', 'br_netfilter', 'nf_tables', 'nf_conntrack'],
  containerdVersion: '2.2.0',
};
/** The new distributions, as their /etc/os-release reads (one spelling each, OpenCloudOS in its capitalised form). */
const DISTRIBUTIONS: { release: ScriptOptions['release']; spec: HostSpec }[] = [
  { release: 'anolis8', spec: { el: 8, osId: 'anolis', versionId: '8.8', osName: 'Anolis OS', stockKernel: '5.10.134-16.an8.x86_64', newKernel: '-', modules: EL8_HOST.modules } },
  { release: 'alinux3', spec: { el: 8, osId: 'alinux', versionId: '3', osName: 'Alibaba Cloud Linux', stockKernel: '5.10.134-19.al8.x86_64', newKernel: '-', modules: EL8_HOST.modules } },
  { release: 'opencloudos8', spec: { el: 8, osId: 'OpenCloudOS', versionId: '8.6', osName: 'OpenCloudOS', stockKernel: '5.4.119-19.0009.28', newKernel: '-', modules: EL8_HOST.modules } },
  { release: 'openeuler24', spec: { el: 9, osId: 'openEuler', versionId: '24.03', osName: 'openEuler', stockKernel: '6.6.0-72.0.0.76.oe2403sp1.x86_64', newKernel: '-', modules: EL9_HOST.modules, preinstalledContainerd: '1.7.25' } },
  { release: 'kylin10', spec: { el: 8, osId: 'kylin', versionId: 'V10', osName: 'Kylin Linux Advanced Server', stockKernel: '4.19.90-89.11.v2401.ky10.x86_64', newKernel: '-', modules: EL8_HOST.modules, cgroupV2: false } },
];

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

  describe('kernel-upgrade.sh', () => {
    it('EL7 BIOS: vault + archive repositories, title-based default in /boot/grub2/grub.cfg', async () => {
      const h = boot(EL7_HOST);
      const text = script('kernel-upgrade', { release: 'el7', mirror: 'aliyun', reboot: 'later' });
      const run = await h.run(text);
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(mutating(run.log)).toEqual([
        'rpm --import https://www.elrepo.org/RPM-GPG-KEY-elrepo.org',
        'yum clean all',
        'yum --setopt=skip_if_unavailable=1 makecache',
        'yum --setopt=skip_if_unavailable=1 update -y --exclude=kernel*',
        'yum --setopt=skip_if_unavailable=1 --enablerepo=elrepo-kernel-archive install -y kernel-lt',
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

    it('EL7 UEFI: reads Secure Boot off from the efivar, regenerates /boot/efi/EFI/centos/grub.cfg, skips the rescue entry', async () => {
      const h = boot({ ...EL7_HOST, uefi: true, secureBoot: false });
      const text = script('kernel-upgrade', { release: 'el7', kernel: 'kernel-lt', mirror: 'official', updateFirst: false });
      const run = await h.run(text);
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toContain('Secure Boot is off');
      expect(mutating(run.log)).toContain(`grub2-mkconfig -o ${h.root}/boot/efi/EFI/centos/grub.cfg`);
      expect(mutating(run.log).some((l) => l.includes(' update '))).toBe(false);
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
      expect((await h.run('uname -r')).stdout.trim()).toBe('5.15.199-1.el8.elrepo.x86_64');
      await expectIdempotent(h, text);
    });

    it('EL9: kernel-ml, official repositories untouched, default set by path, messages in Chinese', async () => {
      const h = boot(EL9_HOST);
      const text = script('kernel-upgrade', { release: 'el9', kernel: 'kernel-ml', mirror: 'official', locale: 'zh-CN' });
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

    it('CentOS Stream 8 (ID=centos, mirrors dead): the stock repositories are switched off and the 8-stream vault written', async () => {
      const h = boot({ ...EL8_HOST, osId: 'centos', osName: 'CentOS Stream', versionId: '8', deadHosts: ['mirrorlist.centos.org'] });
      h.write('etc/yum.repos.d/CentOS-Stream-BaseOS.repo', '[baseos]\nname=CentOS Stream $releasever - BaseOS\nmirrorlist=http://mirrorlist.centos.org/?release=$stream&arch=$basearch&repo=BaseOS\nenabled=1\n');
      const text = script('kernel-upgrade', { release: 'el8', mirror: 'ustc', updateFirst: true });
      const run = await h.run(text);
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(h.read('etc/yum.repos.d/CentOS-Vault-kubeprep.repo')).toContain('baseurl=https://mirrors.ustc.edu.cn/centos-vault/centos/8-stream/BaseOS/$basearch/os/');
      expect(h.read('etc/yum.repos.d/CentOS-Stream-BaseOS.repo')).toMatch(/^enabled=0$/m);
      expect(mutating(run.log)).toContain('dnf update -y --exclude=kernel*');
      await expectIdempotent(h, text);
    });
  });

  describe('node-prep.sh, container-runtime.sh and verify-node.sh', () => {
    it('EL8 with ipvs, firewalld open on a control plane, cgroup v2: verify-node fails until every step (and the reboots) is done', async () => {
      const h = boot(EL8_HOST);
      const common = { release: 'el8', kubernetesVersion: '1.35', role: 'control-plane', firewall: 'open', proxyMode: 'ipvs', hostname: 'master-1', hosts: [{ ip: '10.0.0.11', name: 'master-1' }] } as const;
      const verify = script('verify-node', common);
      const early = await h.run(verify);
      expect(early.status).toBe(1);
      expect(early.stdout).toContain('FAIL swap is active');
      expect(early.stdout).toContain('FAIL cgroup v1: the Kubernetes 1.35 kubelet and kubeadm refuse it');
      expect(early.stdout).toContain('FAIL iptables is not installed');
      expect(mutating(early.log)).toEqual([]);

      const prep = script('node-prep', common);
      const run = await h.run(prep);
      expect(run.status, run.stdout + run.stderr).toBe(0);
      const changes = mutating(run.log);
      expect(changes.slice(0, 4)).toEqual(['hostnamectl set-hostname master-1', 'swapoff -a', 'setenforce 0', 'firewall-cmd --permanent --add-port=6443/tcp']);
      expect(changes).toContain('firewall-cmd --permanent --add-port=10256/tcp');
      expect(changes).toContain('firewall-cmd --permanent --add-port=30000-32767/udp');
      expect(changes).toContain('dnf install -y chrony conntrack-tools socat ipset ipvsadm');
      expect(changes).toContain('modprobe nf_conntrack');
      expect(changes).not.toContain('modprobe nf_conntrack_ipv4');
      expect(changes).toContain('sysctl --system');
      expect(changes).toContain('grubby --update-kernel=ALL --args=systemd.unified_cgroup_hierarchy=1');
      expect(changes.indexOf('modprobe br_netfilter')).toBeLessThan(changes.indexOf('sysctl --system'));
      expect(h.read('etc/fstab')).toContain('#/dev/mapper/cl-swap none swap');
      expect(h.read('etc/selinux/config')).toMatch(/^SELINUX=permissive$/m);
      expect(h.read('etc/modules-load.d/k8s.conf')).toBe('overlay\nbr_netfilter\nip_vs\nip_vs_rr\nip_vs_wrr\nip_vs_sh\nnf_conntrack\n');
      expect(h.read('etc/hosts')).toMatch(/^# BEGIN kubeprep .*\n10\.0\.0\.11 master-1\n# END kubeprep$/m);
      expect(h.read('etc/hostname')).toBe('master-1\n');
      expect(run.stderr).toContain('Kubernetes 1.35 refuses cgroup v1: reboot before running container-runtime.sh');
      expect(h.read('var/log/kubeprep/node-prep.log')).toMatch(/^### \d{4}-\d\d-\d\dT[\d:]+[+-]\d{4} node-prep\.sh\n\n==> \[2\] Checking the release \(el8\)$/m);
      await expectIdempotent(h, prep);

      // Still cgroup v1 before the reboot: the runtime stage refuses before installing anything.
      const runtime = script('container-runtime', common);
      const refused = await h.run(runtime);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('this host runs cgroup v1 and the Kubernetes 1.35 kubelet refuses it');
      expect(mutating(refused.log)).toEqual([]);

      expect((await h.run('reboot')).status).toBe(0);
      const installed = await h.run(runtime);
      expect(installed.status, installed.stdout + installed.stderr).toBe(0);
      expect(h.read('etc/containerd/config.toml')).toMatch(/^version = 2$/m);
      await expectIdempotent(h, runtime);

      const after = await h.run(verify);
      expect(after.stdout).not.toContain('FAIL');
      expect(after.stdout).toContain('OK   cgroup v2');
      expect(after.stdout).toContain('OK   6443/tcp');
      expect(after.stdout).toContain('OK   2 CPUs');
      expect(after.status, after.stdout + after.stderr).toBe(0);
      expect(mutating(after.log)).toEqual([]);
    });

    it('EL7 before the reboot into 5.4: node-prep lists nf_conntrack (the new kernel has no nf_conntrack_ipv4) and the next boot loads every module', async () => {
      const h = boot(EL7_HOST);
      expect((await h.run(script('kernel-upgrade', { release: 'el7', reboot: 'later' }))).status).toBe(0);
      const run = await h.run(script('node-prep', { release: 'el7', proxyMode: 'ipvs', firewall: 'disable' }));
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.log).toContain('modinfo -k 5.4.278-1.el7.elrepo.x86_64 nf_conntrack_ipv4');
      expect(h.read('etc/modules-load.d/k8s.conf')).toContain('\nnf_conntrack\n');
      expect(h.read('etc/modules-load.d/k8s.conf')).not.toContain('nf_conntrack_ipv4');
      expect(run.stdout).toContain('kernel of the next boot: 5.4.278-1.el7.elrepo.x86_64 (running 3.10.0-1160.el7.x86_64)');
      expect((await h.run('reboot')).status).toBe(0);
      expect(h.exists('../state/boot-errors')).toBe(false);
      expect((await h.run('lsmod')).stdout).toContain('nf_conntrack ');
    });

    it('EL7 without a kernel upgrade keeps nf_conntrack_ipv4 (3.10 needs it for IPVS) and warns that cgroup v2 is impossible', async () => {
      const h = boot(EL7_HOST);
      const text = script('node-prep', { release: 'el7', proxyMode: 'ipvs', firewall: 'disable' });
      const run = await h.run(text);
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(mutating(run.log)).toContain('modprobe nf_conntrack_ipv4');
      expect(mutating(run.log)).toContain('systemctl disable --now firewalld');
      expect(mutating(run.log)).toContain('yum --setopt=skip_if_unavailable=1 install -y chrony conntrack-tools socat ipset ipvsadm');
      expect(run.stderr).toContain('CentOS 7 cannot run cgroup v2');
      await expectIdempotent(h, text);
    });

    it('CentOS 7 with a dead EPEL 7, an old elrepo.repo and a dead vendor repository: survives, EPEL moves to the archive', async () => {
      const h = boot({ ...EL7_HOST, deadHosts: [...EL7_DEAD_HOSTS, 'dead.example.com'] });
      h.write('etc/yum.repos.d/epel.repo', '[epel]\nname=EPEL 7\n#baseurl=http://download.fedoraproject.org/pub/epel/7/$basearch\nmetalink=https://mirrors.fedoraproject.org/metalink?repo=epel-7&arch=$basearch\nenabled=1\n');
      h.write('etc/yum.repos.d/elrepo.repo', '[elrepo]\nbaseurl=http://elrepo.org/linux/elrepo/el7/$basearch/\nmirrorlist=http://mirrors.elrepo.org/mirrors-elrepo.el7\nenabled=1\n');
      h.write('etc/yum.repos.d/vendor.repo', '[dead-vendor]\nbaseurl=http://dead.example.com/el7/$basearch/\nenabled=1\n');
      // The stub aborts on any dead repository unless yum is told to skip it, as real yum does.
      expect((await h.run('yum makecache')).status).toBe(1);
      const text = script('node-prep', { release: 'el7', firewall: 'disable', mirror: 'official' });
      const run = await h.run(text);
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.stderr).toContain('skipping unavailable repository dead-vendor');
      expect(h.read('etc/yum.repos.d/epel.repo')).toContain('baseurl=https://dl.fedoraproject.org/pub/archive/epel/7/$basearch');
      expect(h.read('etc/yum.repos.d/epel.repo')).toMatch(/^#metalink=/m);
      expect(h.read('etc/yum.repos.d/elrepo.repo')).toMatch(/^enabled=0$/m);
      expect(mutating(run.log)).toContain('yum --setopt=skip_if_unavailable=1 install -y chrony conntrack-tools socat');
      await expectIdempotent(h, text);
    });

    it('an unknown sysctl key in another file does not stop node-prep; a later file overriding ours does, naming the key', async () => {
      const h = boot(EL9_HOST);
      h.write('etc/sysctl.d/50-legacy.conf', 'net.ipv4.tcp_tw_recycle = 0\n');
      const text = script('node-prep', { release: 'el9' });
      const run = await h.run(text);
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.stderr).toContain('sysctl --system reported errors in other files');
      expect(run.stderr).toContain('net/ipv4/tcp_tw_recycle');
      expect((await h.run('sysctl -n net.ipv4.ip_forward')).stdout.trim()).toBe('1');

      h.write('etc/sysctl.d/zz-override.conf', 'net.ipv4.ip_forward = 0\n');
      h.write('etc/sysctl.d/k8s.conf', 'changed by hand\n');
      const overridden = await h.run(text);
      expect(overridden.status).toBe(1);
      expect(overridden.stderr).toContain('net.ipv4.ip_forward is "0" after sysctl --system, expected 1');
    });

    it('EL9 with nftables leaves firewalld alone when asked to, and grubby untouched (cgroup v2 already)', async () => {
      const h = boot(EL9_HOST);
      const text = script('node-prep', { release: 'el9', proxyMode: 'nftables', firewall: 'keep' });
      const run = await h.run(text);
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(mutating(run.log)).toContain('modprobe nf_tables');
      expect(run.log.some((l) => l.includes('firewall'))).toBe(false);
      expect(run.log.some((l) => l.startsWith('grubby --update'))).toBe(false);
      await expectIdempotent(h, text);
    });
  });

  describe('container-runtime.sh: the commands and files per release', () => {
    const runtimeCases: { name: string; spec: HostSpec; options: Partial<ScriptOptions>; tree: string; configVersion: number; iptables: string; sandbox: string }[] = [
      { name: 'EL7 (frozen containerd.io 1.6)', spec: EL7_HOST, options: { release: 'el7', kubernetesVersion: '1.34', mirror: 'aliyun' }, tree: 'https://mirrors.aliyun.com/docker-ce/linux/centos/7/$basearch/stable', configVersion: 2, iptables: 'iptables', sandbox: 'registry.k8s.io/pause:3.10.1' },
      { name: 'EL8 (containerd.io 1.7)', spec: EL8_HOST, options: { release: 'el8', kubernetesVersion: '1.33', mirror: 'ustc' }, tree: 'https://mirrors.ustc.edu.cn/docker-ce/linux/rhel/8/$basearch/stable', configVersion: 2, iptables: 'iptables', sandbox: 'registry.k8s.io/pause:3.10' },
      { name: 'EL9 (containerd.io 2.1)', spec: EL9_HOST, options: { release: 'el9', kubernetesVersion: '1.35', mirror: 'tuna', imageRepository: 'registry.aliyuncs.com/google_containers' }, tree: 'https://mirrors.tuna.tsinghua.edu.cn/docker-ce/linux/rhel/9/$basearch/stable', configVersion: 3, iptables: 'iptables-nft', sandbox: 'registry.aliyuncs.com/google_containers/pause:3.10.1' },
      { name: 'EL10 (containerd.io 2.2)', spec: EL10_HOST, options: { release: 'el10', kubernetesVersion: '1.36' }, tree: 'https://download.docker.com/linux/rhel/10/$basearch/stable', configVersion: 3, iptables: 'iptables-nft', sandbox: 'registry.k8s.io/pause:3.10.2' },
      { name: 'Alibaba Cloud Linux 3 (Docker\'s EL 8 tree)', spec: { ...DISTRIBUTIONS[1]!.spec, cgroupV2: true }, options: { release: 'alinux3', kubernetesVersion: '1.35', mirror: 'aliyun' }, tree: 'https://mirrors.aliyun.com/docker-ce/linux/rhel/8/$basearch/stable', configVersion: 3, iptables: 'iptables', sandbox: 'registry.k8s.io/pause:3.10.1' },
    ];

    for (const c of runtimeCases) {
      it(c.name, async () => {
        const h = boot(c.spec);
        const text = script('container-runtime', c.options);
        const run = await h.run(text);
        expect(run.status, run.stdout + run.stderr).toBe(0);
        const pm = c.options.release === 'el7' ? 'yum --setopt=skip_if_unavailable=1' : 'dnf';
        const minor = c.options.kubernetesVersion!;
        const expected = [
          ...(c.options.release === 'el7' ? ['yum clean all', 'yum --setopt=skip_if_unavailable=1 makecache'] : []),
          `rpm --import ${c.tree.replace(/\/(centos|rhel)\/.*$/, '/$1/gpg')}`,
          `${pm} install -y ${c.iptables} containerd.io container-selinux`,
          `${pm} install -y --disableexcludes=kubernetes kubelet kubeadm kubectl`,
          'systemctl enable --now containerd',
          'systemctl enable kubelet',
        ];
        expect(mutating(run.log)).toEqual(expected);
        expect(h.read('etc/yum.repos.d/docker-ce-kubeprep.repo')).toContain(`baseurl=${c.tree}`);
        const k8sRepo = h.read('etc/yum.repos.d/kubernetes.repo');
        expect(k8sRepo).toContain(`/v${minor}/rpm/`);
        expect(k8sRepo).toContain('exclude=kubelet kubeadm kubectl cri-tools kubernetes-cni');
        const config = h.read('etc/containerd/config.toml');
        expect(config).toMatch(new RegExp(`^version = ${c.configVersion}$`, 'm'));
        expect(config).toMatch(/^ {2}SystemdCgroup = true$/m);
        expect(config).toContain(`"${c.sandbox}"`);
        expect(h.read('etc/crictl.yaml')).toBe('runtime-endpoint: unix:///run/containerd/containerd.sock\nimage-endpoint: unix:///run/containerd/containerd.sock\ntimeout: 10\n');
        expect(run.stdout).toContain(`sandbox image: ${c.sandbox}`);
        await expectIdempotent(h, text);
      });
    }

    it('openEuler 24.03 configures the containerd already installed; Kylin V10 without one is refused before any change', async () => {
      const euler = boot(DISTRIBUTIONS[3]!.spec);
      const run = await euler.run(script('container-runtime', { release: 'openeuler24', kubernetesVersion: '1.35' }));
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(mutating(run.log)).toEqual(['dnf install -y iptables', 'dnf install -y --disableexcludes=kubernetes kubelet kubeadm kubectl', 'systemctl restart containerd', 'systemctl enable kubelet']);
      expect(euler.exists('etc/yum.repos.d/docker-ce-kubeprep.repo')).toBe(false);
      expect(euler.read('etc/containerd/config.toml')).toMatch(/^version = 2$/m);
      euler.cleanup();

      const kylin = boot(DISTRIBUTIONS[4]!.spec);
      const refused = await kylin.run(script('container-runtime', { release: 'kylin10', kubernetesVersion: '1.34' }));
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('containerd is not installed: install containerd 1.7+');
      expect(mutating(refused.log)).toEqual([]);
    });

    it('refuses containerd 1.x for Kubernetes 1.36+, after naming the version', async () => {
      const h = boot({ ...DISTRIBUTIONS[3]!.spec });
      const run = await h.run(script('container-runtime', { release: 'openeuler24', kubernetesVersion: '1.36' }));
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('containerd 1.7.25 is too old for Kubernetes 1.36: 2.0 or newer is needed');
    });
  });

  describe('the new distributions', () => {
    for (const { release, spec } of DISTRIBUTIONS) {
      it(`${release}: detected from ${spec.osId} ${spec.versionId}; a script for another release names the one that fits`, async () => {
        const h = boot(spec);
        const dry = await h.run(script('node-prep', { release }), {}, ['--dry-run']);
        expect(dry.status, dry.stdout + dry.stderr).toBe(0);
        expect(dry.stdout).toContain(`host: ${spec.osName} ${spec.versionId!.toLowerCase()}`);
        expect(mutating(dry.log)).toEqual([]);
        const wrong = await h.run(script('node-prep', { release: release === 'anolis8' ? 'el8' : 'anolis8' }));
        expect(wrong.status).toBe(1);
        expect(wrong.stderr).toContain(`generate it again with -release=${release}`);
        expect(mutating(wrong.log)).toEqual([]);
      });
    }
  });

  describe('--dry-run', () => {
    it('prints what would change and changes nothing, not even a log, for every script on EL7 and EL8', async () => {
      for (const spec of [EL7_HOST, EL8_HOST]) {
        const release = spec.el === 7 ? 'el7' : 'el8';
        const h = boot(spec);
        const before = h.snapshot({ logs: true });
        for (const name of ['kernel-upgrade', 'node-prep', 'container-runtime', 'verify-node'] as const) {
          const options = { release, kubernetesVersion: '1.34', firewall: 'open', proxyMode: 'ipvs', hostname: 'worker-1', hosts: [{ ip: '10.0.0.21', name: 'worker-1' }] } as const;
          const run = await h.run(script(name, options), {}, ['--dry-run']);
          expect(run.status === 0 || name === 'verify-node', `${release} ${name}: ${run.stdout}${run.stderr}`).toBe(true);
          expect(mutating(run.log), `${release} ${name}`).toEqual([]);
          expect(run.stdout).toContain('dry run: nothing is changed');
          if (name !== 'verify-node') expect(run.stdout, name).toMatch(/would (run|write): /);
        }
        expect(h.snapshot({ logs: true })).toEqual(before);
        h.cleanup();
      }
      host = undefined;
    });

    it('shows the difference a file would get', async () => {
      const h = boot(EL9_HOST);
      const run = await h.run(script('node-prep', { release: 'el9' }), {}, ['--dry-run']);
      expect(run.stdout).toContain(`would write: ${h.root}/etc/selinux/config`);
      expect(run.stdout).toMatch(/^ {6}-SELINUX=enforcing$/m);
      expect(run.stdout).toMatch(/^ {6}\+SELINUX=permissive$/m);
      expect(run.stdout).toContain('would run: swapoff -a');
    });
  });

  describe('failures are named', () => {
    it('the ERR trap names the step and the command that failed, and points at the log', async () => {
      const h = boot({ ...EL9_HOST, deadHosts: ['pkgs.k8s.io'] });
      const run = await h.run(script('container-runtime', { release: 'el9', kubernetesVersion: '1.35' }));
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/ERROR: step 6 \(Installing the runtime packages: iptables-nft containerd\.io container-selinux\) failed at line \d+ with exit status 1: dnf install -y iptables-nft containerd\.io container-selinux$/m);
      expect(run.stderr).toContain('the full output is in');
      expect(h.read('var/log/kubeprep/container-runtime.log')).toContain('Cannot retrieve repository metadata');
    });
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
      expect(run.stderr).toContain('generate it again with -release=el8');
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

    it('Secure Boot on, read from the efivar without mokutil', async () => {
      const h = boot({ ...EL9_HOST, uefi: true, secureBoot: true, mokutil: false });
      const run = await h.run(upgrade9());
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('Secure Boot is enabled');
      expect(run.log.some((l) => l.startsWith('mokutil'))).toBe(false);
      expect(mutating(run.log)).toEqual([]);
    });

    it('Secure Boot unknown on a UEFI host (no efivar, no mokutil), and on per mokutil when the efivar is missing', async () => {
      const unknown = boot({ ...EL9_HOST, uefi: true });
      const run = await unknown.run(upgrade9());
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('Secure Boot state cannot be read');
      unknown.cleanup();
      const withMokutil = boot({ ...EL9_HOST, uefi: true, mokutil: true });
      const on = await withMokutil.run(upgrade9(), { STUB_SECUREBOOT: '1' });
      expect(on.status).toBe(1);
      expect(on.log).toContain('mokutil --sb-state');
      expect(on.stderr).toContain('Secure Boot is enabled');
      expect(mutating(on.log)).toEqual([]);
    });

    it('/boot full', async () => {
      const h = boot(EL8_HOST);
      const run = await h.run(script('kernel-upgrade', { release: 'el8', updateFirst: false }), { STUB_BOOT_FREE_MB: '90' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('/boot has only 90 MiB free');
      expect(run.stderr).toContain('dnf remove --oldinstallonly');
      expect(mutating(run.log)).toEqual([]);
    });

    it('another Kubernetes minor already installed is left for kubeadm upgrade', async () => {
      const h = boot(EL9_HOST);
      h.installed('kubelet', '1.34.2', ['kubelet']);
      const run = await h.run(script('container-runtime', { release: 'el9', kubernetesVersion: '1.35' }));
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('kubelet 1.34.2 is installed, not 1.35');
      expect(mutating(run.log).some((l) => l.includes('kubelet'))).toBe(false);
    });
  });

  describe('verify-node.sh catches what kubeadm preflight would reject', () => {
    async function preparedEl9(options: Partial<ScriptOptions> = {}) {
      const h = boot(EL9_HOST);
      const base = { release: 'el9', kubernetesVersion: '1.35', hostname: 'worker-1', hosts: [{ ip: '10.0.0.21', name: 'worker-1' }], ...options } as const;
      expect((await h.run(script('node-prep', base))).status).toBe(0);
      expect((await h.run(script('container-runtime', base))).status).toBe(0);
      const verify = script('verify-node', base);
      const ok = await h.run(verify);
      expect(ok.status, ok.stdout + ok.stderr).toBe(0);
      return { h, verify };
    }

    it('passes a prepared node, then fails on each thing that breaks kubeadm join', async () => {
      const { h, verify } = await preparedEl9();
      const cases: [string, () => void, Record<string, string>][] = [
        ['port 10250 is already in use', () => {}, { STUB_PORT_BUSY: '1' }],
        ['an active swap line is in /etc/fstab', () => h.write('etc/fstab', '/dev/sdb1 none swap sw 0 0\n'), {}],
        ['does not resolve', () => h.write('etc/hosts', '127.0.0.1 localhost\n'), {}],
        ['containerd is not set to SystemdCgroup = true', () => h.write('etc/containerd/config.toml', 'version = 3\n'), {}],
        ['cannot read /sys/class/dmi/id/product_uuid', () => h.write('sys/class/dmi/id/product_uuid', ''), {}],
        ['node name "Worker_1" is not lowercase RFC 1123', () => h.write('etc/hostname', 'Worker_1\n'), {}],
      ];
      for (const [message, breakIt, env] of cases) {
        const snapshot = h.snapshot();
        breakIt();
        const run = await h.run(verify, env);
        expect(run.stdout, message).toContain(message);
        if (!message.includes('does not resolve')) expect(run.status, message).toBe(1);
        for (const [path, content] of Object.entries(snapshot)) if (path.startsWith('root/') && !path.endsWith('/')) h.write(path.slice(5), content);
      }
    });

    it('warns about a firmware placeholder product_uuid; fails a kubelet of another minor', async () => {
      const { h, verify } = await preparedEl9();
      h.write('sys/class/dmi/id/product_uuid', '03000200-0400-0500-0006-000700080009\n');
      const placeholder = await h.run(verify);
      expect(placeholder.stdout).toContain('WARN product_uuid 03000200-0400-0500-0006-000700080009 is a firmware placeholder');
      h.installed('kubelet', '1.34.9');
      const other = await h.run(verify);
      expect(other.status).toBe(1);
      expect(other.stdout).toContain('FAIL kubelet 1.34.9 is installed, not 1.35');
    });
  });
});
