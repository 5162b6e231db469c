import { encodeEvent, type DomainEvent } from '@medicdraft/contracts';
import { MalformedEventError, UnknownTenantError, type ConsumedRecord } from '@medicdraft/platform';
import { describe, expect, it } from 'vitest';
import type { AuditBatcher } from './audit-batcher.js';
import { createAuditBatchHandler } from './audit-consumer.js';
import type { AuditRecord } from './audit-record.js';
import { testEvent } from './testing/audit-log-fixture.js';

const consumed = (event: DomainEvent, offset: number, value = encodeEvent(event)): ConsumedRecord => ({
  topic: event.type,
  partition: 0,
  offset: String(offset),
  key: event.correlationId,
  value,
  headers: {},
  timestamp: 0,
});

/** A batcher that records what it was asked to append in each call, and may fail. */
function recordingBatcher(fail?: Error): AuditBatcher & { calls: AuditRecord[][] } {
  const calls: AuditRecord[][] = [];
  return {
    calls,
    append: async (r) => void calls.push([r]),
    appendAll: async (records) => {
      calls.push([...records]);
      if (fail) throw fail;
    },
    pending: () => 0,
    drain: async () => undefined,
  };
}

describe('audit batch handler', () => {
  it('appends the valid records of a batch in one call; a malformed one and one of a made-up tenant go to the DLQ', async () => {
    const batcher = recordingBatcher();
    const events = [0, 1, 2, 3].map((i) => testEvent('tenant-a', i));
    const madeUp = testEvent('made-up', 4);
    const handler = createAuditBatchHandler(batcher, (tenantId) => (tenantId === 'made-up' ? 'unknown' : 'known'));
    const results = await handler([
      consumed(events[0]!, 0),
      consumed(events[1]!, 1, '{"not":"an event"}'),
      consumed(events[2]!, 2),
      consumed(madeUp, 3),
      consumed(events[3]!, 4),
    ]);
    expect(results.map((r) => r.action)).toEqual(['done', 'fail', 'done', 'fail', 'done']);
    expect(results[1]).toMatchObject({ error: expect.any(MalformedEventError) });
    expect(results[3]).toMatchObject({ error: expect.any(UnknownTenantError) });
    expect(batcher.calls.map((c) => c.map((r) => r.eventId))).toEqual([[events[0]!.id, events[2]!.id, events[3]!.id]]);
  });

  it('holds an event newer than the directory and everything after it, appending only what came before', async () => {
    const batcher = recordingBatcher();
    const events = [0, 1, 2].map((i) => testEvent(i === 1 ? 'tenant-new' : 'tenant-a', i));
    const handler = createAuditBatchHandler(batcher, (tenantId) => (tenantId === 'tenant-new' ? 'pending' : 'known'));
    const results = await handler(events.map((e, i) => consumed(e, i)));
    expect(results).toEqual([{ action: 'done' }, { action: 'hold', retryAfterMs: 500 }, { action: 'hold', retryAfterMs: 500 }]);
    expect(batcher.calls.map((c) => c.map((r) => r.eventId))).toEqual([[events[0]!.id]]);
  });

  it('rejects when the append fails, so the bus redelivers the whole batch', async () => {
    const batcher = recordingBatcher(new Error('connection lost'));
    const handler = createAuditBatchHandler(batcher);
    await expect(handler([consumed(testEvent('tenant-a', 0), 0)])).rejects.toThrow('connection lost');
  });
});
