import { z } from 'zod';

/**
 * The eight PHI readiness gates, the six tenant controls and the six required environment
 * variables, with ids, titles and texts verbatim from seed `000_…` (in the seed's order).
 * The readiness service computes statuses; these tables are the static vocabulary it and the
 * UI share. `seedStatus` is what the seed shows for its sandbox tenant: a test reference for
 * reproducing that screen, never a default the readiness service may assume.
 */

/** `ready` = proven by live probes; `planned` = not in place yet; `blocked` = actively prevented. */
export const GATE_STATUSES = ['ready', 'planned', 'blocked'] as const;
export const GateStatusSchema = z.enum(GATE_STATUSES);
export type GateStatus = z.infer<typeof GateStatusSchema>;

export const GATE_IDS = ['baa', 's3_storage', 'kms', 'database', 'iam_rbac', 'audit', 'healthscribe', 'phi_mode'] as const;
export const GateIdSchema = z.enum(GATE_IDS);
export type GateId = z.infer<typeof GateIdSchema>;

export interface GateInfo {
  readonly id: GateId;
  readonly title: string;
  /** The seed's explanatory line under the title. */
  readonly summary: string;
  readonly nextAction: string;
  readonly seedStatus: GateStatus;
}

/** Gate catalog, keyed by id; iterate `GATE_IDS` for the seed's order. */
export const GATES: Readonly<Record<GateId, GateInfo>> = Object.freeze({
  baa: {
    id: 'baa',
    title: 'BAA status',
    summary: 'BAA gate is active. Real PHI remains blocked.',
    nextAction: 'Execute and document BAAs with AWS and every ePHI-touching vendor before enabling PHI workflows.',
    seedStatus: 'blocked',
  },
  s3_storage: {
    id: 's3_storage',
    title: 'S3 storage configured',
    summary: 'Audio, HealthScribe output, transcripts, reports, screenshots, and exports need tenant-isolated encrypted storage.',
    nextAction:
      'Create private S3 storage with block public access, SSE-KMS, tenant-scoped prefixes or buckets, access logs, and ' +
      'lifecycle retention.',
    seedStatus: 'planned',
  },
  kms: {
    id: 'kms',
    title: 'KMS configured',
    summary: 'Customer-managed KMS encryption is required for PHI-touching storage and HealthScribe workflows where supported.',
    nextAction:
      'Create a customer-managed KMS key with least-privilege key policy, rotation, CloudTrail monitoring, and tenant encryption context.',
    seedStatus: 'planned',
  },
  database: {
    id: 'database',
    title: 'Database configured',
    summary:
      'Reports, transcripts, QA findings, feedback, users, audit references, and tenant settings need a BAA-covered database ' +
      'with tenantId on every PHI record.',
    nextAction:
      'Choose and configure a BAA-covered database, add tenant-scoped schema, and block PHI writes without tenantId and audit events.',
    seedStatus: 'planned',
  },
  iam_rbac: {
    id: 'iam_rbac',
    title: 'IAM / RBAC configured',
    summary: 'AWS IAM and app RBAC both need least-privilege boundaries before PHI routes or HealthScribe jobs are enabled.',
    nextAction:
      'Connect production auth with MFA, server-side session checks, tenant-aware roles, and AWS roles scoped to tenant storage paths.',
    seedStatus: 'planned',
  },
  audit: {
    id: 'audit',
    title: 'CloudTrail / audit configured',
    summary: 'AWS API activity and app-level PHI actions need audit trails before protected workflows can run.',
    nextAction:
      'Enable CloudTrail/CloudWatch destinations and implement immutable app audit writes for create, view, edit, generate, ' +
      'export, admin, and delete events.',
    seedStatus: 'planned',
  },
  healthscribe: {
    id: 'healthscribe',
    title: 'HealthScribe disabled / enabled',
    summary: 'HealthScribe remains blocked until environment, BAA, tenant, KMS, IAM, storage, and audit gates are complete.',
    nextAction: 'Keep the server-side HealthScribe route fail-closed until every PHI readiness item is complete and reviewed.',
    seedStatus: 'blocked',
  },
  phi_mode: {
    id: 'phi_mode',
    title: 'PHI mode disabled / enabled',
    summary: 'PHI mode is disabled. Sandbox must remain synthetic-only.',
    nextAction:
      'Do not enable PHI mode until legal, auth, storage, KMS, IAM, audit, database, HealthScribe, retention, and ' +
      'incident-response controls are complete.',
    seedStatus: 'blocked',
  },
});

export const TENANT_CONTROL_IDS = [
  'tenant_id_boundary',
  'data_use_contract',
  'rbac',
  'audit_required',
  'retention_policy',
  'model_retrieval_isolation',
] as const;
export const TenantControlIdSchema = z.enum(TENANT_CONTROL_IDS);
export type TenantControlId = z.infer<typeof TenantControlIdSchema>;

export interface TenantControlInfo {
  readonly id: TenantControlId;
  readonly title: string;
  readonly category: 'Core Platform' | 'Compliance' | 'Security' | 'Department Tenant';
  readonly requirement: string;
  readonly enforcement: string;
  readonly seedStatus: GateStatus;
}

/** The seed's "Required Tenant Controls", keyed by id; iterate `TENANT_CONTROL_IDS` for order. */
export const TENANT_CONTROLS: Readonly<Record<TenantControlId, TenantControlInfo>> = Object.freeze({
  tenant_id_boundary: {
    id: 'tenant_id_boundary',
    title: 'Tenant ID as primary data boundary',
    category: 'Core Platform',
    requirement: 'Every PHI-touching table, object path, audit event, model artifact, and API request must include tenantId.',
    enforcement: "Reject any PHI workflow request that does not carry a tenantId matching the authenticated user's tenant.",
    seedStatus: 'planned',
  },
  data_use_contract: {
    id: 'data_use_contract',
    title: 'Department data-use contract',
    category: 'Compliance',
    requirement:
      'Written agreement must state that department recordings, reports, protocols, and model artifacts remain private to that department.',
    enforcement: 'Keep training/export workflows disabled until the tenant data-use terms are complete.',
    seedStatus: 'blocked',
  },
  rbac: {
    id: 'rbac',
    title: 'Role-based access control',
    category: 'Security',
    requirement:
      'Provider, QA, admin, and owner roles need separate permissions for recording, review, export, rules, and reference management.',
    enforcement: 'Server-side permission checks before every PHI read, write, export, deletion, and admin mutation.',
    seedStatus: 'planned',
  },
  audit_required: {
    id: 'audit_required',
    title: 'Audit event required for PHI actions',
    category: 'Core Platform',
    requirement: 'PHI-touching actions must write an audit event before or during the protected action.',
    enforcement: 'Fail closed when audit logging is unavailable.',
    seedStatus: 'planned',
  },
  retention_policy: {
    id: 'retention_policy',
    title: 'Tenant retention policy',
    category: 'Department Tenant',
    requirement:
      'Each department must define retention windows for audio, transcripts, generated narratives, protocol sets, and model artifacts.',
    enforcement: 'Retention policy is required before storage activation.',
    seedStatus: 'planned',
  },
  model_retrieval_isolation: {
    id: 'model_retrieval_isolation',
    title: 'Tenant model and retrieval isolation',
    category: 'Core Platform',
    requirement: "One department's data must not train, enrich, or evaluate another department's model or retrieval index.",
    enforcement: 'Tenant model profile and retrieval index IDs are stored on the tenant config and must match every AI request.',
    seedStatus: 'ready',
  },
});

export const REQUIRED_ENV_VAR_NAMES = [
  'AWS_REGION',
  'AWS_HEALTHSCRIBE_INPUT_BUCKET',
  'AWS_HEALTHSCRIBE_OUTPUT_BUCKET',
  'AWS_HEALTHSCRIBE_KMS_KEY_ARN',
  'AWS_HEALTHSCRIBE_DATA_ACCESS_ROLE_ARN',
  'AWS_HEALTHSCRIBE_AUDIT_LOG_GROUP',
] as const;
export type RequiredEnvVarName = (typeof REQUIRED_ENV_VAR_NAMES)[number];

/** The seed's "AWS HealthScribe Requirements": every one is "Required before PHI". */
export const REQUIRED_ENV_VARS: readonly {
  readonly name: RequiredEnvVarName;
  readonly requirement: 'Required before PHI';
  readonly description: string;
}[] = Object.freeze([
  { name: 'AWS_REGION', requirement: 'Required before PHI', description: 'AWS region selected for HealthScribe and tenant storage.' },
  {
    name: 'AWS_HEALTHSCRIBE_INPUT_BUCKET',
    requirement: 'Required before PHI',
    description: 'Tenant-isolated encrypted S3 bucket for source audio.',
  },
  {
    name: 'AWS_HEALTHSCRIBE_OUTPUT_BUCKET',
    requirement: 'Required before PHI',
    description: 'Tenant-isolated encrypted S3 bucket for HealthScribe output.',
  },
  {
    name: 'AWS_HEALTHSCRIBE_KMS_KEY_ARN',
    requirement: 'Required before PHI',
    description: 'Customer-managed KMS key for an added HealthScribe encryption layer.',
  },
  {
    name: 'AWS_HEALTHSCRIBE_DATA_ACCESS_ROLE_ARN',
    requirement: 'Required before PHI',
    description: 'Least-privilege role allowing HealthScribe access to tenant audio/output paths.',
  },
  {
    name: 'AWS_HEALTHSCRIBE_AUDIT_LOG_GROUP',
    requirement: 'Required before PHI',
    description: 'Central audit/log destination for PHI-touching workflow events.',
  },
]);

/** Headline shown under the checklist title for the PHI mode state (seed: "PHI mode: Disabled / synthetic-only"). */
export const PHI_MODE_LABELS = { disabled: 'Disabled / synthetic-only', enabled: 'Enabled' } as const;

/** PHI mode of a tenant: `disabled` = sandbox, synthetic text only; `enabled` = audio + HealthScribe. */
export const PHI_MODES = ['disabled', 'enabled'] as const;
export const PhiModeSchema = z.enum(PHI_MODES);
export type PhiMode = z.infer<typeof PhiModeSchema>;
