import { createPublicKey, randomUUID, verify } from 'node:crypto';
import { checkpointSigningInput, type DomainEvent } from '@medicdraft/contracts';
import { createHttpApp } from '@medicdraft/platform/http';
import { createLogger, createMemoryEventBus, createMetrics, type EventBus } from '@medicdraft/platform';
import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ROLE, AUDIT_SCHEMA } from '../audit-migrations.js';
import { verifyInclusion } from '../chain/merkle-proofs.js';
import { leafHash } from '../chain/merkle-tree.js';
import { startAuditService, type AuditService } from '../service.js';
import { buildAuditLog, testKeyRing } from '../testing/audit-log-fixture.js';

const logger = createLogger({ service: 'audit-query-test', level: 'silent' });
const TENANT = `t-${randomUUID().slice(0, 8)}`;
const OTHER = `t-${randomUUID().slice(0, 8)}`;

// The audit service (internal API mounted) over a log built by its own append path and checkpointer.
let bus: EventBus;
let pglite: PgliteHandle;
let service: AuditService;
let app: FastifyInstance;
let events: DomainEvent[];
let otherEvents: DomainEvent[];
const keys = testKeyRing();

beforeAll(async () => {
  bus = createMemoryEventBus({ defaultPartitions: 2 });
  pglite = await openPglite();
  const db = () => createPgliteDatabase({ pglite, schema: AUDIT_SCHEMA, role: AUDIT_ROLE });
  service = await startAuditService({
    bus,
    db: db(),
    logger,
    partitions: 2,
    groupSuffix: '',
    keys,
    settings: { checkpointIntervalMs: 60_000 },
  });
  events = await buildAuditLog(db(), { tenantId: TENANT, count: 23, checkpointEvery: 10, keys, logger });
  otherEvents = await buildAuditLog(db(), { tenantId: OTHER, count: 3, checkpointEvery: 3, keys, logger });
  app = createHttpApp({ logger, metrics: createMetrics('audit-query-test'), ops: { checks: () => service.checks, accepting: () => true } });
  await service.routes?.(app);
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await service?.stop();
  await bus?.close();
  await pglite?.close();
});

const get = (url: string) => app.inject({ method: 'GET', url: `/internal/v1/tenants/${TENANT}/audit${url}` });
type Page = {
  records: { seq: number; eventId: string; type: string; occurredAt: string; resourceIds: Record<string, string>; hash: string }[];
  nextAfter?: number;
};

describe('audit query API', () => {
  it("pages a tenant's records in chain order, without object keys, and never another tenant's", async () => {
    const first = (await get('/events?limit=10')).json<Page>();
    expect(first.records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(first.nextAfter).toBe(10);
    const rest = (await get(`/events?after=${first.nextAfter}&limit=100`)).json<Page>();
    expect(rest.nextAfter).toBeUndefined();
    const all = [...first.records, ...rest.records];
    expect(all.map((r) => r.eventId)).toEqual(events.map((e) => e.id));
    expect(JSON.stringify(all)).not.toMatch(/"object"|\/\d{4}\/\d{2}\/\d{2}\//);
    expect(all.some((r) => Object.keys(r.resourceIds).length > 0)).toBe(true);
    for (const e of otherEvents) expect(JSON.stringify(all)).not.toContain(e.id);
  });

  it('filters by event type and by time window', async () => {
    const types = ['narrative.viewed', 'access.denied'];
    const byType = (await get(`/events?type=${types.join(',')}`)).json<Page>();
    expect(byType.records.length).toBe(events.filter((e) => types.includes(e.type)).length);
    expect(byType.records.length).toBeGreaterThan(0);
    expect(byType.records.every((r) => types.includes(r.type))).toBe(true);

    const from = events[5]!.occurredAt;
    const to = events[9]!.occurredAt;
    const window = (await get(`/events?from=${from}&to=${to}`)).json<Page>();
    expect(window.records.map((r) => r.eventId)).toEqual(events.slice(5, 9).map((e) => e.id));
    expect((await get('/events?type=not.a.type')).statusCode).toBe(400);
    expect((await get('/events?tenantId=x')).statusCode).toBe(400);
  });

  it('answers the latest signed checkpoint with the public key that verifies it', async () => {
    const res = await get('/checkpoints/latest');
    expect(res.statusCode).toBe(200);
    const cp = res.json<{
      tenantId: string;
      treeSize: number;
      keyId: string;
      signature: string;
      publicKeyPem: string;
      rootHash: string;
      algorithm: 'ed25519';
      issuedAt: string;
    }>();
    expect(cp).toMatchObject({ tenantId: TENANT, treeSize: 23, keyId: keys.active.keyId });
    const { signature, publicKeyPem, ...unsigned } = cp;
    expect(
      verify(null, Buffer.from(checkpointSigningInput(unsigned)), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64')),
    ).toBe(true);
    const none = await app.inject({ method: 'GET', url: `/internal/v1/tenants/t-${randomUUID().slice(0, 8)}/audit/checkpoints/latest` });
    expect(none.statusCode).toBe(404);
  });

  it('proves inclusion of an event in the smallest signed tree that holds it; another tenant’s event is not found', async () => {
    const target = events[13]!;
    const res = await get(`/proof/${target.id}`);
    expect(res.statusCode).toBe(200);
    const proof = res.json<{
      leafIndex: number;
      chainHash: string;
      checkpoint: { treeSize: number; rootHash: string };
      inclusionPath: string[];
    }>();
    expect(proof.leafIndex).toBe(13);
    expect(proof.checkpoint.treeSize).toBe(20);
    const page = (await get('/events?after=13&limit=1')).json<Page>();
    expect(page.records[0]!.hash).toBe(proof.chainHash);
    const path = proof.inclusionPath.map((h) => Buffer.from(h, 'hex'));
    expect(
      verifyInclusion(leafHash(Buffer.from(proof.chainHash, 'hex')), 13, 20, path, Buffer.from(proof.checkpoint.rootHash, 'hex')),
    ).toBe(true);
    expect(
      verifyInclusion(leafHash(Buffer.from(proof.chainHash, 'hex')), 12, 20, path, Buffer.from(proof.checkpoint.rootHash, 'hex')),
    ).toBe(false);

    expect((await get(`/proof/${otherEvents[0]!.id}`)).statusCode).toBe(404);
    expect((await get(`/proof/${randomUUID()}`)).statusCode).toBe(404);
    expect((await get('/proof/not-a-uuid')).statusCode).toBe(400);
  });

  it('refuses to hand out a checkpoint whose signature does not verify (500 audit_integrity, no internals)', async () => {
    const forged = `t-${randomUUID().slice(0, 8)}`;
    await buildAuditLog(createPgliteDatabase({ pglite, schema: AUDIT_SCHEMA, role: AUDIT_ROLE }), {
      tenantId: forged,
      count: 2,
      checkpointEvery: 1,
      keys,
      logger,
    });
    await createPgliteDatabase({ pglite, schema: AUDIT_SCHEMA, role: AUDIT_ROLE }).withTenant(forged, (tx) =>
      tx.query(`INSERT INTO checkpoints (tenant_id, tree_size, root_hash, key_id, algorithm, signature, issued_at)
                SELECT tenant_id, 3, root_hash, key_id, algorithm, signature, issued_at FROM checkpoints WHERE tree_size = 2`),
    );
    const res = await app.inject({ method: 'GET', url: `/internal/v1/tenants/${forged}/audit/checkpoints/latest` });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: 'audit_integrity', message: 'internal error' });
  });

  it('offers no route that changes audit data', async () => {
    for (const method of ['DELETE', 'PUT', 'PATCH', 'POST'] as const) {
      for (const url of ['/events', `/events/${events[0]!.id}`, '/checkpoints/latest', `/proof/${events[0]!.id}`]) {
        const res = await app.inject({ method, url: `/internal/v1/tenants/${TENANT}/audit${url}` });
        expect({ method, url, status: res.statusCode }).toEqual({ method, url, status: 404 });
      }
    }
    expect((await get('/events?limit=500')).json<Page>().records).toHaveLength(events.length);
  });
});
