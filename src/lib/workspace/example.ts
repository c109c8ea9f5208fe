// The source guide's example workspace (section 三, "5、证书生成"), file for file: the five-profile
// ca-config.json, ca-csr.json (CN SelfSignedCa), etcd-csr.json and kubernetes-csr.json, signed with the
// profiles the guide's commands name (-profile=etcd, -profile=kubernetes). Content and key order are the
// guide's; only the indentation (lost in the guide's text) is ours.
import type { Workspace } from './model';

const guideUsages = ['signing', 'key encipherment'];

export const GUIDE_CA_CONFIG = pretty({
  signing: {
    default: { expiry: '43800h' },
    profiles: {
      server: { expiry: '43800h', usages: [...guideUsages, 'server auth'] },
      client: { expiry: '43800h', usages: [...guideUsages, 'client auth'] },
      peer: { expiry: '43800h', usages: [...guideUsages, 'server auth', 'client auth'] },
      kubernetes: { expiry: '43800h', usages: [...guideUsages, 'server auth', 'client auth'] },
      etcd: { expiry: '43800h', usages: [...guideUsages, 'server auth', 'client auth'] },
    },
  },
});

function guideCsr(cn: string, organization: string): string {
  return pretty({
    CN: cn,
    key: { algo: 'rsa', size: 2048 },
    names: [{ C: 'CN', L: 'shanghai', O: organization, ST: 'shanghai', OU: 'System' }],
  });
}

export const GUIDE_CA_CSR = guideCsr('SelfSignedCa', 'cfssl');
export const GUIDE_ETCD_CSR = guideCsr('etcd', 'etcd');
const GUIDE_KUBERNETES_CSR = guideCsr('kubernetes', 'kubernetes');

/** A fresh copy of the guide's workspace (new request ids each time). */
export function guideExampleWorkspace(): Workspace {
  return {
    config: GUIDE_CA_CONFIG,
    caCsr: GUIDE_CA_CSR,
    requests: [
      { id: 'guide-etcd', name: 'etcd', json: GUIDE_ETCD_CSR, profile: 'etcd' },
      { id: 'guide-kubernetes', name: 'kubernetes', json: GUIDE_KUBERNETES_CSR, profile: 'kubernetes' },
    ],
  };
}

function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
