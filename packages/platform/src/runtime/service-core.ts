import type { Logger } from 'pino';
import type { EventBus } from '../bus/event-bus.port.js';
import type { Clock } from '../clock.js';
import { openGateView, type GateView } from '../gates/gate-view.js';
import type { AdminDatabase, Migration } from '../db/database.port.js';
import { migrate } from '../db/migrate.js';
import { outboxMigrations } from '../outbox/outbox-migrations.js';
import { createOutboxRelay, type OutboxRelay } from '../outbox/outbox-relay.js';
import { outboxMetrics } from '../outbox/outbox-metrics.js';
import type { DependencyCheck } from './dependency-checks.js';
import type { ServiceMetrics } from './metrics.js';

export interface ServiceCoreOptions {
  bus: EventBus;
  db: AdminDatabase;
  /** The service's own Postgres schema and the non-login role its transactions run as. */
  schema: string;
  role: string;
  /** The service's migrations; the outbox and processed-events tables are added here. */
  migrations: readonly Migration[];
  /** Topics the service produces or consumes (contracts' `topicLayoutFor`). */
  topics: readonly { name: string; partitions?: number; compacted?: boolean }[];
  logger: Logger;
  /** Where the outbox backlog gauges go (labelled with `schema`, the service's name); none without. */
  metrics?: ServiceMetrics | undefined;
}

/** The part every service shares: its schema is current, its outbox is being relayed. */
export interface ServiceCore {
  relay: OutboxRelay;
  /** Bus and database probes for /readyz. */
  checks: DependencyCheck[];
  /** Stops the relay after its in-flight batch (call after the service's consumers stopped). */
  stop(): Promise<void>;
}

/**
 * Start-up shared by the six services, in dependency order: topics exist (so the first publish
 * or subscribe never races auto-creation), the schema is migrated, then the outbox relay runs.
 * A failure rejects, and the host exits non-zero without having accepted work.
 */
export async function startServiceCore(opts: ServiceCoreOptions): Promise<ServiceCore> {
  await opts.bus.ensureTopics(opts.topics);
  await migrate(opts.db, {
    schema: opts.schema,
    role: opts.role,
    migrations: [...outboxMigrations(opts.schema, opts.role), ...opts.migrations],
  });
  const relay = createOutboxRelay({ db: opts.db, schema: opts.schema, publisher: opts.bus, logger: opts.logger });
  await relay.start();
  if (opts.metrics !== undefined) outboxMetrics(opts.metrics, opts.schema, relay);
  return {
    relay,
    checks: [
      { name: 'bus', check: () => opts.bus.ping() },
      { name: 'database', check: () => opts.db.ping() },
    ],
    stop: () => relay.stop(),
  };
}

export interface GatedServiceCoreOptions extends ServiceCoreOptions {
  /** The service's name: names its gate-state subscription. */
  service: string;
  /** A gate view fed elsewhere (tests, a host sharing one view); by default one fed from `readiness.gate.state`. */
  gates?: GateView | undefined;
  clock?: Clock | undefined;
  /** This instance's stable name (KAFKA_INSTANCE_ID), so a restart rejoins its own gate-state group. */
  instanceId?: string | undefined;
}

/** The shared part of a service that decides on gates: the core plus the gate view it decides with. */
export interface GatedServiceCore extends ServiceCore {
  gates: GateView;
  /** Stops the gate feed, then the relay (call after the service's consumers stopped). */
  stop(): Promise<void>;
}

/**
 * `startServiceCore` and then the gate view of a service that handles PHI (gateway, ingest,
 * scribe, narrative): what each of them did first, written once.
 */
export async function startGatedServiceCore(opts: GatedServiceCoreOptions): Promise<GatedServiceCore> {
  const core = await startServiceCore(opts);
  let feed;
  try {
    feed = await openGateView({
      bus: opts.bus,
      service: opts.service,
      injected: opts.gates,
      clock: opts.clock,
      instanceId: opts.instanceId,
      logger: opts.logger,
    });
  } catch (err) {
    await core.stop();
    throw err;
  }
  return {
    ...core,
    gates: feed.view,
    async stop() {
      await feed.close();
      await core.stop();
    },
  };
}
