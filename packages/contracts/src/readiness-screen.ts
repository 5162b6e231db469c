import { z } from 'zod';
import type { EvidenceCode } from './gate-evidence.js';
import type { GateId, GateStatus, TenantControlId } from './gates.js';

/**
 * The reference sections of the readiness screen (the product's readiness-screen note, in its
 * order and words): Auth / RBAC readiness, security controls, protected data classes, required
 * AWS resources, server-side boundaries and the closing statement. The readiness service sends
 * these words with each item's live state; the web UI renders what it receives, so the wording
 * lives here only.
 *
 * Live state never goes beyond what the system checks: an item names the evidence line
 * (`checkedBy`, a gate evidence code) that proves it, and one without such a line, or whose line
 * the tenant's gate state does not carry (its resource is not configured, so nothing was probed),
 * is shown as "not checked by the system".
 */

/** `passed`/`failed`: the named evidence line holds or not; `not_checked`: no check ran for it. */
export const CHECK_STATES = ['passed', 'failed', 'not_checked'] as const;
export const CheckStateSchema = z.enum(CHECK_STATES);
export type CheckState = z.infer<typeof CheckStateSchema>;

export const CHECK_STATE_LABELS: Readonly<Record<CheckState, string>> = Object.freeze({
  passed: 'checked by the system: passed',
  failed: 'checked by the system: failed',
  not_checked: 'not checked by the system',
});

/** One line of a list (a checklist entry, a bullet, an allowed or blocked use) and what proves it. */
export interface CheckedLine {
  readonly text: string;
  readonly checkedBy?: EvidenceCode;
  /** The wording once the check passed, where the seed's sentence states the unfinished case. */
  readonly passedText?: string;
}

/**
 * Where an entry's status comes from: a gate, a tenant control, or (`fixed`) the code itself in
 * every mode. `blockedAs` restates a gate's `blocked` for an entry that describes the safeguard
 * rather than the action it prevents.
 */
export type StatusSource =
  { readonly gate: GateId; readonly blockedAs?: GateStatus } | { readonly control: TenantControlId } | { readonly fixed: GateStatus };

export interface AuthReadinessInfo {
  readonly title: string;
  readonly summary: CheckedLine;
  readonly items: readonly CheckedLine[];
}

export const AUTH_RBAC_READINESS: AuthReadinessInfo = Object.freeze<AuthReadinessInfo>({
  title: 'Auth / RBAC Readiness',
  summary: {
    text: 'Production auth is not connected. Demo RBAC is scaffolded for tenant and permission checks only.',
    checkedBy: 'production_auth_env_configured',
    passedText: 'Production auth is connected. Tenant and permission checks run against its verified identities.',
  },
  items: [
    {
      text: 'Production identity provider is not connected.',
      checkedBy: 'production_auth_env_configured',
      passedText: 'Production identity provider is connected.',
    },
    {
      text: 'MFA enforcement is not connected to a production auth provider.',
      checkedBy: 'mfa_enforced_for_admins',
      passedText: 'MFA is enforced for admin and owner with the production auth provider.',
    },
    { text: 'Server-side session verification is scaffolded but not backed by a production token/session store.' },
    { text: 'User provisioning and deprovisioning workflow is not connected.' },
  ],
});

export interface SecurityControlInfo {
  readonly id: string;
  readonly category: string;
  readonly title: string;
  readonly seedStatus: GateStatus;
  readonly status: StatusSource;
  readonly requirement: string;
  readonly implementation: string;
}

export const SECURITY_CONTROLS_TITLE = 'Security Controls';
export const SECURITY_CONTROLS: readonly SecurityControlInfo[] = Object.freeze([
  {
    id: 'baa_gate',
    category: 'Legal',
    title: 'BAA gate before PHI',
    seedStatus: 'blocked',
    status: { gate: 'baa' },
    requirement: 'No real PHI may be processed until BAAs are signed with AWS, hosting, database/storage, AI, and any support vendors.',
    implementation: 'Tenant configuration keeps PHI storage disabled until legal/vendor readiness is explicitly changed.',
  },
  {
    id: 'tenant_id_on_phi',
    category: 'Tenant Isolation',
    title: 'Tenant ID on every PHI object',
    seedStatus: 'planned',
    status: { control: 'tenant_id_boundary' },
    requirement: 'Every recording, transcript, report, reference file, audit event, and model artifact must be scoped to a tenant.',
    implementation: 'Tenant config and future data schemas require tenantId as the first access-control boundary.',
  },
  {
    id: 'org_auth_rbac',
    category: 'Identity',
    title: 'Organization-aware authentication and RBAC',
    seedStatus: 'planned',
    status: { control: 'rbac' },
    requirement:
      'Users must authenticate into one organization and receive role-based permissions for provider, QA, admin, and owner workflows.',
    implementation: 'Architecture reserved for tenant auth provider, MFA, session controls, and role checks before PHI routes are enabled.',
  },
  {
    id: 'customer_managed_kms',
    category: 'Encryption',
    title: 'Customer-managed KMS encryption',
    seedStatus: 'planned',
    status: { gate: 'kms' },
    requirement:
      'Audio, transcript, report, protocol, and HealthScribe outputs must use encrypted tenant storage and customer-managed keys ' +
      'where supported.',
    implementation: 'HealthScribe configuration requires a KMS key ARN before PHI processing can be enabled.',
  },
  {
    id: 'immutable_audit',
    category: 'Audit',
    title: 'Immutable PHI audit events',
    seedStatus: 'planned',
    status: { gate: 'audit' },
    requirement: 'All access, creation, transcription, generation, copy, export, admin, and deletion actions must create audit events.',
    implementation: 'Audit event contract is defined before real storage is added.',
  },
  {
    id: 'retention_deletion',
    category: 'Retention',
    title: 'Tenant retention and deletion policy',
    seedStatus: 'planned',
    status: { control: 'retention_policy' },
    requirement:
      'Each tenant must have documented retention windows and deletion procedures for recordings, transcripts, reports, and model ' +
      'artifacts.',
    implementation: 'Retention controls are listed as required architecture before database/object storage activation.',
  },
  {
    id: 'no_cross_tenant_training',
    category: 'AI/Data Use',
    title: 'No cross-tenant training',
    seedStatus: 'ready',
    status: { control: 'model_retrieval_isolation' },
    requirement: "Department data cannot train another department's model or vendor foundation models without written approval.",
    implementation:
      'SMFR data may only be used for the SMFR tenant model or retrieval index unless a future written agreement explicitly ' +
      'allows another use.',
  },
  {
    id: 'healthscribe_boundary',
    category: 'AWS HealthScribe',
    title: 'HealthScribe service boundary',
    seedStatus: 'planned',
    // The boundary is the safeguard: while the HealthScribe gate blocks jobs, the boundary itself is still only planned.
    status: { gate: 'healthscribe', blockedAs: 'planned' },
    requirement:
      'All HealthScribe jobs must run through a server-side adapter that enforces tenant, BAA, KMS, bucket, role, and audit checks.',
    implementation: 'Adapter scaffold blocks real PHI while demo mode and missing production environment requirements remain active.',
  },
]);

export const PROTECTED_DATA_CLASSES_TITLE = 'Protected Data Classes';
export const PROTECTED_DATA_CLASSES: readonly { readonly title: string; readonly examples: string }[] = Object.freeze([
  { title: 'Audio recordings', examples: 'Post-call dictation audio, Future patient-contact recording' },
  { title: 'Transcripts', examples: 'AWS HealthScribe transcript, Edited provider transcript' },
  { title: 'Generated narratives and reports', examples: 'DRAATT narrative, Provider-approved ESO copy' },
  { title: 'Department reference material', examples: 'Protocols, SOGs, alert criteria, billing documentation notes' },
  { title: 'Tenant AI artifacts', examples: 'Retrieval index, future fine-tuned model, evaluation set' },
]);

export interface AwsResourceInfo {
  readonly id: string;
  readonly provider: string;
  readonly title: string;
  readonly seedStatus: GateStatus;
  readonly status: StatusSource;
  readonly purpose: string;
  readonly checklist: readonly CheckedLine[];
}

const BUCKET_CHECKS = {
  publicAccess: { text: 'Block public access', checkedBy: 'buckets_public_access_blocked' },
  sseKms: { text: 'SSE-KMS encryption', checkedBy: 'buckets_default_sse_kms' },
  prefixes: { text: 'Tenant-scoped prefixes or buckets' },
  lifecycle: { text: 'Lifecycle retention policy', checkedBy: 'buckets_lifecycle_rule' },
} as const satisfies Record<string, CheckedLine>;

export const AWS_RESOURCES_TITLE = 'Required AWS Resources';
export const AWS_RESOURCES: readonly AwsResourceInfo[] = Object.freeze([
  {
    id: 'aws_baa',
    provider: 'AWS Artifact / Legal',
    title: 'Executed AWS Business Associate Addendum',
    seedStatus: 'blocked',
    status: { gate: 'baa' },
    purpose: 'Legal permission to use HIPAA-eligible AWS services with ePHI.',
    checklist: [
      { text: 'Signed before PHI', checkedBy: 'baa_required_before_phi' },
      { text: 'Confirm account and services covered' },
      { text: 'Store agreement evidence outside the public repo', checkedBy: 'baa_evidence_recorded' },
    ],
  },
  {
    id: 'healthscribe_workflow',
    provider: 'AWS HealthScribe / Amazon Transcribe',
    title: 'HealthScribe job or streaming workflow',
    seedStatus: 'planned',
    status: { gate: 'healthscribe', blockedAs: 'planned' },
    purpose: 'Create transcripts and clinical documentation artifacts from dictation audio.',
    checklist: [
      { text: 'Server-side calls only' },
      { text: 'Tenant ID in job metadata' },
      { text: 'Customer-managed KMS key where supported', checkedBy: 'kms_key_enabled' },
      { text: 'Audit event before job start' },
    ],
  },
  {
    id: 'source_audio_storage',
    provider: 'Amazon S3',
    title: 'Tenant-isolated source audio storage',
    seedStatus: 'planned',
    status: { gate: 's3_storage' },
    purpose: 'Store encrypted audio submitted for HealthScribe processing.',
    checklist: [
      BUCKET_CHECKS.publicAccess,
      BUCKET_CHECKS.sseKms,
      BUCKET_CHECKS.prefixes,
      BUCKET_CHECKS.lifecycle,
      { text: 'Access logs enabled' },
    ],
  },
  {
    id: 'output_storage',
    provider: 'Amazon S3',
    title: 'Tenant-isolated HealthScribe output storage',
    seedStatus: 'planned',
    status: { gate: 's3_storage' },
    purpose: 'Store encrypted transcripts, generated note output, and service artifacts.',
    checklist: [
      BUCKET_CHECKS.publicAccess,
      BUCKET_CHECKS.sseKms,
      BUCKET_CHECKS.prefixes,
      { text: 'No public demo downloads' },
      BUCKET_CHECKS.lifecycle,
    ],
  },
  {
    id: 'tenant_kms_key',
    provider: 'AWS KMS',
    title: 'Customer-managed tenant encryption key',
    seedStatus: 'planned',
    status: { gate: 'kms' },
    purpose: 'Encrypt audio, transcript, output, and future report/model storage.',
    checklist: [
      { text: 'Key rotation enabled', checkedBy: 'kms_key_rotation_enabled' },
      { text: 'Least-privilege key policy' },
      { text: 'Tenant-specific encryption context' },
      { text: 'CloudTrail key usage monitoring' },
    ],
  },
  {
    id: 'data_access_role',
    provider: 'AWS IAM',
    title: 'HealthScribe data access role',
    seedStatus: 'planned',
    status: { gate: 'iam_rbac' },
    purpose: 'Allow HealthScribe to read input audio and write output for a tenant workflow.',
    checklist: [
      { text: 'Least privilege' },
      { text: 'Scoped to tenant input/output locations' },
      { text: 'No wildcard cross-tenant object access' },
      { text: 'Separate deployment/admin roles' },
    ],
  },
  {
    id: 'audit_logging',
    provider: 'CloudWatch / CloudTrail / App Audit Store',
    title: 'PHI workflow audit logging',
    seedStatus: 'planned',
    status: { gate: 'audit' },
    purpose: 'Record access, generation, export, admin, and deletion events.',
    checklist: [
      { text: 'Immutable application audit events', checkedBy: 'audit_tables_append_only' },
      { text: 'AWS API activity logging' },
      { text: 'Tenant ID on every event' },
      { text: 'Retention aligned to policy' },
    ],
  },
]);

export interface ServerBoundaryInfo {
  readonly id: string;
  readonly title: string;
  readonly seedStatus: GateStatus;
  readonly status: StatusSource;
  readonly allowed: readonly CheckedLine[];
  readonly blocked: readonly CheckedLine[];
  /** What this deployment does at the boundary beyond the seed's lines (shown under them, never mixed in). */
  readonly notes?: readonly string[];
}

/** The recorder's store-and-forward rule, as the readiness screen states it on the browser boundary. */
export const BROWSER_PENDING_RECORDINGS_NOTE =
  'Dictation recordings are kept in the browser only while they cannot be sent, and only while PHI mode is enabled: ' +
  'encrypted (AES-GCM under a non-extractable browser key) in IndexedDB, listed as waiting to be sent, deleted once ' +
  "the server confirms the upload or unsent after the tenant's maximum age. In the sandbox, recordings are synthetic " +
  'practice held in page memory only. Nothing is stored in the browser after a confirmed upload. A recording partly ' +
  "uploaded waits on the server in the tenant's encrypted object storage (S3, SSE-KMS), shared by every gateway " +
  'instance, until it is accepted or the upload expires (24 hours by default); sandbox practice uploads wait in a ' +
  "folder on the gateway's host.";

export const SERVER_BOUNDARIES_TITLE = 'Server-Side Boundaries';
export const SERVER_BOUNDARIES: readonly ServerBoundaryInfo[] = Object.freeze([
  {
    id: 'browser',
    title: 'Browser / client app',
    seedStatus: 'ready',
    // The public API's response schemas carry no AWS identifier in any mode (enforced by the code, not a probe).
    status: { fixed: 'ready' },
    allowed: [
      { text: 'Synthetic demo text' },
      { text: 'Provider-approved narrative display' },
      { text: 'Authenticated requests to server-side PHI APIs after production auth' },
    ],
    blocked: [
      { text: 'AWS credentials' },
      { text: 'KMS key details' },
      { text: 'Direct S3 PHI paths' },
      { text: 'Cross-tenant storage identifiers' },
    ],
    notes: [BROWSER_PENDING_RECORDINGS_NOTE],
  },
  {
    id: 'server_routes',
    title: 'Next.js route handlers / server actions',
    seedStatus: 'planned',
    status: { gate: 'iam_rbac' },
    allowed: [
      { text: 'Tenant validation' },
      { text: 'RBAC checks' },
      { text: 'Audit writes' },
      { text: 'HealthScribe job creation' },
      { text: 'Signed upload/download mediation when production storage exists' },
    ],
    blocked: [
      { text: 'PHI processing when BAA gate is active' },
      { text: 'Requests without tenantId' },
      { text: 'Requests where tenantId does not match authenticated user tenant' },
      { text: 'Requests that cannot write audit events' },
    ],
  },
  {
    id: 'aws_services',
    title: 'AWS HealthScribe and storage services',
    seedStatus: 'planned',
    status: { gate: 'healthscribe', blockedAs: 'planned' },
    allowed: [
      { text: 'Read tenant-scoped source audio' },
      { text: 'Write tenant-scoped HealthScribe output' },
      { text: 'Use tenant-approved KMS key', checkedBy: 'buckets_default_sse_kms' },
    ],
    blocked: [
      { text: 'Public bucket access', checkedBy: 'buckets_public_access_blocked' },
      { text: 'Foundation model training with tenant PHI', checkedBy: 'foundation_model_sharing' },
      { text: 'Cross-tenant input or output locations' },
    ],
  },
]);

export const READINESS_CLOSING_STATEMENT =
  'AWS HealthScribe will be a server-side integration only. The browser should never receive AWS credentials, KMS keys, ' +
  'bucket names for PHI objects, or direct cross-tenant storage paths.';
