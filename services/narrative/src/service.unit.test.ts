import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  createEvent,
  decodeEvent,
  encodeEvent,
  TOPIC,
  type GateState,
  type HealthscribeOutputReceivedEvent,
  type ScribeEngine,
} from '@medicdraft/contracts';
import { sandboxGateStateFixture } from '@medicdraft/contracts/testing';
import { createSyntheticDocuments } from '@medicdraft/healthscribe-documents';
import {
  createFsObjectStore,
  createGateView,
  createLocalKeyService,
  createLogger,
  createMemoryEventBus,
  type AdminDatabase,
  type ConsumedRecord,
  type EventBus,
  type GateView,
  type ObjectStore,
  type Subscription,
} from '@medicdraft/platform';
import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import { type RunningService } from '@medicdraft/platform/http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { NARRATIVE_ENGINE_VERSION } from './compose/compose-narrative.js';
import { NARRATIVE_ROLE, NARRATIVE_SCHEMA } from './narrative-migrations.js';
import { startNarrativeService } from './service.js';

const CANARY = 'CANARY-ZEBULON-QUIXOTE';
const DICTATION = [
  `Medic 3 was dispatched at 1402 for a 67-year-old male with chest pain, patient name ${CANARY}.`,
  'We responded emergent with lights and sirens.',
  'Arrived on scene at 1411 and found the patient sitting in a chair.',
  'Patient complains of substernal chest pain.',
  'Vitals: blood pressure 158/92, heart rate 96, respirations 20, SpO2 94% on room air.',
  'We administered 324 mg aspirin PO at 1415.',
  'After aspirin the pain decreased to 5 out of 10.',
  'We transported emergent to Mercy Hospital.',
  'Care was transferred to the ED RN with the patient in stable condition.',
].join(' ');
describe('narrative service (memory bus, PGlite, encrypted fs objects)', () => {
  let tenantId: string;
  let bus: EventBus;
  let pglite: PgliteHandle;
  let objects: ObjectStore;
  let dir: string;
  let gates: GateView;
  let service: RunningService;
  let collector: Subscription;
  let seen: ConsumedRecord[];
  let logs: string[];
  let gateVersion: number;
  const frozen = Date.now();
  const db = () => createPgliteDatabase({ pglite, schema: NARRATIVE_SCHEMA, role: NARRATIVE_ROLE });

  // One PGlite per file (opening one costs seconds on a busy machine); each test has its own tenant.
  beforeAll(async () => {
    pglite = await openPglite();
    dir = await mkdtemp(join(tmpdir(), 'narrative-objects-'));
    objects = createFsObjectStore({ rootDir: dir, keys: createLocalKeyService({ masterKey: randomBytes(32), keyId: 'local-test' }) });
  });
  afterAll(async () => {
    await pglite.close();
    await rm(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    tenantId = `t-${randomUUID().slice(0, 8)}`;
    bus = createMemoryEventBus({ defaultPartitions: 3 });
    gates = createGateView({ clock: () => frozen });
    gateVersion = 0;
    logs = [];
    seen = [];
    const destination = new Writable({
      write(chunk, _enc, cb) {
        logs.push(String(chunk));
        cb();
      },
    });
    const logger = createLogger({ service: 'narrative-test', level: 'debug', destination });
    collector = await bus.subscribe({
      groupId: 'collector',
      topics: [TOPIC.NARRATIVE_GENERATED, 'dlq.narrative'],
      handler: async (r) => {
        seen.push(r);
        return { action: 'done' };
      },
    });
    service = await startNarrativeService({ bus, db: db(), logger, objects, partitions: 3, gates });
  });
  afterEach(async () => {
    await service.stop();
    await collector.close();
    await bus.close();
  });

  const openGate = (phiMode: 'enabled' | 'disabled', halted = false) => {
    gateVersion += 1;
    gates.apply({
      ...sandboxGateStateFixture(tenantId),
      version: gateVersion,
      phiMode,
      issuedAt: new Date(frozen).toISOString(),
      expiresAt: new Date(frozen + 3_000).toISOString(),
      ...(halted ? { halted: true, haltReasons: ['audit_heartbeat_stale'] } : {}),
    } as GateState);
  };

  async function storeOutput(
    dictationId: string,
    text: string,
    opts: { engine?: ScribeEngine; tamper?: boolean; subfolder?: string; folderOf?: string } = {},
  ): Promise<HealthscribeOutputReceivedEvent> {
    const docs = createSyntheticDocuments(text);
    const put = async (file: string, body: unknown) => {
      const key = `${tenantId}/2025/06/30/${opts.folderOf ?? dictationId}/${opts.subfolder ?? ''}${file}`;
      const stored = await objects.put({ tenantId, bucket: 'output', key }, Buffer.from(JSON.stringify(body)));
      return { ref: { bucket: 'output' as const, key }, sha256: stored.sha256 };
    };
    const t = await put('transcript.json', docs.transcript);
    const c = await put('summary.json', docs.clinicalDocument);
    const event = createEvent(
      TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED,
      {
        tenantId,
        actor: { type: 'service', id: 'scribe' },
        correlationId: dictationId,
        payload: {
          dictationId,
          jobName: `md-${dictationId}`,
          engine: opts.engine ?? 'synthetic',
          transcriptRef: t.ref,
          clinicalDocumentRef: c.ref,
          segmentCount: 9,
          transcriptSha256: opts.tamper ? createHash('sha256').update('other').digest('hex') : t.sha256,
          clinicalDocumentSha256: c.sha256,
        },
      },
      { clock: Date.now, newId: randomUUID },
    );
    if (!event.ok) throw new Error(event.error.message);
    return event.value;
  }
  const publish = (e: HealthscribeOutputReceivedEvent) => bus.publish([{ topic: e.type, key: e.correlationId, value: encodeEvent(e) }]);
  const rows = (tenant = tenantId) =>
    db().withTenant(tenant, async (tx) => (await tx.query<Record<string, unknown>>('SELECT * FROM narratives ORDER BY version')).rows);
  const generated = () => seen.filter((r) => r.topic === TOPIC.NARRATIVE_GENERATED);

  it('composes a DRAATT narrative, stores it encrypted and immutable, and emits narrative.generated', async () => {
    openGate('disabled');
    const dictationId = randomUUID();
    const event = await storeOutput(dictationId, DICTATION);
    await publish(event);
    await vi.waitFor(
      async () => {
        const g = await generated();
        expect(g.length).toBe(1);
      },
      { timeout: 10_000, interval: 10 },
    );
    const [row] = await rows();
    expect(row).toMatchObject({
      version: 1,
      dictation_id: dictationId,
      template: 'DRAATT',
      template_version: 1,
      engine: 'synthetic',
      engine_version: NARRATIVE_ENGINE_VERSION,
      source_event_id: event.id,
      sentence_count: 9,
      missing_elements: [],
      drafting: { requested: 'deterministic', drafter: 'deterministic' },
    });
    const out = decodeEvent(generated()[0]?.value ?? '', TOPIC.NARRATIVE_GENERATED);
    if (!out.ok) throw new Error(out.error.message);
    expect(out.value).toMatchObject({
      tenantId,
      correlationId: dictationId,
      causationId: event.id,
      payload: {
        dictationId,
        narrativeId: row?.narrative_id,
        version: 1,
        template: 'DRAATT',
        templateVersion: 1,
        sentenceCount: 9,
        missingElements: [],
        sha256: row?.sha256,
        drafting: { requested: 'deterministic', drafter: 'deterministic' },
      },
    });
    const stream = await objects.get({ tenantId, bucket: row?.content_bucket as 'output', key: String(row?.content_key) });
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    // The event names the stored content and its size (usage's narrative bytes; a deletion names the same ref).
    expect(out.value.payload).toMatchObject({
      contentRef: { bucket: row?.content_bucket, key: row?.content_key },
      contentBytes: Buffer.concat(chunks).length,
    });
    const content = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      text: string;
      sections: Array<{ key: string; sentences: Array<{ evidence: string[] }> }>;
    };
    expect(createHash('sha256').update(content.text).digest('hex')).toBe(row?.sha256);
    expect(content.sections.map((s) => [s.key, s.sentences.flatMap((x) => x.evidence)])).toEqual([
      ['dispatch', ['seg-1']],
      ['response', ['seg-2']],
      ['arrival', ['seg-3']],
      ['assessment', ['seg-4', 'seg-5']],
      ['treatment', ['seg-6', 'seg-7']],
      ['transport', ['seg-8', 'seg-9']],
    ]);
    expect(content.text).toContain(CANARY);
    const templates = await db().withTenant(
      tenantId,
      async (tx) => (await tx.query<{ name: string; version: number }>('SELECT name, version FROM templates ORDER BY name')).rows,
    );
    expect(templates).toEqual([
      { name: 'CHART', version: 1 },
      { name: 'DCHART', version: 1 },
      { name: 'DRAATT', version: 1 },
      { name: 'SOAP', version: 1 },
    ]);
  });

  it('reads the documents while it looks up which events it handled already and the template, not after', async () => {
    await service.stop();
    openGate('disabled');
    let readStarted!: () => void;
    const started = new Promise<void>((resolve) => (readStarted = resolve));
    // Whether a document read had started by the time the dedupe lookup returned (bounded: the read
    // never starts before that lookup ends when the two run one after the other).
    let overlapped: boolean | undefined;
    const inner = db();
    const watched: AdminDatabase = {
      ...inner,
      withTenant: (tenant, fn) =>
        inner.withTenant(tenant, (tx) =>
          fn({
            async query<R>(sql: string, params?: readonly unknown[]) {
              const result = await tx.query<R>(sql, params);
              if (overlapped === undefined && sql.includes('FROM processed_events WHERE consumer')) {
                overlapped = await Promise.race([started.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5_000))]);
              }
              return result;
            },
          }),
        ),
    };
    const reads: ObjectStore = {
      ...objects,
      get: (ref) => {
        readStarted();
        return objects.get(ref);
      },
    };
    service = await startNarrativeService({
      bus,
      db: watched,
      logger: createLogger({ service: 'narrative-test', level: 'silent' }),
      objects: reads,
      partitions: 3,
      gates,
    });
    await publish(await storeOutput(randomUUID(), DICTATION));
    await vi.waitFor(() => expect(generated()).toHaveLength(1), { timeout: 15_000, interval: 10 });
    expect(overlapped).toBe(true);
  });

  it('applies a redelivered event once; a new output of the same dictation becomes version 2 of the same narrative', async () => {
    openGate('disabled');
    const dictationId = randomUUID();
    const first = await storeOutput(dictationId, DICTATION);
    await publish(first);
    await publish(first);
    await vi.waitFor(
      async () => {
        const g = await generated();
        expect(g.length).toBeGreaterThanOrEqual(1);
      },
      { timeout: 10_000, interval: 10 },
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(await rows()).toHaveLength(1);
    const second = await storeOutput(dictationId, 'Dispatched for a fall. Patient refused transport.');
    await publish(second);
    await vi.waitFor(
      async () => {
        const g = await generated();
        expect(g.length).toBe(2);
      },
      { timeout: 10_000, interval: 10 },
    );
    const all = await rows();
    expect(all.map((r) => [r.version, r.source_event_id])).toEqual([
      [1, first.id],
      [2, second.id],
    ]);
    expect(all[1]?.narrative_id).toBe(all[0]?.narrative_id);
    expect(generated()).toHaveLength(2);
  });

  it(
    "keeps every version's content in the dictation's own folder, whatever day the output arrives; refuses output from " + 'another folder',
    async () => {
      openGate('disabled');
      const dictationId = randomUUID();
      const reprocessed = await storeOutput(dictationId, DICTATION, { subfolder: 'attempt-2/' });
      await publish(reprocessed);
      await vi.waitFor(
        async () => {
          const g = await generated();
          expect(g.length).toBe(1);
        },
        { timeout: 10_000, interval: 10 },
      );
      const [row] = await rows();
      // The folder is the transcript's (dated when the dictation came in, 2025/06/30 here), not the day of the event.
      expect(row?.content_key).toBe(`${tenantId}/2025/06/30/${dictationId}/narrative/${reprocessed.id}.json`);
      const stray = await storeOutput(randomUUID(), DICTATION, { folderOf: dictationId });
      await publish(stray);
      const deadLetters = () => seen.filter((r) => r.topic === 'dlq.narrative').map((r) => r.headers['x-error-code']);
      expect(
        await vi.waitFor(
          async () => {
            const d = await deadLetters();
            expect(d.length).toBe(1);
            return d;
          },
          { timeout: 10_000, interval: 10 },
        ),
      ).toEqual(['malformed_event']);
      expect(await rows()).toHaveLength(1);
    },
  );

  it('a halt that arrives while a narrative is being composed stops its commit; it is made once the halt lifts', async () => {
    await service.stop();
    // The halt lands while the content is being written (after the first gate check).
    const haltingObjects: ObjectStore = {
      ...objects,
      put: async (ref, body, opts) => {
        if (ref.key.includes('/narrative/')) openGate('disabled', true);
        return objects.put(ref, body, opts);
      },
    };
    service = await startNarrativeService({
      bus,
      db: db(),
      logger: createLogger({ service: 'narrative-test', level: 'silent' }),
      objects: haltingObjects,
      partitions: 3,
      gates,
    });
    openGate('disabled');
    await publish(await storeOutput(randomUUID(), DICTATION));
    await vi.waitFor(
      async () => {
        const v = await gateVersion;
        expect(v).toBe(2);
      },
      { timeout: 10_000, interval: 10 },
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(await rows()).toHaveLength(0);
    expect(generated()).toHaveLength(0);
    // The halt lifts: the held record is offered again (to a service whose writes no longer halt).
    await service.stop();
    service = await startNarrativeService({
      bus,
      db: db(),
      logger: createLogger({ service: 'narrative-test', level: 'silent' }),
      objects,
      partitions: 3,
      gates,
    });
    openGate('disabled');
    await vi.waitFor(
      async () => {
        const g = await generated();
        expect(g.length).toBe(1);
      },
      { timeout: 10_000, interval: 10 },
    );
    expect(await rows()).toHaveLength(1);
  });

  it('holds output while the gate is closed, and HealthScribe output until PHI mode is enabled', async () => {
    const synthetic = await storeOutput(randomUUID(), DICTATION);
    const phi = await storeOutput(randomUUID(), DICTATION, { engine: 'healthscribe' });
    await publish(synthetic);
    await publish(phi);
    await new Promise((r) => setTimeout(r, 150));
    expect(await rows()).toHaveLength(0);
    openGate('disabled');
    await vi.waitFor(
      async () => {
        const g = await generated();
        expect(g.length).toBe(1);
      },
      { timeout: 10_000, interval: 10 },
    );
    await new Promise((r) => setTimeout(r, 150));
    expect((await rows()).map((r) => r.engine)).toEqual(['synthetic']);
    openGate('enabled');
    await vi.waitFor(
      async () => {
        const g = await generated();
        expect(g.length).toBe(2);
      },
      { timeout: 10_000, interval: 10 },
    );
    expect((await rows()).map((r) => r.engine).sort()).toEqual(['healthscribe', 'synthetic']);
  });

  it('dead-letters output whose digest does not match, and keeps consuming', async () => {
    openGate('disabled');
    await publish(await storeOutput(randomUUID(), DICTATION, { tamper: true }));
    const good = await storeOutput(randomUUID(), DICTATION);
    await publish(good);
    const records = await vi.waitFor(
      async () => {
        const s = await seen;
        expect(s.length).toBeGreaterThanOrEqual(2);
        return s;
      },
      { timeout: 10_000, interval: 10 },
    );
    const dlq = records.filter((r) => r.topic === 'dlq.narrative');
    expect(dlq).toHaveLength(1);
    expect(dlq[0]?.headers['x-error-code']).toBe('output_digest_mismatch');
    expect((await rows()).map((r) => r.source_event_id)).toEqual([good.id]);
  });

  it('dead-letters output of a tenant the directory does not list at once, and the partition keeps flowing', async () => {
    openGate('disabled');
    gates.apply({
      tenantId: '*',
      version: 1,
      issuedAt: new Date(frozen).toISOString(),
      expiresAt: new Date(frozen + 3_000).toISOString(),
      halted: false,
      haltReasons: [],
      tenants: [tenantId],
    } as GateState);
    const dictationId = randomUUID();
    const real = await storeOutput(dictationId, DICTATION);
    const before = generated().length;
    for (let i = 0; i < 5; i++) await publish({ ...real, id: randomUUID(), tenantId: 'made-up-tenant' });
    await publish(real);
    await vi.waitFor(
      async () => {
        const g = await generated();
        expect(g.length).toBe(before + 1);
      },
      { timeout: 10_000, interval: 10 },
    );
    const deadLetters = () => seen.filter((r) => r.topic === 'dlq.narrative' && r.headers['x-error-code'] === 'unknown_tenant');
    expect(
      (
        await vi.waitFor(
          async () => {
            const d = await deadLetters();
            expect(d.length).toBe(5);
            return d;
          },
          { timeout: 10_000, interval: 10 },
        )
      ).length,
    ).toBe(5);
  });

  it('refuses UPDATE and DELETE of narrative versions and templates, and keeps tenants apart', async () => {
    openGate('disabled');
    await publish(await storeOutput(randomUUID(), DICTATION));
    await vi.waitFor(
      async () => {
        const g = await generated();
        expect(g.length).toBe(1);
      },
      { timeout: 10_000, interval: 10 },
    );
    for (const table of ['narratives', 'templates']) {
      await expect(db().withTenant(tenantId, (tx) => tx.query(`UPDATE ${table} SET tenant_id = tenant_id`))).rejects.toThrow(
        /permission denied/,
      );
      await expect(db().withTenant(tenantId, (tx) => tx.query(`DELETE FROM ${table}`))).rejects.toThrow(/permission denied/);
      await expect(db().admin((tx) => tx.query(`UPDATE narrative.${table} SET tenant_id = tenant_id`))).rejects.toThrow(/immutable/);
      await expect(db().admin((tx) => tx.query(`DELETE FROM narrative.${table}`))).rejects.toThrow(/immutable/);
    }
    expect(await rows()).toHaveLength(1);
    expect(await rows('other-tenant')).toEqual([]);
    expect(await db().withSystem(async (tx) => (await tx.query('SELECT * FROM narratives')).rows)).toEqual([]);
    expect(
      await db().admin(
        async (tx) => (await tx.query('SELECT DISTINCT tenant_id FROM narrative.narratives WHERE tenant_id = $1', [tenantId])).rows,
      ),
    ).toHaveLength(1);
  });

  it('never puts narrative or transcript text in events or logs (canary)', async () => {
    openGate('disabled');
    await publish(await storeOutput(randomUUID(), DICTATION, { tamper: true }));
    await publish(await storeOutput(randomUUID(), DICTATION));
    await vi.waitFor(
      async () => {
        const s = await seen;
        expect(s.length).toBeGreaterThanOrEqual(2);
      },
      { timeout: 10_000, interval: 10 },
    );
    expect(logs.join('\n')).toContain('narrative generated');
    for (const r of seen) expect(`${r.value} ${JSON.stringify(r.headers)}`).not.toContain(CANARY);
    expect(logs.join('\n')).not.toContain(CANARY);
    expect(logs.join('\n')).not.toContain('chest pain');
  });
});
