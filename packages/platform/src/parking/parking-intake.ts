import type { EventBus } from '../bus/event-bus.port.js';
import type { ServiceMetrics } from '../runtime/metrics.js';
import { createParkingConsumer, type ParkingConsumerOptions } from './parking-consumer.js';
import { parkingMetrics } from './parking-metrics.js';

export interface ParkingIntakeOptions<P = unknown> extends Omit<
  ParkingConsumerOptions<P>,
  'consumer' | 'groupId' | 'publisher' | 'observer'
> {
  bus: EventBus;
  /** The consumer group without the deployment suffix; also the consumer's name in `parked_records`. */
  group: string;
  /** KAFKA_GROUP_SUFFIX. */
  groupSuffix?: string;
  topics: readonly string[];
  /** Where the parking gauges go. */
  metrics?: ServiceMetrics;
  /** Most records handed to the consumer in one batch (see `SubscribeOptions`). Default: the bus's. */
  maxBatchRecords?: number;
}

/** A running gated intake: the subscription and its parking consumer, stopped together. */
export interface ParkingIntake {
  stop(): Promise<void>;
}

/**
 * A service's gated consumer in one call: the parking consumer (parking-consumer.ts) as the
 * subscription's batch handler (a partition's fetch judged record by record, written in one
 * transaction per tenant), resuming started, and partitions held by a global block woken on every
 * gate change. Stop closes the subscription first, so nothing is parked after the resumer stopped.
 */
export async function startParkingIntake<P>(opts: ParkingIntakeOptions<P>): Promise<ParkingIntake> {
  const { bus, group, groupSuffix, topics, metrics, maxBatchRecords, ...rest } = opts;
  const groupId = `${group}${groupSuffix ?? ''}`;
  const consumer = createParkingConsumer({
    ...rest,
    consumer: group,
    groupId,
    publisher: bus,
    ...(metrics === undefined ? {} : { observer: parkingMetrics(metrics, opts.service) }),
  });
  const subscription = await bus.subscribe({
    groupId,
    topics,
    batchHandler: consumer.batchHandler,
    ...(maxBatchRecords === undefined ? {} : { maxBatchRecords }),
  });
  consumer.start();
  const unwatch = opts.gates.onChange(() => subscription.wake());
  return {
    async stop() {
      unwatch();
      await subscription.close();
      await consumer.stop();
    },
  };
}
