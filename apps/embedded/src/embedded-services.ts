import { createObjectStoreWitness, startAuditService } from '@medicdraft/audit';
import { DEFAULT_AUTH, startGatewayService, type EnrolmentDelivery, type GatewayServiceDeps } from '@medicdraft/gateway';
import { DEFAULT_INTAKE_LIMITS, startIngestService } from '@medicdraft/ingest';
import { startNarrativeService } from '@medicdraft/narrative';
import { DEFAULT_TENANT, startReadinessService } from '@medicdraft/readiness';
import { healthscribeJobName, scribeDocuments, startScribeService } from '@medicdraft/scribe';
import { createPgliteDatabase, type PgliteHandle } from '@medicdraft/platform/pglite';
import { randomBytes } from 'node:crypto';
import {
  createIncidentKeyer,
  secret,
  type AdminDatabase,
  type Coordination,
  type EventBus,
  type IncidentKeyer,
  type Logger,
  type ObjectStore,
  type ServiceMetrics,
} from '@medicdraft/platform';
import { type RunningService } from '@medicdraft/platform/http';

export interface EmbeddedDeps {
  bus: EventBus;
  /** One PGlite instance; each service gets its own schema and role on it, as on the stack. */
  pglite: PgliteHandle;
  coordination: Coordination;
  /** Filesystem object store (envelope encryption under the local master key) under DATA_DIR. */
  objects: ObjectStore;
  logger: Logger;
  partitions: number;
  /**
   * The audit service's dev signing key directory (DATA_DIR/audit-keys), so checkpoints stay verifiable across restarts;
   * without it, an ephemeral key.
   */
  auditKeyDir?: string;
  /** Where enrolment links for new and reset users go (a maildrop folder under DATA_DIR); closed by the host. */
  enrolmentDelivery: EnrolmentDelivery;
  /** The public base URL enrolment links point to (http://localhost:<port> by default). */
  publicUrl?: string;
  /** Gateway HTTP limits (rate per minute, body sizes); the gateway's defaults otherwise. The gateway bench raises the rate limit. */
  gatewayLimits?: GatewayServiceDeps['limits'];
  /**
   * Keys ePCR incident numbers (ingest and gateway share it). The app passes one from a secret kept
   * under DATA_DIR; without it (tests), a key of this process only.
   */
  incidentKey?: IncidentKeyer;
  /** Where the gateway spools resumable dictation uploads (DATA_DIR/upload-spool); a temporary folder otherwise. */
  uploadSpoolDir?: string;
  /** COOKIE_SECURE: behind TLS, the session cookie is `Secure` with the `__Host-` prefix and HSTS is sent. */
  cookieSecure?: boolean;
  /** The process's metrics (every service's outbox gauges, the parking gauges of scribe and narrative). */
  metrics?: ServiceMetrics;
}

/**
 * Starts the six services in one process, in dependency order: the services that watch
 * (readiness, audit) first, the edge (gateway) last; they stop in the reverse order, so intake
 * stops first and audit still records what the others finish. The gateway gets the other
 * services' API ports (contracts' `*Api`) as its clients, so embedded calls are in process and
 * typed like the stack's HTTP ones. Each /readyz check is prefixed with its service name.
 */
export async function startEmbeddedServices(deps: EmbeddedDeps): Promise<RunningService> {
  const { bus, coordination, logger, partitions } = deps;
  const incidentKey = deps.incidentKey ?? createIncidentKeyer(secret(randomBytes(32).toString('hex')));
  const metrics = deps.metrics === undefined ? {} : { metrics: deps.metrics };
  const started: [string, RunningService][] = [];
  const start = async <S extends RunningService>(name: string, starter: (db: AdminDatabase) => Promise<S>): Promise<S> => {
    const service = await starter(createPgliteDatabase({ pglite: deps.pglite, schema: name, role: `medicdraft_${name}` }));
    started.push([name, service]);
    return service;
  };
  const stopAll = async () => {
    for (const [, service] of started.splice(0).reverse()) await service.stop();
  };
  try {
    const readiness = await start('readiness', (db) => startReadinessService({ bus, db, logger, partitions, ...metrics }));
    // internalApi false: the gateway queries the audit store in process (its `api`). The
    // checkpoint witness is the filesystem object store: a sandbox stand-in for S3 Object Lock
    // (it keeps anchors out of the database, but DATA_DIR itself is not write-once).
    const audit = await start('audit', (db) =>
      startAuditService({
        bus,
        db,
        logger,
        partitions,
        groupSuffix: '',
        internalApi: false,
        ...metrics,
        witness: createObjectStoreWitness(deps.objects),
        ...(deps.auditKeyDir === undefined ? {} : { keyDir: deps.auditKeyDir }),
      }),
    );
    const narrative = await start('narrative', (db) =>
      startNarrativeService({ bus, db, logger, partitions, objects: deps.objects, ...metrics }),
    );
    // Sandbox scribe: the synthetic engine only (no HealthScribe), one worker in process.
    await start('scribe', (db) =>
      startScribeService({
        bus,
        db,
        logger,
        coordination,
        partitions,
        groupSuffix: '',
        objects: deps.objects,
        documents: scribeDocuments,
        jobName: healthscribeJobName,
        worker: { concurrency: 8, idlePollMs: 250, maxTextBytes: DEFAULT_INTAKE_LIMITS.maxTextBytes },
        ...metrics,
      }),
    );
    // internalApi false: the gateway calls the intake in process; this app is the public port.
    const ingest = await start('ingest', (db) =>
      startIngestService({
        bus,
        db,
        logger,
        partitions,
        objects: deps.objects,
        limits: DEFAULT_INTAKE_LIMITS,
        incidentKey,
        internalApi: false,
        ...metrics,
      }),
    );
    // The demo tenant's users are created (and printed once) at first start.
    await start('gateway', (db) =>
      startGatewayService({
        bus,
        db,
        logger,
        coordination,
        partitions,
        clients: { ingest: ingest.api, readiness: readiness.api, narrative: narrative.api, audit: audit.api },
        seedTenants: [DEFAULT_TENANT],
        incidentKey,
        ...metrics,
        enrolment: { delivery: deps.enrolmentDelivery, ...(deps.publicUrl === undefined ? {} : { publicUrl: deps.publicUrl }) },
        auth: { session: { ...DEFAULT_AUTH.session, cookieSecure: deps.cookieSecure ?? false } },
        ...(deps.gatewayLimits === undefined ? {} : { limits: deps.gatewayLimits }),
        ...(deps.uploadSpoolDir === undefined ? {} : { uploads: { spoolDir: deps.uploadSpoolDir } }),
      }),
    );
  } catch (err) {
    await stopAll();
    throw err;
  }
  return {
    checks: started.flatMap(([name, s]) => s.checks.map((c) => ({ name: `${name}.${c.name}`, check: c.check }))),
    routes: async (app) => {
      for (const [, s] of started) await s.routes?.(app);
    },
    stop: stopAll,
  };
}
