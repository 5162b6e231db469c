import type { ConsumedRecord, RecordHandler, Subscription } from '../bus/event-bus.port.js';
import { MalformedEventError } from '../errors.js';
import type { GateBlockReason, GateView } from './gate-view.js';

export interface GatedHandlerOptions {
  view: GateView;
  /** Whether the record is PHI work (audio, HealthScribe, narrative view/copy); may depend on the record. */
  phi: boolean | ((record: ConsumedRecord) => boolean);
  /** The record's tenant; default: `tenantId` of the JSON value (every event envelope has one). */
  tenantOf?: (record: ConsumedRecord) => string | undefined;
  /**
   * Redelivery delay while blocked. A safety net only: wire `wakeOnGateChange` so a held record
   * is retried the moment the gate state changes. Default 1000 ms.
   */
  retryAfterMs?: number;
  /** Observes each hold (metrics, debug logs); must not throw. */
  onHold?: (info: { tenantId: string; reason: GateBlockReason; topic: string; partition: number }) => void;
}

function tenantIdOfValue(record: ConsumedRecord): string | undefined {
  try {
    const parsed: unknown = JSON.parse(record.value);
    const tenantId = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['tenantId'] : undefined;
    return typeof tenantId === 'string' && tenantId !== '' ? tenantId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Wraps a consumer's handler in the tenant's gate (DESIGN §5). While the GateView blocks the
 * tenant (no state, expired, halted, or PHI work with PHI mode disabled) the record is held —
 * neither processed, dropped nor dead-lettered — so its partition pauses while other partitions
 * keep flowing, and it is delivered again on `wake()` or after `retryAfterMs`. A record with no
 * tenant cannot be gated and is dead-lettered as malformed (fail closed, consumer keeps going).
 */
export function gatedHandler(opts: GatedHandlerOptions, handler: RecordHandler): RecordHandler {
  const tenantOf = opts.tenantOf ?? tenantIdOfValue;
  const retryAfterMs = opts.retryAfterMs ?? 1_000;
  return async (record) => {
    const tenantId = tenantOf(record);
    if (tenantId === undefined) throw new MalformedEventError('record carries no tenantId');
    const phi = typeof opts.phi === 'function' ? opts.phi(record) : opts.phi;
    const decision = opts.view.decide(tenantId, { phi });
    if (!decision.allowed) {
      opts.onHold?.({ tenantId, reason: decision.reason, topic: record.topic, partition: record.partition });
      return { action: 'hold', retryAfterMs };
    }
    return handler(record);
  };
}

/** Wakes the subscription's held partitions whenever the gate view applies a newer state. Returns the unhook. */
export function wakeOnGateChange(view: GateView, subscription: Pick<Subscription, 'wake'>): () => void {
  return view.onChange(() => subscription.wake());
}
