import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { TOPIC, type GateState } from '@medicdraft/contracts';
import { sandboxGateStateFixture } from '@medicdraft/contracts/testing';
import {
  createFsObjectStore,
  createGateView,
  createLocalKeyService,
  createLogger,
  createMemoryEventBus,
  createMetrics,
  type Clock,
  type ConsumedRecord,
  type AdminDatabase,
  type EventBus,
  type GateView,
  type IncidentKeyer,
  type ObjectStore,
} from '@medicdraft/platform';
import { createHttpApp } from '@medicdraft/platform/http';
import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import type { FastifyInstance } from 'fastify';
import type { IntakeLimits } from '../dictation-intake.js';
import { INGEST_ROLE, INGEST_SCHEMA } from '../ingest-migrations.js';
import { startIngestService, type IngestService } from '../service.js';

export interface IngestHarness {
  app: FastifyInstance;
  bus: EventBus;
  pglite: PgliteHandle;
  /** A fresh Database on the ingest schema (the service's own role). */
  db: () => AdminDatabase;
  objects: ObjectStore;
  objectsDir: string;
  gates: GateView;
  service: IngestService;
  /** Every `dictation.*.created` record the bus delivered. */
  events: ConsumedRecord[];
  /** Every log line the service wrote (level debug and up). */
  logLines: string[];
  /** Publishes-free gate control: applies a fresh state for the tenant. */
  setGate(tenantId: string, state: { phiMode: 'enabled' | 'disabled'; halted?: boolean }): void;
  close(): Promise<void>;
}

let gateVersion = 0;

/** A tenant gate state valid for an hour (tests that need expiry build their own). */
export function gateState(tenantId: string, state: { phiMode: 'enabled' | 'disabled'; halted?: boolean }): GateState {
  const now = Date.now();
  return {
    ...sandboxGateStateFixture(tenantId),
    version: ++gateVersion,
    issuedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 3_600_000).toISOString(),
    phiMode: state.phiMode,
    halted: state.halted ?? false,
    haltReasons: state.halted ? ['manual'] : [],
  };
}

/**
 * The ingest service on the unit tier: memory bus, in-memory PGlite, filesystem object store in a
 * temp dir with a random local master key, its internal routes on a fastify app (use `inject`).
 * `wrapDb` / `wrapBus` let a test put a fault-injecting Database or bus in front of the real one.
 */
export async function startIngestHarness(
  opts: {
    limits?: Partial<IntakeLimits>;
    wrapDb?: (db: AdminDatabase) => AdminDatabase;
    wrapBus?: (bus: EventBus) => EventBus;
    subscribeGates?: boolean;
    /** The service's clock (intake times, the dedupe window); the system clock otherwise. */
    clock?: Clock;
    /** Keys incident numbers; none: an intake naming one is refused. */
    incidentKey?: IncidentKeyer;
  } = {},
): Promise<IngestHarness> {
  const memoryBus = createMemoryEventBus({ defaultPartitions: 2 });
  const bus = opts.wrapBus ? opts.wrapBus(memoryBus) : memoryBus;
  const pglite = await openPglite();
  const db = () => createPgliteDatabase({ pglite, schema: INGEST_SCHEMA, role: INGEST_ROLE });
  const objectsDir = await mkdtemp(join(tmpdir(), 'medicdraft-ingest-'));
  const objects = createFsObjectStore({
    rootDir: objectsDir,
    keys: createLocalKeyService({ masterKey: randomBytes(32), keyId: 'local:test' }),
  });
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _e, cb) {
      logLines.push(String(chunk));
      cb();
    },
  });
  const logger = createLogger({ service: 'ingest-test', level: 'debug', destination: sink });
  const gates = createGateView();
  const service = await startIngestService({
    bus,
    db: opts.wrapDb ? opts.wrapDb(db()) : db(),
    logger,
    partitions: 2,
    objects,
    // Dedupe off unless a test sets the window: most tests send one fixture several times on purpose.
    limits: { maxAudioBytes: 256 * 1024, maxTextBytes: 1024, dedupeWindowMs: 0, ...opts.limits },
    ...(opts.clock === undefined ? {} : { clock: opts.clock }),
    ...(opts.incidentKey === undefined ? {} : { incidentKey: opts.incidentKey }),
    ...(opts.subscribeGates ? {} : { gates }),
  });
  const events: ConsumedRecord[] = [];
  const sub = await bus.subscribe({
    groupId: 'ingest-test-events',
    topics: [TOPIC.DICTATION_AUDIO_CREATED, TOPIC.DICTATION_TEXT_CREATED],
    handler: async (r) => {
      events.push(r);
      return { action: 'done' };
    },
  });
  const app = createHttpApp({
    logger,
    metrics: createMetrics('ingest-test'),
    ops: { checks: () => service.checks, accepting: () => true },
  });
  await service.routes?.(app);
  await app.ready();
  return {
    app,
    bus,
    pglite,
    db,
    objects,
    objectsDir,
    gates,
    service,
    events,
    logLines,
    setGate: (tenantId, state) => void gates.apply(gateState(tenantId, state)),
    async close() {
      await app.close();
      await sub.close();
      await service.stop();
      await bus.close();
      await pglite.close();
      await rm(objectsDir, { recursive: true, force: true });
    },
  };
}
