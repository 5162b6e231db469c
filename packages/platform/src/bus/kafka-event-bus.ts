import { Partitioners, type Admin, type Message, type Producer } from 'kafkajs';
import { DependencyUnavailableError } from '../errors.js';
import {
  dlqTopic,
  type ConsumerLag,
  type EventBus,
  type OutgoingRecord,
  type SubscribeOptions,
  type Subscription,
} from './event-bus.port.js';
import { createKafkaClient, kafkaRetry, toBusError, type KafkaClientOptions } from './kafka-client.js';
import { startKafkaSubscription, type KafkaConsumerTuning } from './kafka-subscription.js';
import { reportDeadLetters, type BusMetrics } from './record-dispatch.js';
import { topicReplicationFor, type TopicReplication } from './topic-replication.js';

export interface KafkaEventBusOptions extends KafkaClientOptions, KafkaConsumerTuning {
  metrics?: BusMetrics;
  /** Bound of ping(). Default 2000 ms. */
  pingTimeoutMs?: number;
  /** Bound of waiting for new topics' partition leaders. Default 15000 ms. */
  topicReadyTimeoutMs?: number;
  /** Replication of the topics ensureTopics creates (see topic-replication.ts). Default `auto`. */
  topicReplication?: TopicReplication;
}

/** Bounds of one combined send (see `send`): well inside the broker's default 1 MB request and batch limits. */
const COALESCE_MAX_RECORDS = 1_000;
const COALESCE_MAX_BYTES = 512 * 1024;

/**
 * The stack's bus on kafkajs 2.2.4. Clients connect lazily, so building the bus never fails and
 * an outage surfaces as DependencyUnavailableError from the call that needed the broker.
 */
export function createKafkaEventBus(opts: KafkaEventBusOptions): EventBus {
  const kafka = createKafkaClient(opts);
  const prefix = opts.topicPrefix ?? '';
  const retry = kafkaRetry(opts);
  const { retries: sendRetries = 5, initialRetryTime: sendFirstWaitMs = 100, maxRetryTime: sendMaxWaitMs = 5_000 } = retry;
  const subscriptions = new Map<Subscription, SubscribeOptions>();
  /** Consumer groups whose consumer stays down after repeated restarts (see kafka-subscription.ts). */
  const downGroups = new Set<string>();
  const inflight = new Set<Promise<unknown>>();
  let producer: Promise<Producer> | undefined;
  let admin: Promise<Admin> | undefined;
  let closing = false;
  let closed = false;
  let shutdown: Promise<void> | undefined;

  const unavailable = () => new DependencyUnavailableError('kafka');
  const connected = <T extends { connect(): Promise<void>; disconnect(): Promise<void> }>(client: T, forget: () => void) =>
    client.connect().then(
      () => client,
      async (err: unknown) => {
        forget();
        await client.disconnect().catch(() => undefined);
        throw toBusError(err);
      },
    );
  // kafkajs 2.2.4 retries a batch only towards brokers that have not answered yet: when a broker
  // dies and its partitions move to a broker that already acknowledged its part of the batch, the
  // moved partitions' records are never sent, yet sendBatch resolves (a lost record, seen in the
  // three-broker failover drill). So the producer itself never retries and sendNow resends the
  // whole batch on a fresh producer. kafkajs refuses an idempotent producer without retries, and
  // idempotence would not prevent the resend's duplicates anyway: a record may be written twice,
  // which consumers absorb (they dedupe on event id).
  const getProducer = () =>
    (producer ??= connected(
      // acks=all: resolution means durably in the bus; one request in flight keeps order within a send.
      kafka.producer({
        idempotent: false,
        maxInFlightRequests: 1,
        retry: { ...retry, retries: 0 },
        createPartitioner: Partitioners.DefaultPartitioner,
      }),
      () => {
        producer = undefined;
      },
    ));
  const getAdmin = () =>
    (admin ??= connected(kafka.admin({ retry }), () => {
      admin = undefined;
    }));
  /** A failed admin call may have left a half-open connection: the next call starts from a fresh client. */
  const dropAdmin = (current: Promise<Admin>) => {
    if (admin !== current) return;
    admin = undefined;
    void current.then((client) => client.disconnect()).catch(() => undefined);
  };

  // Sends of one bus run strictly one after another, in call order: the port promises order across
  // sequential calls, and a resend (sendNow) must not overtake a later call's records.
  // Calls made while a send is in flight wait for it anyway; those queued behind the same send go
  // out together, in call order, as one produce request, and each resolves when that request is
  // acknowledged: under concurrency (the gateway's audited views, scribe's job.started, relays) one
  // broker round trip serves many calls. A lone call is not delayed: its group starts as soon as the
  // previous send ends. If a combined send is refused for its content (a record too large, a topic
  // the principal may not write), each call is sent again on its own, in order, so a call fails only
  // for its own records; an unavailable broker fails every call of the group at once.
  type Call = { records: readonly OutgoingRecord[]; resolve: () => void; reject: (err: unknown) => void };
  type Group = { records: OutgoingRecord[]; calls: Call[]; bytes: number };
  let sendTail: Promise<unknown> = Promise.resolve();
  let joinable: Group | undefined;
  const send = (records: readonly OutgoingRecord[]): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const bytes = records.reduce((n, r) => n + r.value.length + r.key.length, 0);
      let group = joinable;
      if (group === undefined || group.records.length + records.length > COALESCE_MAX_RECORDS || group.bytes + bytes > COALESCE_MAX_BYTES) {
        const fresh: Group = { records: [], calls: [], bytes: 0 };
        joinable = group = fresh;
        const run = sendTail.then(() => {
          if (joinable === fresh) joinable = undefined; // its turn has come: later calls form the next group
          return flush(fresh);
        });
        sendTail = run.catch(() => undefined);
      }
      group.records.push(...records);
      group.calls.push({ records, resolve, reject });
      group.bytes += bytes;
    });
  const flush = async (group: Group): Promise<void> => {
    try {
      await sendNow(group.records);
      for (const call of group.calls) call.resolve();
    } catch (err) {
      if (group.calls.length === 1 || err instanceof DependencyUnavailableError) {
        for (const call of group.calls) call.reject(err);
        return;
      }
      for (const call of group.calls) await sendNow(call.records).then(call.resolve, call.reject);
    }
  };
  const sendNow = async (records: readonly OutgoingRecord[]) => {
    const byTopic = new Map<string, Message[]>();
    for (const r of records) {
      let messages = byTopic.get(prefix + r.topic);
      if (!messages) byTopic.set(prefix + r.topic, (messages = []));
      messages.push({ key: r.key, value: r.value, headers: r.headers ? { ...r.headers } : undefined });
    }
    const topicMessages = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
    for (let attempt = 0; ; attempt++) {
      try {
        await sendOnce(topicMessages);
        return;
      } catch (err) {
        const mapped = toBusError(err);
        if (!(mapped instanceof DependencyUnavailableError) || attempt >= sendRetries || closed) throw mapped;
        await new Promise((r) => setTimeout(r, Math.min(sendMaxWaitMs, sendFirstWaitMs * 2 ** attempt)));
      }
    }
  };
  const sendOnce = async (topicMessages: { topic: string; messages: Message[] }[]) => {
    const current = getProducer();
    const client = await current;
    try {
      await client.sendBatch({ acks: -1, topicMessages });
    } catch (err) {
      // A failed send may leave a half-open connection or stale metadata: start over with a new producer.
      if (producer === current) producer = undefined;
      void client.disconnect().catch(() => undefined);
      throw toBusError(err);
    }
  };

  const waitForLeaders = async (client: Admin, names: string[]) => {
    const deadline = Date.now() + (opts.topicReadyTimeoutMs ?? 15_000);
    for (;;) {
      try {
        const { topics } = await client.fetchTopicMetadata({ topics: names });
        if (topics.length === names.length && topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)))
          return;
      } catch (err) {
        if (Date.now() > deadline) throw toBusError(err);
      }
      if (Date.now() > deadline) throw unavailable();
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const bus: EventBus = {
    async publish(records) {
      if (closed) throw unavailable();
      if (records.length === 0) return;
      const sending = send(records);
      inflight.add(sending);
      try {
        await sending;
      } finally {
        inflight.delete(sending);
      }
      reportDeadLetters(opts.metrics, records);
    },

    async subscribe(options) {
      if (closing) throw unavailable();
      await bus.ensureTopics([{ name: dlqTopic(options.groupId), partitions: 1 }]);
      const subscription = await startKafkaSubscription({
        kafka,
        options,
        publisher: bus,
        retry,
        tuning: opts,
        logger: opts.logger,
        metrics: opts.metrics,
        topicPrefix: prefix,
        onClosed: (s) => {
          subscriptions.delete(s);
          downGroups.delete(options.groupId);
        },
        onHealth: (healthy) => (healthy ? downGroups.delete(options.groupId) : downGroups.add(options.groupId)),
      });
      subscriptions.set(subscription, options);
      return subscription;
    },

    async ensureTopics(list) {
      if (closed) throw unavailable();
      if (list.length === 0) return;
      const current = getAdmin();
      const client = await current;
      try {
        const existing = new Set(await client.listTopics());
        const missing = list.filter((t) => !existing.has(prefix + t.name));
        if (missing.length > 0) {
          const setting = opts.topicReplication ?? 'auto';
          const brokerCount = setting === 'auto' ? (await client.describeCluster()).brokers.length : 0;
          const replication = topicReplicationFor(setting, brokerCount);
          await client
            .createTopics({
              // kafkajs's own wait gives up on UNKNOWN_TOPIC_OR_PARTITION, which a just-created topic
              // answers for a moment; waitForLeaders below tolerates it until its deadline.
              waitForLeaders: false,
              topics: missing.map((t) => ({
                topic: prefix + t.name,
                ...(t.partitions === undefined ? {} : { numPartitions: t.partitions }),
                ...(replication.replicationFactor === undefined ? {} : { replicationFactor: replication.replicationFactor }),
                configEntries: [...replication.configEntries, ...(t.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [])],
              })),
            })
            .catch((err: unknown) => {
              // A concurrent creator won the race: the topic exists, which is all we need.
              const errors = (err as { errors?: { type?: string }[] }).errors;
              if (!errors?.every((e) => e.type === 'TOPIC_ALREADY_EXISTS')) throw err;
            });
        }
        await waitForLeaders(
          client,
          list.map((t) => prefix + t.name),
        );
      } catch (err) {
        dropAdmin(current);
        throw toBusError(err);
      }
    },

    async deadLetterDepth() {
      if (closed) throw unavailable();
      const dlqs = [...new Set([...subscriptions.values()].map((o) => dlqTopic(o.groupId)))];
      if (dlqs.length === 0) return [];
      const current = getAdmin();
      try {
        const client = await current;
        const existing = new Set(await client.listTopics());
        const out: { topic: string; records: number }[] = [];
        for (const topic of dlqs.filter((t) => existing.has(prefix + t))) {
          const offsets = await client.fetchTopicOffsets(prefix + topic);
          out.push({ topic, records: Number(offsets.reduce((n, o) => n + BigInt(o.high) - BigInt(o.low), 0n)) });
        }
        return out;
      } catch (err) {
        dropAdmin(current);
        throw toBusError(err);
      }
    },

    async consumerLag() {
      if (closed) throw unavailable();
      const topicsByGroup = new Map<string, Set<string>>();
      for (const options of subscriptions.values()) {
        const topics = topicsByGroup.get(options.groupId) ?? new Set<string>();
        for (const t of options.topics) topics.add(t);
        topicsByGroup.set(options.groupId, topics);
      }
      if (topicsByGroup.size === 0) return [];
      const current = getAdmin();
      try {
        const client = await current;
        const ends = new Map<string, Map<number, { high: bigint; low: bigint }>>();
        for (const topic of new Set([...topicsByGroup.values()].flatMap((t) => [...t]))) {
          const offsets = await client.fetchTopicOffsets(prefix + topic);
          ends.set(topic, new Map(offsets.map((o) => [o.partition, { high: BigInt(o.high), low: BigInt(o.low) }])));
        }
        const out: ConsumerLag[] = [];
        for (const [group, topics] of topicsByGroup) {
          const committed = await client.fetchOffsets({ groupId: prefix + group, topics: [...topics].map((t) => prefix + t) });
          for (const { topic, partitions } of committed) {
            const name = topic.slice(prefix.length);
            let lag = 0n;
            for (const [partition, end] of ends.get(name) ?? new Map<number, { high: bigint; low: bigint }>()) {
              const at = partitions.find((p) => p.partition === partition)?.offset;
              // -1: nothing committed yet; the group starts at the oldest retained record.
              const from = at === undefined || BigInt(at) < 0n ? end.low : BigInt(at);
              if (end.high > from) lag += end.high - from;
            }
            out.push({ group, topic: name, lag: Number(lag) });
          }
        }
        return out;
      } catch (err) {
        dropAdmin(current);
        throw toBusError(err);
      }
    },

    async ping() {
      if (closed) throw unavailable();
      // A subscription that stays down halts its part of the pipeline: not ready, whatever the broker says.
      if (downGroups.size > 0) throw new DependencyUnavailableError(`kafka consumer group ${[...downGroups].sort().join(', ')}`);
      const timeoutMs = opts.pingTimeoutMs ?? 2_000;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(unavailable()), timeoutMs);
      });
      const current = getAdmin();
      try {
        await Promise.race([current.then((client) => client.describeCluster()), timeout]);
      } catch (err) {
        dropAdmin(current);
        throw toBusError(err);
      } finally {
        clearTimeout(timer);
      }
    },

    close: () =>
      (shutdown ??= (async () => {
        closing = true;
        // Consumers first (stop → commit → leave): a draining handler may still dead-letter.
        await Promise.allSettled([...subscriptions.keys()].map((s) => s.close()));
        closed = true;
        await Promise.allSettled(inflight);
        const clients: Promise<{ disconnect(): Promise<void> }>[] = [];
        if (producer) clients.push(producer);
        if (admin) clients.push(admin);
        producer = undefined;
        admin = undefined;
        await Promise.allSettled(clients.map(async (c) => (await c).disconnect()));
      })()),
  };
  return bus;
}
