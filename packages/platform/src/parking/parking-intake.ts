import type { EventBus } from '../bus/event-bus.port.js';
import type { ServiceMetrics } from '../runtime/metrics.js';
import { createParkingConsumer, type ParkingConsumerOptions } from './parking-consumer.js';
import { parkingMetrics } from './parking-metrics.js';

export interface ParkingIntakeOptions extends Omit<ParkingConsumerOptions, 'consumer' | 'groupId' | 'publisher' | 'observer'> {
  bus: EventBus;
  /** The consumer group without the deployment suffix; also the consumer's name in `parked_records`. */
  group: string;
  /** KAFKA_GROUP_SUFFIX. */
  groupSuffix?: string;
  topics: readonly string[];
  /** Where the parking gauges go. */
  metrics?: ServiceMetrics;
}

/** A running gated intake: the subscription and its parking consumer, stopped together. */
export interface ParkingIntake {
  stop(): Promise<void>;
}

/**
 * A service's gated consumer in one call: the parking consumer (parking-consumer.ts) as the
 * subscription's handler, resuming started, and partitions held by a global block woken on every
 * gate change. Stop closes the subscription first, so nothing is parked after the resumer stopped.
 */
export async function startParkingIntake(opts: ParkingIntakeOptions): Promise<ParkingIntake> {
  const { bus, group, groupSuffix, topics, metrics, ...rest } = opts;
  const groupId = `${group}${groupSuffix ?? ''}`;
  const consumer = createParkingConsumer({
    ...rest,
    consumer: group,
    groupId,
    publisher: bus,
    ...(metrics === undefined ? {} : { observer: parkingMetrics(metrics, opts.service) }),
  });
  const subscription = await bus.subscribe({ groupId, topics, handler: consumer.handler });
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
