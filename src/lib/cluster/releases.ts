// The Kubernetes minors a plan may target: when each was released, when its patch support ends, and
// which kubeadm configuration API it reads. Dates from each minor's release page,
// https://kubernetes.io/releases/1.NN/ (Release Status, Maintenance Mode Start Date, End Of Life Date),
// as published on 2026-11-29; 1.37 (released 2026-08-26) is the newest minor out on that day.
// A new minor is one line here; the default plan, the version field's choices and every check follow.

export interface KubernetesRelease {
  minor: number;
  /** First 1.NN.0 release (YYYY-MM-DD). */
  released: string;
  /** From this day only critical fixes (maintenance mode); patch support ends at endOfLife. */
  maintenanceFrom: string;
  endOfLife: string;
}

export const KUBERNETES_RELEASES: readonly KubernetesRelease[] = [
  { minor: 37, released: '2026-08-26', maintenanceFrom: '2027-08-28', endOfLife: '2027-10-28' },
  { minor: 36, released: '2026-04-22', maintenanceFrom: '2027-04-28', endOfLife: '2027-06-28' },
  { minor: 35, released: '2025-12-17', maintenanceFrom: '2026-12-28', endOfLife: '2027-02-28' },
  { minor: 34, released: '2025-08-27', maintenanceFrom: '2026-08-27', endOfLife: '2026-10-27' },
  { minor: 33, released: '2025-04-23', maintenanceFrom: '2026-04-28', endOfLife: '2026-06-28' },
  { minor: 32, released: '2024-12-11', maintenanceFrom: '2025-12-28', endOfLife: '2026-02-28' },
  { minor: 31, released: '2024-08-13', maintenanceFrom: '2025-08-28', endOfLife: '2025-10-28' },
  { minor: 30, released: '2024-04-17', maintenanceFrom: '2025-04-28', endOfLife: '2025-06-28' },
  { minor: 29, released: '2023-12-13', maintenanceFrom: '2024-12-28', endOfLife: '2025-02-28' },
  { minor: 28, released: '2023-08-15', maintenanceFrom: '2024-08-28', endOfLife: '2024-10-28' },
];

/** The newest released minor: the default target of a new plan. */
export const NEWEST_MINOR = KUBERNETES_RELEASES[0]!.minor;

/** `1.37`, `1.36`, ... as the version field offers them, newest first. */
export const KUBERNETES_VERSIONS: readonly string[] = KUBERNETES_RELEASES.map((r) => `1.${r.minor}`);

export function kubernetesRelease(minor: number): KubernetesRelease | undefined {
  return KUBERNETES_RELEASES.find((r) => r.minor === minor);
}

export type SupportStatus = 'supported' | 'maintenance' | 'end-of-life';

/** Where a minor stands on `now` (UTC days). */
export function supportStatus(release: KubernetesRelease, now: Date): SupportStatus {
  const today = now.toISOString().slice(0, 10);
  if (today >= release.endOfLife) return 'end-of-life';
  if (today >= release.maintenanceFrom) return 'maintenance';
  return 'supported';
}

/**
 * The kubeadm configuration API a minor reads: v1beta4 arrived in kubeadm 1.31, v1beta3 is the one
 * 1.22 to 1.30 know (cmd/kubeadm/app/apis/kubeadm/v1beta4/doc.go, v1beta3/doc.go).
 */
export function kubeadmApiVersion(minor: number): 'kubeadm.k8s.io/v1beta3' | 'kubeadm.k8s.io/v1beta4' {
  return minor >= 31 ? 'kubeadm.k8s.io/v1beta4' : 'kubeadm.k8s.io/v1beta3';
}
