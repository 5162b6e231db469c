import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEvent, encodeEvent, TOPIC, type DomainEvent, type GateState, type MediaFormat } from '@medicdraft/contracts';
import { sandboxGateStateFixture } from '@medicdraft/contracts/testing';
import {
  createFsObjectStore,
  createGateView,
  createLocalKeyService,
  createLogger,
  createMemoryCoordination,
  createMemoryEventBus,
  type ConsumedRecord,
  type Coordination,
  type EventBus,
  type GateView,
  type ObjectStore,
} from '@medicdraft/platform';
import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import type { RawScribeDocuments } from '../engine/scribe-engine.port.js';
import { SCRIBE_ROLE, SCRIBE_SCHEMA } from '../jobs/job-migrations.js';

/** Test documents: one segment per sentence; validation requires the shape draft() produces. */
export const testDocuments = {
  draft(text: string): RawScribeDocuments {
    const segments = text.split(/(?<=\.)\s+/).map((content, i) => ({ SegmentId: `s${i}`, Content: content }));
    return {
      transcript: { Conversation: { TranscriptSegments: segments } },
      clinicalDocument: { ClinicalDocumentation: { Sections: [] } },
    };
  },
  validate(documents: RawScribeDocuments): { segmentCount: number } {
    const segments = (documents.transcript as { Conversation?: { TranscriptSegments?: unknown[] } }).Conversation?.TranscriptSegments;
    if (!Array.isArray(segments)) throw new Error('no transcript segments');
    return { segmentCount: segments.length };
  },
};

/** One embedded-style scribe environment: PGlite, memory bus and coordination, encrypted fs objects. */
export interface ScribeHarness {
  tenantId: string;
  bus: EventBus;
  pglite: PgliteHandle;
  coordination: Coordination;
  objects: ObjectStore;
  /** A gate view whose clock is frozen, so a state applied once stays fresh for the test. */
  gates: GateView;
  /** The instant the gate view's clock is frozen at. */
  frozenAt: number;
  /** Applies a fresh state for the harness tenant (or `tenant`); `halted` closes it for everything. */
  openGate(phiMode: 'enabled' | 'disabled', tenant?: string, over?: { halted?: boolean }): void;
  /** Applies readiness' global record: a fresh, unhalted directory listing `tenants`. */
  directory(tenants: readonly string[]): void;
  db(): ReturnType<typeof createPgliteDatabase>;
  /** Every record published on the healthscribe topics, in arrival order. */
  seen: ConsumedRecord[];
  storeText(dictationId: string, text: string, tenant?: string): Promise<DomainEvent>;
  storeAudio(dictationId: string, format?: MediaFormat): Promise<DomainEvent>;
  publish(event: DomainEvent): Promise<void>;
  /** `dictation.reprocess.requested` for the dictation of a `*.created` event, as ingest sends it. */
  reprocessOf(created: DomainEvent, attempt: number): DomainEvent;
  close(): Promise<void>;
}

export const silentLogger = createLogger({ service: 'scribe-test', level: 'silent' });

export async function createScribeHarness(): Promise<ScribeHarness> {
  const tenantId = `t-${randomUUID().slice(0, 8)}`;
  const bus = createMemoryEventBus({ defaultPartitions: 3 });
  const pglite = await openPglite();
  const coordination = createMemoryCoordination();
  const dir = await mkdtemp(join(tmpdir(), 'scribe-objects-'));
  const objects = createFsObjectStore({ rootDir: dir, keys: createLocalKeyService({ masterKey: randomBytes(32), keyId: 'local-test' }) });
  const frozen = Date.now();
  const gates = createGateView({ clock: () => frozen });
  let version = 0;
  const seen: ConsumedRecord[] = [];
  const collector = await bus.subscribe({
    groupId: 'test-collector',
    topics: [TOPIC.HEALTHSCRIBE_JOB_STARTED, TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED, TOPIC.HEALTHSCRIBE_JOB_FAILED],
    handler: async (record) => {
      seen.push(record);
      return { action: 'done' };
    },
  });
  const created = (
    type: 'dictation.text.created' | 'dictation.audio.created' | 'dictation.reprocess.requested',
    dictationId: string,
    payload: Record<string, unknown>,
    tenant = tenantId,
  ) => {
    const event = createEvent(
      type,
      {
        tenantId: tenant,
        actor: { type: 'user', id: randomUUID(), role: 'provider' },
        correlationId: dictationId,
        payload: payload as never,
      },
      { clock: Date.now, newId: randomUUID },
    );
    if (!event.ok) throw new Error(event.error.message);
    return event.value;
  };
  const keyOf = (dictationId: string, file: string, tenant = tenantId) => `${tenant}/2026/11/23/${dictationId}/${file}`;
  let globalVersion = 0;
  return {
    tenantId,
    bus,
    pglite,
    coordination,
    objects,
    gates,
    frozenAt: frozen,
    seen,
    openGate(phiMode, tenant = tenantId, over = {}) {
      version += 1;
      const halt = over.halted === true ? { halted: true, haltReasons: ['manual'] } : {};
      const state = {
        ...sandboxGateStateFixture(tenant),
        version,
        phiMode,
        issuedAt: new Date(frozen).toISOString(),
        expiresAt: new Date(frozen + 3_000).toISOString(),
        ...halt,
      } as GateState;
      gates.apply(state);
    },
    directory(tenants) {
      globalVersion += 1;
      gates.apply({
        tenantId: '*',
        version: globalVersion,
        issuedAt: new Date(frozen).toISOString(),
        expiresAt: new Date(frozen + 3_000).toISOString(),
        halted: false,
        haltReasons: [],
        tenants: [...tenants],
      });
    },
    db: () => createPgliteDatabase({ pglite, schema: SCRIBE_SCHEMA, role: SCRIBE_ROLE }),
    async storeText(dictationId, text, tenant = tenantId) {
      const key = keyOf(dictationId, 'dictation.txt', tenant);
      const stored = await objects.put({ tenantId: tenant, bucket: 'input', key }, Buffer.from(text));
      return created(
        'dictation.text.created',
        dictationId,
        {
          dictationId,
          providerId: randomUUID(),
          objectRef: { bucket: 'input', key },
          sha256: stored.sha256,
          sizeBytes: stored.size,
          synthetic: true,
        },
        tenant,
      );
    },
    async storeAudio(dictationId, format = 'wav') {
      const key = keyOf(dictationId, `audio.${format}`);
      const stored = await objects.put({ tenantId, bucket: 'input', key }, randomBytes(256));
      return created('dictation.audio.created', dictationId, {
        dictationId,
        providerId: randomUUID(),
        objectRef: { bucket: 'input', key },
        sha256: stored.sha256,
        sizeBytes: stored.size,
        mediaFormat: format,
      });
    },
    async publish(event) {
      await bus.publish([{ topic: event.type, key: event.correlationId, value: encodeEvent(event) }]);
    },
    reprocessOf(source, attempt) {
      if (source.type !== 'dictation.text.created' && source.type !== 'dictation.audio.created')
        throw new Error('not a dictation.*.created event');
      const { dictationId, providerId, objectRef, sha256, sizeBytes } = source.payload;
      const kind =
        source.type === 'dictation.audio.created' ? { kind: 'audio', mediaFormat: source.payload.mediaFormat } : { kind: 'text' };
      return created('dictation.reprocess.requested', dictationId, {
        dictationId,
        providerId,
        requestedBy: providerId,
        attempt,
        objectRef,
        sha256,
        sizeBytes,
        ...kind,
      });
    },
    async close() {
      await collector.close();
      await bus.close();
      await coordination.close();
      await pglite.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
