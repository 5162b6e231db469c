import { randomUUID } from 'node:crypto';
import type { DomainEvent, EventType } from '@medicdraft/contracts';
import { eventFixture } from '@medicdraft/contracts/testing';
import { createLogger, createMemoryEventBus, type EventBus } from '@medicdraft/platform';
import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ROLE, AUDIT_SCHEMA } from '../audit-migrations.js';
import { toAuditRecord } from '../audit-record.js';
import { appendAuditRecords } from '../audit-store.js';
import { startAuditService, type AuditService } from '../service.js';
import { testKeyRing } from '../testing/audit-log-fixture.js';
import { lastMonths, summarizeUsage } from './usage-math.js';

const logger = createLogger({ service: 'usage-report-test', level: 'silent' });
const TENANT = `t-${randomUUID().slice(0, 8)}`;
const OTHER = `t-${randomUUID().slice(0, 8)}`;
const NOW = Date.UTC(2030, 11, 15, 12);
const NOV = '2030-11-10T08:00:00.000Z';
const DEC = '2030-12-02T08:00:00.000Z';
/** The last instant of November and the first of December (UTC): each counts in its own month. */
const NOV_END = '2030-11-30T23:59:59.999Z';
const DEC_START = '2030-12-01T00:00:00.000Z';

let bus: EventBus;
let pglite: PgliteHandle;
let service: AuditService;

/** A fixture event of `type` with payload fields replaced, in `tenantId` at `occurredAt`. */
function event(type: EventType, occurredAt: string, payload: Record<string, unknown>, tenantId = TENANT): DomainEvent {
  const base = eventFixture(type) as DomainEvent;
  return { ...base, id: randomUUID(), tenantId, occurredAt, payload: { ...base.payload, ...payload } } as DomainEvent;
}

const AUDIO_TIMED = randomUUID();
const AUDIO_UNTIMED = randomUUID();
const TEXT = randomUUID();
const OLD_TEXT = randomUUID();
/** A stored object of a dictation, as the events name it. */
const ref = (dictationId: string, name: string, bucket: 'input' | 'output' = 'input') => ({
  bucket,
  key: `${TENANT}/2030/11/10/${dictationId}/${name}`,
});
const deleted = (at: string, objectRef: ReturnType<typeof ref>, dataClass: string, dictationId: string) =>
  event('retention.object.deleted', at, { objectRef, dataClass, dictationId, reason: 'tenant_request' });
const job = (dictationId: string, engine: string, attempt: number, at: string) =>
  event('healthscribe.job.started', at, { dictationId, engine, attempt });
const drafting = (requested: string, drafter: string) => ({
  requested,
  drafter,
  verdicts: { drafted: 0, accepted: 0, rejected: 0, replaced: 0, byReason: {} },
});

beforeAll(async () => {
  bus = createMemoryEventBus({ defaultPartitions: 2 });
  pglite = await openPglite();
  const db = () => createPgliteDatabase({ pglite, schema: AUDIT_SCHEMA, role: AUDIT_ROLE });
  service = await startAuditService({ bus, db: db(), logger, partitions: 2, groupSuffix: '', keys: testKeyRing(), clock: () => NOW });
  const mine = [
    // October is outside a two-month report; what it stored is still stored in November.
    event('dictation.text.created', '2030-10-20T08:00:00.000Z', {
      dictationId: OLD_TEXT,
      objectRef: ref(OLD_TEXT, 'dictation.txt'),
      sizeBytes: 999,
    }),
    event('dictation.audio.created', NOV, {
      dictationId: AUDIO_TIMED,
      objectRef: ref(AUDIO_TIMED, 'audio.wav'),
      sizeBytes: 48_000,
      durationMs: 90_500,
    }),
    // Written at November's last instant, deleted at December's first: stored at November's end only.
    event('narrative.generated', NOV_END, {
      dictationId: AUDIO_TIMED,
      version: 1,
      contentRef: ref(AUDIO_TIMED, 'narrative/n1.json', 'output'),
      contentBytes: 7_000,
    }),
    deleted(DEC_START, ref(AUDIO_TIMED, 'narrative/n1.json', 'output'), 'narrative', AUDIO_TIMED),
    // The tenant deletes November's recording in December: the bytes its creation announced go.
    deleted(DEC, ref(AUDIO_TIMED, 'audio.wav'), 'audio_recording', AUDIO_TIMED),
    // A deletion retried after a failure midway audits the object again: its bytes go once.
    deleted(DEC, ref(AUDIO_TIMED, 'audio.wav'), 'audio_recording', AUDIO_TIMED),
    // An object no event announced with a size (a QA comment's text) frees no counted bytes.
    deleted(DEC, ref(AUDIO_TIMED, 'narrative/review-1.json', 'output'), 'narrative', AUDIO_TIMED),
    // October's text, deleted in December.
    deleted(DEC, ref(OLD_TEXT, 'dictation.txt'), 'dictation_text', OLD_TEXT),
    job(AUDIO_TIMED, 'healthscribe', 1, NOV),
    // A re-transcription in December of November's recording: its minutes count in December.
    event('dictation.reprocess.requested', DEC, { dictationId: AUDIO_TIMED, attempt: 2 }),
    job(AUDIO_TIMED, 'healthscribe', 2, DEC),
    event('dictation.audio.created', DEC, {
      dictationId: AUDIO_UNTIMED,
      objectRef: ref(AUDIO_UNTIMED, 'audio.mp3'),
      sizeBytes: 30_000,
      mediaFormat: 'mp3',
    }),
    job(AUDIO_UNTIMED, 'healthscribe', 1, DEC),
    event('dictation.text.created', DEC, { dictationId: TEXT, sizeBytes: 210 }),
    job(TEXT, 'synthetic', 1, DEC),
    event('healthscribe.output.received', DEC, { dictationId: TEXT, transcriptSizeBytes: 4_000, clinicalDocumentSizeBytes: 1_500 }),
    // An output event from before sizes were carried counts nothing.
    event('healthscribe.output.received', DEC, { dictationId: AUDIO_TIMED }),
    event('narrative.generated', DEC, {
      dictationId: TEXT,
      version: 1,
      drafting: drafting('bedrock', 'deterministic'),
      contentRef: ref(TEXT, 'narrative/t1.json', 'output'),
      contentBytes: 5_000,
    }),
    event('narrative.generated', DEC, {
      dictationId: TEXT,
      version: 2,
      drafting: drafting('bedrock', 'bedrock'),
      contentRef: ref(TEXT, 'narrative/t2.json', 'output'),
      contentBytes: 5_200,
    }),
    event('narrative.edited', DEC, {
      dictationId: TEXT,
      version: 3,
      contentRef: ref(TEXT, 'narrative/t3.json', 'output'),
      contentBytes: 5_300,
    }),
    // A version from before narratives announced their size counts nothing.
    event('narrative.generated', DEC, { dictationId: AUDIO_UNTIMED, version: 1 }),
  ];
  const theirs = [
    event('dictation.audio.created', DEC, { dictationId: randomUUID(), sizeBytes: 5, durationMs: 1_000 }, OTHER),
    // A deletion in another tenant naming this tenant's object frees nothing of either.
    event(
      'retention.object.deleted',
      DEC,
      { objectRef: ref(AUDIO_UNTIMED, 'audio.mp3'), dataClass: 'audio_recording', dictationId: AUDIO_UNTIMED, reason: 'tenant_request' },
      OTHER,
    ),
  ];
  for (const [tenantId, events] of [
    [TENANT, mine],
    [OTHER, theirs],
  ] as const) {
    await appendAuditRecords(
      db(),
      tenantId,
      events.map((e, i) => toAuditRecord(e, { topic: e.type, partition: 0, offset: String(i) })),
    );
  }
});
afterAll(async () => {
  await service?.stop();
  await bus?.close();
  await pglite?.close();
});

describe('usage per month from the audited events', () => {
  it('counts dictations, HealthScribe audio, re-processing, bytes per data class (written, deleted, stored) and model drafts', async () => {
    const report = await service.api.usage({ params: { tenantId: TENANT }, query: { months: 2 } });
    expect(report.months.map((m) => m.month)).toEqual(['2030-11', '2030-12']);
    const [nov, dec] = report.months;
    expect(nov).toMatchObject({
      dictations: { total: 1, audio: 1, text: 0 },
      healthscribe: { jobs: 1, audioSeconds: 90.5, jobsWithoutDuration: 0 },
      storage: {
        audio_recording: { written: 48_000, deleted: 0, stored: 48_000 },
        dictation_text: { written: 0, deleted: 0, stored: 999 },
        transcript: { written: 0, deleted: 0, stored: 0 },
        clinical_document: { written: 0, deleted: 0, stored: 0 },
        narrative: { written: 7_000, deleted: 0, stored: 7_000 },
      },
      reprocessing: { retranscriptions: 0, redrafts: 0 },
    });
    expect(dec).toEqual({
      month: '2030-12',
      dictations: { total: 2, audio: 1, text: 1 },
      healthscribe: { jobs: 2, audioSeconds: 90.5, jobsWithoutDuration: 1 },
      syntheticJobs: 1,
      reprocessing: { retranscriptions: 1, redrafts: 1 },
      storage: {
        audio_recording: { written: 30_000, deleted: 48_000, stored: 30_000 },
        dictation_text: { written: 210, deleted: 999, stored: 210 },
        transcript: { written: 4_000, deleted: 0, stored: 4_000 },
        clinical_document: { written: 1_500, deleted: 0, stored: 1_500 },
        narrative: { written: 15_500, deleted: 7_000, stored: 15_500 },
      },
      llmDrafts: { requested: 2, used: 1 },
    });
  });

  it("never counts another tenant's events, and answers zeros for a tenant without any", async () => {
    const other = await service.api.usage({ params: { tenantId: OTHER }, query: { months: 1 } });
    expect(other.months).toEqual([expect.objectContaining({ month: '2030-12', dictations: { total: 1, audio: 1, text: 0 } })]);
    expect(other.months[0]!.healthscribe.jobs).toBe(0);
    expect(other.months[0]!.storage.audio_recording).toEqual({ written: 5, deleted: 0, stored: 5 });
    const none = await service.api.usage({ params: { tenantId: `t-${randomUUID().slice(0, 8)}` }, query: {} });
    expect(none.months).toHaveLength(12);
    expect(none.months.every((m) => m.dictations.total === 0 && m.storage.audio_recording.stored === 0)).toBe(true);
  });
});

describe('usage math', () => {
  it('names the last months across a year boundary, oldest first', () => {
    expect(lastMonths(new Date(Date.UTC(2031, 0, 31, 23, 59)), 3)).toEqual(['2030-11', '2030-12', '2031-01']);
  });

  it('carries the bytes stored before the first month into it, and ignores months after the last', () => {
    const rows = [
      { month: '2030-09', dataClass: 'transcript', written: 100, deleted: 0 },
      { month: '2030-10', dataClass: 'transcript', written: 50, deleted: 30 },
      { month: '2030-11', dataClass: 'transcript', written: 10, deleted: 100 },
      { month: '2030-12', dataClass: 'transcript', written: 1_000, deleted: 0 },
      { month: '2030-11', dataClass: 'narrative', written: 40, deleted: 0 },
    ];
    const months = summarizeUsage([], ['2030-10', '2030-11'], rows);
    expect(months.map((m) => m.storage.transcript)).toEqual([
      { written: 50, deleted: 30, stored: 120 },
      { written: 10, deleted: 100, stored: 30 },
    ]);
    expect(months.map((m) => m.storage.narrative.stored)).toEqual([0, 40]);
  });

  it('sums audio in milliseconds and rounds once, to a tenth of a second', () => {
    const rows = [1, 2, 3].map(() => ({ type: 'healthscribe.job.started', month: '2031-01', engine: 'healthscribe', durationMs: 333 }));
    expect(summarizeUsage(rows, ['2031-01'])[0]!.healthscribe.audioSeconds).toBe(1);
  });
});
