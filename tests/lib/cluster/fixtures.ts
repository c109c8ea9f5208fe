// Plans shared by the cluster tests: 3 control-plane + 3 workers, in both trust models.
import { defaultPlan, validatePlan, type ClusterPlan, type ResolvedPlan } from '../../../src/lib/cluster';

export function threeByThree(overrides: Partial<ClusterPlan> = {}): ClusterPlan {
  return {
    ...defaultPlan(),
    clusterName: 'prod',
    kubernetesVersion: '1.31',
    controlPlane: [
      { name: 'cp-1', ip: '10.0.0.11' },
      { name: 'cp-2', ip: '10.0.0.12' },
      { name: 'cp-3', ip: '10.0.0.13' },
    ],
    workers: [
      { name: 'worker-1', ip: '10.0.0.21' },
      { name: 'worker-2', ip: '10.0.0.22' },
      { name: 'worker-3', ip: '10.0.0.23' },
    ],
    // A load balancer outside the plan on 6443 (the kubeadm docs' default); keepalived + haproxy and
    // kube-vip have their own tests.
    apiEndpoint: { vip: '10.0.0.10', dnsName: 'api.prod.example', port: 6443 },
    loadBalancer: { kind: 'external', interface: 'eth0' },
    serviceCidr: '10.96.0.0/12',
    clusterDomain: 'cluster.local',
    extraApiServerSans: ['k8s.example.com'],
    ...overrides,
  };
}

export function resolved(plan: ClusterPlan): ResolvedPlan {
  const result = validatePlan(plan);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('; '));
  return result.resolved;
}
