import type { AuditHeartbeat, HaltReason } from '@medicdraft/contracts';

export interface AuditHealthStatus {
  healthy: boolean;
  /** Empty when healthy; `audit_heartbeat_stale` and/or `audit_lag` otherwise. */
  reasons: HaltReason[];
}

export interface AuditHealth {
  observe(heartbeat: AuditHeartbeat): void;
  status(nowMs: number): AuditHealthStatus;
  /** When the freshest heartbeat goes stale (epoch ms), or undefined with none held. */
  staleAt(): number | undefined;
}

/**
 * The readiness side of the audit halt (docs/architecture.md, "Heartbeat and halt"): the pipeline
 * is healthy while at least one audit instance sent a heartbeat within `maxAgeMs` (3 s) and the lag
 * summed over the fresh instances is at most `maxLag`. With no heartbeat at all (start-up, audit
 * never came up) it is unhealthy: fail closed. Freshness uses the heartbeat's own `issuedAt`
 * against the injected clock; a heartbeat dated in the future counts as issued now, so a skewed
 * clock cannot keep a dead audit service "fresh" for longer than `maxAgeMs` after its last message
 * arrived.
 */
export function createAuditHealth(opts: { maxAgeMs: number; maxLag: number; clock: () => number }): AuditHealth {
  const latest = new Map<string, { issuedMs: number; lag: number }>();
  return {
    observe(hb) {
      const issued = Math.min(Date.parse(hb.issuedAt), opts.clock());
      const held = latest.get(hb.instanceId);
      if (Number.isNaN(issued) || (held !== undefined && held.issuedMs > issued)) return;
      latest.set(hb.instanceId, { issuedMs: issued, lag: hb.lagTotal });
    },
    status(nowMs) {
      let fresh = 0;
      let lag = 0;
      for (const [id, hb] of latest) {
        const age = nowMs - hb.issuedMs;
        if (age > opts.maxAgeMs) {
          // Instances gone for a minute are forgotten (their partitions moved to others).
          if (age > 60_000) latest.delete(id);
          continue;
        }
        fresh += 1;
        lag += hb.lag;
      }
      const reasons: HaltReason[] = [];
      if (fresh === 0) reasons.push('audit_heartbeat_stale');
      else if (lag > opts.maxLag) reasons.push('audit_lag');
      return { healthy: reasons.length === 0, reasons };
    },
    staleAt() {
      let newest: number | undefined;
      for (const hb of latest.values()) newest = newest === undefined ? hb.issuedMs : Math.max(newest, hb.issuedMs);
      return newest === undefined ? undefined : newest + opts.maxAgeMs + 1;
    },
  };
}
