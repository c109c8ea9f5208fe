import { describe, expect, it } from 'vitest';
import { describeError, dictionary } from '../../../src/lib/i18n';
import { completeOptions, generateScript, scriptsFor, type ScriptName, type ScriptOptions } from '../../../src/lib/scripts';
import { shellMessage } from '../../../src/lib/scripts/shell';
import { scriptOptionsFromFlags } from '../../../src/cli/script';

const gen = (name: ScriptName, options: Partial<ScriptOptions>) => generateScript(name, completeOptions(options));

const IDENTITY: Partial<ScriptOptions> = {
  hostname: 'worker-1',
  hosts: [
    { ip: '10.0.0.11', name: 'master-1' },
    { ip: '10.0.0.21', name: 'worker-1' },
    { ip: '10.0.0.10', name: 'k8s-api.example.internal' },
  ],
  imageRepository: 'registry.aliyuncs.com/google_containers',
};

describe('every script', () => {
  it('starts strict, traps errors, lists its options and the exact command that regenerates it', () => {
    for (const name of scriptsFor('el8')) {
      const text = gen(name, { release: 'el8', proxyMode: 'ipvs', locale: 'zh-CN', kubernetesVersion: '1.34', ...IDENTITY });
      expect(text.startsWith('#!/usr/bin/env bash\n')).toBe(true);
      expect(text).toContain('\nset -Eeuo pipefail\n');
      expect(text).toContain('trap \'on_error "$?" "$LINENO" "$BASH_COMMAND"\' ERR');
      expect(text).toContain(`LOG_FILE="$ROOT/var/log/kubeprep/${name}.log"`);
      expect(text).toContain('--dry-run) DRY_RUN=1 ;;');
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

  it('runs every command that changes the system through run, write_file or edit_file (so --dry-run changes nothing)', () => {
    const direct = /^\s*((dnf|yum)(?! --setopt=skip_if_unavailable=1 -q check-update)(?! -q check-update)|rpm --import|grubby --set|grubby --update|modprobe|swapoff|setenforce|systemctl (enable|disable|restart)|firewall-cmd --(permanent --add|reload)|hostnamectl set|reboot|sed -i)\b/m;
    for (const release of ['el7', 'el8', 'el9', 'openeuler24'] as const) {
      for (const name of scriptsFor(release)) {
        const text = gen(name, { release, reboot: 'now', firewall: 'open', ...IDENTITY });
        expect(direct.exec(text)?.[0], `${release} ${name}`).toBeUndefined();
      }
    }
  });

  it('names every new distribution in every release check, so a wrong script says which -release fits', () => {
    const text = gen('verify-node', { release: 'el9' });
    expect(text).toContain('anolis:8 | anolis:8.*) HOST_RELEASE=anolis8 ;;');
    expect(text).toContain('alinux:3 | alinux:3.*) HOST_RELEASE=alinux3 ;;');
    expect(text).toContain('opencloudos:8 | opencloudos:8.*) HOST_RELEASE=opencloudos8 ;;');
    expect(text).toContain('openeuler:24.03 | openeuler:24.03.*) HOST_RELEASE=openeuler24 ;;');
    expect(text).toContain('kylin:v10 | kylin:v10\\ * | kylin:v10-*) HOST_RELEASE=kylin10 ;;');
  });
});

describe('kernel-upgrade.sh', () => {
  it('EL7: vault, EPEL archive, archive repository, v1 key only, default by menu title, never index 0', () => {
    const text = gen('kernel-upgrade', { release: 'el7', mirror: 'ustc' });
    expect(text).toContain('https://mirrors.ustc.edu.cn/centos-vault/centos/7.9.2009/os/$basearch/');
    expect(text).toContain('https://mirrors.ustc.edu.cn/elrepo/archive/kernel/el7/$basearch/');
    expect(text).toContain('https://dl.fedoraproject.org/pub/archive/epel/7/');
    expect(text).toContain('yum --setopt=skip_if_unavailable=1 makecache');
    expect(text).toContain('RPM-GPG-KEY-elrepo.org');
    expect(text).not.toContain('RPM-GPG-KEY-v2-elrepo.org');
    expect(text).toContain('run grub2-set-default "$TITLE"');
    expect(text).toContain('/boot/efi/EFI/centos/grub.cfg');
    expect(text).not.toMatch(/GRUB_DEFAULT=0|grub2-set-default 0/);
    expect(text).not.toContain('grubby --set-default');
  });

  it('EL8: the CentOS 8 vault only when the host is ID=centos (Linux 8.5.2111 or Stream 8)', () => {
    const text = gen('kernel-upgrade', { release: 'el8', mirror: 'aliyun' });
    expect(text).toContain('if [ "$OS_ID" = centos ]; then');
    expect(text).toContain('baseurl=https://mirrors.aliyun.com/centos-vault/8.5.2111/BaseOS/$basearch/os/');
    expect(text).toContain('baseurl=https://mirrors.aliyun.com/centos-vault/8-stream/AppStream/$basearch/os/');
    expect(gen('kernel-upgrade', { release: 'el9' })).not.toContain('centos-vault');
  });

  it('EL10: v2 key only, kernel-ml, grubby by path', () => {
    const text = gen('kernel-upgrade', { release: 'el10' });
    expect(text).toContain('RPM-GPG-KEY-v2-elrepo.org');
    expect(text).not.toContain('RPM-GPG-KEY-elrepo.org;');
    expect(text).toContain('dnf --enablerepo=elrepo-kernel install -y kernel-ml');
    expect(text).toContain('run grubby --set-default "/boot/vmlinuz-$KVER"');
    expect(text).toContain('https://www.elrepo.org/elrepo-release-10.el10.elrepo.noarch.rpm');
  });

  it('reads the installed version from rpm, Secure Boot from the efivar (mokutil optional), and /boot', () => {
    const text = gen('kernel-upgrade', { release: 'el9' });
    expect(text).toContain("KVER=$(rpm -q --qf '%{VERSION}-%{RELEASE}.%{ARCH}\\n' kernel-lt | sort -V | tail -n 1)");
    expect(text).toContain('EFIVAR="$ROOT/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c"');
    expect(text).toContain('od -An -t u1 -j 4 -N 1 "$EFIVAR"');
    expect(text.indexOf('EFIVAR')).toBeLessThan(text.indexOf('mokutil --sb-state'));
    expect(text).toContain('df -Pm "$ROOT/boot"');
    expect(text).not.toMatch(/5\.15\.\d|6\.1\.\d/);
  });

  it('edits elrepo.repo only for a mirror, and reboots only when asked', () => {
    expect(gen('kernel-upgrade', { release: 'el9', mirror: 'official' })).not.toContain('ELREPO_REPO=');
    expect(gen('kernel-upgrade', { release: 'el9', mirror: 'aliyun' })).toContain('baseurl=https://mirrors.aliyun.com/elrepo|');
    expect(gen('kernel-upgrade', { release: 'el9', reboot: 'later' })).not.toMatch(/^\s*run reboot$/m);
    expect(gen('kernel-upgrade', { release: 'el9', reboot: 'now' })).toMatch(/^\s*run reboot$/m);
    expect(gen('kernel-upgrade', { release: 'el9', updateFirst: false })).not.toContain('check-update');
  });
});

describe('node-prep.sh', () => {
  it('probes the conntrack module on the kernel the next boot runs', () => {
    const ipvs = gen('node-prep', { release: 'el8', proxyMode: 'ipvs' });
    expect(ipvs).toContain('TARGET_KERNEL=$(target_kernel)');
    expect(ipvs).toContain('if module_exists "$TARGET_KERNEL" nf_conntrack_ipv4; then CONNTRACK=nf_conntrack_ipv4; else CONNTRACK=nf_conntrack; fi');
    expect(ipvs).toContain('MODULES+=(ip_vs ip_vs_rr ip_vs_wrr ip_vs_sh "$CONNTRACK")');
    expect(gen('node-prep', { release: 'el8', proxyMode: 'iptables' })).not.toContain('ip_vs');
  });

  it('opens the role\'s ports: control-plane ports on control planes only', () => {
    const worker = gen('node-prep', { release: 'el9', firewall: 'open', role: 'worker' });
    expect(worker).toContain('for port in 10250/tcp 10256/tcp 30000-32767/tcp 30000-32767/udp; do');
    const cp = gen('node-prep', { release: 'el9', firewall: 'open', role: 'control-plane', apiServerPort: 8443 });
    expect(cp).toContain('for port in 8443/tcp 10257/tcp 10259/tcp 2379-2380/tcp 10250/tcp 10256/tcp 30000-32767/tcp 30000-32767/udp; do');
  });

  it('switches cgroup v2 when asked, requires it from 1.35, and never emits tcp_tw_recycle', () => {
    expect(gen('node-prep', { release: 'el8', cgroupV2: true, kubernetesVersion: '1.34' })).toContain('run grubby --update-kernel=ALL --args="$CGROUP_ARG"');
    expect(gen('node-prep', { release: 'el8', cgroupV2: false, kubernetesVersion: '1.34' })).not.toContain('--update-kernel');
    expect(gen('node-prep', { release: 'el8', kubernetesVersion: '1.35' })).toContain('reboot before running container-runtime.sh');
    for (const release of ['el7', 'el8', 'el9', 'el10', 'openeuler24'] as const) expect(gen('node-prep', { release })).not.toContain('tcp_tw_recycle');
  });

  it('writes the hostname and the hosts block only when given', () => {
    const text = gen('node-prep', { release: 'el9', ...IDENTITY });
    expect(text).toContain("run hostnamectl set-hostname worker-1");
    expect(text).toContain("printf '%s\\n' '10.0.0.10 k8s-api.example.internal'");
    const bare = gen('node-prep', { release: 'el9' });
    expect(bare).not.toContain('hostnamectl set-hostname');
    expect(bare).not.toContain('# BEGIN kubeprep');
  });
});

describe('container-runtime.sh', () => {
  it('adds Docker\'s repository of the EL tree (literal 8 for Alibaba Cloud Linux 3, whose $releasever is 3) and the Kubernetes minor from the mirror', () => {
    const alinux = gen('container-runtime', { release: 'alinux3', mirror: 'aliyun', kubernetesVersion: '1.33' });
    expect(alinux).toContain('baseurl=https://mirrors.aliyun.com/docker-ce/linux/rhel/8/$basearch/stable');
    expect(alinux).toContain('baseurl=https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.33/rpm/');
    expect(alinux).toContain('gpgkey=https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.33/rpm/repodata/repomd.xml.key');
    expect(alinux).toContain('run dnf install -y --disableexcludes=kubernetes "${MISSING[@]}"');
    expect(gen('container-runtime', { release: 'el7' })).toContain('/linux/centos/7/$basearch/stable');
    expect(gen('container-runtime', { release: 'el9', mirror: 'tuna', kubernetesVersion: '1.36' })).toContain('baseurl=https://mirrors.tuna.tsinghua.edu.cn/kubernetes/core:/stable:/v1.36/rpm/');
  });

  it('writes config version 3 for containerd 2.x and 2 for 1.x, with SystemdCgroup and the sandbox image from kubeadm', () => {
    const text = gen('container-runtime', { release: 'el9', ...IDENTITY });
    expect(text).toContain('if [ "$CONTAINERD_MAJOR" -ge 2 ]; then');
    expect(text).toContain('version = 3');
    expect(text).toContain('version = 2');
    expect(text).toContain('  sandbox = "${SANDBOX_IMAGE}"');
    expect(text).toContain('  sandbox_image = "${SANDBOX_IMAGE}"');
    expect(text.match(/^ {2}SystemdCgroup = true$/gm)).toHaveLength(2);
    expect(text).toContain("IMAGE_REPOSITORY=registry.aliyuncs.com/google_containers");
    expect(text).toContain('kubeadm config images list --kubernetes-version "$KUBEADM_VERSION" --image-repository "$IMAGE_REPOSITORY"');
    expect(text).toContain('runtime-endpoint: unix:///run/containerd/containerd.sock');
  });

  it('refuses cgroup v1 from 1.35 and containerd 1.x from 1.36 before going on', () => {
    expect(gen('container-runtime', { release: 'el8', kubernetesVersion: '1.34' })).not.toContain('cgroup_version)" = 1 ]; then die');
    expect(gen('container-runtime', { release: 'el8', kubernetesVersion: '1.35' })).toContain('if [ "$(cgroup_version)" = 1 ]; then die');
    expect(gen('container-runtime', { release: 'el9', kubernetesVersion: '1.36' })).toContain('version_at_least "$CONTAINERD_VERSION" 2.0 || die');
  });

  it('configures a preinstalled containerd on openEuler and Kylin instead of installing one', () => {
    const text = gen('container-runtime', { release: 'kylin10' });
    expect(text).toContain('command -v containerd >/dev/null 2>&1 || die');
    expect(text).not.toContain('containerd.io');
    expect(text).not.toContain('container-selinux');
    expect(text).toContain('version_at_least "$CONTAINERD_VERSION" 1.7 || die');
  });
});

describe('verify-node.sh', () => {
  it('changes nothing and says so: none of node-prep\'s step titles ("Loading…", "Writing…"), no run helper', () => {
    const titles = (text: string) => [...text.matchAll(/^step "(.*)"$/gm)].map((m) => m[1]);
    for (const locale of ['en', 'zh-CN'] as const) {
      const text = gen('verify-node', { release: 'el8', proxyMode: 'ipvs', locale, ...IDENTITY });
      const shared = titles(text).filter((t) => titles(gen('node-prep', { release: 'el8', proxyMode: 'ipvs', locale, ...IDENTITY })).includes(t));
      expect(shared).toEqual([
        locale === 'en' ? 'Checking that this runs as root' : '检查是否以 root 运行',
        locale === 'en' ? 'Checking the release (el8)' : '检查系统版本（el8）',
        locale === 'en' ? 'Checking the cgroup version' : '检查 cgroup 版本',
        locale === 'en' ? "This machine's identity (product_uuid and MAC addresses)" : '本机标识（product_uuid 和 MAC 地址）',
      ]);
      expect(text).not.toMatch(/step "(Loading|Writing)/);
      expect(text).not.toMatch(/^\s*run /m);
      expect(text).not.toContain('write_file');
    }
  });

  it('fails cgroup v1 from 1.35 and only warns below; asks the ELRepo kernel only if one is installed', () => {
    expect(gen('verify-node', { release: 'el9', kubernetesVersion: '1.35' })).toMatch(/else fail ".*cgroup v1/);
    expect(gen('verify-node', { release: 'el8', kubernetesVersion: '1.34' })).toMatch(/else notice ".*cgroup v1/);
    const el9 = gen('verify-node', { release: 'el9' });
    expect(el9).toContain('if [ -n "$ELREPO_KVER" ]; then');
    expect(el9).not.toContain('is not installed (running');
  });

  it('checks what kubeadm preflight rejects: commands, CRI, kubelet, port, node name, and control-plane size', () => {
    const text = gen('verify-node', { release: 'el9', role: 'control-plane', kubernetesVersion: '1.31' });
    expect(text).toContain('for command in ip iptables mount nsenter crictl conntrack; do');
    expect(gen('verify-node', { release: 'el9', kubernetesVersion: '1.32' })).toContain('for command in ip iptables mount nsenter crictl; do');
    expect(text).toContain('crictl info');
    expect(text).toContain("ss -Hltn 'sport = :10250'");
    expect(text).toContain('CPUS=$(nproc)');
    expect(gen('verify-node', { release: 'el9', role: 'worker' })).not.toContain('CPUS=$(nproc)');
  });
});

describe('shellMessage', () => {
  it('turns placeholders into shell variables and escapes everything else', () => {
    expect(shellMessage('en', 'scripts.sh.kernel.installed', { kver: 'KVER' })).toBe('"installed kernel: ${KVER}"');
    expect(shellMessage('en', 'scripts.sh.file.written', {}, { file: 'a"$`\\b' })).toBe('"written: a\\"\\$\\`\\\\b"');
  });

  it('zh-CN script messages use full-width punctuation beside Chinese characters and no curly quotes', () => {
    const zh = dictionary('zh-CN');
    for (const [key, text] of Object.entries(zh).filter(([k]) => k.startsWith('scripts.') || k.startsWith('error.scripts.'))) {
      expect(/[\p{Script=Han}][,:;?()]|[,:;?()][\p{Script=Han}]/u.test(text), `${key}: ${text}`).toBe(false);
      if (key.startsWith('scripts.sh.')) expect(/[“”]/.test(text), key).toBe(false);
    }
  });
});

describe('kubeprep script flags', () => {
  it('accepts -flag=value and -flag value, and bare booleans', () => {
    const options = scriptOptionsFromFlags('kernel-upgrade', ['-release', 'el10', '-mirror=tuna', '-update-first']);
    expect(options).toMatchObject({ release: 'el10', kernel: 'kernel-ml', mirror: 'tuna', updateFirst: true });
    const node = scriptOptionsFromFlags('node-prep', ['-release=anolis8', '-hostname=worker-1', '-hosts=10.0.0.21=worker-1,fd00::10=k8s-api', '-role=control-plane']);
    expect(node.hosts).toEqual([{ ip: '10.0.0.21', name: 'worker-1' }, { ip: 'fd00::10', name: 'k8s-api' }]);
  });

  it('refuses an impossible combination instead of silently replacing it', () => {
    const words = (name: ScriptName, args: string[]): string => {
      try {
        scriptOptionsFromFlags(name, args);
      } catch (error) {
        return describeError('en', error);
      }
      throw new Error(`accepted ${args.join(' ')}`);
    };
    expect(words('kernel-upgrade', ['-release=el10', '-kernel=kernel-lt'])).toContain('EL10 has kernel-ml only');
    expect(words('kernel-upgrade', ['-release=el7', '-arch=aarch64'])).toContain('aarch64 only on EL9');
    expect(words('kernel-upgrade', ['-release=kylin10'])).toContain('kernel-upgrade does not exist for kylin10');
    expect(words('node-prep', ['-release=el8', '-kubernetes-version=1.35', '-cgroup-v2=false'])).toContain('failCgroupV1');
    expect(words('node-prep', ['-colour=red'])).toBe('flag provided but not defined: -colour');
    expect(words('node-prep', ['-release'])).toBe('flag needs an argument: -release');
    expect(words('node-prep', ['-hostname=Node_1'])).toContain('is not a valid node name');
    expect(words('node-prep', ['stray'])).toContain('script takes flags only');
  });
});
