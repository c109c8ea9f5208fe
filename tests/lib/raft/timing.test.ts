import { describe, expect, it } from 'vitest';
import { suggestTimers } from '../../../src/lib/raft/timing';

describe('etcd timer suggestions from RTT', () => {
  it('keeps etcd defaults (100 ms, 1000 ms) inside one data centre', () => {
    expect(suggestTimers(1)).toMatchObject({ heartbeatMs: 100, electionTimeoutMs: 1000, note: 'raft.timing.defaultsFine' });
    expect(suggestTimers(0).flags).toBe('--heartbeat-interval=100 --election-timeout=1000');
  });

  it('raises both for a slow link: heartbeat ≈ RTT, election ≥ 10 × RTT', () => {
    expect(suggestTimers(150)).toMatchObject({ heartbeatMs: 150, electionTimeoutMs: 1500, note: 'raft.timing.raised' });
  });

  it('caps the election timeout at 50 000 ms and says the link is too slow', () => {
    expect(suggestTimers(6000)).toMatchObject({ heartbeatMs: 6000, electionTimeoutMs: 50_000, note: 'raft.timing.tooFar' });
    expect(suggestTimers(5000)).toMatchObject({ electionTimeoutMs: 50_000, note: 'raft.timing.raised' });
  });

  it('refuses negative, fractional and absurd round-trip times', () => {
    for (const bad of [-1, 2.5, 10_001, Number.NaN]) {
      expect(() => suggestTimers(bad), String(bad)).toThrow(expect.objectContaining({ code: 'raft.rtt', field: 'rtt' }));
    }
  });
});
