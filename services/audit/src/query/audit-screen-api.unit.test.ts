import { randomUUID } from 'node:crypto';
import { AuditFhirBundleSchema, PeriodReportSchema, VerifyStatusSchema, type DomainEvent } from '@medicdraft/contracts';
import { createHttpApp } from '@medicdraft/platform/http';
import { createLogger, createMemoryEventBus, createMetrics, type EventBus } from '@medicdraft/platform';
import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import { pdfTextLines } from '@medicdraft/platform/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAuditRecord } from '../audit-record.js';
import { AUDIT_ROLE, AUDIT_SCHEMA } from '../audit-migrations.js';
import { appendAuditRecords } from '../audit-store.js';
import { reportSignatureValid } from '../export/report-signature.js';
import { startAuditService, type AuditService } from '../service.js';
import { buildAuditLog, testEvent, testKeyRing } from '../testing/audit-log-fixture.js';

const logger = createLogger({ service: 'audit-screen-api-test', level: 'silent' });
const TENANT = `t-${randomUUID().slice(0, 8)}`;
const NOW = Date.UTC(2030, 0, 2);

// The audit service's API (internal routes) over a real log: what the gateway's audit screen calls.
let bus: EventBus;
let pglite: PgliteHandle;
let service: AuditService;
let app: FastifyInstance;
let events: DomainEvent[];
const keys = testKeyRing();
const db = () => createPgliteDatabase({ pglite, schema: AUDIT_SCHEMA, role: AUDIT_ROLE });
const get = (url: string, tenant = TENANT) => app.inject({ method: 'GET', url: `/internal/v1/tenants/${tenant}/audit${url}` });

beforeAll(async () => {
  bus = createMemoryEventBus({ defaultPartitions: 2 });
  pglite = await openPglite();
  service = await startAuditService({
    bus,
    db: db(),
    logger,
    partitions: 2,
    groupSuffix: '',
    keys,
    clock: () => NOW,
    settings: { checkpointIntervalMs: 60_000 },
  });
  events = await buildAuditLog(db(), { tenantId: TENANT, count: 20, checkpointEvery: 10, keys, logger });
  app = createHttpApp({
    logger,
    metrics: createMetrics('audit-screen-api-test'),
    ops: { checks: () => service.checks, accepting: () => true },
  });
  await service.routes?.(app);
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await service?.stop();
  await bus?.close();
  await pglite?.close();
});

describe('audit API for the audit screen', () => {
  it('filters by dictation and by actor, and shows the recorded client address', async () => {
    const withDictation = events.filter((e) => typeof (e.payload as { dictationId?: unknown }).dictationId === 'string');
    const dictationId = (withDictation[0]!.payload as { dictationId: string }).dictationId;
    const byDictation = (await get(`/events?dictationId=${dictationId}&limit=500`)).json<{ records: { eventId: string }[] }>();
    expect(byDictation.records.map((r) => r.eventId)).toEqual(
      withDictation.filter((e) => (e.payload as { dictationId: string }).dictationId === dictationId).map((e) => e.id),
    );
    const actorId = events[0]!.actor.id;
    const byActor = (await get(`/events?actorId=${actorId}&limit=500`)).json<{ records: { eventId: string }[] }>();
    expect(byActor.records.map((r) => r.eventId)).toEqual(events.filter((e) => e.actor.id === actorId).map((e) => e.id));
    expect((await get('/events?actorId=NOT%20AN%20ID')).statusCode).toBe(400);

    const other = `t-${randomUUID().slice(0, 8)}`;
    const addressed = { ...testEvent(other, 0), sourceAddress: '198.51.100.7' } as DomainEvent;
    await appendAuditRecords(db(), other, [toAuditRecord(addressed, { topic: addressed.type, partition: 0, offset: '0' })]);
    const [only] = (await get('/events', other)).json<{ records: { sourceAddress: string | null }[] }>().records;
    expect(only?.sourceAddress).toBe('198.51.100.7');
    expect((await get('/events?limit=1')).json<{ records: { sourceAddress: string | null }[] }>().records[0]?.sourceAddress).toBeNull();
  });

  it('answers a FHIR Bundle page whose entries keep seq and hash', async () => {
    const res = await get('/fhir?limit=5&after=3');
    expect(res.statusCode).toBe(200);
    const bundle = AuditFhirBundleSchema.parse(res.json());
    expect(bundle.entry?.map((e) => e.resource.id)).toEqual(events.slice(3, 8).map((e) => e.id));
    expect(bundle.entry?.map((e) => e.resource.extension.find((x) => x.url.endsWith('audit-seq'))?.valueInteger)).toEqual([4, 5, 6, 7, 8]);
  });

  it('verifies the chain now: intact, then a finding once a record is changed', async () => {
    const ok = VerifyStatusSchema.parse((await get('/verify')).json());
    expect(ok).toMatchObject({ ok: true, records: 20, lastSeq: 20, anchored: 20, unanchored: 0, verdicts: [] });

    const victim = `t-${randomUUID().slice(0, 8)}`;
    await buildAuditLog(db(), { tenantId: victim, count: 4, checkpointEvery: 4, keys, logger });
    // A superuser's edit behind the append-only trigger: what only tampering can do.
    await db().admin(async (tx) => {
      await tx.query('ALTER TABLE audit.events DISABLE TRIGGER events_append_only');
      await tx.query(`UPDATE audit.events SET actor_id = 'gateway' WHERE tenant_id = $1 AND seq = 2`, [victim]);
      await tx.query('ALTER TABLE audit.events ENABLE TRIGGER events_append_only');
    });
    const bad = VerifyStatusSchema.parse((await get('/verify', victim)).json());
    expect(bad.ok).toBe(false);
    expect(bad.verdicts).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'modified', seq: 2 })]));
  });

  it('signs the period report with the active checkpoint key and names its users as the caller resolved them', async () => {
    const period = (body: object) =>
      app.inject({ method: 'POST', url: `/internal/v1/tenants/${TENANT}/audit/reports/period`, payload: body });
    const user = events.find((e) => e.actor.type === 'user')!.actor.id;
    const res = await period({
      from: '2030-01-01T00:00:00Z',
      to: '2030-01-02T00:00:00Z',
      names: [{ userId: user, name: 'dana.reyes@lakeside-ems.example' }],
    });
    expect(res.statusCode).toBe(200);
    const report = PeriodReportSchema.parse(res.json());
    const pdf = Buffer.from(report.pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(report.keyId).toBe(keys.active.keyId);
    expect(reportSignatureValid(pdf, Buffer.from(report.signatureBase64, 'base64'), keys.active.publicKey)).toBe(true);
    expect(report.fileName).toBe(`audit-report-${TENANT}-2030-01-01-2030-01-02.pdf`);
    expect(pdfTextLines(pdf).some((l) => l.startsWith(`dana.reyes@lakeside-ems.example - ${user} (`))).toBe(true);
    expect((await period({ from: '2030-01-01T00:00:00Z' })).statusCode).toBe(400);
    expect(
      (await period({ from: '2030-01-01T00:00:00Z', to: '2030-01-02T00:00:00Z', names: [{ userId: 'x', name: 'y' }] })).statusCode,
    ).toBe(400);
  });
});
