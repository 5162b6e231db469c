import { performance } from 'node:perf_hooks';
import { encodeEvent, TOPIC, type DomainEvent } from '@medicdraft/contracts';
import { startAuditService } from '@medicdraft/audit';
import { createKafkaEventBus } from '@medicdraft/platform/kafka';
import { type AdminDatabase, type EventBus, type KafkaSasl, type Logger } from '@medicdraft/platform';
import { throughput, type Throughput } from './report.js';

export interface ServiceRunConfig {
  brokers: string[];
  sasl: KafkaSasl;
  /** KAFKA_TOPIC_PREFIX of this run: the bench's topics are invisible to everything else on the cluster. */
  topicPrefix: string;
  groupSuffix: string;
  partitions: number;
  consumerConcurrency: number;
  /** The service's checkpoint interval (default settings): the latency run spreads publishes over it. */
  checkpointIntervalMs: number;
  logger: Logger;
  log: (line: string) => void;
}

const record = (e: DomainEvent) => ({ topic: e.type, key: e.correlationId, value: encodeEvent(e) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The audit service as main.ts composes it (Kafka bus with the consumer concurrency, Postgres), on its own bus. */
async function startService(db: AdminDatabase, cfg: ServiceRunConfig, settings: Record<string, number> = {}) {
  const bus = createKafkaEventBus({
    brokers: cfg.brokers,
    sasl: cfg.sasl,
    clientId: `bench-audit${cfg.groupSuffix}`,
    topicPrefix: cfg.topicPrefix,
    partitionsConsumedConcurrently: cfg.consumerConcurrency,
  });
  const service = await startAuditService({
    bus,
    db,
    logger: cfg.logger,
    partitions: cfg.partitions,
    groupSuffix: cfg.groupSuffix,
    settings,
  });
  return {
    stop: async () => {
      await service.stop();
      await bus.close();
    },
  };
}

/**
 * Service ingest: the events are on the domain topics before the service starts; rate from the
 * first to the last `recorded_at` (excludes the group join), once all are in the chain.
 */
export async function runIngest(
  db: AdminDatabase,
  publisher: EventBus,
  events: readonly DomainEvent[],
  cfg: ServiceRunConfig,
): Promise<Throughput> {
  for (let i = 0; i < events.length; i += 500) await publisher.publish(events.slice(i, i + 500).map(record));
  cfg.log(`  ${events.length} events on the domain topics; starting the audit service`);
  const service = await startService(db, cfg);
  try {
    let last = -1;
    let idleSince = performance.now();
    for (;;) {
      const { rows } = await db.admin((tx) =>
        tx.query<{ n: string; first: Date | null; last: Date | null }>(
          'SELECT count(*) AS n, min(recorded_at) AS first, max(recorded_at) AS last FROM audit.events',
        ),
      );
      const n = Number(rows[0]?.n ?? 0);
      if (n >= events.length) return throughput(n, (rows[0]?.last?.getTime() ?? 0) - (rows[0]?.first?.getTime() ?? 0));
      if (n !== last) {
        cfg.log(`  ingest: ${n}/${events.length}`);
        last = n;
        idleSince = performance.now();
      }
      if (performance.now() - idleSince > 60_000) throw new Error(`ingest stalled at ${n}/${events.length}`);
      await sleep(500);
    }
  } finally {
    await service.stop();
  }
}

/**
 * Action → signed checkpoint: publish one event (acks=all), then wait until a checkpoint of its
 * tenant covering it (tree size ≥ its position) arrives on `audit.checkpoint`. Default settings
 * (checkpoint at least every second or every 1,000 events).
 */
export async function runCheckpointLatency(
  db: AdminDatabase,
  publisher: EventBus,
  events: readonly DomainEvent[],
  warmup: number,
  cfg: ServiceRunConfig,
): Promise<number[]> {
  const signed = new Map<string, number>();
  let notify: (() => void) | undefined;
  const sub = await publisher.subscribe({
    groupId: `bench-audit-checkpoints${cfg.groupSuffix}`,
    topics: [TOPIC.AUDIT_CHECKPOINT],
    fromBeginning: true,
    handler: async (r) => {
      const cp = JSON.parse(r.value) as { tenantId: string; treeSize: number };
      signed.set(cp.tenantId, Math.max(signed.get(cp.tenantId) ?? 0, cp.treeSize));
      notify?.();
      return { action: 'done' };
    },
  });
  const service = await startService(db, cfg);
  const positions = new Map<string, number>();
  const samples: number[] = [];
  try {
    for (const [i, e] of events.entries()) {
      const position = (positions.get(e.tenantId) ?? 0) + 1;
      positions.set(e.tenantId, position);
      const started = performance.now();
      await publisher.publish([record(e)]);
      const deadline = started + 30_000;
      while ((signed.get(e.tenantId) ?? 0) < position) {
        if (performance.now() > deadline) throw new Error(`no checkpoint covering event ${i} within 30 s`);
        await new Promise<void>((resolve) => {
          notify = resolve;
          setTimeout(resolve, 50);
        });
      }
      if (i >= warmup) samples.push(performance.now() - started);
      if ((i + 1) % 20 === 0) cfg.log(`  latency: ${i + 1}/${events.length}`);
      // A pause uniform over one checkpoint interval: the next publish lands at a random phase of
      // the checkpointer's tick (publishing right after a checkpoint arrived would always wait a whole interval).
      await sleep(Math.random() * cfg.checkpointIntervalMs);
    }
    return samples;
  } finally {
    await service.stop();
    await sub.close();
  }
}
