import { generateKeyPairSync } from 'node:crypto';
import { hostname } from 'node:os';
import { auditApi, DOMAIN_TOPICS, topicLayoutFor, type AuditApi, type AuditCheckpoint, type DomainTopic } from '@medicdraft/contracts';
import {
  ConfigError,
  createGateView,
  startServiceCore,
  subscribeGateView,
  systemClock,
  type AdminDatabase,
  type Clock,
  type EventBus,
  type Logger,
  serviceLogger,
  type ServiceMetrics,
} from '@medicdraft/platform';
import { registerInternalApi } from '@medicdraft/platform/http';
import { type RunningService } from '@medicdraft/platform/http';
import { createAuditBatcher } from './audit-batcher.js';
import { createAuditMetrics } from './audit-metrics.js';
import { createAuditBatchHandler } from './audit-consumer.js';
import { listChainHeads } from './chain-heads.js';
import { AUDIT_ROLE, AUDIT_SCHEMA, auditMigrations } from './audit-migrations.js';
import { isKeyRegistered, registerSigningKeys } from './checkpoint/checkpoint-store.js';
import { createCheckpointer } from './checkpoint/checkpointer.js';
import { loadOrCreateDevKeyRing, signingKeyFromPem, type KeyRing } from './checkpoint/signing-keys.js';
import { DEFAULT_AUDIT_SETTINGS, type AuditSettings } from './config.js';
import { createHeartbeatPublisher, instanceIdFor, type LagProbe } from './heartbeat/heartbeat-publisher.js';
import type { AuditMirror } from './mirror/audit-mirror.js';
import { createAuditQuery, type AuditQuery } from './query/audit-query.js';
import { createAuditApi } from './query/audit-api.js';
import { createPeriodReport } from './query/period-report.js';
import { verifyStatus } from './query/verify-status.js';
import { createUsageReport } from './query/usage-report.js';
import type { CheckpointWitness } from './witness/checkpoint-witness.js';

export interface AuditServiceDeps {
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
  /** Appended to the consumer group id (KAFKA_GROUP_SUFFIX). */
  groupSuffix: string;
  /** Checkpoint signing keys. Default: `keyDir`'s dev keys when given, else an ephemeral key (registered, so still verifiable). */
  keys?: KeyRing;
  /** Where the embedded mode keeps its generated dev key (DATA_DIR/audit-keys). */
  keyDir?: string;
  settings?: Partial<AuditSettings>;
  /** Lag for the heartbeat; default: records received but not yet durable (right for the memory bus). */
  lag?: LagProbe;
  instanceId?: string;
  /** CloudWatch Logs mirror (AWS_HEALTHSCRIBE_AUDIT_LOG_GROUP), if configured. */
  mirror?: AuditMirror;
  /** Anchor of every signed checkpoint outside Postgres (S3 Object Lock; the object store in the sandbox). */
  witness?: CheckpointWitness;
  /**
   * Register the signing keys' public halves through the key-admin role at start (dev keys, the
   * sandbox, tests). False in production: keys are provisioned with `medicdraft-audit keys add`,
   * and the service refuses to start when its active key is not registered. Default true.
   */
  provisionKeys?: boolean;
  /** Observer of stored checkpoints (tests, bench). */
  onCheckpoint?: (checkpoint: AuditCheckpoint) => void;
  /**
   * Serve the internal query API (contracts' `auditApi`). True for the service's own process;
   * the embedded mode passes false (its one HTTP app is the public port) and the gateway calls
   * `api` in process instead.
   */
  internalApi?: boolean;
  /** Epoch ms now for the query side (verify status, report times, the usage report's last months); the system clock otherwise. */
  clock?: Clock;
}

/** The running service plus its read side: as a query, and as the audit API's port (the embedded gateway calls it). */
export interface AuditService extends RunningService {
  query: AuditQuery;
  api: AuditApi;
}

/** Consumer group of the audit service; all instances share it, so partitions are split. */
export const AUDIT_GROUP = 'audit';

/**
 * Starts the audit store: migrate, relay, register the signing keys, then consume every domain
 * topic from the beginning into the per-tenant hash chains, sign checkpoints and beat. Stops in
 * the reverse order: intake, pending appends, a final checkpoint, heartbeat, relay.
 */
export async function startAuditService(deps: AuditServiceDeps): Promise<AuditService> {
  const logger = serviceLogger(deps.logger, 'audit');
  const settings = { ...DEFAULT_AUDIT_SETTINGS, ...deps.settings };
  const core = await startServiceCore({
    metrics: deps.metrics,
    ...deps,
    logger,
    schema: AUDIT_SCHEMA,
    role: AUDIT_ROLE,
    migrations: auditMigrations(),
    topics: topicLayoutFor('audit', deps.partitions),
  });
  const keys = deps.keys ?? (deps.keyDir !== undefined ? await loadOrCreateDevKeyRing(deps.keyDir) : ephemeralKeyRing(logger));
  if (deps.provisionKeys ?? true) await registerSigningKeys(deps.db, keys.all);
  else if (!(await isKeyRegistered(deps.db, keys.active.keyId))) {
    await core.stop();
    throw new ConfigError([
      `audit signing key ${keys.active.keyId} is not registered: ` +
        `provision it with \`medicdraft-audit keys add <public.pem>\` (key-admin role)`,
    ]);
  }
  if (!deps.witness) logger.warn('no checkpoint witness configured (AUDIT_WITNESS_BUCKET): checkpoints are anchored in Postgres only');
  const checkpointer = createCheckpointer({
    db: deps.db,
    keys,
    logger,
    intervalMs: settings.checkpointIntervalMs,
    everyEvents: settings.checkpointEvery,
    onCheckpoint: deps.onCheckpoint,
    ...(deps.witness ? { witness: deps.witness } : {}),
  });
  // After a crash, records appended but not yet signed may belong to tenants that send nothing more.
  for (const h of await listChainHeads(deps.db))
    if (h.lastSeq > h.signedSize) checkpointer.noteAppended(h.tenantId, h.lastSeq - h.signedSize);
  // The default lag reads the batcher, which is created after the heartbeat it reports to.
  const pendingRef = { pending: () => 0 };
  const heartbeat = createHeartbeatPublisher({
    publisher: deps.bus,
    instanceId: deps.instanceId ?? instanceIdFor(hostname(), process.pid),
    intervalMs: settings.heartbeatIntervalMs,
    lag: deps.lag ?? (async () => pendingRef.pending()),
    logger,
  });
  const appendMetrics = deps.metrics === undefined ? undefined : createAuditMetrics(deps.metrics);
  const batcher = createAuditBatcher({
    db: deps.db,
    maxBatch: settings.batchMax,
    lingerMs: settings.batchLingerMs,
    onAppended(tenantId, links, records) {
      appendMetrics?.onAppended(links, records);
      for (const r of records) heartbeat.noteDurable(r.sourceTopic as DomainTopic, r.sourcePartition, r.sourceOffset);
      if (links.length > 0) {
        checkpointer.noteAppended(tenantId, links.length);
        deps.mirror?.noteAppended(tenantId);
      }
    },
  });
  pendingRef.pending = () => batcher.pending();
  checkpointer.start();
  heartbeat.start();
  deps.mirror?.start();
  // Only for readiness' tenant directory: audit is not gated (it must record while gates are shut).
  const gates = createGateView();
  const gateFeed = await subscribeGateView({ bus: deps.bus, view: gates, service: 'audit', instanceId: deps.kafkaInstanceId, logger });
  const subscription = await deps.bus.subscribe({
    groupId: `${AUDIT_GROUP}${deps.groupSuffix}`,
    topics: DOMAIN_TOPICS,
    fromBeginning: true,
    // A partition's fetch at a time, up to one full append batch: one durable step and one commit per fetch.
    batchHandler: createAuditBatchHandler(batcher, (tenantId, recordAt) => gates.tenantStatus(tenantId, recordAt)),
    maxBatchRecords: settings.batchMax,
  });
  // A record held for the next directory (`pending`) is looked at again as soon as one arrives.
  const unwatch = gates.onChange(() => subscription.wake());
  logger.info({ keyId: keys.active.keyId, retentionDays: settings.retentionDays }, 'audit service started');
  const query = createAuditQuery({ db: deps.db });
  const now = deps.clock ?? systemClock;
  const verifyDeps = { db: deps.db, witness: deps.witness, now };
  const api = createAuditApi(query, {
    now,
    usage: createUsageReport({ db: deps.db, clock: now }),
    verify: (tenantId) => verifyStatus(verifyDeps, tenantId),
    periodReport: (tenantId, from, to, names) => createPeriodReport({ ...verifyDeps, query, keys }, tenantId, from, to, names),
  });
  return {
    query,
    api,
    checks: core.checks,
    ...(deps.internalApi === false ? {} : { routes: (app) => registerInternalApi(app, auditApi, api) }),
    async stop() {
      unwatch();
      await subscription.close();
      await gateFeed.close();
      await batcher.drain();
      await checkpointer.stop();
      await deps.mirror?.stop();
      heartbeat.stop();
      await core.stop();
    },
  };
}

function ephemeralKeyRing(logger: Logger): KeyRing {
  const { privateKey } = generateKeyPairSync('ed25519');
  const key = signingKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  logger.warn(
    { keyId: key.keyId },
    'no audit signing key configured: using an ephemeral key (its public key is registered in audit.signing_keys)',
  );
  return { active: key, all: [key] };
}
