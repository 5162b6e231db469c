import { randomUUID } from 'node:crypto';
import { startAuditService, type AuditService } from '@medicdraft/audit';
import { encodeEvent, TOPIC, type DomainEvent } from '@medicdraft/contracts';
import { eventFixture } from '@medicdraft/contracts/testing';
import { createHttpApp, createLogger, createMemoryEventBus, createMetrics, createPgliteDatabase, openPglite } from '@medicdraft/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditClient } from './audit-client.port.js';
import { createHttpAuditClient, createInProcessAuditClient } from './audit-clients.js';

const logger = createLogger({ service: 'gateway-audit-client-test', level: 'silent' });

/** The real audit service (memory bus, PGlite) holding `events`, all covered by a signed checkpoint. */
async function startAudit(internalApi: boolean, tenantId: string, other: string) {
  const bus = createMemoryEventBus();
  const pglite = await openPglite();
  const service: AuditService = await startAuditService({
    bus,
    db: createPgliteDatabase({ pglite, schema: 'audit', role: 'medicdraft_audit' }),
    logger,
    partitions: 1,
    groupSuffix: '',
    internalApi,
    settings: { checkpointIntervalMs: 20 },
  });
  const types = [TOPIC.AUTH_LOGIN, TOPIC.NARRATIVE_VIEWED, TOPIC.ACCESS_DENIED, TOPIC.NARRATIVE_VIEWED] as const;
  const events = types.map((type, i) => ({ ...eventFixture(type), id: randomUUID(), tenantId: i === 3 ? other : tenantId }) as DomainEvent);
  for (const e of events) await bus.publish([{ topic: e.type, key: e.correlationId, value: encodeEvent(e) }]);
  for (let i = 0; i < 300; i++) {
    const [mine, theirs] = await Promise.all([tenantId, other].map((t) => service.query.latestCheckpoint(t).catch(() => undefined)));
    if (mine?.treeSize === 3 && theirs?.treeSize === 1) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    service,
    events,
    async close() {
      await service.stop();
      await bus.close();
      await pglite.close();
    },
  };
}

function describeAuditClientContract(
  name: string,
  setup: (tenantId: string, other: string) => Promise<{ client: AuditClient; events: DomainEvent[]; close(): Promise<void> }>,
) {
  describe(`AuditClient contract: ${name}`, { timeout: 60_000 }, () => {
    const TENANT = `t-${randomUUID().slice(0, 8)}`;
    const OTHER = `t-${randomUUID().slice(0, 8)}`;
    let f: Awaited<ReturnType<typeof setup>>;
    beforeAll(async () => {
      f = await setup(TENANT, OTHER);
    });
    afterAll(async () => f?.close());

    it("pages and filters the tenant's records only", async () => {
      const page = (await f.client.list(TENANT, { limit: 2 })) as { records: { eventId: string; type: string }[]; nextAfter?: number };
      expect(page.records.map((r) => r.eventId)).toEqual(f.events.slice(0, 2).map((e) => e.id));
      expect(page.nextAfter).toBe(2);
      const rest = (await f.client.list(TENANT, { limit: 10, after: page.nextAfter })) as typeof page;
      expect(rest.records.map((r) => r.eventId)).toEqual([f.events[2]!.id]);
      const viewed = (await f.client.list(TENANT, { limit: 10, types: ['narrative.viewed'] })) as typeof page;
      expect(viewed.records.map((r) => r.eventId)).toEqual([f.events[1]!.id]);
      const future = (await f.client.list(TENANT, { limit: 10, from: '2999-01-01T00:00:00Z' })) as typeof page;
      expect(future.records).toEqual([]);
      expect(JSON.stringify(await f.client.list(TENANT, { limit: 10 }))).not.toContain(f.events[3]!.id);
    });

    it('returns the latest signed checkpoint and an inclusion proof; another tenant’s event is not found', async () => {
      expect(await f.client.latestCheckpoint(TENANT)).toMatchObject({ tenantId: TENANT, treeSize: 3, algorithm: 'ed25519' });
      expect(await f.client.proof(TENANT, f.events[1]!.id)).toMatchObject({
        eventId: f.events[1]!.id,
        leafIndex: 1,
        checkpoint: { treeSize: expect.any(Number) },
      });
      await expect(f.client.proof(TENANT, f.events[3]!.id)).rejects.toMatchObject({ code: 'not_found', status: 404 });
      await expect(f.client.latestCheckpoint(`t-${randomUUID().slice(0, 8)}`)).rejects.toMatchObject({ code: 'not_found', status: 404 });
    });
  });
}

describeAuditClientContract('in-process adapter', async (tenantId, other) => {
  const audit = await startAudit(false, tenantId, other);
  expect(audit.service.routes).toBeUndefined();
  return { client: createInProcessAuditClient(audit.service.query), events: audit.events, close: audit.close };
});

describeAuditClientContract('HTTP adapter (audit internal API on loopback)', async (tenantId, other) => {
  const audit = await startAudit(true, tenantId, other);
  const app = createHttpApp({
    logger,
    metrics: createMetrics('audit-internal'),
    ops: { checks: () => audit.service.checks, accepting: () => true },
  });
  await audit.service.routes?.(app);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    client: createHttpAuditClient({ baseUrl: address }),
    events: audit.events,
    async close() {
      await app.close();
      await audit.close();
    },
  };
});
