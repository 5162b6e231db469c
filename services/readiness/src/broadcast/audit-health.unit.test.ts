import { auditHeartbeatFixture } from '@medicdraft/contracts/testing';
import { describe, expect, it } from 'vitest';
import { createAuditHealth } from './audit-health.js';

const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const hb = (instanceId: string, atMs: number, lagTotal = 0) => ({
  ...auditHeartbeatFixture(),
  instanceId,
  issuedAt: new Date(atMs).toISOString(),
  lagTotal,
});

describe('audit health (readiness side of the audit halt)', () => {
  it('given no heartbeat yet, when asked, then the pipeline is halted as stale (fail closed)', () => {
    const health = createAuditHealth({ maxAgeMs: 3_000, maxLag: 100, clock: () => T0 });
    expect(health.status(T0)).toEqual({ healthy: false, reasons: ['audit_heartbeat_stale'] });
  });

  it('given a heartbeat, when 3 s pass without another, then it is healthy up to 3 s and stale after', () => {
    let now = T0;
    const health = createAuditHealth({ maxAgeMs: 3_000, maxLag: 100, clock: () => now });
    health.observe(hb('audit-a', T0));
    expect(health.status(T0 + 3_000)).toEqual({ healthy: true, reasons: [] });
    expect(health.status(T0 + 3_001)).toEqual({ healthy: false, reasons: ['audit_heartbeat_stale'] });
    expect(health.staleAt()).toBe(T0 + 3_001);
    now = T0 + 4_000;
    health.observe(hb('audit-a', T0 + 4_000));
    expect(health.status(T0 + 4_000).healthy).toBe(true);
  });

  it('given two fresh instances, when their summed lag exceeds the bound, then it halts for lag', () => {
    const health = createAuditHealth({ maxAgeMs: 3_000, maxLag: 100, clock: () => T0 });
    health.observe(hb('audit-a', T0, 60));
    health.observe(hb('audit-b', T0, 40));
    expect(health.status(T0).healthy).toBe(true);
    health.observe(hb('audit-b', T0, 41));
    expect(health.status(T0)).toEqual({ healthy: false, reasons: ['audit_lag'] });
  });

  it('given one instance died, when the other still beats, then the stale one no longer counts', () => {
    const health = createAuditHealth({ maxAgeMs: 3_000, maxLag: 100, clock: () => T0 + 5_000 });
    health.observe(hb('audit-a', T0, 500));
    health.observe(hb('audit-b', T0 + 5_000, 10));
    expect(health.status(T0 + 5_000)).toEqual({ healthy: true, reasons: [] });
  });

  it('given a heartbeat dated in the future, when time passes, then it goes stale 3 s after it arrived', () => {
    const health = createAuditHealth({ maxAgeMs: 3_000, maxLag: 100, clock: () => T0 });
    health.observe(hb('audit-a', T0 + 600_000));
    expect(health.status(T0 + 3_001).healthy).toBe(false);
  });

  it('given an older heartbeat delivered late, when observed, then it does not replace the newer one', () => {
    const health = createAuditHealth({ maxAgeMs: 3_000, maxLag: 100, clock: () => T0 + 2_000 });
    health.observe(hb('audit-a', T0 + 2_000, 0));
    health.observe(hb('audit-a', T0, 999));
    expect(health.status(T0 + 2_000).healthy).toBe(true);
  });
});
