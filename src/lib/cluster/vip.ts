// The API VIP on the control-plane nodes. keepalived + haproxy as in kubeadm's HA guide
// (https://github.com/kubernetes/kubeadm/blob/main/docs/ha-considerations.md, options 1): keepalived
// moves the VIP by VRRP to a node whose kube-apiserver answers, haproxy on every node spreads the
// endpoint port over all API servers. Or kube-vip as a static pod in ARP mode
// (https://kube-vip.io/docs/installation/static/), the manifest `kube-vip manifest pod --arp
// --controlplane --leaderElection` writes. Both read only the plan.
import type { Locale } from '../i18n';
import { shellComment } from '../scripts/shell';
import { kubeconfigPath } from './paths';
import type { PlanNode } from './plan';
import { httpsUrl, type ResolvedPlan } from './validate';
import { toYaml } from './yaml';

export const HAPROXY_CONFIG_PATH = '/etc/haproxy/haproxy.cfg';
export const KEEPALIVED_CONFIG_PATH = '/etc/keepalived/keepalived.conf';
export const KEEPALIVED_CHECK_PATH = '/etc/keepalived/check_apiserver.sh';
export const KUBE_VIP_MANIFEST = 'kube-vip.yaml';
/** A kube-vip release (https://github.com/kube-vip/kube-vip/releases) whose manifest format this writes. */
export const KUBE_VIP_IMAGE = 'ghcr.io/kube-vip/kube-vip:v1.2.3';

function isIpv6(address: string): boolean {
  return address.includes(':');
}

/** haproxy: a TCP frontend on the endpoint port, every kube-apiserver behind it, checked on /livez over TLS. */
export function haproxyConfig(plan: ResolvedPlan, locale: Locale): string {
  const p = plan.plan;
  const bind = isIpv6(p.apiEndpoint.vip) ? `:::${p.apiEndpoint.port} v4v6` : `*:${p.apiEndpoint.port}`;
  return [
    ...shellComment(locale, 'cluster.vip.haproxy.title', { cluster: p.clusterName, url: plan.endpointUrl, port: p.apiServerBindPort }),
    'global',
    '  log /dev/log local0',
    '  maxconn 20000',
    '',
    'defaults',
    '  mode tcp',
    '  log global',
    '  option tcplog',
    '  option dontlognull',
    '  retries 3',
    '  timeout connect 5s',
    // Long client and server timeouts: watches and `kubectl exec` keep connections open for hours.
    '  timeout client 4h',
    '  timeout server 4h',
    '  timeout check 5s',
    '',
    'frontend kube-apiserver',
    `  bind ${bind}`,
    '  default_backend kube-apiserver',
    '',
    'backend kube-apiserver',
    '  balance roundrobin',
    '  option httpchk',
    '  http-check send meth GET uri /livez',
    '  http-check expect status 200',
    '  default-server check check-ssl verify none inter 3s fall 3 rise 2',
    ...p.controlPlane.map((node) => `  server ${node.name} ${isIpv6(node.ip) ? `[${node.ip}]` : node.ip}:${p.apiServerBindPort}`),
    '',
  ].join('\n');
}

/**
 * VRRP priorities: the first control-plane node highest, each next one 10 lower, all at least 100; a
 * failing check takes 10 per node off, so a node whose API server is down drops below every healthy one.
 */
export function vrrpPriorities(count: number): { priorities: number[]; weight: number } {
  return { priorities: Array.from({ length: count }, (_, i) => 100 + 10 * (count - 1 - i)), weight: -10 * count };
}

/** A VRRP router id (1–255) from the VIP, so two clusters on one LAN with different VIPs differ. */
export function virtualRouterId(vip: string): number {
  const last = isIpv6(vip) ? parseInt(vip.split(':').pop() || '0', 16) : Number(vip.split('.').pop());
  return (Number.isFinite(last) ? last % 255 : 0) + 1;
}

export function keepalivedConfig(plan: ResolvedPlan, node: PlanNode, locale: Locale): string {
  const p = plan.plan;
  const index = p.controlPlane.findIndex((n) => n.name === node.name);
  const { priorities, weight } = vrrpPriorities(p.controlPlane.length);
  const vip = p.apiEndpoint.vip;
  return [
    ...shellComment(locale, 'cluster.vip.keepalived.title', { node: node.name, cluster: p.clusterName, vip }),
    'global_defs {',
    `  router_id ${node.name}`,
    '  enable_script_security',
    '  script_user root',
    '}',
    '',
    'vrrp_script check_apiserver {',
    `  script "${KEEPALIVED_CHECK_PATH}"`,
    '  interval 3',
    '  timeout 3',
    '  fall 3',
    '  rise 2',
    `  weight ${weight}`,
    '}',
    '',
    // No authentication block: VRRP PASS authentication sends the password in clear and VRRPv3
    // (RFC 5798) dropped it; keep VRRP on a trusted network segment instead.
    'vrrp_instance kube_apiserver {',
    `  state ${index === 0 ? 'MASTER' : 'BACKUP'}`,
    `  interface ${p.loadBalancer.interface}`,
    `  virtual_router_id ${virtualRouterId(vip)}`,
    `  priority ${priorities[index] ?? 100}`,
    '  advert_int 1',
    ...(isIpv6(vip) ? ['  native_ipv6'] : []),
    '  virtual_ipaddress {',
    `    ${vip}/${isIpv6(vip) ? 128 : 32}`,
    '  }',
    '  track_script {',
    '    check_apiserver',
    '  }',
    '}',
    '',
  ].join('\n');
}

/** The health check keepalived runs: this node's own kube-apiserver /livez (anonymous, system:public-info-viewer). */
export function keepalivedCheckScript(plan: ResolvedPlan, locale: Locale): string {
  const local = httpsUrl(isIpv6(plan.plan.apiEndpoint.vip) ? '::1' : '127.0.0.1', plan.plan.apiServerBindPort);
  return [
    '#!/bin/sh',
    ...shellComment(locale, 'cluster.vip.check.title'),
    `exec curl --silent --fail --insecure --max-time 2 --output /dev/null ${local}/livez`,
    '',
  ].join('\n');
}

/**
 * kube-vip's static pod. It reads the API through a kubeconfig: on the first control-plane node
 * super-admin.conf, because admin.conf has no rights until `kubeadm init` has bound its group, which needs
 * the VIP kube-vip is to announce (kube-vip/kube-vip#684); admin.conf on the others.
 */
export function kubeVipManifest(plan: ResolvedPlan, node: PlanNode): string {
  const p = plan.plan;
  const first = p.controlPlane[0]?.name === node.name && plan.minorVersion >= 29;
  const kubeconfig = kubeconfigPath(first ? 'super-admin.conf' : 'admin.conf');
  const env = (name: string, value: string) => ({ name, value });
  return toYaml({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'kube-vip', namespace: 'kube-system' },
    spec: {
      containers: [{
        name: 'kube-vip',
        image: KUBE_VIP_IMAGE,
        imagePullPolicy: 'IfNotPresent',
        args: ['manager'],
        env: [
          env('vip_arp', 'true'),
          env('port', String(p.apiServerBindPort)),
          { name: 'vip_nodename', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
          env('vip_interface', p.loadBalancer.interface),
          env('vip_cidr', isIpv6(p.apiEndpoint.vip) ? '128' : '32'),
          env('cp_enable', 'true'),
          env('cp_namespace', 'kube-system'),
          env('vip_leaderelection', 'true'),
          env('vip_leasename', 'plndr-cp-lock'),
          env('vip_leaseduration', '5'),
          env('vip_renewdeadline', '3'),
          env('vip_retryperiod', '1'),
          env('address', p.apiEndpoint.vip),
        ],
        securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
        volumeMounts: [{ name: 'kubeconfig', mountPath: kubeconfigPath('admin.conf') }],
      }],
      // kube-vip dials https://kubernetes:<port>: the local API server (its certificate names `kubernetes`).
      hostAliases: [{ ip: '127.0.0.1', hostnames: ['kubernetes'] }],
      hostNetwork: true,
      volumes: [{ name: 'kubeconfig', hostPath: { path: kubeconfig, type: 'File' } }],
    },
  });
}
