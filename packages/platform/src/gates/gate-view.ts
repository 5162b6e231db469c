import { randomUUID } from 'node:crypto';
import {
  decodeControlMessage,
  GLOBAL_HALT_KEY,
  isGateStateExpired,
  isGlobalHaltState,
  TOPIC,
  type GateState,
  type GlobalHaltState,
  type TenantGateState,
} from '@medicdraft/contracts';
import type { Logger } from 'pino';
import type { EventSubscriber, Subscription } from '../bus/event-bus.port.js';
import { systemClock, type Clock } from '../clock.js';

/** Why a tenant is blocked. `phi_mode_disabled` only for PHI work; the others block everything. */
export type GateBlockReason = 'no_state' | 'expired' | 'halted' | 'phi_mode_disabled';

export type GateDecision = { allowed: true } | { allowed: false; reason: GateBlockReason };

/**
 * Whether a tenant exists, from the directory in readiness' global record: `known` (listed, or it
 * has a state of its own), `unknown` (a fresh directory issued after the record does not list it:
 * dead-letter its records), `pending` (the fresh directory predates the record, so the tenant may
 * have been provisioned since: wait for the next one, at most a broadcast interval), `undecided`
 * (no fresh directory, e.g. right after start or while readiness is silent).
 */
export type TenantStatus = 'known' | 'unknown' | 'pending' | 'undecided';

/**
 * A consumer's local copy of `readiness.gate.state` (docs/architecture.md, "Readiness gates and fail-closed rules"), deciding fail-closed:
 * no state, an expired state or a halt (the tenant's or the global `*` record) blocks all work of
 * the tenant; PHI work (audio, HealthScribe, narrative view/copy) additionally needs
 * `phiMode === 'enabled'`. A state older (lower version) than the one held is ignored.
 * Contract: `decide` is synchronous and cheap (call it per record); expiry is evaluated at call
 * time against the injected clock, so a silent readiness service blocks everyone within the TTL.
 */
export interface GateView {
  decide(tenantId: string, work: { phi: boolean }): GateDecision;
  /**
   * `recordAt`: when the record was created (epoch ms); a directory older than
   * `min(recordAt, now)` cannot say a tenant does not exist. Without it, any fresh directory decides.
   */
  tenantStatus(tenantId: string, recordAt?: number): TenantStatus;
  /**
   * Why every tenant is blocked, if one is: `halted` while a fresh global record says halted
   * (audit down), `expired` once readiness' global record went stale (readiness silent).
   * Undefined when blocks, if any, are the tenant's own — also before any global record arrived
   * (a tenant without a state of its own is `undecided` then, and held). Consumers hold the
   * partition on a global block (nothing could flow anyway) and park on a tenant's own.
   */
  globalBlock(): GateBlockReason | undefined;
  /** The state held for a tenant (for the gateway's readiness screen), if any and not expired. */
  current(tenantId: string): TenantGateState | undefined;
  /** Applies one state message; returns true when it was newer than the one held. */
  apply(state: GateState): boolean;
  /** Called after every applied state, so consumers can wake partitions they hold. */
  onChange(listener: (tenantId: string) => void): () => void;
}

export function createGateView(opts: { clock?: Clock } = {}): GateView {
  const clock = opts.clock ?? systemClock;
  const tenants = new Map<string, TenantGateState>();
  let global: GlobalHaltState | undefined;
  let directory: ReadonlySet<string> | undefined;
  let directoryAt = 0;
  const listeners = new Set<(tenantId: string) => void>();

  return {
    decide(tenantId, work) {
      const now = clock();
      const state = tenants.get(tenantId);
      if (state === undefined) return { allowed: false, reason: 'no_state' };
      if (isGateStateExpired(state, now)) return { allowed: false, reason: 'expired' };
      // The global record blocks only while it is fresh and says halted: readiness republishes it
      // every second, and a stale "not halted" must not unblock anything (the tenant state decides).
      if (state.halted || (global !== undefined && global.halted && !isGateStateExpired(global, now)))
        return { allowed: false, reason: 'halted' };
      if (work.phi && state.phiMode !== 'enabled') return { allowed: false, reason: 'phi_mode_disabled' };
      return { allowed: true };
    },
    tenantStatus(tenantId, recordAt) {
      if (tenants.has(tenantId) || directory?.has(tenantId) === true) return 'known';
      const now = clock();
      if (global === undefined || directory === undefined || isGateStateExpired(global, now)) return 'undecided';
      // The directory and the record come through different partitions: a record of a tenant
      // provisioned a moment ago may arrive before the directory that lists it. A forged future
      // time buys no more than the wait for the next directory.
      if (recordAt !== undefined && directoryAt < Math.min(recordAt, now)) return 'pending';
      return 'unknown';
    },
    globalBlock() {
      if (global === undefined) return undefined;
      if (isGateStateExpired(global, clock())) return 'expired';
      return global.halted ? 'halted' : undefined;
    },
    current(tenantId) {
      const state = tenants.get(tenantId);
      return state !== undefined && !isGateStateExpired(state, clock()) ? state : undefined;
    },
    apply(state) {
      if (isGlobalHaltState(state)) {
        if (global !== undefined && state.version < global.version) return false;
        global = state;
        if (state.tenants !== undefined) {
          directory = new Set(state.tenants);
          directoryAt = Date.parse(state.issuedAt);
        }
      } else {
        const held = tenants.get(state.tenantId);
        if (held !== undefined && state.version < held.version) return false;
        tenants.set(state.tenantId, state);
      }
      for (const listener of listeners) listener(state.tenantId);
      return true;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/**
 * Feeds a GateView from the bus. Every instance reads the whole compacted topic in a consumer
 * group of its own (a gate view must see every tenant, not a share of the partitions), starting
 * from the beginning so it holds the latest state per tenant at once. A malformed state is
 * ignored (logged by reason only): it cannot unblock anything, because absence already blocks.
 * The group is `<service>.gates.<instanceId>`: under the service's own name, so the service's
 * prefixed group ACL covers it, and stable across restarts, so groups (and their dead-letter
 * topics) do not pile up.
 */
export async function subscribeGateView(opts: {
  bus: EventSubscriber;
  view: GateView;
  /** Service name, the first part of the group id. */
  service: string;
  /** Stable instance name (KAFKA_INSTANCE_ID); absent only where nothing outlives the process (tests, the memory bus). */
  instanceId?: string | undefined;
  logger?: Pick<Logger, 'warn'>;
}): Promise<Subscription> {
  return opts.bus.subscribe({
    groupId: `${opts.service}.gates.${opts.instanceId ?? randomUUID().slice(0, 8)}`,
    topics: [TOPIC.READINESS_GATE_STATE],
    fromBeginning: true,
    handler: async (record) => {
      const parsed = decodeControlMessage(TOPIC.READINESS_GATE_STATE, record.value);
      if (parsed.ok) opts.view.apply(parsed.value);
      else
        opts.logger?.warn(
          { reason: parsed.error.message, key: record.key === GLOBAL_HALT_KEY ? '*' : 'tenant' },
          'ignored malformed gate state',
        );
      return { action: 'done' };
    },
  });
}

/** A service's gate view and the feed that keeps it current, closed together. */
export interface FedGateView {
  view: GateView;
  /** Stops the feed (no-op for an injected view, whose owner feeds and stops it). */
  close(): Promise<void>;
}

/**
 * The gate view a service decides with: `injected` as is (tests, or a host sharing one view), or
 * a new view fed from `readiness.gate.state` (`subscribeGateView`).
 */
export async function openGateView(opts: {
  bus: EventSubscriber;
  service: string;
  injected?: GateView | undefined;
  clock?: Clock | undefined;
  instanceId?: string | undefined;
  logger?: Pick<Logger, 'warn'>;
}): Promise<FedGateView> {
  if (opts.injected !== undefined) return { view: opts.injected, close: async () => undefined };
  const view = createGateView(opts.clock === undefined ? {} : { clock: opts.clock });
  const feed = await subscribeGateView({
    bus: opts.bus,
    view,
    service: opts.service,
    instanceId: opts.instanceId,
    ...(opts.logger === undefined ? {} : { logger: opts.logger }),
  });
  return { view, close: () => feed.close() };
}
