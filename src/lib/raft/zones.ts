// Spreading voting members over failure zones. A layout survives the loss of zone Z iff the members
// outside Z still reach quorum: n − members(Z) ≥ floor(n/2)+1 (derived from the etcd FAQ, etcd.io/docs/v3.5/faq).
import { KubeprepError } from '../errors';
import { MAX_MEMBERS, failuresTolerated, quorumFor } from './quorum';

export const MIN_ZONES = 2;
export const MAX_ZONES = 5;

export interface ZoneVerdict {
  zone: number;
  members: number;
  /** Voting members left when this zone is lost. */
  remaining: number;
  survivesLoss: boolean;
}

export interface ZoneAnalysis {
  members: number;
  quorum: number;
  tolerated: number;
  zones: ZoneVerdict[];
  survivesAnyZone: boolean;
  /** Fewest members left after losing the worst zone. */
  worstRemaining: number;
}

export function analyzeZones(layout: readonly number[]): ZoneAnalysis {
  checkLayout(layout);
  const members = layout.reduce((sum, m) => sum + m, 0);
  const quorum = quorumFor(members);
  const zones = layout.map((m, zone) => ({ zone, members: m, remaining: members - m, survivesLoss: members - m >= quorum }));
  return {
    members,
    quorum,
    tolerated: failuresTolerated(members),
    zones,
    survivesAnyZone: zones.every((z) => z.survivesLoss),
    worstRemaining: Math.min(...zones.map((z) => z.remaining)),
  };
}

/**
 * The smallest layouts over `zoneCount` zones that survive losing any one zone, one per odd cluster
 * size up to `maxMembers` (odd because an even size adds load but no tolerance). Members are spread as
 * evenly as possible, largest zones first: 5 over 3 zones is 2+2+1. Two zones give nothing: one of them
 * always holds at least half the members (kops PR #6641 discussion).
 */
export function suggestLayouts(zoneCount: number, maxMembers = 9): number[][] {
  checkZoneCount(zoneCount);
  const layouts: number[][] = [];
  for (let members = 3; members <= Math.min(maxMembers, MAX_MEMBERS); members += 2) {
    const layout = spreadEvenly(members, zoneCount);
    if (Math.max(...layout) <= failuresTolerated(members)) layouts.push(layout);
  }
  return layouts;
}

/** n members over k zones, differing by at most one, largest first; empty zones are left out. */
export function spreadEvenly(members: number, zoneCount: number): number[] {
  const base = Math.floor(members / zoneCount);
  const extra = members % zoneCount;
  return Array.from({ length: zoneCount }, (_, i) => base + (i < extra ? 1 : 0)).filter((m) => m > 0);
}

function checkZoneCount(zoneCount: number): void {
  if (!Number.isInteger(zoneCount) || zoneCount < MIN_ZONES || zoneCount > MAX_ZONES) {
    throw new KubeprepError('raft.zone-count', {
      field: 'zones',
      allowed: `${MIN_ZONES}–${MAX_ZONES}`,
      params: { value: String(zoneCount), min: MIN_ZONES, max: MAX_ZONES },
    });
  }
}

function checkLayout(layout: readonly number[]): void {
  checkZoneCount(layout.length);
  layout.forEach((m, zone) => {
    if (!Number.isInteger(m) || m < 0) {
      throw new KubeprepError('raft.zone-members', {
        field: `zones[${zone}]`,
        allowed: `0–${MAX_MEMBERS}`,
        params: { zone: zone + 1, value: String(m) },
      });
    }
  });
  const members = layout.reduce((sum, m) => sum + m, 0);
  if (members === 0) {
    throw new KubeprepError('raft.zones-empty', {
      field: 'zones',
      allowed: `1–${MAX_MEMBERS}`,
      params: {},
    });
  }
  if (members > MAX_MEMBERS) {
    throw new KubeprepError('raft.zones-too-many', {
      field: 'zones',
      allowed: `1–${MAX_MEMBERS}`,
      params: { value: members, max: MAX_MEMBERS },
    });
  }
}
