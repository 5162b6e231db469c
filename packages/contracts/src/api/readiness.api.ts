import { z } from 'zod';
import { SourceAddressSchema, TenantIdSchema } from '../envelope.js';
import { EvidenceItemSchema } from '../gate-evidence.js';
import { GateIdSchema, GateStatusSchema, PhiModeSchema } from '../gates.js';
import { HaltReasonSchema } from '../control/gate-state.js';
import { CheckStateSchema } from '../readiness-screen.js';
import { RoleSchema } from '../roles.js';
import { defineApi, errorResponses, type ApiPort, type OperationInput } from './api-spec.js';

const TenantParams = z.object({ tenantId: TenantIdSchema });
/** The verified user; readiness re-checks the permission (`tenant:manage`, `security:manage_phi_gates`). */
const ActorHeaders = z.object({
  'x-actor-id': z.uuid(),
  'x-actor-role': RoleSchema,
  'x-request-id': z.uuid(),
  /** The client's address as the gateway saw it (an IP literal): the settings event the request causes carries it. */
  'x-client-address': SourceAddressSchema.optional(),
});
const ACTOR_INVALID = 'x-actor-id (uuid), x-actor-role and x-request-id (uuid) are required; x-client-address is an IP address';
const TenantEntrySchema = z.object({ id: TenantIdSchema, displayName: z.string() });
/** A line with its live state (`readiness-screen.ts`) and, when a check ran, the evidence line behind it. */
const CheckedLineSchema = z.object({ text: z.string(), state: CheckStateSchema, stateLabel: z.string(), evidence: z.string().optional() });

/**
 * The readiness screen of one tenant: statuses and coded evidence (with its display line), the
 * required environment and tenant controls; no bucket names, key ids or role ARNs.
 */
export const ReadinessViewSchema = z.object({
  tenant: TenantEntrySchema,
  version: z.int(),
  issuedAt: z.string(),
  halted: z.boolean(),
  haltReasons: z.array(HaltReasonSchema),
  phiMode: PhiModeSchema,
  phiModeLabel: z.string(),
  readyCount: z.int().min(0),
  gateCount: z.int().min(0),
  headline: z.string(),
  blockers: z.array(z.string()),
  gates: z.array(
    z.object({
      id: GateIdSchema,
      title: z.string(),
      summary: z.string(),
      status: GateStatusSchema,
      evidence: z.array(EvidenceItemSchema.extend({ text: z.string() })),
      nextAction: z.string(),
    }),
  ),
  requiredEnv: z.array(z.object({ name: z.string(), requirement: z.string(), description: z.string(), configured: z.boolean() })),
  controls: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      category: z.string(),
      status: GateStatusSchema,
      requirement: z.string(),
      enforcement: z.string(),
    }),
  ),
  authReadiness: z.object({ title: z.string(), summary: CheckedLineSchema, items: z.array(CheckedLineSchema) }),
  securityControls: z.object({
    title: z.string(),
    items: z.array(
      z.object({
        id: z.string(),
        category: z.string(),
        title: z.string(),
        status: GateStatusSchema,
        requirement: z.string(),
        implementation: z.string(),
      }),
    ),
  }),
  dataClasses: z.object({ title: z.string(), items: z.array(z.object({ title: z.string(), examples: z.string() })) }),
  resources: z.object({
    title: z.string(),
    items: z.array(
      z.object({
        id: z.string(),
        provider: z.string(),
        title: z.string(),
        status: GateStatusSchema,
        purpose: z.string(),
        checklist: z.array(CheckedLineSchema),
      }),
    ),
  }),
  boundaries: z.object({
    title: z.string(),
    items: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        status: GateStatusSchema,
        allowed: z.array(CheckedLineSchema),
        blocked: z.array(CheckedLineSchema),
        notes: z.array(z.string()).optional(),
      }),
    ),
  }),
  closingStatement: z.string(),
});
export type ReadinessView = z.infer<typeof ReadinessViewSchema>;

/**
 * Owner settings travel as a JSON object both ways: readiness owns their schema and validates a
 * patch itself (fixed messages, 400), so the table pins the envelope and the version only.
 */
const SettingsObjectSchema = z.looseObject({});

/** Bounds of the owner's `pendingRecordingMaxAgeHours` (a week at most: unsent PHI must not linger). */
export const PENDING_RECORDING_MAX_AGE_HOURS = { min: 1, max: 168, default: 24 } as const;
export const PendingRecordingMaxAgeHoursSchema = z.int().min(PENDING_RECORDING_MAX_AGE_HOURS.min).max(PENDING_RECORDING_MAX_AGE_HOURS.max);

/**
 * The readiness service's internal API (the gateway, the `medicdraft-tenants` CLI and the
 * drills call it; never mounted on a public port). No authentication of its own: the gateway
 * authenticates the session and passes the verified user; readiness re-checks the permission.
 * Provisioning is the one path that creates a tenant (idempotent: an existing tenant keeps its
 * name and settings; 201 when new, 200 when it existed).
 */
export const readinessApi = defineApi({
  readiness: {
    method: 'GET',
    path: '/internal/readiness/tenants/:tenantId',
    summary: 'The readiness screen of a tenant',
    params: TenantParams,
    responses: { 200: ReadinessViewSchema, ...errorResponses(400, 404) },
    invalid: 'invalid tenant id',
  },
  tenants: {
    method: 'GET',
    path: '/internal/readiness/tenants',
    summary: 'The tenant directory',
    responses: { 200: z.object({ tenants: z.array(TenantEntrySchema) }) },
    invalid: 'this operation takes no input',
  },
  provisionTenant: {
    method: 'PUT',
    path: '/internal/readiness/tenants/:tenantId',
    summary: 'Provision a tenant (idempotent): 201 when new, 200 when it existed',
    params: TenantParams,
    body: z.strictObject({ displayName: z.string().trim().min(1).max(200) }),
    responses: { 200: ReadinessViewSchema, 201: ReadinessViewSchema, ...errorResponses(400) },
    invalid: 'expected {"displayName": string}',
  },
  updateSettings: {
    method: 'PUT',
    path: '/internal/readiness/tenants/:tenantId/settings',
    summary: "Change the owner's settings (a partial patch): the settings after the change",
    params: TenantParams,
    headers: ActorHeaders,
    body: SettingsObjectSchema,
    responses: { 200: SettingsObjectSchema.extend({ version: z.int().min(1) }), ...errorResponses(400, 403, 404) },
    invalid: `expected a settings object; ${ACTOR_INVALID}`,
  },
  recordingPolicy: {
    method: 'GET',
    path: '/internal/readiness/tenants/:tenantId/recording-policy',
    summary: "The owner's limit on how long an unsent recording may wait, encrypted, in a browser",
    params: TenantParams,
    responses: { 200: z.object({ pendingMaxAgeHours: PendingRecordingMaxAgeHoursSchema }), ...errorResponses(400, 404) },
    invalid: 'invalid tenant id',
  },
  setPhiMode: {
    method: 'PUT',
    path: '/internal/readiness/tenants/:tenantId/phi-mode',
    summary: 'Request PHI mode on or off (on only while every other gate and control is ready)',
    params: TenantParams,
    headers: ActorHeaders,
    body: z.strictObject({ mode: PhiModeSchema }),
    responses: { 200: ReadinessViewSchema, ...errorResponses(400, 403, 404, 409) },
    invalid: `expected {"mode": "enabled" | "disabled"}; ${ACTOR_INVALID}`,
  },
});

export type ReadinessApi = ApiPort<typeof readinessApi>;
/** The acting user's part of a settings or PHI-mode call. */
export type ReadinessActorInput = Pick<OperationInput<(typeof readinessApi)['setPhiMode']>, 'headers'>;
