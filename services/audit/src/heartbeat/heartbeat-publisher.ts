import { TOPIC, type AuditHeartbeat, type CommittedOffset, type DomainTopic } from '@medicdraft/contracts';
import type { EventPublisher, Logger } from '@medicdraft/platform';

/** Where lag comes from: Kafka (group lag from the broker) or, in one process, what is still pending. */
export type LagProbe = () => Promise<number>;

export interface HeartbeatOptions {
  publisher: EventPublisher;
  instanceId: string;
  intervalMs: number;
  lag: LagProbe;
  logger: Logger;
  now?: () => Date;
}

export interface HeartbeatPublisher {
  /** Records that `offset` of a partition is durably appended (the next offset to read is offset + 1). */
  noteDurable(topic: DomainTopic, partition: number, offset: string): void;
  /** Builds the current heartbeat (exposed for tests). */
  current(): Promise<AuditHeartbeat>;
  start(): void;
  stop(): void;
}

/**
 * Publishes `audit.heartbeat` every `intervalMs`: the instance id, the offsets this instance has
 * durably appended (what it will commit), and the lag. Published directly, not through the
 * outbox: a heartbeat says "alive now", and a stale one queued behind an outage would lie.
 * A failed publish is logged and the next tick tries again; readiness sees the silence.
 */
export function createHeartbeatPublisher(opts: HeartbeatOptions): HeartbeatPublisher {
  const offsets = new Map<string, CommittedOffset>();
  const now = opts.now ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;

  const current = async (): Promise<AuditHeartbeat> => ({
    instanceId: opts.instanceId,
    issuedAt: now().toISOString(),
    offsets: [...offsets.values()].sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1)),
    lagTotal: Math.max(0, Math.round(await opts.lag())),
  });

  const beat = async () => {
    try {
      const hb = await current();
      await opts.publisher.publish([{ topic: TOPIC.AUDIT_HEARTBEAT, key: hb.instanceId, value: JSON.stringify(hb) }]);
    } catch (err) {
      opts.logger.warn({ err: (err as { code?: string }).code ?? 'unknown' }, 'audit heartbeat not published');
    }
  };

  return {
    noteDurable(topic, partition, offset) {
      const next = (BigInt(offset) + 1n).toString();
      const slot = `${topic}\u0000${partition}`;
      const prev = offsets.get(slot);
      if (!prev || BigInt(prev.offset) < BigInt(next)) offsets.set(slot, { topic, partition, offset: next });
    },
    current,
    start() {
      const tick = () => {
        timer = setTimeout(
          () =>
            void beat().finally(() => {
              if (timer) tick();
            }),
          opts.intervalMs,
        );
      };
      void beat();
      tick();
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** A heartbeat instance id from host name and pid (`INSTANCE_ID_PATTERN`). */
export function instanceIdFor(host: string, pid: number): string {
  const slug =
    host
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '')
      .slice(0, 48) || 'audit';
  return `${slug}-${pid}`;
}
