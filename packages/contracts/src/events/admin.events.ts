import { z } from 'zod';
import { defineEvent } from '../envelope.js';
import { Sha256HexSchema, UserIdSchema, VersionNumberSchema } from '../fields.js';
import { RoleSchema } from '../roles.js';
import { TOPIC } from '../topics.js';

/**
 * Kinds of admin-managed, versioned reference material (the gateway's
 * `/v1/tenants/:t/references/:kind/:name`).
 */
export const REFERENCE_KINDS = ['template', 'protocol', 'rule'] as const;
export const ReferenceKindSchema = z.enum(REFERENCE_KINDS);
export type ReferenceKind = z.infer<typeof ReferenceKindSchema>;

/** A reference's id: the slug in the URL (`draatt-default`) or a uuid; lower case only. */
export const REFERENCE_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const ReferenceIdSchema = z.string().regex(REFERENCE_ID_PATTERN);

/** `admin.reference.updated` v1: a new immutable version of a reference; `sha256` is of its content. */
export const AdminReferenceUpdatedPayloadSchema = z.strictObject({
  kind: ReferenceKindSchema,
  referenceId: ReferenceIdSchema,
  version: VersionNumberSchema,
  sha256: Sha256HexSchema,
});
export const AdminReferenceUpdatedEventSchema = defineEvent(TOPIC.ADMIN_REFERENCE_UPDATED, 1, AdminReferenceUpdatedPayloadSchema);
export type AdminReferenceUpdatedEvent = z.infer<typeof AdminReferenceUpdatedEventSchema>;

/** What happened to a user: made by an admin or owner, or by the user (`enrolled`: own password set). */
export const USER_ACTIONS = ['created', 'enrolled', 'role_changed', 'reset', 'deactivated', 'reactivated'] as const;

/**
 * `admin.user.updated` v1: a change to a local user of the tenant. `role` is the user's role after
 * the change, `previousRole` its role before a `role_changed`. Never the e-mail, a password or an
 * enrolment token: the actor and the user are ids.
 */
export const AdminUserUpdatedPayloadSchema = z.strictObject({
  userId: UserIdSchema,
  action: z.enum(USER_ACTIONS),
  role: RoleSchema,
  previousRole: RoleSchema.optional(),
});
export const AdminUserUpdatedEventSchema = defineEvent(TOPIC.ADMIN_USER_UPDATED, 1, AdminUserUpdatedPayloadSchema);
export type AdminUserUpdatedEvent = z.infer<typeof AdminUserUpdatedEventSchema>;

/**
 * Owner-managed tenant settings, by key (readiness inputs, docs/architecture.md "Readiness gates
 * and fail-closed rules"). Events name the keys that changed, never their values (the BAA evidence
 * reference, for example, stays in the database).
 */
export const TENANT_SETTING_KEYS = [
  'baa_executed',
  'baa_evidence_ref',
  'phi_storage_enabled',
  'recording_storage_enabled',
  'report_storage_enabled',
  'data_use_contract',
  'retention_policy',
  'model_profile_id',
  'retrieval_index_id',
  'foundation_model_sharing',
  'mfa_required',
  'phi_mode',
  'default_template',
  'copy_length_limit',
  'pending_recording_max_age',
] as const;
export const TenantSettingKeySchema = z.enum(TENANT_SETTING_KEYS);
export type TenantSettingKey = z.infer<typeof TenantSettingKeySchema>;

/** `tenant.settings.updated` v1: settings moved to `settingsVersion`; `changed` lists the keys. */
export const TenantSettingsUpdatedPayloadSchema = z.strictObject({
  changed: z.array(TenantSettingKeySchema).min(1).max(TENANT_SETTING_KEYS.length),
  settingsVersion: VersionNumberSchema,
});
export const TenantSettingsUpdatedEventSchema = defineEvent(TOPIC.TENANT_SETTINGS_UPDATED, 1, TenantSettingsUpdatedPayloadSchema);
export type TenantSettingsUpdatedEvent = z.infer<typeof TenantSettingsUpdatedEventSchema>;

/**
 * `tenant.provisioned` v1: a tenant now exists. Readiness records it in the same transaction as
 * the tenant row and lists the tenant in the directory of its global gate record, which every
 * consumer uses to tell an unknown tenant (dead letter) from a blocked one. The envelope's tenant
 * id is the whole fact (names stay in readiness' directory).
 */
export const TenantProvisionedPayloadSchema = z.strictObject({});
export const TenantProvisionedEventSchema = defineEvent(TOPIC.TENANT_PROVISIONED, 1, TenantProvisionedPayloadSchema);
export type TenantProvisionedEvent = z.infer<typeof TenantProvisionedEventSchema>;
