import { z } from 'zod';
import { defineEvent } from '../envelope.js';
import { GateIdSchema, GateStatusSchema, PhiModeSchema } from '../gates.js';
import { TOPIC } from '../topics.js';

/**
 * `readiness.gate.changed` v1: one gate of the tenant changed status. `from` is null the first
 * time a gate is evaluated; `phiMode` is the tenant's PHI mode after the change; `stateVersion` is
 * the `GateState.version` that first carried the change.
 */
export const ReadinessGateChangedPayloadSchema = z.strictObject({
  gateId: GateIdSchema,
  from: GateStatusSchema.nullable(),
  to: GateStatusSchema,
  phiMode: PhiModeSchema,
  stateVersion: z.int().min(0),
});
export const ReadinessGateChangedEventSchema = defineEvent(TOPIC.READINESS_GATE_CHANGED, 1, ReadinessGateChangedPayloadSchema);
export type ReadinessGateChangedEvent = z.infer<typeof ReadinessGateChangedEventSchema>;
