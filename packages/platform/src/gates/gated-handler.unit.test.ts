import { type GateState } from '@medicdraft/contracts';
import { sandboxGateStateFixture } from '@medicdraft/contracts/testing';
import { describe, expect, it } from 'vitest';
import type { ConsumedRecord } from '../bus/event-bus.port.js';
import { createMemoryEventBus } from '../bus/memory-event-bus.js';
import { partitionForKey } from '../bus/memory-topic-log.js';
import { gatedHandler, wakeOnGateChange } from './gated-handler.js';
import { createGateView } from './gate-view.js';

const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const state = (tenantId: string, version: number, phiMode: 'enabled' | 'disabled', over: Partial<GateState> = {}) =>
  ({ ...sandboxGateStateFixture(tenantId), version, phiMode, issuedAt: new Date(T0).toISOString(), expiresAt: new Date(T0 + 3_000).toISOString(), ...over }) as GateState;

async function eventually<T>(read: () => T, done: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 300 && !done(read()); i++) await new Promise((r) => setTimeout(r, 10));
  return read();
}

/** Two tenants whose keys land on different partitions of a 2-partition topic. */
const A = 'tenant-a';
const B = ['tenant-b', 'tenant-c', 'tenant-d', 'tenant-e'].find((t) => partitionForKey(t, 2) !== partitionForKey(A, 2))!;

describe('gatedHandler on the memory bus', () => {
  it('given tenant A blocked for PHI and B allowed, when both publish, then A is held while B flows, and A resumes once its gate opens (wake, not timer)', async () => {
    const bus = createMemoryEventBus();
    await bus.ensureTopics([{ name: 'dictation.audio.created', partitions: 2 }]);
    const view = createGateView({ clock: () => T0 });
    view.apply(state(A, 1, 'disabled'));
    view.apply(state(B, 1, 'enabled'));
    const processed: string[] = [];
    const holds: string[] = [];
    const dlq: ConsumedRecord[] = [];
    const dlqSub = await bus.subscribe({ groupId: 'dlq-reader', topics: ['dlq.scribe-test'], handler: async (r) => { dlq.push(r); return { action: 'done' }; } });
    const sub = await bus.subscribe({
      groupId: 'scribe-test',
      topics: ['dictation.audio.created'],
      // retryAfterMs far beyond the test: only the wake hook can resume the held partition.
      handler: gatedHandler({ view, phi: true, retryAfterMs: 600_000, onHold: (h) => holds.push(`${h.tenantId}:${h.reason}`) }, async (r) => {
        processed.push((JSON.parse(r.value) as { n: string }).n);
        return { action: 'done' };
      }),
    });
    const unhook = wakeOnGateChange(view, sub);
    const rec = (tenantId: string, n: string) => ({ topic: 'dictation.audio.created', key: tenantId, value: JSON.stringify({ tenantId, n }) });
    await bus.publish([rec(A, 'a1'), rec(B, 'b1'), rec(A, 'a2'), rec(B, 'b2')]);

    await eventually(() => processed, (p) => p.length === 2);
    await bus.publish([rec(B, 'b3')]);
    await eventually(() => processed, (p) => p.length === 3);
    expect(processed).toEqual(['b1', 'b2', 'b3']);
    expect(holds[0]).toBe(`${A}:phi_mode_disabled`);

    view.apply(state(A, 2, 'enabled'));
    await eventually(() => processed, (p) => p.length === 5);
    expect(processed).toEqual(['b1', 'b2', 'b3', 'a1', 'a2']);
    expect(dlq).toEqual([]);
    unhook();
    await sub.close();
    await dlqSub.close();
    await bus.close();
  });

  it('given a halted or missing state, when a sandbox record arrives, then it is held too; a record without tenantId is dead-lettered', async () => {
    const bus = createMemoryEventBus();
    const view = createGateView({ clock: () => T0 });
    view.apply(state(A, 1, 'enabled', { halted: true, haltReasons: ['audit_heartbeat_stale'] }));
    const holds: string[] = [];
    const processed: string[] = [];
    const dlq: ConsumedRecord[] = [];
    const dlqSub = await bus.subscribe({ groupId: 'dlq-reader', topics: ['dlq.narrative-test'], handler: async (r) => { dlq.push(r); return { action: 'done' }; } });
    const sub = await bus.subscribe({
      groupId: 'narrative-test',
      topics: ['t'],
      handler: gatedHandler({ view, phi: false, retryAfterMs: 600_000, onHold: (h) => holds.push(`${h.tenantId}:${h.reason}`) }, async (r) => {
        processed.push(r.value);
        return { action: 'done' };
      }),
    });
    wakeOnGateChange(view, sub);
    await bus.publish([{ topic: 't', key: 'x', value: '{"n":1}' }]);
    await eventually(() => dlq, (d) => d.length === 1);
    expect(dlq[0]?.headers['x-error-code']).toBe('malformed_event');
    await bus.publish([{ topic: 't', key: 'x', value: JSON.stringify({ tenantId: A }) }, { topic: 't', key: 'x', value: JSON.stringify({ tenantId: 'unknown-tenant' }) }]);
    await eventually(() => holds, (h) => h.length >= 1);
    expect(holds[0]).toBe(`${A}:halted`);
    expect(processed).toEqual([]);
    view.apply(state(A, 2, 'enabled'));
    await eventually(() => processed, (p) => p.length === 1);
    await eventually(() => holds, (h) => h.some((x) => x === 'unknown-tenant:no_state'));
    expect(processed).toHaveLength(1);
    await sub.close();
    await dlqSub.close();
    await bus.close();
  });
});
