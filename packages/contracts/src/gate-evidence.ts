import { z } from 'zod';

/**
 * Evidence lines of the readiness gates.
 *
 * Decision: evidence travels as structured items `{code, ok, value?}`, never as prose. The text
 * shown on the readiness screen comes from `EVIDENCE_TEMPLATES` (the seed's exact wording, e.g.
 * "Input bucket env configured: false"), so the gate-state topic stays free of arbitrary strings
 * and the UI can translate or restyle lines. `ok` says whether the line supports readiness (the UI
 * colours it); `value` fills the template's `{value}` placeholder. Codes marked "probe" are the
 * live checks readiness runs beyond the seed's env checks: a variable being set is not evidence
 * that the resource exists and is configured safely.
 */
export const EVIDENCE_TEMPLATES = {
  // baa
  baa_required_before_phi: 'Tenant requires BAA before PHI: {value}',
  baa_evidence_outside_repo: 'Agreement evidence must stay outside the public repo.',
  baa_evidence_recorded: 'BAA evidence reference recorded: {value}',
  // s3_storage
  input_bucket_env_configured: 'Input bucket env configured: {value}',
  output_bucket_env_configured: 'Output bucket env configured: {value}',
  tenant_recording_storage: 'Tenant recording storage: {value}',
  tenant_report_storage: 'Tenant report storage: {value}',
  buckets_exist: 'Input and output buckets exist: {value}', // probe
  buckets_public_access_blocked: 'Public access blocked on both buckets: {value}', // probe
  buckets_default_sse_kms: 'Default SSE-KMS with the configured key: {value}', // probe
  buckets_lifecycle_rule: 'Lifecycle retention rule present: {value}', // probe
  // kms
  kms_key_arn_env_configured: 'KMS key ARN env configured: {value}',
  kms_key_enabled: 'KMS key enabled: {value}', // probe
  kms_key_rotation_enabled: 'KMS key rotation enabled: {value}', // probe
  // database (+ phi_mode)
  database_env_configured: 'Database env configured: {value}',
  tenant_phi_storage_enabled: 'Tenant PHI storage enabled: {value}',
  database_rls_forced: 'Row-level security forced on every tenant table: {value}', // probe
  // iam_rbac
  production_auth_env_configured: 'Production auth env configured: {value}',
  data_access_role_env_configured: 'HealthScribe data access role env configured: {value}',
  demo_rbac_scaffolded: 'Demo RBAC roles are scaffolded but not production identity.',
  data_access_role_trusts_transcribe: 'Data access role exists and trusts transcribe: {value}', // probe
  mfa_enforced_for_admins: 'MFA enforced for admin and owner: {value}',
  // audit
  audit_log_env_configured: 'Audit log env configured: {value}',
  app_audit_event_types_defined: '{value} app audit event types defined.',
  audit_log_group_exists: 'Audit log group exists with retention: {value}', // probe
  audit_service_healthy: 'Audit service healthy: {value}', // probe
  audit_tables_append_only: 'Audit tables append-only (triggers and grants): {value}', // probe
  audit_witness_object_lock: 'Audit checkpoint witness under Object Lock (compliance): {value}', // probe
  // healthscribe
  aws_region_configured: 'AWS region configured: {value}',
  healthscribe_dependencies_configured: 'HealthScribe storage/KMS/IAM/audit configured: {value}',
  healthscribe_reachable: 'HealthScribe reachable: {value}', // probe
  bedrock_model_access: 'Bedrock drafting model accessible in the configured region: {value}', // probe, only when a model is configured
  // phi_mode
  demo_storage_only: 'Demo storage only: {value}',
  foundation_model_sharing: 'Foundation model sharing: {value}',
  other_gates_ready: 'All other gates and tenant controls ready: {value}',
  phi_mode_enabled_by_owner: 'PHI mode enabled by an owner: {value}',
} as const;

export type EvidenceCode = keyof typeof EVIDENCE_TEMPLATES;
export const EVIDENCE_CODES = Object.keys(EVIDENCE_TEMPLATES) as [EvidenceCode, ...EvidenceCode[]];
export const EvidenceCodeSchema = z.enum(EVIDENCE_CODES);

/** A templated value: a flag, a count, or an enabled/disabled state. Never free text. */
export const EvidenceValueSchema = z.union([z.boolean(), z.int().min(0), z.enum(['enabled', 'disabled'])]);
export type EvidenceValue = z.infer<typeof EvidenceValueSchema>;

export const EvidenceItemSchema = z.strictObject({
  code: EvidenceCodeSchema,
  ok: z.boolean(),
  value: EvidenceValueSchema.optional(),
});
export type EvidenceItem = z.infer<typeof EvidenceItemSchema>;

/** The display line of an evidence item, in the seed's wording (without the "- " bullet). */
export function renderEvidence(item: EvidenceItem): string {
  return EVIDENCE_TEMPLATES[item.code].replace('{value}', item.value === undefined ? '' : String(item.value));
}
