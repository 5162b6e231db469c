import { randomUUID } from 'node:crypto';
import { startAuditService, type AuditService } from '@medicdraft/audit';
import { auditApi, encodeEvent, TOPIC, type AuditApi, type DomainEvent } from '@medicdraft/contracts';
import { eventFixture } from '@medicdraft/contracts/testing';
import { createLogger, createMemoryEventBus } from '@medicdraft/platform';
import { createPgliteDatabase, openPglite } from '@medicdraft/platform/pglite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serveOnLoopback } from '../testing/loopback-api.js';

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
  const treeSizes = () =>
    Promise.all([tenantId, other].map(async (t) => (await service.query.latestCheckpoint(t).catch(() => undefined))?.treeSize));
  await vi.waitFor(async () => expect(await treeSizes()).toEqual([3, 1]), { timeout: 10_000, interval: 20 });
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

/**
 * The audit API's contract (contracts' `auditApi`), run against its HTTP and in-process forms with
 * the real audit service behind them: tenant-scoped pages and filters, signed checkpoints, proofs.
 */
function describeAuditApiContract(
  name: string,
  setup: (tenantId: string, other: string) => Promise<{ client: AuditApi; events: DomainEvent[]; close(): Promise<void> }>,
) {
  describe(`audit API contract: ${name}`, { timeout: 60_000 }, () => {
    const TENANT = `t-${randomUUID().slice(0, 8)}`;
    const OTHER = `t-${randomUUID().slice(0, 8)}`;
    let f: Awaited<ReturnType<typeof setup>>;
    beforeAll(async () => {
      f = await setup(TENANT, OTHER);
    });
    afterAll(async () => f?.close());

    it("pages and filters the tenant's records only", async () => {
      const params = { tenantId: TENANT };
      const page = await f.client.list({ params, query: { limit: 2 } });
      expect(page.records.map((r) => r.eventId)).toEqual(f.events.slice(0, 2).map((e) => e.id));
      expect(page.nextAfter).toBe(2);
      const rest = await f.client.list({ params, query: { limit: 10, after: page.nextAfter } });
      expect(rest.records.map((r) => r.eventId)).toEqual([f.events[2]!.id]);
      const viewed = await f.client.list({ params, query: { limit: 10, type: ['narrative.viewed'] } });
      expect(viewed.records.map((r) => r.eventId)).toEqual([f.events[1]!.id]);
      const future = await f.client.list({ params, query: { limit: 10, from: '2999-01-01T00:00:00Z' } });
      expect(future.records).toEqual([]);
      expect(JSON.stringify(await f.client.list({ params }))).not.toContain(f.events[3]!.id);
    });

    it('returns the latest signed checkpoint and an inclusion proof; another tenant’s event is not found', async () => {
      expect(await f.client.latestCheckpoint({ params: { tenantId: TENANT } })).toMatchObject({
        tenantId: TENANT,
        treeSize: 3,
        algorithm: 'ed25519',
      });
      expect(await f.client.proof({ params: { tenantId: TENANT, eventId: f.events[1]!.id } })).toMatchObject({
        eventId: f.events[1]!.id,
        leafIndex: 1,
        checkpoint: { treeSize: expect.any(Number) },
      });
      await expect(f.client.proof({ params: { tenantId: TENANT, eventId: f.events[3]!.id } })).rejects.toMatchObject({
        code: 'not_found',
        status: 404,
      });
      await expect(f.client.latestCheckpoint({ params: { tenantId: `t-${randomUUID().slice(0, 8)}` } })).rejects.toMatchObject({
        code: 'not_found',
        status: 404,
      });
    });
  });
}

describeAuditApiContract('in process (the service port)', async (tenantId, other) => {
  const audit = await startAudit(false, tenantId, other);
  expect(audit.service.routes).toBeUndefined();
  return { client: audit.service.api, events: audit.events, close: audit.close };
});

describeAuditApiContract('HTTP (audit internal API on loopback)', async (tenantId, other) => {
  const audit = await startAudit(true, tenantId, other);
  const http = await serveOnLoopback(auditApi, audit.service, 'audit');
  return {
    client: http.client,
    events: audit.events,
    async close() {
      await http.close();
      await audit.close();
    },
  };
});
