import { z } from 'zod';
import { TenantIdSchema } from '../envelope.js';
import { TimestampSchema } from '../fields.js';
import { EvidenceItemSchema } from '../gate-evidence.js';
import { GateIdSchema, GateStatusSchema, PhiModeSchema, REQUIRED_ENV_VAR_NAMES, TenantControlIdSchema } from '../gates.js';
import { GLOBAL_HALT_KEY } from '../topics.js';

/**
 * Why the pipeline is halted. Any reason halts every PHI action (docs/architecture.md, "Heartbeat
 * and halt").
 */
export const HALT_REASONS = ['audit_heartbeat_stale', 'audit_lag', 'readiness_unavailable', 'manual'] as const;
export const HaltReasonSchema = z.enum(HALT_REASONS);
export type HaltReason = z.infer<typeof HaltReasonSchema>;

/** A state older than its `expiresAt` is treated as absent; readiness sets expiresAt ≤ issuedAt + 3 s. */
export const GATE_STATE_TTL_MS = 3_000;

/** One gate's computed status and its evidence (see `gate-evidence.ts` for why evidence is coded). */
export const GateEntrySchema = z.strictObject({
  status: GateStatusSchema,
  evidence: z.array(EvidenceItemSchema).max(32),
});
export type GateEntry = z.infer<typeof GateEntrySchema>;

const stateHeader = {
  /** Monotonic per key; consumers ignore a state older than the one they hold. */
  version: z.int().min(0),
  issuedAt: TimestampSchema,
  expiresAt: TimestampSchema,
  halted: z.boolean(),
  haltReasons: z.array(HaltReasonSchema).max(HALT_REASONS.length),
};

/**
 * A tenant's gate state on `readiness.gate.state` (key = tenantId). `gates` and `controls` are
 * exhaustive (every id present). `phiMode` is authoritative for PHI work. `missingEnv` lists the
 * required variables that are unset (the seed's "Missing environment: …" lines).
 * Fail closed: no state, an expired state, or `halted` means the tenant is blocked.
 */
export const TenantGateStateSchema = z
  .strictObject({
    tenantId: TenantIdSchema,
    ...stateHeader,
    phiMode: PhiModeSchema,
    gates: z.record(GateIdSchema, GateEntrySchema),
    controls: z.record(TenantControlIdSchema, GateStatusSchema),
    missingEnv: z.array(z.enum(REQUIRED_ENV_VAR_NAMES)).max(REQUIRED_ENV_VAR_NAMES.length),
  })
  .meta({ title: 'TenantGateState' });
export type TenantGateState = z.infer<typeof TenantGateStateSchema>;

/** How many tenants the directory of the global record may list. */
export const MAX_DIRECTORY_TENANTS = 10_000;

/**
 * The global record (key `*`): while `halted`, every tenant is halted whatever its own state says.
 * `tenants` is the tenant directory: every tenant provisioned through readiness, in id order. A
 * consumer holding a fresh directory treats a record of a tenant missing from it as unknown (dead
 * letter); without a fresh directory it cannot tell, and holds the record (fail closed).
 */
export const GlobalHaltStateSchema = z
  .strictObject({
    tenantId: z.literal(GLOBAL_HALT_KEY),
    ...stateHeader,
    tenants: z.array(TenantIdSchema).max(MAX_DIRECTORY_TENANTS).optional(),
  })
  .meta({ title: 'GlobalHaltState' });
export type GlobalHaltState = z.infer<typeof GlobalHaltStateSchema>;

/** A `readiness.gate.state` message: a tenant's state or the global halt record (`tenantId: '*'`). */
export const GateStateSchema = z
  .union([TenantGateStateSchema, GlobalHaltStateSchema])
  .meta({ title: 'readiness.gate.state', description: 'Per-tenant gate state, or the global halt record (tenantId "*")' });
export type GateState = z.infer<typeof GateStateSchema>;

/** True for the global halt record. */
export function isGlobalHaltState(state: GateState): state is GlobalHaltState {
  return state.tenantId === GLOBAL_HALT_KEY;
}

/** True when the state must no longer be trusted (fail closed). */
export function isGateStateExpired(state: Pick<GateState, 'expiresAt'>, nowMs: number): boolean {
  const expires = Date.parse(state.expiresAt);
  return Number.isNaN(expires) || nowMs >= expires;
}
