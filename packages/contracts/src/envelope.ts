import { z } from 'zod';
import { TimestampSchema, UserIdSchema, UuidSchema } from './fields.js';
import { RoleSchema } from './roles.js';
import { ServiceNameSchema } from './services.js';

/**
 * Tenant id: 2–63 characters, lower-case letters, digits and `-`, starting with a letter or digit
 * (a DNS-label-like slug, e.g. `south-metro-fire`). Decision: lower case only so the id is usable
 * verbatim in object-key prefixes, Postgres settings, Kafka keys and URLs without escaping, and so
 * two spellings of one tenant cannot exist. `*` is NOT a tenant id (it is the global-halt key of
 * `readiness.gate.state` only).
 */
export const TENANT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
export const TenantIdSchema = z.string().regex(TENANT_ID_PATTERN).describe('Tenant id (lower-case slug)');
export type TenantId = z.infer<typeof TenantIdSchema>;

/**
 * W3C Trace Context `traceparent` (version-traceid-parentid-flags, lower-case hex). Version `ff`
 * and all-zero trace/parent ids are invalid per the spec.
 */
export const TRACEPARENT_PATTERN = /^(?!ff)[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;
export const TraceparentSchema = z.string().regex(TRACEPARENT_PATTERN).describe('W3C traceparent');

/** A user acting through the gateway. `role` is the session's role when it is known. */
export const UserActorSchema = z.strictObject({
  type: z.literal('user'),
  id: UserIdSchema,
  role: RoleSchema.optional(),
});
/** A service acting on its own (consumers, retention jobs, readiness probes). */
export const ServiceActorSchema = z.strictObject({
  type: z.literal('service'),
  id: ServiceNameSchema,
});
/** Who caused the event: a user (uuid + role) or a service (its name). Never a name or e-mail. */
export const ActorSchema = z.discriminatedUnion('type', [UserActorSchema, ServiceActorSchema]);
export type Actor = z.infer<typeof ActorSchema>;

/**
 * The client's network address as the gateway saw it (after its trusted-proxy handling): on events
 * a person's request caused through the gateway, so an access record says where it came from.
 * The address of a workstation, not of a patient; never set by services acting on their own.
 */
export const SourceAddressSchema = z.union([z.ipv4(), z.ipv6()]).describe('Client IP address as the gateway saw it');

/**
 * Correlation id: the dictation id for pipeline events, otherwise the gateway's request id.
 * Decision: always a uuid, so it can never carry anything but an identifier.
 */
export const CorrelationIdSchema = UuidSchema.describe('Dictation id or request id (uuid)');

/** The shape every payload must have: a strict zod object (unknown fields are rejected). */
export type StrictPayloadSchema = z.ZodObject<z.ZodRawShape, z.core.$strict>;

/**
 * Builds the full, strict envelope schema of one event type (docs/architecture.md, "Event envelope
 * and contracts"): `id` (uuid, the idempotency key consumers dedupe on), `type` (= topic name),
 * `version` (this event's integer version, a literal), `tenantId`, `occurredAt` (ISO UTC), `actor`,
 * `correlationId`, optional `causationId` (the id of the event that caused this one), optional
 * `traceparent`, optional `sourceAddress` (the client's address, gateway requests), and `payload`.
 *
 * Contract: every level is a strict object, so an unknown field anywhere is rejected. Evolution
 * is additive; because consumers reject unknown fields, an added optional field ships to
 * consumers before producers emit it, and an incompatible change takes a new `version`.
 */
export function defineEvent<const T extends string, const V extends number, P extends StrictPayloadSchema>(
  type: T,
  version: V,
  payload: P,
) {
  return z
    .strictObject({
      id: UuidSchema.describe('Event id (uuid); consumers are idempotent on it'),
      type: z.literal(type),
      version: z.literal(version),
      tenantId: TenantIdSchema,
      occurredAt: TimestampSchema,
      actor: ActorSchema,
      correlationId: CorrelationIdSchema,
      causationId: UuidSchema.describe('Id of the event that caused this one').optional(),
      traceparent: TraceparentSchema.optional(),
      sourceAddress: SourceAddressSchema.optional(),
      payload,
    })
    .meta({ title: type, description: `MedicDraft event ${type} v${version}` });
}
