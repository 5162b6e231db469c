import { TOPIC, type GateState } from '@medicdraft/contracts';
import { globalHaltStateFixture, sandboxGateStateFixture } from '@medicdraft/contracts/testing';
import { describe, expect, it } from 'vitest';
import type { EventSubscriber } from '../bus/event-bus.port.js';
import { createMemoryEventBus } from '../bus/memory-event-bus.js';
import { createGateView, subscribeGateView } from './gate-view.js';

const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

function tenantState(over: Partial<ReturnType<typeof sandboxGateStateFixture>> = {}) {
  return {
    ...sandboxGateStateFixture('south-metro'),
    version: 1,
    issuedAt: at(0),
    expiresAt: at(3_000),
    halted: false,
    haltReasons: [],
    ...over,
  } as GateState;
}

describe('gate view: fail closed', () => {
  it('blocks a tenant with no state, allows sandbox work on a fresh state and blocks PHI while PHI mode is disabled', () => {
    let now = T0;
    const view = createGateView({ clock: () => now });
    expect(view.decide('south-metro', { phi: false })).toEqual({ allowed: false, reason: 'no_state' });
    view.apply(tenantState({ phiMode: 'disabled' }));
    expect(view.decide('south-metro', { phi: false })).toEqual({ allowed: true });
    expect(view.decide('south-metro', { phi: true })).toEqual({ allowed: false, reason: 'phi_mode_disabled' });
    expect(view.decide('other-tenant', { phi: false })).toEqual({ allowed: false, reason: 'no_state' });
    now = T0 + 3_000;
    expect(view.decide('south-metro', { phi: false })).toEqual({ allowed: false, reason: 'expired' });
    expect(view.current('south-metro')).toBeUndefined();
  });

  it('allows PHI work only with PHI mode enabled and no halt, tenant or global', () => {
    let now = T0;
    const view = createGateView({ clock: () => now });
    view.apply(tenantState({ phiMode: 'enabled' }));
    expect(view.decide('south-metro', { phi: true })).toEqual({ allowed: true });
    view.apply(tenantState({ phiMode: 'enabled', version: 2, halted: true, haltReasons: ['audit_heartbeat_stale'] }));
    expect(view.decide('south-metro', { phi: false })).toEqual({ allowed: false, reason: 'halted' });
    view.apply(tenantState({ phiMode: 'enabled', version: 3 }));
    expect(view.decide('south-metro', { phi: true })).toEqual({ allowed: true });
    view.apply({ ...globalHaltStateFixture(), version: 1, issuedAt: at(0), expiresAt: at(3_000), halted: true, haltReasons: ['manual'] });
    expect(view.decide('south-metro', { phi: true })).toEqual({ allowed: false, reason: 'halted' });
    // A global halt record that expired no longer halts by itself (the tenant state is fresh).
    now = T0 + 2_000;
    view.apply(tenantState({ phiMode: 'enabled', version: 4, issuedAt: at(2_000), expiresAt: at(5_000) }));
    now = T0 + 3_500;
    expect(view.decide('south-metro', { phi: true })).toEqual({ allowed: true });
  });

  it('tells known, unknown and undecided tenants from the directory of a fresh global record', () => {
    let now = T0;
    const view = createGateView({ clock: () => now });
    expect(view.tenantStatus('south-metro')).toBe('undecided');
    const global = { ...globalHaltStateFixture(), version: 1, issuedAt: at(0), expiresAt: at(3_000), halted: false, haltReasons: [] };
    view.apply({ ...global, tenants: ['north-valley'] });
    expect(view.tenantStatus('north-valley')).toBe('known');
    expect(view.tenantStatus('south-metro')).toBe('unknown');
    // A tenant with a state of its own is known even before the next directory lists it.
    view.apply(tenantState());
    expect(view.tenantStatus('south-metro')).toBe('known');
    expect(view.tenantStatus('made-up')).toBe('unknown');
    // A stale directory decides nothing: fail closed means hold, never dead-letter.
    now = T0 + 3_000;
    expect(view.tenantStatus('made-up')).toBe('undecided');
    expect(view.tenantStatus('north-valley')).toBe('known');
  });

  it('judges a record only by a directory issued after it: a tenant provisioned a moment ago is pending, never unknown', () => {
    let now = T0 + 500;
    const view = createGateView({ clock: () => now });
    const global = {
      ...globalHaltStateFixture(),
      version: 1,
      issuedAt: at(0),
      expiresAt: at(3_000),
      halted: false,
      haltReasons: [],
      tenants: ['north-valley'],
    };
    view.apply(global);
    // Created at +400 ms, after the directory in hand (+0): the tenant may have been provisioned since.
    expect(view.tenantStatus('brand-new', T0 + 400)).toBe('pending');
    // A record claiming a future time is judged by the first directory issued after now.
    expect(view.tenantStatus('brand-new', T0 + 60_000)).toBe('pending');
    // Older than the directory: the directory would list the tenant if it existed.
    expect(view.tenantStatus('brand-new', T0 - 100)).toBe('unknown');
    now = T0 + 1_000;
    view.apply({ ...global, version: 2, issuedAt: at(1_000), expiresAt: at(4_000) });
    expect(view.tenantStatus('brand-new', T0 + 400)).toBe('unknown');
    expect(view.tenantStatus('brand-new', T0 + 60_000)).toBe('unknown');
    view.apply({ ...global, version: 3, issuedAt: at(1_000), expiresAt: at(4_000), tenants: ['north-valley', 'brand-new'] });
    expect(view.tenantStatus('brand-new', T0 + 400)).toBe('known');
  });

  it('ignores a state older than the one it holds and notifies listeners of newer ones', () => {
    const view = createGateView({ clock: () => T0 });
    const seen: string[] = [];
    view.onChange((t) => seen.push(t));
    expect(view.apply(tenantState({ version: 5, phiMode: 'enabled' }))).toBe(true);
    expect(view.apply(tenantState({ version: 4, phiMode: 'disabled' }))).toBe(false);
    expect(view.decide('south-metro', { phi: true })).toEqual({ allowed: true });
    expect(seen).toEqual(['south-metro']);
  });

  it('reads the compacted topic from the bus and ignores malformed states', async () => {
    const bus = createMemoryEventBus();
    const view = createGateView();
    const fresh = tenantState({ issuedAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 3_000).toISOString() });
    await bus.publish([
      { topic: TOPIC.READINESS_GATE_STATE, key: 'south-metro', value: '{"tenantId":"south-metro","phiMode":"enabled"}' },
      { topic: TOPIC.READINESS_GATE_STATE, key: 'south-metro', value: JSON.stringify(fresh) },
    ]);
    const changed = new Promise<string>((resolve) => view.onChange(resolve));
    const sub = await subscribeGateView({ bus, view, service: 'test' });
    expect(await changed).toBe('south-metro');
    expect(view.decide('south-metro', { phi: false })).toEqual({ allowed: true });
    expect(view.decide('south-metro', { phi: true })).toEqual({ allowed: false, reason: 'phi_mode_disabled' });
    await sub.close();
    await bus.close();
  });
});

describe('subscribeGateView group', () => {
  it('is <service>.gates.<instance>: stable across restarts and under the service prefix ACL', async () => {
    const groups: string[] = [];
    const bus: EventSubscriber = {
      subscribe: async (o) => (groups.push(o.groupId), { wake: () => undefined, close: async () => undefined }),
    };
    await subscribeGateView({ bus, view: createGateView(), service: 'scribe', instanceId: 'node-1' });
    await subscribeGateView({ bus, view: createGateView(), service: 'scribe', instanceId: 'node-1' });
    expect(groups).toEqual(['scribe.gates.node-1', 'scribe.gates.node-1']);
  });
});
