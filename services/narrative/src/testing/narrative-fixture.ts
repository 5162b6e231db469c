import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createEvent, encodeEvent, TOPIC, type GateState, type ScribeEngine } from '@medicdraft/contracts';
import { sandboxGateStateFixture } from '@medicdraft/contracts/testing';
import { createSyntheticDocuments } from '@medicdraft/healthscribe-documents';
import {
  createFsObjectStore,
  createGateView,
  createLocalKeyService,
  createLogger,
  createMemoryEventBus,
  type ConsumedRecord,
  type EventBus,
  type GateView,
  type ObjectStore,
  type Subscription,
} from '@medicdraft/platform';
import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import { NARRATIVE_ROLE, NARRATIVE_SCHEMA } from '../narrative-migrations.js';
import { startNarrativeService, type NarrativeService, type NarrativeServiceDeps } from '../service.js';

/**
 * The real narrative service for tests (memory bus, PGlite, encrypted filesystem objects, a gate
 * view the test controls), with `narrate` to turn dictation text into a narrative version through
 * the same path as production (synthetic HealthScribe documents → `healthscribe.output.received`).
 * Shared by the narrative tests and the gateway's NarrativeClient contract tests.
 */
export interface NarrativeFixture {
  service: NarrativeService;
  bus: EventBus;
  gates: GateView;
  objects: ObjectStore;
  /** Records the service published (narrative.generated / narrative.edited, qa.review.*, DLQ). */
  published: ConsumedRecord[];
  /** Everything the service logged. */
  logs: string[];
  setGate(tenantId: string, phiMode: 'enabled' | 'disabled', halted?: boolean): void;
  /** Stores synthetic documents for `text` and waits until the narrative version exists. */
  narrate(tenantId: string, dictationId: string, text: string, engine?: ScribeEngine): Promise<void>;
  close(): Promise<void>;
}

export async function startNarrativeFixture(over: Partial<NarrativeServiceDeps> = {}): Promise<NarrativeFixture> {
  const pglite: PgliteHandle = await openPglite();
  const dir = await mkdtemp(join(tmpdir(), 'narrative-fixture-'));
  const objects = createFsObjectStore({ rootDir: dir, keys: createLocalKeyService({ masterKey: randomBytes(32), keyId: 'local-test' }) });
  const bus = over.bus ?? createMemoryEventBus({ defaultPartitions: 3 });
  const gates = over.gates ?? createGateView();
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const published: ConsumedRecord[] = [];
  const collector: Subscription = await bus.subscribe({
    groupId: `fixture-collector-${randomUUID().slice(0, 8)}`,
    topics: [
      TOPIC.NARRATIVE_GENERATED,
      TOPIC.NARRATIVE_EDITED,
      TOPIC.QA_REVIEW_COMMENTED,
      TOPIC.QA_REVIEW_RETURNED,
      TOPIC.QA_REVIEW_RESUBMITTED,
      TOPIC.QA_REVIEW_APPROVED,
      'dlq.narrative',
    ],
    handler: async (r) => (published.push(r), { action: 'done' }),
  });
  const service = await startNarrativeService({
    bus,
    db: createPgliteDatabase({ pglite, schema: NARRATIVE_SCHEMA, role: NARRATIVE_ROLE }),
    logger: createLogger({ service: 'narrative-test', level: 'debug', destination }),
    objects,
    partitions: 3,
    gates,
    ...over,
  });
  let version = 0;
  return {
    service,
    bus,
    gates,
    objects,
    published,
    logs,
    setGate(tenantId, phiMode, halted = false) {
      const now = Date.now();
      gates.apply({
        ...sandboxGateStateFixture(tenantId),
        version: ++version,
        phiMode,
        halted,
        haltReasons: halted ? ['manual'] : [],
        issuedAt: new Date(now).toISOString(),
        expiresAt: new Date(now + 3_600_000).toISOString(),
      } as GateState);
    },
    async narrate(tenantId, dictationId, text, engine = 'synthetic') {
      const docs = createSyntheticDocuments(text);
      const put = async (file: string, body: unknown) => {
        const key = `${tenantId}/2026/11/23/${dictationId}/${file}`;
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
            engine,
            transcriptRef: t.ref,
            clinicalDocumentRef: c.ref,
            segmentCount: Object.keys(docs.phases).length,
            transcriptSha256: t.sha256,
            clinicalDocumentSha256: c.sha256,
          },
        },
        { clock: Date.now, newId: randomUUID },
      );
      if (!event.ok) throw new Error(event.error.message);
      const before = published.filter((r) => r.topic === TOPIC.NARRATIVE_GENERATED).length;
      await bus.publish([{ topic: event.value.type, key: dictationId, value: encodeEvent(event.value) }]);
      const until = Date.now() + 15_000;
      while (published.filter((r) => r.topic === TOPIC.NARRATIVE_GENERATED).length === before) {
        if (Date.now() > until) throw new Error('no narrative.generated within 15 s (is the gate open?)');
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async close() {
      await service.stop();
      await collector.close();
      if (over.bus === undefined) await bus.close();
      await pglite.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
