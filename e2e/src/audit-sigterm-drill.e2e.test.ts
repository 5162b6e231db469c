import { randomUUID } from 'node:crypto';
import { encodeEvent, TOPIC, type EventOf } from '@medicdraft/contracts';
import { eventFixture } from '@medicdraft/contracts/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDrill, type Drill } from './drill.js';
import type { ServiceProcess } from './service-process.js';

const TOTAL = 3_000;
const BATCH = 50;

/**
 * At-least-once delivery with an exactly-once effect: a consumer (the audit service) is stopped
 * while a stream of events flows — first gracefully (SIGTERM), then abruptly (SIGKILL, which forces
 * redelivery of uncommitted offsets) — and restarted each time. Every event must end up applied
 * exactly once.
 */
describe('drill: stop the audit consumer mid-stream, restart it', () => {
  let drill: Drill;
  let db: pg.Client;
  let audit: ServiceProcess | undefined;

  beforeAll(async () => {
    drill = await startDrill('sigterm');
    db = new pg.Client({ connectionString: drill.db.url });
    await db.connect();
    drill.defer(() => db.end());
  });
  afterAll(async () => {
    await drill?.close();
  });

  // The superuser bypasses RLS: the test counts across the audit service's tenant isolation.
  const counts = async () => {
    const { rows } = await db
      .query<{ n: number; distinct_ids: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS distinct_ids FROM audit.events WHERE tenant_id = $1',
        [drill.tenantId],
      )
      .catch(() => ({ rows: [{ n: 0, distinct_ids: 0 }] }));
    return rows[0] ?? { n: 0, distinct_ids: 0 };
  };

  it('loses no event and applies none twice across a SIGTERM and a SIGKILL', async () => {
    const ids: string[] = [];
    const events: EventOf<'auth.login'>[] = [];
    for (let i = 0; i < TOTAL; i++) {
      const event = { ...eventFixture(TOPIC.AUTH_LOGIN), id: randomUUID(), tenantId: drill.tenantId, correlationId: randomUUID() };
      ids.push(event.id);
      events.push(event);
    }
    let published = 0;
    const producing = (async () => {
      for (let i = 0; i < TOTAL; i += BATCH) {
        const batch = events.slice(i, i + BATCH);
        // Every tenth batch is sent twice, as an at-least-once producer retrying would.
        const copies = (i / BATCH) % 10 === 0 ? 2 : 1;
        for (let c = 0; c < copies; c++)
          await drill.bus.publish(batch.map((e) => ({ topic: e.type, key: e.correlationId, value: encodeEvent(e) })));
        published += batch.length;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    audit = await drill.start('audit');
    await expect.poll(async () => (await counts()).n, { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(TOTAL / 4);
    expect(await audit.stop('SIGTERM'), 'graceful exit code').toBe(0);
    expect(audit.output()).toContain('"msg":"shutdown complete"');
    const afterTerm = (await counts()).n;
    expect(afterTerm).toBeGreaterThan(0);

    audit = await drill.start('audit');
    await expect
      .poll(async () => (await counts()).n, { timeout: 60_000, interval: 100 })
      .toBeGreaterThanOrEqual(Math.min(TOTAL, afterTerm + TOTAL / 4));
    await audit.stop('SIGKILL');

    audit = await drill.start('audit');
    await producing;
    expect(published).toBe(TOTAL);
    await expect.poll(async () => (await counts()).n, { timeout: 90_000, interval: 100 }).toBeGreaterThanOrEqual(TOTAL);
    // Give redeliveries (if any were wrongly applied) time to show up before the final count.
    await new Promise((r) => setTimeout(r, 2_000));

    const final = await counts();
    expect(final).toEqual({ n: TOTAL, distinct_ids: TOTAL });
    const { rows } = await db.query<{ event_id: string }>('SELECT event_id FROM audit.events WHERE tenant_id = $1', [drill.tenantId]);
    expect(new Set(rows.map((r) => r.event_id))).toEqual(new Set(ids));
  });
});
