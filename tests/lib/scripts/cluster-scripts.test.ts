// The node scripts a cluster plan's zip carries: each node's hostname, role and ports, the hosts block
// for every node and the API DNS name, the plan's Kubernetes minor and image repository, on top of the
// Node scripts screen's choices.
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterBundleFiles } from '../../../src/lib/bundle/cluster-layout';
import { EXECUTABLE } from '../../../src/lib/bundle/zip';
import { generateCluster, nodeScripts, planFromJson, planHostsEntries, planToJson, validatePlan, type GeneratedCluster } from '../../../src/lib/cluster';
import { resolved, threeByThree } from '../cluster/fixtures';

describe('nodeScripts', () => {
  it('gives each node its hostname and role, every node the same hosts block, the plan its minor and bind port', () => {
    const plan = resolved(threeByThree({ kubernetesVersion: 'v1.33.4', apiServerBindPort: 8443 }));
    const scripts = nodeScripts(plan, { release: 'el9', firewall: 'open', locale: 'zh-CN' })!;
    expect(scripts.names).toEqual(['kernel-upgrade', 'node-prep', 'container-runtime', 'verify-node']);
    const cp = scripts.optionsFor('cp-2');
    expect(cp).toMatchObject({ release: 'el9', hostname: 'cp-2', role: 'control-plane', kubernetesVersion: '1.33', apiServerPort: 8443, firewall: 'open', locale: 'zh-CN', imageRepository: 'registry.k8s.io' });
    expect(scripts.optionsFor('worker-3')).toMatchObject({ hostname: 'worker-3', role: 'worker' });
    expect(cp.hosts).toEqual(planHostsEntries(plan));
    expect(planHostsEntries(plan)).toEqual([
      { ip: '10.0.0.11', name: 'cp-1' },
      { ip: '10.0.0.12', name: 'cp-2' },
      { ip: '10.0.0.13', name: 'cp-3' },
      { ip: '10.0.0.21', name: 'worker-1' },
      { ip: '10.0.0.22', name: 'worker-2' },
      { ip: '10.0.0.23', name: 'worker-3' },
      { ip: '10.0.0.10', name: 'api.prod.example' },
    ]);
  });

  it('gives external etcd members their own role and control planes theirs, and the DNS name the first control plane without a VIP', () => {
    const plan = resolved(threeByThree({
      etcd: { topology: 'external', members: [{ name: 'etcd-1', ip: '10.0.0.31' }, { name: 'etcd-2', ip: '10.0.0.32' }, { name: 'etcd-3', ip: '10.0.0.33' }] },
      apiEndpoint: { vip: '', dnsName: 'API.prod.example', port: 6443 },
    }));
    const scripts = nodeScripts(plan, {})!;
    expect(scripts.optionsFor('etcd-2').role).toBe('etcd');
    expect(scripts.optionsFor('cp-1').role).toBe('control-plane-external-etcd');
    expect(planHostsEntries(plan).at(-1)).toEqual({ ip: '10.0.0.11', name: 'api.prod.example' });
  });

  it('takes the image repository from the plan first, then the screen, and leaves the scripts out for a minor they cannot install', () => {
    const withRepository = resolved(threeByThree({ imageRepository: 'harbor.local:5000/k8s' }));
    expect(nodeScripts(withRepository, { imageRepository: 'registry.aliyuncs.com/google_containers' })!.optionsFor('cp-1').imageRepository).toBe('harbor.local:5000/k8s');
    expect(nodeScripts(resolved(threeByThree()), { imageRepository: 'registry.aliyuncs.com/google_containers' })!.optionsFor('cp-1').imageRepository).toBe('registry.aliyuncs.com/google_containers');
    expect(nodeScripts(resolved(threeByThree({ kubernetesVersion: '1.29' })), {})).toBeNull();
    expect(nodeScripts(resolved(threeByThree({ kubernetesVersion: '1.35' })), { release: 'el7' })).toBeNull();
  });

  it('reads and checks the plan\'s optional imageRepository, and leaves plan.json as it was without one', () => {
    expect(planFromJson({ imageRepository: 'registry.aliyuncs.com/google_containers' }).plan.imageRepository).toBe('registry.aliyuncs.com/google_containers');
    expect(planToJson(threeByThree())).not.toContain('imageRepository');
    const bad = validatePlan(threeByThree({ imageRepository: 'https://registry.k8s.io' }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => [e.code, e.field])).toEqual([['cluster.invalid-image-repository', 'imageRepository']]);
  });
});

describe('the cluster zip', () => {
  let generated: GeneratedCluster;
  beforeAll(async () => {
    generated = await generateCluster(resolved(threeByThree({ key: { algo: 'ecdsa', size: 256 }, kubernetesVersion: '1.34', imageRepository: 'registry.aliyuncs.com/google_containers' })));
  });

  it('carries each node\'s scripts under /opt/kubeprep, executable, and check-nodes.sh', () => {
    const files = clusterBundleFiles(generated, 'kubeadm', 'en', { release: 'anolis8', firewall: 'open', locale: 'zh-CN' });
    const paths = files.map((f) => f.path);
    for (const node of ['cp-1', 'worker-2']) {
      for (const name of ['node-prep', 'container-runtime', 'verify-node']) expect(paths).toContain(`${node}/opt/kubeprep/${name}.sh`);
      expect(paths).not.toContain(`${node}/opt/kubeprep/kernel-upgrade.sh`);
    }
    const file = (path: string) => files.find((f) => f.path === path)!;
    expect(file('cp-1/opt/kubeprep/node-prep.sh').mode).toBe(EXECUTABLE);
    expect(file('check-nodes.sh').mode).toBe(EXECUTABLE);
    expect(file('check-nodes.sh').content).toContain("nodes=(cp-1=10.0.0.11 cp-2=10.0.0.12 cp-3=10.0.0.13 worker-1=10.0.0.21 worker-2=10.0.0.22 worker-3=10.0.0.23)");

    const cp = file('cp-1/opt/kubeprep/node-prep.sh').content;
    expect(cp).toContain("run hostnamectl set-hostname cp-1");
    expect(cp).toContain("printf '%s\\n' '10.0.0.10 api.prod.example'");
    expect(cp).toContain('for port in 6443/tcp 10257/tcp 10259/tcp 2379-2380/tcp 10250/tcp 10256/tcp 30000-32767/tcp 30000-32767/udp; do');
    expect(cp).toContain('step "关闭 swap');
    const worker = file('worker-2/opt/kubeprep/node-prep.sh').content;
    expect(worker).toContain("run hostnamectl set-hostname worker-2");
    expect(worker).toContain('for port in 10250/tcp 10256/tcp 30000-32767/tcp 30000-32767/udp; do');
    const runtime = file('worker-2/opt/kubeprep/container-runtime.sh').content;
    expect(runtime).toContain('/v1.34/rpm/');
    expect(runtime).toContain("IMAGE_REPOSITORY=registry.aliyuncs.com/google_containers");
    expect(file('cp-3/opt/kubeprep/verify-node.sh').content).toContain('CPUS=$(nproc)');
  });

  it('adds kernel-upgrade.sh where the release has one, and distribute.sh copies the scripts with the rest', () => {
    const files = clusterBundleFiles(generated, 'cfssl', 'en', { release: 'el9' });
    expect(files.map((f) => f.path)).toContain('cp-1/opt/kubeprep/kernel-upgrade.sh');
    const distribute = files.find((f) => f.path === 'distribute.sh')!.content;
    // Scripts stay executable on the node (scp -p keeps the mode set here).
    expect(distribute).toContain("send worker-1 10.0.0.21 0755 /opt/kubeprep/node-prep.sh");
  });
});
