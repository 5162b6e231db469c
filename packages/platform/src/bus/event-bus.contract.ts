import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DependencyUnavailableError, MalformedEventError } from '../errors.js';
import {
  dlqTopic,
  type ConsumedRecord,
  type EventBus,
  type HandleResult,
  type SubscribeOptions,
  type Subscription,
} from './event-bus.port.js';
import type { BusMetrics } from './record-dispatch.js';

export interface EventBusContractOptions {
  /** A bus whose broker cannot be reached (Kafka: a closed port with short timeouts). */
  makeUnreachableBus?: () => Promise<EventBus>;
  /** Compaction is synchronous (in-memory): a fresh group sees exactly one record per key. */
  compactsImmediately?: boolean;
  /** Bound for every wait on a delivery. */
  timeoutMs?: number;
}

const done: HandleResult = { action: 'done' };
/**
 * The EventBus port's contract (event-bus.port.ts), run against every adapter. Each test uses fresh
 * topic and group names so the Kafka tier can share one broker.
 */
export function describeEventBusContract(
  label: string,
  /** `metrics`: the hooks the bus reports to (every test gets its own). */
  makeBus: (metrics: BusMetrics) => Promise<{ bus: EventBus; cleanup: () => Promise<void> }>,
  options: EventBusContractOptions = {},
): void {
  const timeoutMs = options.timeoutMs ?? 10_000;

  describe(`EventBus contract: ${label}`, () => {
    let bus: EventBus;
    let cleanup: () => Promise<void>;
    let subscriptions: Subscription[] = [];
    let id = '';
    let written: { topic: string; reason: string; count: number }[] = [];
    const topic = (name: string) => `contract.${name}.${id}`;
    const group = (name: string) => `contract-${name}-${id}`;

    beforeEach(async () => {
      id = randomUUID().slice(0, 8);
      written = [];
      ({ bus, cleanup } = await makeBus({ onRecord: () => undefined, onDeadLetter: (m) => written.push(m) }));
    });
    afterEach(async () => {
      await Promise.all(subscriptions.map((s) => s.close()));
      subscriptions = [];
      await cleanup();
    });

    const subscribe = async (opts: SubscribeOptions) => {
      const sub = await bus.subscribe(opts);
      subscriptions.push(sub);
      return sub;
    };
    /** Subscribes a handler that records every delivery and marks it done. */
    const collect = async (groupId: string, topics: string[]) => {
      const seen: ConsumedRecord[] = [];
      const sub = await subscribe({
        groupId,
        topics,
        handler: async (r) => {
          seen.push(r);
          return done;
        },
      });
      return { seen, sub };
    };
    /** Everything dead-lettered for `groupId` so far: a sentinel bounds the read. */
    const deadLetters = async (groupId: string) => {
      const sentinel = `sentinel-${randomUUID()}`;
      await bus.publish([{ topic: dlqTopic(groupId), key: sentinel, value: 'sentinel' }]);
      const { seen } = await collect(`${groupId}-dlq-reader`, [dlqTopic(groupId)]);
      await expect
        .poll(() => seen.some((r) => r.key === sentinel), { timeout: timeoutMs, interval: 5, message: 'the DLQ sentinel' })
        .toBe(true);
      return seen.filter((r) => r.key !== sentinel);
    };

    it('delivers a published record with its key, value and headers', async () => {
      const t = topic('basic');
      await bus.ensureTopics([{ name: t, partitions: 3 }]);
      const before = Date.now();
      await bus.publish([{ topic: t, key: 'k-1', value: '{"a":1}', headers: { 'x-trace': 'abc', h: 'é' } }]);
      const { seen } = await collect(group('basic'), [t]);
      await expect.poll(() => seen.length === 1, { timeout: timeoutMs, interval: 5, message: 'one record' }).toBe(true);
      const [r] = seen;
      expect(r).toMatchObject({ topic: t, key: 'k-1', value: '{"a":1}', headers: { 'x-trace': 'abc', h: 'é' } });
      expect(r!.partition).toBeGreaterThanOrEqual(0);
      expect(r!.partition).toBeLessThan(3);
      expect(r!.offset).toMatch(/^\d+$/);
      expect(r!.timestamp).toBeGreaterThanOrEqual(before - 60_000);
      expect(r!.timestamp).toBeLessThanOrEqual(Date.now() + 60_000);
    });

    it('preserves per-key order over 200 records on a multi-partition topic', async () => {
      const t = topic('order');
      await bus.ensureTopics([{ name: t, partitions: 4 }]);
      const keys = ['a', 'b', 'c', 'd', 'e'];
      for (let batch = 0; batch < 4; batch++) {
        await bus.publish(
          Array.from({ length: 50 }, (_, i) => {
            const n = batch * 50 + i;
            const key = keys[n % keys.length]!;
            return { topic: t, key, value: `${key}:${n}` };
          }),
        );
      }
      const { seen } = await collect(group('order'), [t]);
      // Delivery is at least once: a rebalance on a loaded broker may hand uncommitted records over
      // again (handlers dedupe on event id). Order is judged on first deliveries; none may be missing.
      const first = () => [...new Map(seen.map((r) => [r.value, r])).values()];
      await expect.poll(() => first().length >= 200, { timeout: timeoutMs, interval: 5, message: '200 records' }).toBe(true);
      expect(first()).toHaveLength(200);
      for (const key of keys) {
        const sequence = first()
          .filter((r) => r.key === key)
          .map((r) => Number(r.value.split(':')[1]));
        expect(sequence).toEqual(Array.from({ length: 40 }, (_, i) => i * keys.length + keys.indexOf(key)));
      }
      expect(new Set(seen.map((r) => r.partition)).size).toBeGreaterThan(1);
    });

    it('accepts overlapping publish calls: every record arrives once, each call in order per key', async () => {
      const t = topic('concurrent');
      await bus.ensureTopics([{ name: t, partitions: 6 }]);
      const calls = 8;
      const perCall = 100;
      await Promise.all(
        Array.from({ length: calls }, (_, c) =>
          bus.publish(Array.from({ length: perCall }, (_, i) => ({ topic: t, key: `call-${c}`, value: `${c}:${i}` }))),
        ),
      );
      const { seen } = await collect(group('concurrent'), [t]);
      // Delivery is at least once (a rebalance may hand a fetched batch over again), so completeness
      // and order are judged on each record's first delivery; a lost or reordered record still fails.
      const firsts = () => [...new Map(seen.map((r) => [r.value, r] as const)).keys()];
      await expect
        .poll(() => new Set(seen.map((r) => r.value)).size, { timeout: timeoutMs, interval: 5, message: `${calls * perCall} records` })
        .toBe(calls * perCall);
      for (let c = 0; c < calls; c++) {
        expect(
          firsts()
            .filter((v) => v.startsWith(`${c}:`))
            .map((v) => Number(v.split(':')[1])),
        ).toEqual(Array.from({ length: perCall }, (_, i) => i));
      }
    });

    it('splits partitions between two members of a group; each record is seen exactly once', async () => {
      const t = topic('split');
      const g = group('split');
      await bus.ensureTopics([{ name: t, partitions: 4 }]);
      const a = await collect(g, [t]);
      const b = await collect(g, [t]);
      // Warm up until both members own partitions: from then on the group is stable.
      for (let i = 0; !(a.seen.length > 0 && b.seen.length > 0); i++) {
        if (i > 200) throw new Error('group never assigned partitions to both members');
        await bus.publish(Array.from({ length: 8 }, (_, j) => ({ topic: t, key: `w${i}-${j}`, value: 'warm' })));
        await sleep(50);
      }
      await bus.publish(Array.from({ length: 200 }, (_, i) => ({ topic: t, key: `r${i}`, value: `real:${i}` })));
      const real = (s: ConsumedRecord[]) => s.filter((r) => r.value.startsWith('real:'));
      const distinct = () => new Set([...real(a.seen), ...real(b.seen)].map((r) => r.value)).size;
      await expect.poll(() => distinct() === 200, { timeout: timeoutMs, interval: 5, message: '200 distinct records' }).toBe(true);
      expect(real(a.seen).length + real(b.seen).length).toBe(200);
      const partitionsA = new Set(real(a.seen).map((r) => r.partition));
      const partitionsB = new Set(real(b.seen).map((r) => r.partition));
      expect(partitionsA.size).toBeGreaterThan(0);
      expect(partitionsB.size).toBeGreaterThan(0);
      expect([...partitionsA].filter((p) => partitionsB.has(p))).toEqual([]);
    });

    it("hands a leaving member's partitions to the remaining member", async () => {
      const t = topic('leave');
      const g = group('leave');
      await bus.ensureTopics([{ name: t, partitions: 4 }]);
      const a = await collect(g, [t]);
      const b = await collect(g, [t]);
      for (let i = 0; !(a.seen.length > 0 && b.seen.length > 0); i++) {
        if (i > 200) throw new Error('group never assigned partitions to both members');
        await bus.publish(Array.from({ length: 8 }, (_, j) => ({ topic: t, key: `w${i}-${j}`, value: 'warm' })));
        await sleep(50);
      }
      await b.sub.close();
      const bAfterClose = b.seen.length;
      await bus.publish(Array.from({ length: 40 }, (_, i) => ({ topic: t, key: `r${i}`, value: `real:${i}` })));
      await expect
        .poll(() => a.seen.filter((r) => r.value.startsWith('real:')).length >= 40, {
          timeout: timeoutMs,
          interval: 5,
          message: '40 records on the remaining member',
        })
        .toBe(true);
      expect(new Set(a.seen.filter((r) => r.value.startsWith('real:')).map((r) => r.partition)).size).toBeGreaterThan(1);
      expect(b.seen.length).toBe(bAfterClose);
    });

    it('commits only done records: a new member of the group resumes at the first record not done', async () => {
      const t = topic('resume');
      const g = group('resume');
      await bus.ensureTopics([{ name: t, partitions: 1 }]);
      await bus.publish(Array.from({ length: 10 }, (_, i) => ({ topic: t, key: 'k', value: `v${i}` })));
      const first: ConsumedRecord[] = [];
      const sub = await subscribe({
        groupId: g,
        topics: [t],
        handler: async (r) => {
          first.push(r);
          return r.value === 'v5' ? { action: 'hold', retryAfterMs: 60_000 } : done;
        },
      });
      await expect
        .poll(() => first.some((r) => r.value === 'v5'), { timeout: timeoutMs, interval: 5, message: 'the hold on v5' })
        .toBe(true);
      await sub.close();
      expect(first.map((r) => r.value)).toEqual(['v0', 'v1', 'v2', 'v3', 'v4', 'v5']);
      const second = await collect(g, [t]);
      await expect.poll(() => second.seen.length >= 5, { timeout: timeoutMs, interval: 5, message: 'v5..v9' }).toBe(true);
      expect(second.seen.map((r) => r.value)).toEqual(['v5', 'v6', 'v7', 'v8', 'v9']);
      expect(second.seen[0]!.offset).toBe(first[5]!.offset);
    });

    it('close() waits for the in-flight handler, commits it and stops intake', async () => {
      const t = topic('drain');
      const g = group('drain');
      await bus.ensureTopics([{ name: t, partitions: 1 }]);
      let started = false;
      let finished = false;
      const values: string[] = [];
      const sub = await subscribe({
        groupId: g,
        topics: [t],
        handler: async (r) => {
          values.push(r.value);
          if (r.value === 'slow') {
            started = true;
            await sleep(300);
            finished = true;
          }
          return done;
        },
      });
      await bus.publish([
        { topic: t, key: 'k', value: 'slow' },
        { topic: t, key: 'k', value: 'next' },
      ]);
      await expect.poll(() => started, { timeout: timeoutMs, interval: 5, message: 'the slow handler to start' }).toBe(true);
      await sub.close();
      expect(finished).toBe(true);
      expect(values).toEqual(['slow']);
      const again = await collect(g, [t]);
      await expect.poll(() => again.seen.length >= 1, { timeout: timeoutMs, interval: 5, message: 'the next record' }).toBe(true);
      expect(again.seen.map((r) => r.value)).toEqual(['next']);
    });

    it('holds a partition and redelivers the same record while other partitions flow', async () => {
      const t = topic('hold');
      const g = group('hold');
      await bus.ensureTopics([
        { name: t, partitions: 4 },
        { name: dlqTopic(g), partitions: 1 },
      ]);
      const freeKeys = Array.from({ length: 16 }, (_, i) => `free-${i}`);
      let released = false;
      const holds: ConsumedRecord[] = [];
      const processed: ConsumedRecord[] = [];
      await subscribe({
        groupId: g,
        topics: [t],
        handler: async (r) => {
          if (r.key === 'held' && !released) {
            holds.push(r);
            return { action: 'hold', retryAfterMs: 100 };
          }
          processed.push(r);
          return done;
        },
      });
      // Round 1 maps every free key to its partition (the partitioner is deterministic).
      await bus.publish(freeKeys.map((key) => ({ topic: t, key, value: `r1:${key}` })));
      await expect.poll(() => processed.length === freeKeys.length, { timeout: timeoutMs, interval: 5, message: 'round 1' }).toBe(true);
      const partitionOf = new Map(processed.map((r) => [r.key, r.partition]));

      await bus.publish([{ topic: t, key: 'held', value: 'held:0' }]);
      await expect.poll(() => holds.length >= 1, { timeout: timeoutMs, interval: 5, message: 'the first hold' }).toBe(true);
      const heldPartition = holds[0]!.partition;
      await bus.publish(freeKeys.map((key) => ({ topic: t, key, value: `r2:${key}` })));
      const flowing = freeKeys.filter((k) => partitionOf.get(k) !== heldPartition);
      const blocked = freeKeys.filter((k) => partitionOf.get(k) === heldPartition);
      expect(flowing.length).toBeGreaterThan(0);
      const round2 = () => processed.filter((r) => r.value.startsWith('r2:'));
      await expect
        .poll(() => round2().length >= flowing.length, {
          timeout: timeoutMs,
          interval: 5,
          message: 'other partitions to flow during the hold',
        })
        .toBe(true);
      await expect
        .poll(() => holds.length >= 3, { timeout: timeoutMs, interval: 5, message: 'a redelivery of the held record' })
        .toBe(true);
      expect(
        round2()
          .map((r) => r.key)
          .sort(),
      ).toEqual([...flowing].sort());
      expect(new Set(holds.map((r) => `${r.partition}/${r.offset}`)).size).toBe(1);
      expect(holds.every((r) => r.value === 'held:0')).toBe(true);

      released = true;
      await expect
        .poll(() => round2().length === freeKeys.length, { timeout: timeoutMs, interval: 5, message: 'the held partition to drain' })
        .toBe(true);
      const onHeldPartition = processed.filter((r) => r.partition === heldPartition && !r.value.startsWith('r1:'));
      expect(onHeldPartition.map((r) => r.value)).toEqual(['held:0', ...blocked.map((k) => `r2:${k}`)]);
      expect(onHeldPartition[0]!.offset).toBe(holds[0]!.offset);
      expect(await deadLetters(g)).toEqual([]);
    });

    it('wake() redelivers held records without waiting for retryAfterMs', async () => {
      const t = topic('wake');
      await bus.ensureTopics([{ name: t, partitions: 1 }]);
      let open = false;
      const holds: string[] = [];
      const processed: string[] = [];
      const sub = await subscribe({
        groupId: group('wake'),
        topics: [t],
        handler: async (r) => {
          if (!open) {
            holds.push(r.offset);
            return { action: 'hold', retryAfterMs: 60_000 };
          }
          processed.push(r.offset);
          return done;
        },
      });
      await bus.publish([{ topic: t, key: 'k', value: 'v' }]);
      await expect.poll(() => holds.length === 1, { timeout: timeoutMs, interval: 5, message: 'the hold' }).toBe(true);
      open = true;
      const woke = Date.now();
      sub.wake();
      await expect
        .poll(() => processed.length === 1, { timeout: Math.min(timeoutMs, 10_000), interval: 5, message: 'the redelivery after wake()' })
        .toBe(true);
      expect(Date.now() - woke).toBeLessThan(5_000);
      expect(processed).toEqual(holds);
    });

    it('dead-letters a MalformedEventError with reason headers and moves on', async () => {
      const t = topic('dlq');
      const g = group('dlq');
      await bus.ensureTopics([
        { name: t, partitions: 1 },
        { name: dlqTopic(g), partitions: 1 },
      ]);
      const attempts: ConsumedRecord[] = [];
      await subscribe({
        groupId: g,
        topics: [t],
        handler: async (r) => {
          attempts.push(r);
          if (r.value === 'bad') throw new MalformedEventError('payload does not match dictation.text.created v1');
          return done;
        },
      });
      await bus.publish([
        { topic: t, key: 'k', value: 'bad', headers: { 'x-trace': 't1' } },
        { topic: t, key: 'k', value: 'good' },
      ]);
      await expect
        .poll(() => attempts.some((r) => r.value === 'good'), { timeout: timeoutMs, interval: 5, message: 'the next record' })
        .toBe(true);
      expect(attempts.map((r) => r.value)).toEqual(['bad', 'good']);
      const letters = await deadLetters(g);
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({
        key: 'k',
        value: 'bad',
        headers: {
          'x-trace': 't1',
          'x-error-code': 'malformed_event',
          'x-error-message': 'payload does not match dictation.text.created v1',
          'x-original-topic': t,
          'x-original-partition': String(attempts[0]!.partition),
          'x-original-offset': attempts[0]!.offset,
        },
      });
    });

    it('reports the lag of a group from its committed offsets: growing while it holds, 0 once it caught up', async () => {
      const t = topic('lag');
      const g = group('lag');
      await bus.ensureTopics([{ name: t, partitions: 2 }]);
      let open = false;
      const sub = await subscribe({
        groupId: g,
        topics: [t],
        handler: async () => (open ? done : { action: 'hold', retryAfterMs: 60_000 }),
      });
      const lagOf = async () => (await bus.consumerLag()).find((l) => l.group === g && l.topic === t)?.lag;
      await bus.publish(Array.from({ length: 5 }, (_, i) => ({ topic: t, key: `k${i}`, value: String(i) })));
      await expect.poll(lagOf, { timeout: timeoutMs, interval: 20, message: 'lag while holding' }).toBe(5);
      await bus.publish(Array.from({ length: 3 }, (_, i) => ({ topic: t, key: `k${i}`, value: `more-${i}` })));
      await expect.poll(lagOf, { timeout: timeoutMs, interval: 20, message: 'lag grows' }).toBe(8);
      open = true;
      sub.wake();
      await expect.poll(lagOf, { timeout: timeoutMs, interval: 20, message: 'lag after catching up' }).toBe(0);
    });

    it('counts dead letters by DLQ topic and reason once the bus accepted them', async () => {
      const t = topic('dlq-count');
      const g = group('dlq-count');
      await bus.ensureTopics([
        { name: t, partitions: 1 },
        { name: dlqTopic(g), partitions: 1 },
      ]);
      const handled: string[] = [];
      await subscribe({
        groupId: g,
        topics: [t],
        handler: async (r) => {
          handled.push(r.value);
          if (r.value.startsWith('bad')) throw new MalformedEventError('not an event');
          return done;
        },
      });
      await bus.publish([
        { topic: t, key: 'k', value: 'bad-1' },
        { topic: t, key: 'k', value: 'bad-2' },
        { topic: t, key: 'k', value: 'good' },
        { topic: t, key: 'k', value: 'bad-3' },
      ]);
      const total = () => written.filter((w) => w.topic === dlqTopic(g) && w.reason === 'malformed_event').reduce((n, w) => n + w.count, 0);
      await expect.poll(total, { timeout: timeoutMs, interval: 20, message: 'dead letters counted' }).toBe(3);
      expect(handled).toEqual(['bad-1', 'bad-2', 'good', 'bad-3']);
      const depth = async () => (await bus.deadLetterDepth()).find((d) => d.topic === dlqTopic(g))?.records;
      await expect.poll(depth, { timeout: timeoutMs, interval: 20, message: 'DLQ depth' }).toBe(3);
      expect(written.every((w) => w.topic === dlqTopic(g))).toBe(true);
    });

    it('dead-letters a burst of 250 bad records in order, each once, and a new member resumes after them', async () => {
      const t = topic('dlqburst');
      const g = group('dlqburst');
      await bus.ensureTopics([
        { name: t, partitions: 1 },
        { name: dlqTopic(g), partitions: 1 },
      ]);
      const good: string[] = [];
      const handler = async (r: ConsumedRecord): Promise<HandleResult> => {
        if (r.value.startsWith('bad')) throw new MalformedEventError('not an event');
        good.push(r.value);
        return done;
      };
      const first = await subscribe({ groupId: g, topics: [t], handler });
      await bus.publish([
        ...Array.from({ length: 250 }, (_, i) => ({ topic: t, key: 'k', value: `bad-${i}` })),
        { topic: t, key: 'k', value: 'good-1' },
      ]);
      await expect
        .poll(() => good.includes('good-1'), { timeout: timeoutMs, interval: 5, message: 'the record after the burst' })
        .toBe(true);
      await first.close();
      // Everything up to good-1 was committed: a new member starts after it.
      await subscribe({ groupId: g, topics: [t], handler });
      await bus.publish([{ topic: t, key: 'k', value: 'good-2' }]);
      await expect.poll(() => good.includes('good-2'), { timeout: timeoutMs, interval: 5, message: 'the next record' }).toBe(true);
      expect(good).toEqual(['good-1', 'good-2']);
      const letters = await deadLetters(g);
      expect(letters.map((r) => r.value)).toEqual(Array.from({ length: 250 }, (_, i) => `bad-${i}`));
      expect(new Set(letters.map((r) => r.headers['x-original-offset'])).size).toBe(250);
    });

    it('dead-letters any error when deadLetterAll is set, without leaking its message', async () => {
      const t = topic('dlqall');
      const g = group('dlqall');
      await bus.ensureTopics([
        { name: t, partitions: 1 },
        { name: dlqTopic(g), partitions: 1 },
      ]);
      const values: string[] = [];
      await subscribe({
        groupId: g,
        topics: [t],
        deadLetterAll: true,
        handler: async (r) => {
          values.push(r.value);
          if (r.value === 'boom') throw new TypeError('patient Jane Doe');
          return done;
        },
      });
      await bus.publish([
        { topic: t, key: 'k', value: 'boom' },
        { topic: t, key: 'k', value: 'ok' },
      ]);
      await expect.poll(() => values.includes('ok'), { timeout: timeoutMs, interval: 5, message: 'the next record' }).toBe(true);
      const letters = await deadLetters(g);
      expect(letters.map((r) => r.headers['x-error-code'])).toEqual(['unhandled_error']);
      expect(letters[0]!.headers['x-error-message']).not.toContain('Jane');
    });

    it('retries a transient failure on the same record, then processes it in order', async () => {
      const t = topic('retry');
      const g = group('retry');
      await bus.ensureTopics([
        { name: t, partitions: 1 },
        { name: dlqTopic(g), partitions: 1 },
      ]);
      const attempts: ConsumedRecord[] = [];
      const processed: string[] = [];
      await subscribe({
        groupId: g,
        topics: [t],
        maxRetryBackoffMs: 200,
        handler: async (r) => {
          attempts.push(r);
          if (r.value === 'flaky' && attempts.filter((a) => a.value === 'flaky').length < 3) {
            throw new DependencyUnavailableError('postgres');
          }
          processed.push(r.value);
          return done;
        },
      });
      await bus.publish([
        { topic: t, key: 'k', value: 'flaky' },
        { topic: t, key: 'k', value: 'after' },
      ]);
      await expect.poll(() => processed.length === 2, { timeout: timeoutMs, interval: 5, message: 'both records' }).toBe(true);
      expect(processed).toEqual(['flaky', 'after']);
      const flaky = attempts.filter((a) => a.value === 'flaky');
      expect(flaky).toHaveLength(3);
      expect(new Set(flaky.map((a) => a.offset)).size).toBe(1);
      expect(await deadLetters(g)).toEqual([]);
    });

    /**
     * A batch consumer with the effect store a real one has: an effect is applied once per value
     * (the dedupe on event id), so exactly-once effect is judged on `effects`, never on deliveries.
     */
    const batchConsumer = () => {
      const calls: ConsumedRecord[][] = [];
      const effects: ConsumedRecord[] = [];
      const applied = new Set<string>();
      const apply = (r: ConsumedRecord) => {
        if (applied.has(r.value)) return;
        applied.add(r.value);
        effects.push(r);
      };
      return { calls, effects, apply };
    };
    const fresh = async (groupId: string, t: string, marker: string) => {
      // A new member of the group sees only what was published after everything before was committed.
      await bus.publish([{ topic: t, key: 'marker', value: marker }]);
      const { seen } = await collect(groupId, [t]);
      await expect.poll(() => seen.some((r) => r.value === marker), { timeout: timeoutMs, interval: 5, message: marker }).toBe(true);
      return seen;
    };

    it('hands a batch handler the records of one partition together, in offset order, and commits them', async () => {
      const t = topic('batch');
      const g = group('batch');
      await bus.ensureTopics([{ name: t, partitions: 2 }]);
      await bus.publish(Array.from({ length: 100 }, (_, i) => ({ topic: t, key: `k${i % 5}`, value: `v${i}` })));
      const c = batchConsumer();
      const sub = await subscribe({
        groupId: g,
        topics: [t],
        batchHandler: async (records) => {
          c.calls.push([...records]);
          records.forEach(c.apply);
          return records.map(() => done);
        },
      });
      await expect.poll(() => c.effects.length, { timeout: timeoutMs, interval: 5, message: '100 effects' }).toBe(100);
      expect(c.calls.some((call) => call.length > 1)).toBe(true);
      for (const call of c.calls) {
        expect(new Set(call.map((r) => r.partition)).size).toBe(1);
        const offsets = call.map((r) => BigInt(r.offset));
        expect(offsets).toEqual([...offsets].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      }
      for (let k = 0; k < 5; k++) {
        const sequence = c.effects.filter((r) => r.key === `k${k}`).map((r) => Number(r.value.slice(1)));
        expect(sequence).toEqual(Array.from({ length: 20 }, (_, i) => i * 5 + k));
      }
      await sub.close();
      expect((await fresh(g, t, 'after-batch')).map((r) => r.value)).toEqual(['after-batch']);
    });

    it('dead-letters a poison record in the middle of a batch and applies the rest once', async () => {
      const t = topic('batchpoison');
      const g = group('batchpoison');
      await bus.ensureTopics([
        { name: t, partitions: 1 },
        { name: dlqTopic(g), partitions: 1 },
      ]);
      const values = [...Array.from({ length: 5 }, (_, i) => `a${i}`), 'poison', ...Array.from({ length: 5 }, (_, i) => `b${i}`)];
      await bus.publish(values.map((value) => ({ topic: t, key: 'k', value })));
      const c = batchConsumer();
      const sub = await subscribe({
        groupId: g,
        topics: [t],
        batchHandler: async (records) => {
          c.calls.push([...records]);
          return records.map((r) => {
            if (r.value === 'poison') return { action: 'fail', error: new MalformedEventError('not an event') };
            c.apply(r);
            return done;
          });
        },
      });
      await expect.poll(() => c.effects.length, { timeout: timeoutMs, interval: 5, message: 'the ten good records' }).toBe(10);
      expect(c.effects.map((r) => r.value)).toEqual(values.filter((v) => v !== 'poison'));
      expect(c.calls.some((call) => call.length > 1 && call.some((r) => r.value === 'poison'))).toBe(true);
      const letters = await deadLetters(g);
      expect(new Set(letters.map((r) => `${r.value}@${r.headers['x-original-offset']}`))).toEqual(
        new Set([`poison@${c.calls.flat().find((r) => r.value === 'poison')!.offset}`]),
      );
      expect(letters[0]!.headers['x-error-code']).toBe('malformed_event');
      await sub.close();
      expect((await fresh(g, t, 'after-poison')).map((r) => r.value)).toEqual(['after-poison']);
    });

    it('redelivers a batch from its first held record once woken; the records before it are committed', async () => {
      const t = topic('batchhold');
      const g = group('batchhold');
      await bus.ensureTopics([{ name: t, partitions: 1 }]);
      await bus.publish(['a', 'b', 'gate', 'c', 'd'].map((value) => ({ topic: t, key: 'k', value })));
      let open = false;
      const c = batchConsumer();
      const sub = await subscribe({
        groupId: g,
        topics: [t],
        batchHandler: async (records) => {
          c.calls.push([...records]);
          let blocked = false;
          return records.map((r) => {
            if (blocked || (r.value === 'gate' && !open)) {
              blocked = true;
              return { action: 'hold', retryAfterMs: 60_000 };
            }
            c.apply(r);
            return done;
          });
        },
      });
      await expect.poll(() => c.effects.map((r) => r.value), { timeout: timeoutMs, interval: 5, message: 'a, b' }).toEqual(['a', 'b']);
      const lagOf = async () => (await bus.consumerLag()).find((l) => l.group === g && l.topic === t)?.lag;
      await expect.poll(lagOf, { timeout: timeoutMs, interval: 20, message: 'a and b committed' }).toBe(3);
      open = true;
      sub.wake();
      await expect.poll(() => c.effects.length, { timeout: timeoutMs, interval: 5, message: 'all five' }).toBe(5);
      expect(c.effects.map((r) => r.value)).toEqual(['a', 'b', 'gate', 'c', 'd']);
      expect(c.calls.at(-1)![0]!.value).toBe('gate');
      await expect.poll(lagOf, { timeout: timeoutMs, interval: 20, message: 'all committed' }).toBe(0);
    });

    it('crash before commit: the batch is delivered again and its effect is applied once (the dedupe)', async () => {
      const t = topic('batchcrash');
      const g = group('batchcrash');
      await bus.ensureTopics([{ name: t, partitions: 1 }]);
      await bus.publish(Array.from({ length: 20 }, (_, i) => ({ topic: t, key: 'k', value: `v${i}` })));
      const c = batchConsumer();
      let crashed: ConsumedRecord[] | undefined;
      const sub = await subscribe({
        groupId: g,
        topics: [t],
        maxRetryBackoffMs: 200,
        batchHandler: async (records) => {
          c.calls.push([...records]);
          records.forEach(c.apply);
          // The effect is durable, then the process "dies" before the bus could commit.
          if (crashed === undefined) {
            crashed = [...records];
            throw new DependencyUnavailableError('postgres');
          }
          return records.map(() => done);
        },
      });
      await expect.poll(() => c.calls.length >= 2 && c.effects.length === 20, { timeout: timeoutMs, interval: 5 }).toBe(true);
      const redelivered = c.calls.slice(1).flat();
      expect(redelivered[0]!.offset).toBe(crashed![0]!.offset);
      expect(crashed!.every((r) => redelivered.some((d) => d.offset === r.offset))).toBe(true);
      expect(c.effects.map((r) => r.value)).toEqual(Array.from({ length: 20 }, (_, i) => `v${i}`));
      const lagOf = async () => (await bus.consumerLag()).find((l) => l.group === g && l.topic === t)?.lag;
      await expect.poll(lagOf, { timeout: timeoutMs, interval: 20, message: 'committed after the redelivery' }).toBe(0);
      await sub.close();
    });

    it('rebalance mid-batch: a second member joins while a batch is in flight; every effect once, per-key order kept', async () => {
      const t = topic('batchrebalance');
      const g = group('batchrebalance');
      await bus.ensureTopics([{ name: t, partitions: 4 }]);
      const keys = Array.from({ length: 8 }, (_, i) => `k${i}`);
      await bus.publish(
        Array.from({ length: 400 }, (_, i) => ({ topic: t, key: keys[i % keys.length]!, value: `${keys[i % keys.length]}:${i}` })),
      );
      const c = batchConsumer();
      let joined!: () => void;
      const secondJoined = new Promise<void>((resolve) => (joined = resolve));
      let inFlight = false;
      const handler = async (records: readonly ConsumedRecord[]) => {
        c.calls.push([...records]);
        inFlight = true;
        // The first batches wait until the second member's subscribe resolved. On Kafka that is
        // only once the group rebalanced without this member (a batch that outlives the rebalance
        // timeout), so its partitions move to the second member while its batch is in flight.
        await secondJoined;
        records.forEach(c.apply);
        return records.map(() => done);
      };
      await subscribe({ groupId: g, topics: [t], batchHandler: handler, maxBatchRecords: 50 });
      await expect.poll(() => inFlight, { timeout: timeoutMs, interval: 5, message: 'a batch in flight' }).toBe(true);
      await subscribe({ groupId: g, topics: [t], batchHandler: handler, maxBatchRecords: 50 });
      joined();
      await expect.poll(() => c.effects.length, { timeout: timeoutMs, interval: 5, message: '400 effects' }).toBe(400);
      for (const key of keys) {
        const sequence = c.effects.filter((r) => r.key === key).map((r) => Number(r.value.split(':')[1]));
        expect(sequence).toEqual(Array.from({ length: 50 }, (_, i) => i * keys.length + keys.indexOf(key)));
      }
      const lagOf = async () => (await bus.consumerLag()).find((l) => l.group === g && l.topic === t)?.lag;
      await expect.poll(lagOf, { timeout: timeoutMs, interval: 20, message: 'everything committed' }).toBe(0);
    });

    it('rejects publish with DependencyUnavailableError once closed', async () => {
      await bus.close();
      await expect(bus.publish([{ topic: topic('closed'), key: 'k', value: 'v' }])).rejects.toBeInstanceOf(DependencyUnavailableError);
      await expect(bus.ping()).rejects.toBeInstanceOf(DependencyUnavailableError);
    });

    const { makeUnreachableBus } = options;
    if (makeUnreachableBus)
      it('rejects publish and ping with DependencyUnavailableError when unreachable', async () => {
        const unreachable = await makeUnreachableBus();
        try {
          const started = Date.now();
          await expect(unreachable.publish([{ topic: topic('nowhere'), key: 'k', value: 'v' }])).rejects.toBeInstanceOf(
            DependencyUnavailableError,
          );
          await expect(unreachable.ping()).rejects.toBeInstanceOf(DependencyUnavailableError);
          expect(Date.now() - started).toBeLessThan(10_000);
        } finally {
          await unreachable.close();
        }
      });

    it('keeps the latest value per key of a compacted topic for a fresh group', async () => {
      const t = topic('compact');
      await bus.ensureTopics([{ name: t, partitions: 1, compacted: true }]);
      for (const [key, value] of [
        ['t1', 'v1'],
        ['t2', 'v1'],
        ['t1', 'v2'],
        ['t2', 'v2'],
        ['t1', 'v3'],
      ] as const) {
        await bus.publish([{ topic: t, key, value }]);
      }
      const { seen } = await collect(group('compact'), [t]);
      await expect
        .poll(() => seen.some((r) => r.key === 't1' && r.value === 'v3'), { timeout: timeoutMs, interval: 5, message: 'the latest record' })
        .toBe(true);
      const latest = new Map(seen.map((r) => [r.key, r.value]));
      expect(Object.fromEntries(latest)).toEqual({ t1: 'v3', t2: 'v2' });
      if (options.compactsImmediately) expect(seen.map((r) => `${r.key}=${r.value}`)).toEqual(['t2=v2', 't1=v3']);
    });
  });
}
