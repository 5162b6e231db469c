import { randomUUID } from 'node:crypto';
import { toRecord, type DomainEvent, type EventOf, type EventType } from '@medicdraft/contracts';
import { eventFixture } from '@medicdraft/contracts/testing';
import { createLogger, type ConsumedRecord } from '@medicdraft/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wavPcm } from '../testing/audio-fixtures.js';
import { startIngestHarness, type IngestHarness } from '../testing/ingest-harness.js';
import { createLifecycleBatchHandler, LIFECYCLE_GROUP, lifecycleEventOf } from './lifecycle-consumer.js';

const silent = createLogger({ service: 'ingest-test', level: 'silent' });
const PROVIDER = '6f1c3b1e-2d4a-4c5b-9e8f-0a1b2c3d4e5f';
let h: IngestHarness;
let TENANT: string;

beforeAll(async () => {
  h = await startIngestHarness();
  TENANT = `t-${randomUUID().slice(0, 8)}`;
  h.setGate(TENANT, { phiMode: 'disabled' });
});
afterAll(async () => {
  await h?.close();
});

const base = () => `/internal/v1/tenants/${TENANT}/dictations`;
const who = { 'x-provider-id': PROVIDER };

async function text(): Promise<string> {
  const res = await h.app.inject({
    method: 'POST',
    url: `${base()}/text`,
    headers: who,
    payload: { text: 'Synthetic call.', synthetic: true },
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ dictationId: string }>().dictationId;
}

const view = async (id: string) => (await h.app.inject({ url: `${base()}/${id}` })).json<Record<string, unknown>>();
const status = async (id: string) => (await view(id)).status;

/** A pipeline event of this tenant's dictation (a fresh id unless one is given, so a redelivery can reuse it). */
function event<T extends EventType>(type: T, dictationId: string, payload: Partial<EventOf<T>['payload']>, id = randomUUID()): DomainEvent {
  const e = eventFixture(type);
  return { ...e, id, tenantId: TENANT, correlationId: dictationId, payload: { ...e.payload, dictationId, ...payload } } as DomainEvent;
}
const publish = (...events: DomainEvent[]) => h.bus.publish(events.map(toRecord));
/** How many of these events the lifecycle consumer has handled (its dedupe marks). */
const handled = (...events: DomainEvent[]) =>
  h.db().withTenant(TENANT, async (tx) => {
    const ids = events.map((e) => e.id);
    const { rows } = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM processed_events WHERE consumer = $1 AND event_id = ANY($2::uuid[])',
      [LIFECYCLE_GROUP, ids],
    );
    return rows[0]?.n;
  });

const started = (d: string, attempt = 1) => event('healthscribe.job.started', d, { attempt });
const output = (d: string, attempt = 1) => event('healthscribe.output.received', d, { attempt });
const generated = (d: string, version: number, missing: string[]) =>
  event('narrative.generated', d, { version, missingElements: missing } as Partial<EventOf<'narrative.generated'>['payload']>);
const edited = (d: string, version: number, missing: string[]) =>
  event('narrative.edited', d, { previousVersion: version - 1, version, resolvedElements: [], missingElements: missing } as Partial<
    EventOf<'narrative.edited'>['payload']
  >);
const copied = (d: string, version: number) => event('narrative.copied', d, { version });
const failed = (d: string, retryable: boolean, attempt = 1) =>
  event('healthscribe.job.failed', d, { attempt, reasonCode: 'media_unreadable', retryable });

describe('ingest follows the pipeline events of its dictations', () => {
  it('walks a dictation received → transcribing → drafted → needs information → ready to copy → copied', async () => {
    const d = await text();
    expect(await status(d)).toBe('received');
    await publish(started(d));
    await expect.poll(() => status(d)).toBe('transcribing');
    await publish(output(d));
    await expect.poll(() => status(d)).toBe('drafted');
    await publish(generated(d, 1, ['vitals']));
    await expect.poll(() => status(d)).toBe('needs_information');
    await publish(edited(d, 2, []));
    await expect.poll(() => status(d)).toBe('ready_to_copy');
    await publish(copied(d, 2));
    await expect.poll(() => status(d)).toBe('copied');
  });

  it('shows a final failure with its code and a fixed provider-readable message; a retryable one keeps it transcribing', async () => {
    const d = await text();
    await publish(failed(d, true));
    await expect.poll(() => status(d)).toBe('transcribing');
    await publish(failed(d, false));
    await expect
      .poll(() => view(d))
      .toMatchObject({
        status: 'failed',
        statusReason: 'media_unreadable',
        statusMessage: 'The dictation could not be read. Dictate or upload it again.',
      });
  });

  it('out of order: late events never move the status backwards', async () => {
    const d = await text();
    const late = [copied(d, 1), generated(d, 1, ['vitals']), output(d), started(d)];
    await publish(...late);
    await expect.poll(() => handled(...late)).toBe(late.length);
    expect(await status(d)).toBe('copied');
  });

  it('redelivery: the same event twice changes nothing the second time', async () => {
    const d = await text();
    const once = generated(d, 1, []);
    await publish(started(d), output(d), once);
    await expect.poll(() => status(d)).toBe('ready_to_copy');
    await publish(copied(d, 1));
    await expect.poll(() => status(d)).toBe('copied');
    // The redelivered record, then one more of the same dictation and topic (so the same partition, after it).
    const after = generated(d, 1, ['vitals']);
    await publish(once, after);
    await expect.poll(() => handled(after)).toBe(1);
    expect(await status(d)).toBe('copied');
  });

  it('a reprocess starts the new attempt at received; late events of the old attempt are ignored', async () => {
    const d = await text();
    await publish(started(d), failed(d, false));
    await expect.poll(() => status(d)).toBe('failed');
    const res = await h.app.inject({ method: 'POST', url: `${base()}/${d}/reprocess`, headers: who });
    expect(res.json()).toMatchObject({ attempt: 2, status: 'received' });
    await publish(started(d, 1), output(d, 1), started(d, 2));
    await expect.poll(() => status(d)).toBe('transcribing');
    await publish(output(d, 2));
    await expect.poll(() => status(d)).toBe('drafted');
  });

  it('an event of a dictation ingest does not hold (another tenant, unknown id) is consumed and changes nothing', async () => {
    const stray = randomUUID();
    await publish(started(stray));
    const d = await text();
    await publish(started(d));
    await expect.poll(() => status(d)).toBe('transcribing');
    expect((await h.app.inject({ url: `${base()}/${stray}` })).statusCode).toBe(404);
  });
});

describe('status filter of the dictation list', () => {
  const list = async (query: string) => {
    const res = await h.app.inject({ url: `${base()}?${query}` });
    return { code: res.statusCode, body: res.json<{ dictations?: { dictationId: string; status: string }[]; message?: string }>() };
  };

  it('lists only the dictations of the asked status, and refuses an unknown status with the fixed message', async () => {
    const a = await text();
    const b = await text();
    await publish(started(a), output(a), generated(a, 1, []));
    await expect.poll(() => status(a)).toBe('ready_to_copy');
    const ready = await list('status=ready_to_copy');
    expect(ready.code).toBe(200);
    expect(ready.body.dictations?.map((x) => x.dictationId)).toContain(a);
    expect(ready.body.dictations?.every((x) => x.status === 'ready_to_copy')).toBe(true);
    expect((await list('status=received')).body.dictations?.map((x) => x.dictationId)).toContain(b);
    expect((await list('status=received')).body.dictations?.map((x) => x.dictationId)).not.toContain(a);
    expect(await list('status=stored')).toEqual({
      code: 400,
      body: {
        error: 'invalid_request',
        message:
          'query: providerId (uuid), limit (1-200), cursor, status (a dictation status) and reviewState (a QA review state) ' +
          'are the only parameters',
      },
    });
  });

  it('halted: audio waiting for PHI mode is listed as halted with why, and not as received', async () => {
    h.setGate(TENANT, { phiMode: 'enabled' });
    const res = await h.app.inject({
      method: 'POST',
      url: `${base()}/audio`,
      headers: { ...who, 'content-type': 'application/octet-stream' },
      payload: wavPcm(),
    });
    const audio = res.json<{ dictationId: string }>().dictationId;
    expect(await status(audio)).toBe('received');
    h.setGate(TENANT, { phiMode: 'disabled' });
    expect(await view(audio)).toMatchObject({ status: 'halted', statusReason: 'phi_mode_disabled' });
    expect((await list('status=halted')).body.dictations?.map((x) => x.dictationId)).toEqual([audio]);
    expect((await list('status=received')).body.dictations?.map((x) => x.dictationId)).not.toContain(audio);
    h.setGate(TENANT, { phiMode: 'disabled', halted: true });
    const halted = (await list('status=halted')).body.dictations ?? [];
    expect(halted.map((x) => x.dictationId)).toContain(audio);
    expect(halted.length).toBeGreaterThan(1);
    expect((await list('status=received')).body.dictations).toEqual([]);
    h.setGate(TENANT, { phiMode: 'disabled' });
  });
});

describe('which copies move a dictation to copied', () => {
  const copied = (format: 'eso_plain_text' | 'nemsis_enarrative_xml' | 'mist_handoff_text') => {
    const e = eventFixture('narrative.copied');
    return { ...e, payload: { ...e.payload, format } } as DomainEvent;
  };

  it('an ESO or NEMSIS copy does; a MIST hand-off (for the hospital, not the ePCR) does not', () => {
    expect(lifecycleEventOf(copied('eso_plain_text'))?.event).toEqual({ kind: 'narrative_copied', version: expect.any(Number) });
    expect(lifecycleEventOf(copied('nemsis_enarrative_xml'))?.event.kind).toBe('narrative_copied');
    expect(lifecycleEventOf(copied('mist_handoff_text'))).toBeUndefined();
  });
});

describe('QA review state of the dictation list', () => {
  const listed = async (reviewState: string) =>
    (await h.app.inject({ url: `${base()}?reviewState=${reviewState}` }))
      .json<{ dictations: { dictationId: string }[] }>()
      .dictations.map((d) => d.dictationId);

  it('follows the qa.review.* steps (as the narrative service does) and filters the list by the state', async () => {
    const [reviewed, approved, untouched] = [await text(), await text(), await text()];
    const steps = [
      event('qa.review.commented', reviewed, {}),
      event('qa.review.returned', reviewed, {}),
      event('qa.review.commented', approved, {}),
      event('qa.review.approved', approved, {}),
    ];
    await publish(...steps);
    await expect.poll(() => handled(...steps), { timeout: 5_000 }).toBe(4);
    expect(await listed('returned')).toEqual([reviewed]);
    expect(await listed('approved')).toEqual([approved]);
    expect(await listed('not_started')).toContain(untouched);
    expect(await listed('not_started')).not.toContain(reviewed);
    expect(await listed('in_review')).not.toContain(reviewed);

    // The provider resubmits; a redelivered step changes nothing.
    const resubmitted = event('qa.review.resubmitted', reviewed, {});
    await publish(resubmitted, steps[1]!);
    await expect.poll(() => handled(resubmitted), { timeout: 5_000 }).toBe(1);
    expect(await listed('resubmitted')).toEqual([reviewed]);
    expect((await h.app.inject({ url: `${base()}?reviewState=pending` })).statusCode).toBe(400);
  });
});

describe('a fetched batch of lifecycle events', () => {
  const consumed = (events: (DomainEvent | string)[]): ConsumedRecord[] =>
    events.map((e, i) => ({
      topic: typeof e === 'string' ? 'healthscribe.job.started' : toRecord(e).topic,
      partition: 0,
      offset: String(i),
      key: null,
      value: typeof e === 'string' ? e : toRecord(e).value,
      headers: {},
      timestamp: Date.now(),
    }));

  it('is applied in one transaction per tenant; a malformed record goes to the DLQ alone; a redelivery changes nothing', async () => {
    let transactions = 0;
    const db = h.db();
    const counting: typeof db = {
      ...db,
      withTenant(tenantId, fn) {
        transactions += 1;
        return db.withTenant(tenantId, fn);
      },
    };
    const handle = createLifecycleBatchHandler({ db: counting, logger: silent, clock: Date.now });
    const [a, b] = [await text(), await text()];
    const batch = consumed([started(a), output(a), '{"not": "an event"', started(b), generated(a, 1, ['vitals'])]);
    const results = await handle(batch);
    expect(results.map((r) => r.action)).toEqual(['done', 'done', 'fail', 'done', 'done']);
    expect(transactions).toBe(1);
    expect(await status(a)).toBe('needs_information');
    expect(await status(b)).toBe('transcribing');
    expect(await handle(batch.filter((_, i) => i !== 2))).toEqual([
      { action: 'done' },
      { action: 'done' },
      { action: 'done' },
      { action: 'done' },
    ]);
    expect(await status(a)).toBe('needs_information');
  });
});
