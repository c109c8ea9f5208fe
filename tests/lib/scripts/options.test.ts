import { describe, expect, it } from 'vitest';
import { isKubeprepError, type KubeprepError } from '../../../src/lib/errors';
import { describeError, dictionary } from '../../../src/lib/i18n';
import {
  KUBERNETES_MINORS,
  RELEASES,
  RELEASE_FACTS,
  SCRIPTS_ERROR_CODES,
  SCRIPT_FIELDS,
  SCRIPT_NAMES,
  allowedValues,
  checkScriptAvailable,
  completeOptions,
  enumerateOptions,
  isImageRepository,
  parseHostsFlag,
  parseHostsText,
  portsFor,
  scriptsFor,
  validateOptions,
  type ScriptOptions,
} from '../../../src/lib/scripts';

function refusal(options: Partial<ScriptOptions>, run: (o: ScriptOptions) => void = (o) => validateOptions(o)): KubeprepError {
  try {
    run({ ...completeOptions({ release: options.release, kubernetesVersion: options.kubernetesVersion }), ...options } as ScriptOptions);
  } catch (error) {
    if (isKubeprepError(error)) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(options)}`);
}

describe('the facts table', () => {
  it('offers kernel-lt everywhere but EL10, and aarch64 only on EL9', () => {
    expect(allowedValues('kernel', { release: 'el10' })).toEqual(['kernel-ml']);
    expect(allowedValues('kernel', { release: 'el8' })).toEqual(['kernel-lt', 'kernel-ml']);
    expect(RELEASES.filter((r) => RELEASE_FACTS[r].elrepo?.arches.includes('aarch64'))).toEqual(['el9']);
  });

  it('trusts v1 only on EL7, v2 only on EL10, both in between', () => {
    expect(RELEASE_FACTS.el7.elrepo!.keys).toEqual(['v1']);
    expect(RELEASE_FACTS.el8.elrepo!.keys).toEqual(['v1', 'v2']);
    expect(RELEASE_FACTS.el9.elrepo!.keys).toEqual(['v1', 'v2']);
    expect(RELEASE_FACTS.el10.elrepo!.keys).toEqual(['v2']);
  });

  it('offers the ELRepo kernel only on RHEL and its rebuilds, the other three scripts everywhere', () => {
    expect(RELEASES.filter((r) => scriptsFor(r).includes('kernel-upgrade'))).toEqual(['el7', 'el8', 'el9', 'el10']);
    for (const release of RELEASES) expect(scriptsFor(release)).toEqual(expect.arrayContaining(['node-prep', 'container-runtime', 'verify-node']));
    const error = refusal({ release: 'openeuler24' }, (o) => checkScriptAvailable('kernel-upgrade', o.release));
    expect(error.code).toBe('scripts.unsupported-script');
    expect(error.allowed).toBe('node-prep, container-runtime, verify-node');
  });

  it('does not offer TUNA for the EL7 archive, nor nftables or cgroup v2 on EL7', () => {
    expect(allowedValues('mirror', { release: 'el7' })).not.toContain('tuna');
    expect(allowedValues('proxyMode', { release: 'el7' })).toEqual(['iptables', 'ipvs']);
    expect(allowedValues('cgroupV2', { release: 'el7' })).toEqual([false]);
  });

  it('offers no Kubernetes 1.35+ where cgroup v2 is impossible, no 1.36+ on a frozen containerd 1.x', () => {
    expect(allowedValues('kubernetesVersion', { release: 'el7' })[0]).toBe('1.34');
    expect(allowedValues('kubernetesVersion', { release: 'el9' })).toEqual(KUBERNETES_MINORS);
    // openEuler and Kylin configure a containerd the user installs, which may be 2.x.
    expect(allowedValues('kubernetesVersion', { release: 'openeuler24' })).toEqual(KUBERNETES_MINORS);
  });

  it('keeps -cgroup-v2=false only where it can work: a switchable release below Kubernetes 1.35', () => {
    expect(allowedValues('cgroupV2', { release: 'el8', kubernetesVersion: '1.34' })).toEqual([true, false]);
    expect(allowedValues('cgroupV2', { release: 'el8', kubernetesVersion: '1.35' })).toEqual([true]);
    expect(allowedValues('cgroupV2', { release: 'anolis8', kubernetesVersion: '1.36' })).toEqual([true]);
    expect(allowedValues('cgroupV2', { release: 'el9', kubernetesVersion: '1.30' })).toEqual([true]);
  });

  it('opens control-plane ports on control planes only, and kube-proxy health and NodePorts in TCP and UDP on every node', () => {
    expect(portsFor('worker', 6443)).toEqual(['10250/tcp', '10256/tcp', '30000-32767/tcp', '30000-32767/udp']);
    const controlPlane = portsFor('control-plane', 8443);
    expect(controlPlane).toEqual(expect.arrayContaining(['8443/tcp', '2379-2380/tcp', '10257/tcp', '10259/tcp', '10250/tcp', '10256/tcp', '30000-32767/udp']));
    expect(portsFor('control-plane-external-etcd', 6443)).not.toContain('2379-2380/tcp');
    expect(portsFor('etcd', 6443)).toEqual(['2379-2380/tcp', '10250/tcp']);
    for (const port of ['6443/tcp', '10257/tcp', '10259/tcp', '2379-2380/tcp']) expect(portsFor('worker', 6443)).not.toContain(port);
  });
});

describe('validateOptions', () => {
  it('refuses kernel-lt on EL10 with the field, the reason and what is allowed', () => {
    const error = refusal({ release: 'el10', kernel: 'kernel-lt' });
    expect(error.code).toBe('scripts.unsupported-kernel');
    expect(error.field).toBe('-kernel');
    expect(error.allowed).toBe('kernel-ml');
    expect(describeError('en', error)).toContain('EL10 has kernel-ml only');
  });

  it('refuses aarch64 on EL7 and TUNA for EL7', () => {
    expect(refusal({ release: 'el7', arch: 'aarch64' }).code).toBe('scripts.unsupported-arch');
    const mirror = refusal({ release: 'el7', mirror: 'tuna' });
    expect(mirror.code).toBe('scripts.unsupported-mirror');
    expect(mirror.allowed).toBe('official, aliyun, ustc');
  });

  it('refuses cgroup v1 for a 1.35+ target and 1.35 on EL7, saying why', () => {
    const cgroup = refusal({ release: 'el8', kubernetesVersion: '1.35', cgroupV2: false });
    expect(cgroup.code).toBe('scripts.unsupported-cgroup');
    expect(describeError('en', cgroup)).toContain('failCgroupV1');
    const version = refusal({ release: 'el7', kubernetesVersion: '1.35' });
    expect(version.code).toBe('scripts.unsupported-kubernetes-version');
    expect(describeError('en', version)).toContain('cgroup v1');
  });

  it('refuses values no release has', () => {
    const error = refusal({ release: 'el9', mirror: 'example' as never });
    expect(error.code).toBe('scripts.invalid-value');
    expect(error.params).toMatchObject({ flag: 'mirror', value: 'example' });
  });

  it('refuses typed values that would make a broken script, naming the flag', () => {
    expect(refusal({ hostname: 'Worker_1' }).code).toBe('scripts.invalid-hostname');
    expect(refusal({ imageRepository: 'https://registry.k8s.io' }).code).toBe('scripts.invalid-image-repository');
    const hosts = refusal({ hosts: [{ ip: '10.0.0.300', name: 'master-1' }] });
    expect(hosts.code).toBe('scripts.invalid-hosts-entry');
    expect(hosts.field).toBe('-hosts');
    expect(refusal({ hosts: [{ ip: '10.0.0.1', name: "a'b" }] }).code).toBe('scripts.invalid-hosts-entry');
    expect(refusal({ apiServerPort: 70000 }).code).toBe('scripts.invalid-port');
    expect(() => validateOptions(completeOptions({ hostname: '', hosts: [] }))).not.toThrow();
  });

  it('checks only the fields a script reads', () => {
    const options = { ...completeOptions({ release: 'el10' }), kernel: 'kernel-lt' } as ScriptOptions;
    expect(() => validateOptions(options, SCRIPT_FIELDS['node-prep'])).not.toThrow();
    expect(() => validateOptions(options, SCRIPT_FIELDS['kernel-upgrade'])).toThrow(expect.objectContaining({ code: 'scripts.unsupported-kernel' }));
  });

  it('has words for every error code in both languages', () => {
    for (const code of SCRIPTS_ERROR_CODES) {
      expect(dictionary('en')[`error.${code}`], code).toBeDefined();
      expect(dictionary('zh-CN')[`error.${code}`], code).toBeDefined();
    }
  });
});

describe('typed values', () => {
  it('accepts image repositories kubeadm takes, and nothing with a scheme or upper case', () => {
    for (const ok of ['registry.k8s.io', 'registry.aliyuncs.com/google_containers', 'harbor.local:5000/k8s/mirror', '10.0.0.5:5000/k8s']) expect(isImageRepository(ok), ok).toBe(true);
    for (const bad of ['', 'https://registry.k8s.io', 'Registry.k8s.io', 'registry.k8s.io/', 'reg istry', 'registry.k8s.io/a//b']) expect(isImageRepository(bad), bad).toBe(false);
  });

  it('parses /etc/hosts text and the CLI list into one entry per name', () => {
    expect(parseHostsText('10.0.0.10 k8s-api api # the VIP\n\n# comment\nfd00::11 master-1')).toEqual([
      { ip: '10.0.0.10', name: 'k8s-api' },
      { ip: '10.0.0.10', name: 'api' },
      { ip: 'fd00::11', name: 'master-1' },
    ]);
    expect(parseHostsFlag('10.0.0.11=master-1,fd00::12=master-2,')).toEqual([
      { ip: '10.0.0.11', name: 'master-1' },
      { ip: 'fd00::12', name: 'master-2' },
    ]);
  });
});

describe('completeOptions', () => {
  it('replaces values the release lacks with the nearest valid one, the newest Kubernetes it can run', () => {
    const options = completeOptions({ release: 'el10', kernel: 'kernel-lt', arch: 'aarch64' });
    expect(options.kernel).toBe('kernel-ml');
    expect(options.arch).toBe('x86_64');
    expect(completeOptions({ release: 'el7' })).toMatchObject({ cgroupV2: false, kubernetesVersion: '1.34' });
    expect(completeOptions({ release: 'el9', mirror: 'tuna' }).mirror).toBe('tuna');
    expect(completeOptions({ release: 'el8', kubernetesVersion: '1.36', cgroupV2: false }).cgroupV2).toBe(true);
  });

  it('keeps typed values as typed, even invalid ones', () => {
    expect(completeOptions({ hostname: 'Bad Name', imageRepository: 'x' })).toMatchObject({ hostname: 'Bad Name', imageRepository: 'x' });
    expect(completeOptions({ mirror: 'elrepo' as never }).mirror).toBe('official');
  });
});

describe('enumerateOptions', () => {
  it('yields only valid combinations that cover every release, value and threshold', () => {
    for (const name of SCRIPT_NAMES) {
      const all = enumerateOptions(name);
      for (const options of all) expect(() => validateOptions(options, SCRIPT_FIELDS[name])).not.toThrow();
      const releases = new Set(all.map((o) => o.release));
      expect([...releases].sort()).toEqual(RELEASES.filter((r) => scriptsFor(r).includes(name)).sort());
      for (const field of SCRIPT_FIELDS[name]) {
        if (field === 'release' || field === 'hosts' || field === 'hostname' || field === 'imageRepository' || field === 'apiServerPort' || field === 'kubernetesVersion') continue;
        const seen = new Set(all.map((o) => String(o[field])));
        const releasesOf = RELEASES.filter((r) => scriptsFor(r).includes(name));
        const possible = new Set(releasesOf.flatMap((r) => (allowedValues(field, { release: r }) as readonly unknown[]).map(String)));
        if (field === 'cgroupV2') possible.add('false');
        expect([...seen].sort(), `${name} ${field}`).toEqual([...possible].sort());
      }
      expect(all.some((o) => o.hostname !== '') && all.some((o) => o.hostname === ''), name).toBe(true);
    }
    const verify = enumerateOptions('verify-node').filter((o) => o.release === 'el9').map((o) => o.kubernetesVersion);
    expect([...new Set(verify)].sort()).toEqual(['1.31', '1.32', '1.34', '1.35', '1.36']);
  });
});
