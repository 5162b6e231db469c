import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@medicdraft/contracts';
import { eventFixture } from '@medicdraft/contracts/testing';
import { createLogger, createMemoryEventBus, type AdminDatabase, type EventBus } from '@medicdraft/platform';
import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ROLE, AUDIT_SCHEMA } from '../audit-migrations.js';
import { toAuditRecord } from '../audit-record.js';
import { appendAuditRecords } from '../audit-store.js';
import { startAuditService, type AuditService } from '../service.js';
import { testKeyRing } from '../testing/audit-log-fixture.js';
import { createAuditQuery } from './audit-query.js';

const logger = createLogger({ service: 'audit-incident-test', level: 'silent' });
const TENANT = `t-${randomUUID().slice(0, 8)}`;
const OTHER = `t-${randomUUID().slice(0, 8)}`;
const KEY = 'a'.repeat(64);

let bus: EventBus;
let pglite: PgliteHandle;
let service: AuditService;
let db: () => AdminDatabase;

const created = (tenantId: string, dictationId: string, incidentKey?: string): DomainEvent => {
  const base = eventFixture('dictation.text.created');
  return {
    ...base,
    id: randomUUID(),
    tenantId,
    payload: { ...base.payload, dictationId, ...(incidentKey === undefined ? {} : { incidentKey }) },
  } as DomainEvent;
};
const viewed = (tenantId: string, dictationId: string): DomainEvent => {
  const base = eventFixture('narrative.viewed');
  return { ...base, id: randomUUID(), tenantId, payload: { ...base.payload, dictationId } } as DomainEvent;
};
const append = (tenantId: string, events: DomainEvent[]) =>
  appendAuditRecords(
    db(),
    tenantId,
    events.map((e, i) => toAuditRecord(e, { topic: e.type, partition: 0, offset: String(i) })),
  );

const inIncident = randomUUID();
const elsewhere = randomUUID();
const otherTenants = randomUUID();

beforeAll(async () => {
  bus = createMemoryEventBus({ defaultPartitions: 2 });
  pglite = await openPglite();
  db = () => createPgliteDatabase({ pglite, schema: AUDIT_SCHEMA, role: AUDIT_ROLE });
  service = await startAuditService({ bus, db: db(), logger, partitions: 2, groupSuffix: '', keys: testKeyRing() });
  await append(TENANT, [
    created(TENANT, inIncident, KEY),
    created(TENANT, elsewhere),
    viewed(TENANT, inIncident),
    viewed(TENANT, elsewhere),
  ]);
  // Another tenant whose (impossible, but worst-case) keyed hash collides: its records must still not show.
  await append(OTHER, [created(OTHER, otherTenants, KEY), viewed(OTHER, otherTenants)]);
});
afterAll(async () => {
  await service?.stop();
  await bus?.close();
  await pglite?.close();
});

describe('audit query by incidentKey', () => {
  it("returns the records of the incident's dictations only, within the tenant", async () => {
    const query = createAuditQuery({ db: db() });
    const page = await query.list(TENANT, { limit: 100, incidentKey: KEY, types: ['narrative.viewed'] });
    expect(page.records.map((r) => r.resourceIds['dictationId'])).toEqual([inIncident]);
    const all = await query.list(TENANT, { limit: 100, incidentKey: KEY });
    expect(all.records.map((r) => r.type).sort()).toEqual(['dictation.text.created', 'narrative.viewed']);
    expect(JSON.stringify(all)).not.toContain(otherTenants);
    expect(all.records[0]?.resourceIds['incidentKey']).toBe(KEY);
  });

  it('finds nothing for a key no dictation carries', async () => {
    const query = createAuditQuery({ db: db() });
    expect((await query.list(TENANT, { limit: 100, incidentKey: 'b'.repeat(64) })).records).toEqual([]);
  });

  it('follows a correction: the new number finds the whole dictation, the old one only the correction', async () => {
    const tenant = `t-${randomUUID().slice(0, 8)}`;
    const dictationId = randomUUID();
    const [OLD, NEW, LATER] = ['c'.repeat(64), 'd'.repeat(64), 'e'.repeat(64)];
    const corrected = (previousIncidentKey: string, incidentKey: string): DomainEvent => {
      const base = eventFixture('dictation.incident.corrected');
      return { ...base, id: randomUUID(), tenantId: tenant, payload: { dictationId, previousIncidentKey, incidentKey } } as DomainEvent;
    };
    await append(tenant, [
      created(tenant, dictationId, OLD),
      viewed(tenant, dictationId),
      corrected(OLD, NEW),
      viewed(tenant, dictationId),
    ]);
    const query = createAuditQuery({ db: db() });
    const types = async (key: string) => (await query.list(tenant, { limit: 100, incidentKey: key })).records.map((r) => r.type);
    expect(await types(NEW)).toEqual(['dictation.text.created', 'narrative.viewed', 'dictation.incident.corrected', 'narrative.viewed']);
    expect(await types(OLD)).toEqual(['dictation.incident.corrected']);
    const [correction] = (await query.list(tenant, { limit: 100, incidentKey: OLD })).records;
    expect(correction?.resourceIds).toMatchObject({ dictationId, previousIncidentKey: OLD, incidentKey: NEW });

    // A second correction moves it again; each earlier number keeps only the correction that left it.
    await append(tenant, [corrected(NEW, LATER)]);
    expect(await types(LATER)).toHaveLength(5);
    expect(await types(NEW)).toEqual(['dictation.incident.corrected']);
    expect(await types(OLD)).toEqual(['dictation.incident.corrected']);
  });
});
