import { createMemoryEventBus, DependencyUnavailableError, type EventBus, type OutgoingRecord } from '@medicdraft/platform';

/**
 * A memory bus the test can take down, standing in for Kafka refusing acks=all: while down,
 * `publish` throws `DependencyUnavailableError('kafka')` and nothing is recorded; `sent` holds
 * every record the bus accepted, in order.
 */
export function switchableBus(): { bus: EventBus; sent: OutgoingRecord[]; setUp(up: boolean): void; close(): Promise<void> } {
  const inner = createMemoryEventBus();
  const sent: OutgoingRecord[] = [];
  let up = true;
  const bus: EventBus = {
    async publish(records) {
      if (!up) throw new DependencyUnavailableError('kafka');
      sent.push(...records);
      await inner.publish(records);
    },
    subscribe: (o) => inner.subscribe(o),
    ensureTopics: (t) => inner.ensureTopics(t),
    consumerLag: () => inner.consumerLag(),
    deadLetterDepth: () => inner.deadLetterDepth(),
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
  return { bus, sent, setUp: (value) => void (up = value), close: () => inner.close() };
}
