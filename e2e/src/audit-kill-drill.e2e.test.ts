import { randomUUID } from 'node:crypto';
import { DOMAIN_TOPICS, encodeEvent, type DomainEvent } from '@medicdraft/contracts';
import { eventFixture } from '@medicdraft/contracts/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runAuditCli } from './audit-cli.js';
import { startDrill, type Drill } from './drill.js';
import type { ServiceProcess } from './service-process.js';
import { stack } from './stack-env.js';

const TOTAL = 2_400;
const BATCH = 40;
/**
 * The audit side of the halt drill: the audit service is SIGKILLed while events of
 * several types and two tenants flow (some published twice), then restarted. Afterwards every
 * event is in its tenant's chain exactly once, the chains are gap-free, a signed checkpoint covers
 * each whole chain, and `medicdraft-audit verify` exits 0 on that database.
 * (Whether readiness halts the pipeline within 3 s is the readiness drill's concern.)
 * Needs `npm run build -w @medicdraft/audit` (the processes run the built dist).
 */
describe('drill: SIGKILL the audit service while events flow, restart it', () => {
  let drill: Drill;
  let db: pg.Client;
  let audit: ServiceProcess | undefined;
  let tenants: string[];

  beforeAll(async () => {
    drill = await startDrill('auditkill');
    tenants = [drill.tenantId, `${drill.tenantId}-b`];
    db = new pg.Client({ connectionString: drill.db.url });
    await db.connect();
    drill.defer(() => db.end());
  });
  afterAll(async () => {
    await drill?.close();
  });

  // The superuser bypasses RLS: the test reads across the audit service's tenant isolation.
  const count = async () => {
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit.events').catch(() => ({ rows: [{ n: 0 }] }));
    return rows[0]?.n ?? 0;
  };

  it('loses nothing, duplicates nothing, and the chains and checkpoints verify after the restart', async () => {
    const events: DomainEvent[] = Array.from({ length: TOTAL }, (_, i) => {
      const type = DOMAIN_TOPICS[i % DOMAIN_TOPICS.length] as (typeof DOMAIN_TOPICS)[number];
      return { ...eventFixture(type), id: randomUUID(), tenantId: tenants[i % 2] as string, correlationId: randomUUID() } as DomainEvent;
    });
    audit = await drill.start('audit', { AUDIT_CHECKPOINT_INTERVAL_MS: '200' });

    let published = 0;
    const producing = (async () => {
      for (let i = 0; i < TOTAL; i += BATCH) {
        const batch = events.slice(i, i + BATCH).map((e) => ({ topic: e.type, key: e.correlationId, value: encodeEvent(e) }));
        // Every fifth batch twice, as an at-least-once producer retrying would.
        for (let c = 0; c < ((i / BATCH) % 5 === 0 ? 2 : 1); c++) await drill.bus.publish(batch);
        published += batch.length;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    const beforeKill = await vi.waitFor(
      async () => {
        const n = await count();
        expect(n).toBeGreaterThanOrEqual(TOTAL / 3);
        return n;
      },
      { timeout: 60_000, interval: 100 },
    );
    expect(beforeKill).toBeGreaterThan(0);
    expect(published, 'killed while events still flow').toBeLessThan(TOTAL);
    expect(await audit.stop('SIGKILL')).toBeNull();

    audit = await drill.start('audit', { AUDIT_CHECKPOINT_INTERVAL_MS: '200' });
    await producing;
    expect(published).toBe(TOTAL);
    await vi.waitFor(
      async () => {
        const n = await count();
        expect(n).toBeGreaterThanOrEqual(TOTAL);
      },
      { timeout: 90_000, interval: 100 },
    );
    // Time for a wrongly applied redelivery to show up before the final count.
    await new Promise((r) => setTimeout(r, 2_000));

    const { rows: perTenant } = await db.query<{ tenant_id: string; n: number; ids: number; max_seq: number }>(
      'SELECT tenant_id, count(*)::int AS n, count(DISTINCT event_id)::int AS ids, max(seq)::int AS max_seq FROM ' +
        'audit.events GROUP BY tenant_id ORDER BY tenant_id',
    );
    expect(perTenant).toEqual(
      tenants
        .map((t) => ({ tenant_id: t, n: TOTAL / 2, ids: TOTAL / 2, max_seq: TOTAL / 2 }))
        .sort((a, b) => (a.tenant_id < b.tenant_id ? -1 : 1)),
    );
    const { rows: stored } = await db.query<{ event_id: string }>('SELECT event_id FROM audit.events');
    expect(new Set(stored.map((r) => r.event_id))).toEqual(new Set(events.map((e) => e.id)));

    // A signed checkpoint covers each whole chain (including records appended just before the kill).
    const signed = await vi.waitFor(
      async () => {
        const value = await (
          await db.query<{ tenant_id: string; size: number }>(
            'SELECT tenant_id, max(tree_size)::int AS size FROM audit.checkpoints GROUP BY tenant_id',
          )
        ).rows;
        expect(value.length === 2 && value.every((r) => r.size === TOTAL / 2)).toBe(true);
        return value;
      },
      { timeout: 10_000, interval: 100 },
    );
    expect(signed.map((r) => r.size)).toEqual([TOTAL / 2, TOTAL / 2]);

    expect(await audit.stop('SIGTERM'), 'graceful exit after the drill').toBe(0);
    const verify = await runAuditCli(['verify'], { DATABASE_URL: drill.db.url, KAFKA_BROKERS: stack.kafka.brokers.join(',') });
    expect(verify.stderr).toContain('verify: 2 tenant(s) OK');
    expect(verify.code).toBe(0);
    const summaries = verify.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(summaries.map((s) => [s['ok'], s['records'], s['unanchored']])).toEqual([
      [true, TOTAL / 2, 0],
      [true, TOTAL / 2, 0],
    ]);
  });
});
