import { systemClock, type Clock } from '../clock.js';
import { DependencyUnavailableError } from '../errors.js';
import {
  dlqTopic,
  type ConsumedRecord,
  type ConsumerLag,
  type EventBus,
  type OutgoingRecord,
  type SubscribeOptions,
  type Subscription,
} from './event-bus.port.js';
import { createTopicLog, partitionForKey, type TopicLog } from './memory-topic-log.js';
import {
  createBatchDispatcher,
  createRecordDispatcher,
  reportDeadLetters,
  type BusLogger,
  type BusMetrics,
  type NextStep,
} from './record-dispatch.js';

export interface MemoryEventBusOptions {
  /** Partitions of topics created implicitly by publish/subscribe (Kafka's broker default is 1). */
  defaultPartitions?: number;
  /** Redelivery delay for a hold without `retryAfterMs`. Default 1000 ms. */
  defaultHoldMs?: number;
  clock?: Clock;
  logger?: BusLogger;
  metrics?: BusMetrics;
  random?: () => number;
}

interface Member {
  topics: readonly string[];
  fromBeginning: boolean;
  /** Hands over the records of one partition from its committed offset (at most `batchSize`). */
  dispatch: (records: readonly ConsumedRecord[]) => Promise<NextStep[]>;
  /** 1 for a record handler. */
  batchSize: number;
  workers: Map<string, PartitionWorker>;
  /** Counts wake() calls, so a wake that races a handler deciding to hold is not lost. */
  wakes: number;
}

interface Group {
  id: string;
  members: Member[];
  /** Next offset to deliver per topic-partition: advanced only after `done` or a dead letter. */
  committed: Map<string, number>;
  /** The latest worker of each topic-partition; a new owner starts only after it has finished. */
  tails: Map<string, Promise<void>>;
}

interface PartitionWorker {
  wake(): void;
  stop(): Promise<void>;
  done: Promise<void>;
}

/**
 * The embedded mode's bus: Kafka's semantics (partitions by key, consumer groups splitting
 * partitions, committed offsets, per-partition sequential delivery, hold/redeliver, DLQ) in one
 * process. Every record is retained for the life of the process (compacted topics keep the latest
 * per key): embedded runs are small and short, and replay from the beginning must keep working.
 */
export function createMemoryEventBus(opts: MemoryEventBusOptions = {}): EventBus {
  const clock = opts.clock ?? systemClock;
  const topics = new Map<string, TopicLog>();
  const groups = new Map<string, Group>();
  const subscriptions = new Set<Subscription>();
  let closing = false;
  let closed = false;
  let shutdown: Promise<void> | undefined;

  const topicLog = (name: string, partitions = opts.defaultPartitions ?? 1, compacted = false): TopicLog => {
    let topic = topics.get(name);
    if (!topic) topics.set(name, (topic = createTopicLog(name, partitions, compacted)));
    return topic;
  };

  function startWorker(group: Group, member: Member, topic: TopicLog, partition: number, previous: Promise<void>): PartitionWorker {
    const log = topic.partitions[partition]!;
    const slot = `${topic.name}\u0000${partition}`;
    let stopped = false;
    let state: 'busy' | 'idle' | 'held' | 'backoff' = 'busy';
    let kick: (() => void) | undefined;
    const pause = (ms?: number) =>
      new Promise<void>((resolve) => {
        const timer = ms === undefined ? undefined : setTimeout(() => finish(), ms);
        const finish = () => {
          clearTimeout(timer);
          kick = undefined;
          resolve();
        };
        kick = finish;
      });

    const run = async () => {
      await previous;
      // "latest" for a group with no position is fixed once, so later owners do not skip records.
      if (!group.committed.has(slot)) group.committed.set(slot, member.fromBeginning ? 0 : log.endOffset);
      let sinceYield = 0;
      while (!stopped) {
        const offset = log.nextOffset(group.committed.get(slot) ?? 0);
        if (offset === undefined) {
          state = 'idle';
          const unlisten = log.onAppend(() => kick?.());
          await pause();
          unlisten();
          continue;
        }
        state = 'busy';
        const batch: ConsumedRecord[] = [];
        for (let at: number | undefined = offset; at !== undefined && batch.length < member.batchSize; at = log.nextOffset(at + 1)) {
          const stored = log.records[at]!;
          batch.push({
            topic: topic.name,
            partition,
            offset: String(at),
            key: stored.key,
            value: stored.value,
            headers: { ...stored.headers },
            timestamp: stored.timestamp,
          });
        }
        const wakesBefore = member.wakes;
        const steps = await member.dispatch(batch);
        let next: Extract<NextStep, { kind: 'redeliver' }> | undefined;
        for (const [i, step] of steps.entries()) {
          if (step.kind === 'advance') group.committed.set(slot, Number(batch[i]!.offset) + 1);
          else next = step;
        }
        if (next === undefined) {
          // Handlers that resolve synchronously would otherwise starve timers and I/O.
          sinceYield += batch.length;
          if (sinceYield >= 64) {
            sinceYield = 0;
            await new Promise((r) => setImmediate(r));
          }
          continue;
        }
        if (next.wakeable && member.wakes !== wakesBefore) continue;
        state = next.wakeable ? 'held' : 'backoff';
        await pause(next.afterMs);
      }
    };
    const done = run().catch((err: unknown) => opts.logger?.error({ topic: topic.name, partition, err }, 'partition worker crashed'));
    return {
      done,
      wake: () => {
        if (state === 'held') kick?.();
      },
      stop: () => {
        stopped = true;
        if (state !== 'busy') kick?.();
        return done;
      },
    };
  }

  /** Round-robin over all subscribed topic-partitions; revoked workers drain before new owners start. */
  function rebalance(group: Group, leaving?: Member): Promise<void>[] {
    const desired = new Map<Member, Map<string, [TopicLog, number]>>(group.members.map((m) => [m, new Map()]));
    let turn = 0;
    for (const name of [...new Set(group.members.flatMap((m) => m.topics))].sort()) {
      const candidates = group.members.filter((m) => m.topics.includes(name));
      const topic = topicLog(name);
      topic.partitions.forEach((_, p) => desired.get(candidates[turn++ % candidates.length]!)!.set(`${name}\u0000${p}`, [topic, p]));
    }
    opts.logger?.info(
      { group: group.id, members: group.members.length, partitions: [...desired.values()].reduce((n, m) => n + m.size, 0) },
      'consumer group rebalanced',
    );
    const stopping: Promise<void>[] = [];
    for (const member of leaving ? [...group.members, leaving] : group.members) {
      const wanted = desired.get(member);
      for (const [slot, worker] of member.workers) {
        if (!wanted?.has(slot)) {
          stopping.push(worker.stop());
          member.workers.delete(slot);
        }
      }
    }
    for (const [member, wanted] of desired) {
      for (const [slot, [topic, p]] of wanted) {
        if (member.workers.has(slot)) continue;
        const worker = startWorker(group, member, topic, p, group.tails.get(slot) ?? Promise.resolve());
        group.tails.set(slot, worker.done);
        member.workers.set(slot, worker);
      }
    }
    return stopping;
  }

  const bus: EventBus = {
    async publish(records: readonly OutgoingRecord[]) {
      if (closed) throw new DependencyUnavailableError('event bus');
      const touched = new Set<TopicLog['partitions'][number]>();
      for (const record of records) {
        const topic = topicLog(record.topic);
        const log = topic.partitions[partitionForKey(record.key, topic.partitions.length)]!;
        log.append({ key: record.key, value: record.value, headers: { ...record.headers }, timestamp: clock() });
        touched.add(log);
      }
      for (const log of touched) log.notify();
      reportDeadLetters(opts.metrics, records);
    },

    async subscribe(options: SubscribeOptions) {
      if (closing) throw new DependencyUnavailableError('event bus');
      for (const name of options.topics) topicLog(name);
      let group = groups.get(options.groupId);
      if (!group) groups.set(options.groupId, (group = { id: options.groupId, members: [], committed: new Map(), tails: new Map() }));
      const common = {
        groupId: options.groupId,
        publisher: bus,
        deadLetterAll: options.deadLetterAll,
        maxRetryBackoffMs: options.maxRetryBackoffMs,
        defaultHoldMs: opts.defaultHoldMs,
        metrics: opts.metrics,
        logger: opts.logger,
        random: opts.random,
      };
      const dispatcherFor = (o: SubscribeOptions): Pick<Member, 'dispatch' | 'batchSize'> => {
        if (o.batchHandler !== undefined) {
          return { dispatch: createBatchDispatcher({ ...common, batchHandler: o.batchHandler }), batchSize: o.maxBatchRecords ?? 500 };
        }
        const one = createRecordDispatcher({ ...common, handler: o.handler });
        return { dispatch: async (records) => [await one(records[0]!)], batchSize: 1 };
      };
      const member: Member = {
        topics: [...options.topics],
        fromBeginning: options.fromBeginning ?? true,
        workers: new Map(),
        wakes: 0,
        ...dispatcherFor(options),
      };
      const owner = group;
      owner.members.push(member);
      rebalance(owner);
      let closingSub: Promise<void> | undefined;
      const subscription: Subscription = {
        wake: () => {
          member.wakes++;
          member.workers.forEach((worker) => worker.wake());
        },
        close: () =>
          (closingSub ??= (async () => {
            owner.members = owner.members.filter((m) => m !== member);
            await Promise.all(rebalance(owner, member));
            subscriptions.delete(subscription);
          })()),
      };
      subscriptions.add(subscription);
      return subscription;
    },

    async consumerLag() {
      if (closed) throw new DependencyUnavailableError('event bus');
      const out: ConsumerLag[] = [];
      for (const group of groups.values()) {
        for (const name of [...new Set(group.members.flatMap((m) => m.topics))]) {
          const topic = topicLog(name);
          let lag = 0;
          topic.partitions.forEach((log, p) => {
            lag += log.endOffset - (group.committed.get(`${name}\u0000${p}`) ?? 0);
          });
          out.push({ group: group.id, topic: name, lag });
        }
      }
      return out;
    },

    async deadLetterDepth() {
      if (closed) throw new DependencyUnavailableError('event bus');
      const out: { topic: string; records: number }[] = [];
      for (const group of groups.values()) {
        if (group.members.length === 0) continue;
        const log = topics.get(dlqTopic(group.id));
        if (log) out.push({ topic: log.name, records: log.partitions.reduce((n, p) => n + p.endOffset, 0) });
      }
      return out;
    },

    async ensureTopics(list) {
      if (closed) throw new DependencyUnavailableError('event bus');
      for (const t of list) topicLog(t.name, t.partitions, t.compacted ?? false);
    },

    async ping() {
      if (closed) throw new DependencyUnavailableError('event bus');
    },

    close: () =>
      (shutdown ??= (async () => {
        closing = true;
        // Consumers drain first: an in-flight handler may still dead-letter through publish.
        await Promise.all([...subscriptions].map((s) => s.close()));
        closed = true;
      })()),
  };
  return bus;
}
