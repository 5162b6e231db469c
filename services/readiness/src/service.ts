import { decodeControlMessage, readinessApi, TOPIC, topicLayoutFor, type ReadinessApi } from '@medicdraft/contracts';
import {
  randomId,
  startServiceCore,
  systemClock,
  type Clock,
  type AdminDatabase,
  type EventBus,
  type IdGenerator,
  type Logger,
  serviceLogger,
  type ServiceMetrics,
} from '@medicdraft/platform';
import { registerInternalApi } from '@medicdraft/platform/http';
import { type RunningService } from '@medicdraft/platform/http';
import { randomUUID } from 'node:crypto';
import { createAuditHealth } from './broadcast/audit-health.js';
import { createGateEngine, type GateEngine } from './broadcast/gate-engine.js';
import type { EnvFacts } from './gates/gate-inputs.js';
import { embeddedEnvFacts } from './gates/sandbox-inputs.js';
import { createReadinessApi } from './http/readiness-api.js';
import { createSandboxProbes } from './probes/live-probes.js';
import type { ReadinessProbes } from './probes/readiness-probes.port.js';
import { createReadinessOperations, type ReadinessOperations } from './readiness-operations.js';
import { READINESS_ROLE, READINESS_SCHEMA, readinessMigrations } from './readiness-migrations.js';
import { ensureTenant } from './settings/tenant-settings.store.js';
import { DEFAULT_TENANT, type TenantSettings } from './settings/tenant-settings.js';

/**
 * A heartbeat older than this halts the pipeline. The halt must go out within 3 s of the
 * audit service dying, and its last heartbeat may have been sent at that very moment, so the
 * staleness bound leaves 0.5 s for noticing it and publishing the halted state (a CI run measured
 * ~0.35 s on a loaded box). Anything older than the 3 s is, a fortiori, halted. Heartbeats
 * come every second, so only a heartbeat 1.5 s late halts a live audit service (fail-closed).
 */
export const AUDIT_HEARTBEAT_MAX_AGE_MS = 2_500;

export { READINESS_ROLE, READINESS_SCHEMA };

export interface GateTimings {
  /** Audit lag bound (AUDIT_MAX_LAG). */
  auditMaxLag: number;
  ttlMs: number;
  publishIntervalMs: number;
  probeIntervalMs: number;
  /** Wait at start for a first audit heartbeat before the first publication (see GateEngine.start). */
  startupGraceMs: number;
}
export const DEFAULT_GATE_TIMINGS: GateTimings = {
  auditMaxLag: 10_000,
  ttlMs: 3_000,
  publishIntervalMs: 1_000,
  probeIntervalMs: 5_000,
  startupGraceMs: 2_000,
};

export interface ReadinessServiceDeps {
  /** The process's metrics (the outbox backlog gauges go here). */
  metrics?: ServiceMetrics;
  bus: EventBus;
  db: AdminDatabase;
  logger: Logger;
  /** Domain topic partitions (TOPIC_PARTITIONS). */
  partitions: number;
  /**
   * This instance's stable name (KAFKA_INSTANCE_ID): names the consumer group it needs for itself
   * (the gate view), so a restart rejoins that group. Absent (tests, one-process apps on the
   * memory bus): a random one.
   */
  kafkaInstanceId?: string;
  /** Live probes on the stack; default: the sandbox truth of the embedded mode. */
  probes?: ReadinessProbes;
  /** Deployment facts; default: the embedded mode's (PGlite, no production identity, demo storage). */
  env?: EnvFacts;
  timings?: Partial<GateTimings>;
  /** Appended to the heartbeat consumer group id (KAFKA_GROUP_SUFFIX). */
  groupSuffix?: string;
  /** Registered at start-up (idempotent; existing settings are kept). Default: the seed's demo tenant. */
  tenants?: readonly { id: string; displayName: string; settings: TenantSettings }[];
  /** Serve the INTERNAL API (contracts' `readinessApi`): the stack process only, never a public port. */
  internalRoutes?: boolean;
  /** The service role (tests use a unique one per file; roles are cluster-wide). */
  role?: string;
  clock?: Clock;
  newId?: IdGenerator;
}

export interface ReadinessService extends RunningService, ReadinessOperations {
  engine: GateEngine;
  /** The readiness API's port (the embedded gateway calls it in process). */
  api: ReadinessApi;
}

/**
 * Computes every tenant's gates from settings, configuration and live probes; broadcasts them on
 * `readiness.gate.state`; follows `audit.heartbeat` to halt the pipeline. Start order: schema and
 * relay, tenants, the heartbeat subscription, then the engine (first probe round, first state).
 */
export async function startReadinessService(deps: ReadinessServiceDeps): Promise<ReadinessService> {
  const logger = serviceLogger(deps.logger, 'readiness');
  const clock = deps.clock ?? systemClock;
  const newId = deps.newId ?? randomId;
  const timings = { ...DEFAULT_GATE_TIMINGS, ...deps.timings };
  const role = deps.role ?? READINESS_ROLE;
  const core = await startServiceCore({
    metrics: deps.metrics,
    bus: deps.bus,
    db: deps.db,
    logger,
    schema: READINESS_SCHEMA,
    role,
    migrations: readinessMigrations(READINESS_SCHEMA, role),
    topics: topicLayoutFor('readiness', deps.partitions),
  });
  for (const tenant of deps.tenants ?? [DEFAULT_TENANT]) await ensureTenant(deps.db, { clock, newId }, tenant);

  const engine = createGateEngine({
    db: deps.db,
    publisher: deps.bus,
    probes: deps.probes ?? createSandboxProbes(deps.db),
    env: deps.env ?? embeddedEnvFacts(),
    auditHealth: createAuditHealth({ maxAgeMs: AUDIT_HEARTBEAT_MAX_AGE_MS, maxLag: timings.auditMaxLag, clock }),
    clock,
    newId,
    logger,
    ttlMs: timings.ttlMs,
    publishIntervalMs: timings.publishIntervalMs,
    probeIntervalMs: timings.probeIntervalMs,
    startupGraceMs: timings.startupGraceMs,
  });
  // Every instance must see every heartbeat (a group of its own), and only fresh ones matter.
  const heartbeats = await deps.bus.subscribe({
    groupId: `readiness.heartbeat.${deps.kafkaInstanceId ?? randomUUID().slice(0, 8)}${deps.groupSuffix ?? ''}`,
    topics: [TOPIC.AUDIT_HEARTBEAT],
    fromBeginning: false,
    handler: async (record) => {
      const parsed = decodeControlMessage(TOPIC.AUDIT_HEARTBEAT, record.value);
      if (parsed.ok) engine.observeHeartbeat(parsed.value);
      else logger.warn({ reason: parsed.error.message }, 'ignored malformed audit heartbeat');
      return { action: 'done' };
    },
  });
  await engine.start();
  const ops = createReadinessOperations({ db: deps.db, engine, clock, newId });
  const api = createReadinessApi(ops);

  return {
    ...ops,
    engine,
    api,
    checks: core.checks,
    ...(deps.internalRoutes ? { routes: (app) => registerInternalApi(app, readinessApi, api) } : {}),
    async stop() {
      await heartbeats.close();
      await engine.stop();
      await core.stop();
    },
  };
}
