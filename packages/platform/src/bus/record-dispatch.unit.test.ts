import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError, EventSchemaBugError, MalformedEventError } from '../errors.js';
import type { ConsumedRecord, OutgoingRecord } from './event-bus.port.js';
import { createBatchDispatcher, createRecordDispatcher, type RecordMetric } from './record-dispatch.js';

const record = (offset: string): ConsumedRecord => ({ topic: 't', partition: 0, offset, key: 'k', value: 'v', headers: {}, timestamp: 0 });

describe('record dispatcher', () => {
  it('backs off exponentially on transient errors, capped by maxRetryBackoffMs, reset by a new record', async () => {
    const dispatch = createRecordDispatcher({
      groupId: 'g',
      publisher: { publish: async () => undefined },
      maxRetryBackoffMs: 1_000,
      random: () => 1,
      handler: async () => {
        throw new DependencyUnavailableError('postgres');
      },
    });
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const step = await dispatch(record('7'));
      expect(step).toMatchObject({ kind: 'redeliver', wakeable: false });
      if (step.kind === 'redeliver') delays.push(step.afterMs);
    }
    expect(delays).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(await dispatch(record('8'))).toEqual({ kind: 'redeliver', afterMs: 100, wakeable: false });
  });

  it('jitters down to half the ceiling', async () => {
    const dispatch = createRecordDispatcher({
      groupId: 'g',
      publisher: { publish: async () => undefined },
      random: () => 0,
      handler: async () => {
        throw new Error('x');
      },
    });
    expect(await dispatch(record('1'))).toEqual({ kind: 'redeliver', afterMs: 50, wakeable: false });
  });

  it('keeps the record when the dead-letter publish fails, and reports a retry', async () => {
    const metrics: RecordMetric[] = [];
    const published: OutgoingRecord[] = [];
    let up = false;
    const dispatch = createRecordDispatcher({
      groupId: 'g',
      random: () => 1,
      metrics: { onRecord: (m) => metrics.push(m) },
      publisher: {
        publish: async (r) => {
          if (!up) throw new DependencyUnavailableError('kafka');
          published.push(...r);
        },
      },
      handler: async () => {
        throw new MalformedEventError('bad');
      },
    });
    expect(await dispatch(record('3'))).toMatchObject({ kind: 'redeliver' });
    up = true;
    expect(await dispatch(record('3'))).toEqual({ kind: 'advance' });
    expect(published.map((r) => [r.topic, r.headers?.['x-original-offset']])).toEqual([['dlq.g', '3']]);
    expect(metrics.map((m) => m.outcome)).toEqual(['retry', 'dlq']);
  });

  it('treats a hold without retryAfterMs as the default hold, wakeable', async () => {
    const dispatch = createRecordDispatcher({
      groupId: 'g',
      publisher: { publish: async () => undefined },
      defaultHoldMs: 250,
      handler: async () => ({ action: 'hold' }),
    });
    expect(await dispatch(record('0'))).toEqual({ kind: 'redeliver', afterMs: 250, wakeable: true });
  });

  it(
    'never dead-letters an event the handler built that failed its own schema, even with deadLetterAll: it retries and logs ' + 'an error',
    async () => {
      const published: OutgoingRecord[] = [];
      const errors: object[] = [];
      const dispatch = createRecordDispatcher({
        groupId: 'g',
        deadLetterAll: true,
        random: () => 1,
        logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (o) => errors.push(o) },
        publisher: { publish: async (r) => void published.push(...r) },
        handler: async () => {
          throw new EventSchemaBugError('narrative.generated', 'payload.version: expected a positive integer');
        },
      });
      expect(await dispatch(record('4'))).toMatchObject({ kind: 'redeliver', wakeable: false });
      expect(published).toEqual([]);
      expect(errors).toEqual([expect.objectContaining({ code: 'event_invalid', offset: '4' })]);
    },
  );
});

describe('batch dispatcher', () => {
  const batch = (...offsets: string[]) => offsets.map(record);

  it('advances up to the first transient failure, dead-letters a poison record on the way, and stops there', async () => {
    const metrics: RecordMetric[] = [];
    const dispatch = createBatchDispatcher({
      groupId: 'g',
      random: () => 1,
      deferDeadLetters: true,
      metrics: { onRecord: (m) => metrics.push(m) },
      publisher: { publish: async () => undefined },
      batchHandler: async () => [
        { action: 'done' },
        { action: 'fail', error: new MalformedEventError('bad') },
        { action: 'done' },
        { action: 'fail', error: new DependencyUnavailableError('postgres') },
        { action: 'done' },
      ],
    });
    const steps = await dispatch(batch('0', '1', '2', '3', '4'));
    expect(steps.map((s) => s.kind)).toEqual(['advance', 'advance', 'advance', 'redeliver']);
    expect(steps[1]).toMatchObject({
      deadLetter: { topic: 'dlq.g', headers: { 'x-original-offset': '1', 'x-error-code': 'malformed_event' } },
    });
    expect(steps[3]).toEqual({ kind: 'redeliver', afterMs: 100, wakeable: false });
    expect(metrics.map((m) => m.outcome)).toEqual(['done', 'dlq', 'done', 'retry']);
  });

  it('retries the whole batch from its first record when the handler throws, never dead-lettering it', async () => {
    const published: OutgoingRecord[] = [];
    let answer: () => Promise<never> | Promise<{ action: 'done' }[]> = async () => {
      throw new MalformedEventError('thrown for the whole batch');
    };
    const dispatch = createBatchDispatcher({
      groupId: 'g',
      deadLetterAll: true,
      random: () => 1,
      publisher: { publish: async (r) => void published.push(...r) },
      batchHandler: () => answer(),
    });
    expect(await dispatch(batch('5', '6'))).toEqual([{ kind: 'redeliver', afterMs: 100, wakeable: false }]);
    expect(await dispatch(batch('5', '6'))).toEqual([{ kind: 'redeliver', afterMs: 200, wakeable: false }]);
    answer = async () => [{ action: 'done' }];
    // One result for two records is a handler bug: retried, not guessed at.
    expect(await dispatch(batch('5', '6'))).toEqual([{ kind: 'redeliver', afterMs: 400, wakeable: false }]);
    expect(published).toEqual([]);
  });

  it('stops at a hold, wakeable, with the default hold when no retryAfterMs is given', async () => {
    const dispatch = createBatchDispatcher({
      groupId: 'g',
      defaultHoldMs: 250,
      publisher: { publish: async () => undefined },
      batchHandler: async () => [{ action: 'done' }, { action: 'hold' }, { action: 'done' }],
    });
    expect(await dispatch(batch('0', '1', '2'))).toEqual([{ kind: 'advance' }, { kind: 'redeliver', afterMs: 250, wakeable: true }]);
  });
});
