import { describe, expect, it } from 'vitest';
import type { EventPublisher } from '../bus/event-bus.port.js';
import { migrate } from '../db/migrate.js';
import { createPgliteDatabase } from '../db/pglite-database.js';
import { createMetrics } from '../runtime/metrics.js';
import { outboxMetrics } from './outbox-metrics.js';
import { outboxMigrations } from './outbox-migrations.js';
import { createOutboxRelay } from './outbox-relay.js';
import { appendToOutbox } from './outbox-writer.js';

const value = async (metrics: ReturnType<typeof createMetrics>, name: string, service: string) =>
  (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name)?.values.find((v) => v.labels.service === service)?.value;

describe('outbox metrics', () => {
  it(
    'medicdraft_outbox_unpublished_rows rises with rows the bus does not take and falls to 0 once relayed',
    { timeout: 60_000 },
    async () => {
      const db = createPgliteDatabase({ schema: 'obx', role: 'obx_svc' });
      await migrate(db, { schema: 'obx', role: 'obx_svc', migrations: outboxMigrations('obx', 'obx_svc') });
      let down = true;
      const publisher: EventPublisher = {
        async publish() {
          if (down) throw new Error('bus down');
        },
      };
      const relay = createOutboxRelay({ db, schema: 'obx', publisher, pollIntervalMs: 10, maxBackoffMs: 20 });
      const metrics = createMetrics('test');
      outboxMetrics(metrics, 'ingest', relay);
      expect(await value(metrics, 'medicdraft_outbox_unpublished_rows', 'ingest')).toBe(0);
      expect(await value(metrics, 'medicdraft_outbox_oldest_unpublished_age_seconds', 'ingest')).toBe(0);
      await relay.start();
      await db.withTenant('t1', (tx) =>
        appendToOutbox(tx, [
          { id: '00000000-0000-4000-8000-000000000001', tenantId: 't1', topic: 'x', key: 'k', value: '1' },
          { id: '00000000-0000-4000-8000-000000000002', tenantId: 't1', topic: 'x', key: 'k', value: '2' },
        ]),
      );
      expect(await value(metrics, 'medicdraft_outbox_unpublished_rows', 'ingest')).toBe(2);
      expect(await value(metrics, 'medicdraft_outbox_oldest_unpublished_age_seconds', 'ingest')).toBeGreaterThanOrEqual(0);
      down = false;
      await expect.poll(() => value(metrics, 'medicdraft_outbox_unpublished_rows', 'ingest'), { timeout: 10_000 }).toBe(0);
      await relay.stop();
      await db.close();
    },
  );
});
