import { randomUUID } from 'node:crypto';
import { posix } from 'node:path';
import { decodeEvent, TOPIC, type RetentionObjectDeletedEvent } from '@medicdraft/contracts';
import { DependencyUnavailableError, type ConsumedRecord, type EventBus, type OutgoingRecord } from '@medicdraft/platform';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { wavPcm } from './testing/audio-fixtures.js';
import { startIngestHarness, type IngestHarness } from './testing/ingest-harness.js';

const PROVIDER = '6f1c3b1e-2d4a-4c5b-9e8f-0a1b2c3d4e5f';
const OTHER_PROVIDER = '0b7e4c1a-9d3f-4e2b-8a6c-5f1d2e3c4b5a';
const OWNER = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

// The bus in front of the service: `failing` makes every publish reject (Kafka unavailable), and
// each publish of deletion events records which objects of the tenant existed at that moment.
let failing: Error | undefined;
const seenAtPublish: { tenantId: string; input: string[]; output: string[] }[] = [];
let h: IngestHarness;
let TENANT: string;
const deletions: ConsumedRecord[] = [];
const reprocessRequests: ConsumedRecord[] = [];

function faultyBus(bus: EventBus): EventBus {
  return {
    ...bus,
    async publish(records: readonly OutgoingRecord[]) {
      if (failing) throw failing;
      const retention = records.filter((r) => r.topic === TOPIC.RETENTION_OBJECT_DELETED);
      if (retention.length > 0) {
        const tenantId = (JSON.parse(retention[0]!.value) as { tenantId: string }).tenantId;
        seenAtPublish.push({ tenantId, input: await h.objects.list(tenantId, 'input'), output: await h.objects.list(tenantId, 'output') });
      }
      return bus.publish(records);
    },
  };
}

beforeAll(async () => {
  h = await startIngestHarness({ wrapBus: faultyBus });
  await h.bus.subscribe({
    groupId: 'deletions-test',
    topics: [TOPIC.RETENTION_OBJECT_DELETED],
    handler: async (r) => {
      deletions.push(r);
      return { action: 'done' };
    },
  });
  await h.bus.subscribe({
    groupId: 'reprocess-test',
    topics: [TOPIC.DICTATION_REPROCESS_REQUESTED],
    handler: async (r) => {
      reprocessRequests.push(r);
      return { action: 'done' };
    },
  });
});
afterAll(async () => h?.close());
beforeEach(() => {
  failing = undefined;
  TENANT = `t-${randomUUID().slice(0, 8)}`;
});

const base = () => `/internal/v1/tenants/${TENANT}/dictations`;
const who = (id = PROVIDER, role = 'provider') => ({ 'x-provider-id': id, 'x-actor-role': role });
async function text(providerId = PROVIDER): Promise<string> {
  const res = await h.app.inject({
    method: 'POST',
    url: `${base()}/text`,
    headers: who(providerId),
    payload: { text: 'Synthetic fall at home, medic 12.', synthetic: true },
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ dictationId: string }>().dictationId;
}
const list = (query = '') => h.app.inject({ method: 'GET', url: `${base()}${query}` });
const remove = (id: string, tenant = TENANT) =>
  h.app.inject({ method: 'DELETE', url: `/internal/v1/tenants/${tenant}/dictations/${id}`, headers: who(OWNER, 'owner') });
const status = async (id: string) => (await h.app.inject({ method: 'GET', url: `${base()}/${id}` })).json<{ status: string }>().status;
const tenantDeletions = () =>
  deletions
    .map((r) => decodeEvent(r.value, TOPIC.RETENTION_OBJECT_DELETED))
    .flatMap((p) => (p.ok && p.value.tenantId === TENANT ? [p.value as RetentionObjectDeletedEvent] : []));

/** The scribe's and narrative's outputs beside the dictation (same folder, output bucket). */
async function putOutputs(id: string): Promise<string[]> {
  const [inputKey] = await h.objects.list(TENANT, 'input');
  const folder = posix.dirname(inputKey!);
  expect(folder.endsWith(id)).toBe(true);
  const keys = [`${folder}/transcript.json`, `${folder}/clinical-document.json`, `${folder}/narrative/${randomUUID()}.json`];
  for (const key of keys)
    await h.objects.put({ tenantId: TENANT, bucket: 'output', key }, Buffer.from('{"synthetic":true}'), {
      contentType: 'application/json',
    });
  return keys;
}

describe('listing dictations', () => {
  it('pages newest first with an opaque cursor, narrows to one provider, and shows metadata only', async () => {
    h.setGate(TENANT, { phiMode: 'disabled' });
    const mine = [await text(), await text(), await text()];
    const theirs = await text(OTHER_PROVIDER);

    const all = await list();
    expect(all.statusCode).toBe(200);
    expect(all.json<{ dictations: { dictationId: string }[] }>().dictations.map((d) => d.dictationId)).toEqual([
      theirs,
      ...mine.slice().reverse(),
    ]);
    expect(all.body).not.toMatch(/input|text\.txt|objectRef|\/\d{4}\/\d{2}\//);

    const first = (await list(`?providerId=${PROVIDER}&limit=2`)).json<{
      dictations: { dictationId: string; providerId: string }[];
      nextCursor?: string;
    }>();
    expect(first.dictations.map((d) => d.dictationId)).toEqual([mine[2], mine[1]]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await list(`?providerId=${PROVIDER}&limit=2&cursor=${first.nextCursor}`)).json<{
      dictations: { dictationId: string }[];
      nextCursor?: string;
    }>();
    expect(second.dictations.map((d) => d.dictationId)).toEqual([mine[0]]);
    expect(second.nextCursor).toBeUndefined();
  });

  it("never lists another tenant's dictations and rejects a forged cursor or unknown parameter", async () => {
    h.setGate(TENANT, { phiMode: 'disabled' });
    await text();
    const other = `t-${randomUUID().slice(0, 8)}`;
    const foreign = await h.app.inject({ method: 'GET', url: `/internal/v1/tenants/${other}/dictations` });
    expect(foreign.json()).toEqual({ dictations: [] });
    expect((await list('?cursor=not-a-cursor')).statusCode).toBe(400);
    expect((await list(`?cursor=${Buffer.from('["x",1]').toString('base64url')}`)).statusCode).toBe(400);
    expect((await list('?tenantId=other')).statusCode).toBe(400);
    expect((await list('?limit=0')).statusCode).toBe(400);
  });
});

describe('deleting a dictation: audit before action', () => {
  it('publishes one retention.object.deleted per object while every object still exists, then deletes them and marks the row', async () => {
    h.setGate(TENANT, { phiMode: 'disabled' });
    const id = await text();
    const outputs = await putOutputs(id);
    const res = await remove(id);
    expect(res.statusCode).toBe(204);

    const snapshot = seenAtPublish.filter((s) => s.tenantId === TENANT);
    expect(snapshot).toHaveLength(1);
    expect(snapshot[0]!.input).toHaveLength(1);
    expect(snapshot[0]!.output.sort()).toEqual(outputs.slice().sort());

    const events = await vi.waitFor(
      async () => {
        const e = await tenantDeletions();
        expect(e.length).toBe(4);
        return e;
      },
      { timeout: 5_000, interval: 10 },
    );
    expect(events.map((e) => e.payload.dataClass).sort()).toEqual(['clinical_document', 'dictation_text', 'narrative', 'transcript']);
    for (const e of events) {
      expect(e).toMatchObject({
        actor: { type: 'user', id: OWNER, role: 'owner' },
        correlationId: id,
        payload: { reason: 'tenant_request', dictationId: id },
      });
    }
    expect(await h.objects.list(TENANT, 'input')).toEqual([]);
    expect(await h.objects.list(TENANT, 'output')).toEqual([]);
    expect(await status(id)).toBe('deleted');
    const row = await h
      .db()
      .withTenant(
        TENANT,
        async (tx) => (await tx.query<{ deleted_at: Date | null }>('SELECT deleted_at FROM dictations WHERE id = $1', [id])).rows[0],
      );
    expect(row?.deleted_at).not.toBeNull();

    // Deleting again changes nothing and audits nothing new.
    expect((await remove(id)).statusCode).toBe(204);
    await new Promise((r) => setTimeout(r, 30));
    expect(tenantDeletions()).toHaveLength(4);
  });

  it.each([
    ['the broker is unreachable', new DependencyUnavailableError('kafka')],
    ['the producer fails otherwise', new Error('KafkaJSNumberOfRetriesExceeded')],
  ])('fails closed (503) when %s: every object and the row remain, nothing is audited', async (_case, error) => {
    h.setGate(TENANT, { phiMode: 'disabled' });
    const id = await text();
    await putOutputs(id);
    failing = error;
    const res = await remove(id);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ error: 'dependency_unavailable', message: 'kafka is unavailable' });
    expect(await h.objects.list(TENANT, 'input')).toHaveLength(1);
    expect(await h.objects.list(TENANT, 'output')).toHaveLength(3);
    expect(await status(id)).toBe('received');
    expect(tenantDeletions()).toEqual([]);

    failing = undefined;
    expect((await remove(id)).statusCode).toBe(204);
    expect(await status(id)).toBe('deleted');
  });

  it("refuses another tenant's dictation (404) and PHI audio while PHI mode is off (423), deleting nothing", async () => {
    h.setGate(TENANT, { phiMode: 'enabled' });
    const audio = await h.app.inject({
      method: 'POST',
      url: `${base()}/audio`,
      headers: { ...who(), 'content-type': 'application/octet-stream' },
      payload: wavPcm(),
    });
    expect(audio.statusCode).toBe(201);
    const id = audio.json<{ dictationId: string }>().dictationId;
    const other = `t-${randomUUID().slice(0, 8)}`;
    h.setGate(other, { phiMode: 'enabled' });
    expect((await remove(id, other)).statusCode).toBe(404);
    h.setGate(TENANT, { phiMode: 'disabled' });
    expect((await remove(id)).statusCode).toBe(423);
    expect(await h.objects.list(TENANT, 'input')).toHaveLength(1);
    expect(await status(id)).toBe('halted');
    h.setGate(TENANT, { phiMode: 'enabled' });
    expect((await remove(id)).statusCode).toBe(204);
    const [event] = await vi.waitFor(
      async () => {
        const e = await tenantDeletions();
        expect(e.length).toBe(1);
        return e;
      },
      { timeout: 5_000, interval: 10 },
    );
    expect(event?.payload.dataClass).toBe('audio_recording');
  });
});

describe('reprocessing a dictation', () => {
  const reprocess = (id: string, providerId = PROVIDER, tenant = TENANT) =>
    h.app.inject({ method: 'POST', url: `/internal/v1/tenants/${tenant}/dictations/${id}/reprocess`, headers: who(providerId) });
  const requests = () =>
    reprocessRequests
      .map((r) => decodeEvent(r.value, TOPIC.DICTATION_REPROCESS_REQUESTED))
      .flatMap((p) => (p.ok && p.value.tenantId === TENANT ? [p.value] : []));

  it('numbers attempts 2, 3, … and emits dictation.reprocess.requested with the stored object, up to the limit', async () => {
    h.setGate(TENANT, { phiMode: 'disabled' });
    const id = await text();
    const first = await reprocess(id);
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ dictationId: id, attempt: 2, status: 'received' });
    const [event] = await vi.waitFor(
      async () => {
        const e = await requests();
        expect(e.length).toBe(1);
        return e;
      },
      { timeout: 5_000, interval: 10 },
    );
    const [inputKey] = await h.objects.list(TENANT, 'input');
    expect(event?.payload).toEqual({
      dictationId: id,
      providerId: PROVIDER,
      requestedBy: PROVIDER,
      attempt: 2,
      kind: 'text',
      objectRef: { bucket: 'input', key: inputKey },
      sha256: expect.stringMatching(/^[a-f0-9]{64}$/),
      sizeBytes: 33,
    });
    expect(event?.actor).toEqual({ type: 'user', id: PROVIDER, role: 'provider' });
    const more = [await reprocess(id), await reprocess(id), await reprocess(id)];
    expect(more.map((r) => r.json<{ attempt: number }>().attempt)).toEqual([3, 4, 5]);
    const over = await reprocess(id);
    expect(over.statusCode).toBe(409);
    expect(over.json()).toEqual({ error: 'conflict', message: 'the dictation has had 5 attempts, the most allowed' });
    expect(
      (
        await vi.waitFor(
          async () => {
            const e = await requests();
            expect(e.length).toBe(4);
            return e;
          },
          { timeout: 5_000, interval: 10 },
        )
      ).map((e) => e.payload.attempt),
    ).toEqual([2, 3, 4, 5]);
  });

  it(
    "answers 404 for someone else's or another tenant's dictation, 409 once deleted, 423 for audio without PHI mode; none " +
      'emits anything',
    async () => {
      h.setGate(TENANT, { phiMode: 'enabled' });
      const audio = await h.app.inject({
        method: 'POST',
        url: `${base()}/audio`,
        headers: { ...who(), 'content-type': 'application/octet-stream' },
        payload: wavPcm(),
      });
      const id = audio.json<{ dictationId: string }>().dictationId;
      expect((await reprocess(id, OTHER_PROVIDER)).statusCode).toBe(404);
      const other = `t-${randomUUID().slice(0, 8)}`;
      h.setGate(other, { phiMode: 'enabled' });
      expect((await reprocess(id, PROVIDER, other)).statusCode).toBe(404);
      h.setGate(TENANT, { phiMode: 'disabled' });
      expect((await reprocess(id)).json()).toMatchObject({ error: 'phi_mode_disabled' });
      h.setGate(TENANT, { phiMode: 'enabled' });
      const ok = await reprocess(id);
      expect(ok.json()).toMatchObject({ attempt: 2, kind: 'audio' });
      const [event] = await vi.waitFor(
        async () => {
          const e = await requests();
          expect(e.length).toBe(1);
          return e;
        },
        { timeout: 5_000, interval: 10 },
      );
      expect(event?.payload).toMatchObject({ kind: 'audio', mediaFormat: 'wav', attempt: 2 });
      expect((await remove(id)).statusCode).toBe(204);
      const gone = await reprocess(id);
      expect(gone.statusCode).toBe(409);
      expect(gone.json()).toEqual({ error: 'conflict', message: 'the dictation was deleted' });
      await new Promise((r) => setTimeout(r, 100));
      expect(requests()).toHaveLength(1);
    },
  );
});
