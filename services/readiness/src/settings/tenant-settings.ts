import {
  PENDING_RECORDING_MAX_AGE_HOURS,
  PendingRecordingMaxAgeHoursSchema,
  type PhiMode,
  type TenantSettingKey,
} from '@medicdraft/contracts';
import { z } from 'zod';

/**
 * Protected data classes of seed 000 ("Protected Data Classes"); the tenant retention policy
 * needs a window for each before storage may be activated.
 */
export const DATA_CLASSES = ['audio_recordings', 'transcripts', 'narratives_reports', 'reference_material', 'ai_artifacts'] as const;
export const DataClassSchema = z.enum(DATA_CLASSES);
export type DataClass = z.infer<typeof DataClassSchema>;

/**
 * A reference to a document kept elsewhere (vault path, e-signature envelope id, ticket), never
 * the document: no spaces and at most 200 characters, so agreement text cannot be pasted in.
 */
export const DocumentRefSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:/#@-]{0,199}$/, 'expected a document reference (no spaces)');
/** Id of a tenant model profile or retrieval index (a slug). */
export const ArtifactIdSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'expected a lower-case id');

/** Retention window in days per data class (a class may be missing while the policy is drafted). */
export const RetentionPolicySchema = z.partialRecord(DataClassSchema, z.int().min(1).max(36_500));
export type RetentionPolicy = z.infer<typeof RetentionPolicySchema>;

/**
 * Owner-managed tenant settings (gate inputs, docs/architecture.md "Gates"). `phiModeRequested` is
 * the owner's intent: the effective PHI mode is enabled only while that intent holds and every
 * other gate and control is ready, so a dropped gate disables PHI handling at once and its repair
 * restores it.
 */
export interface TenantSettings {
  version: number;
  baaExecuted: boolean;
  baaEvidenceRef: string | null;
  phiStorageEnabled: boolean;
  recordingStorageEnabled: boolean;
  reportStorageEnabled: boolean;
  dataUseContractRef: string | null;
  retentionPolicy: RetentionPolicy;
  modelProfileId: string | null;
  retrievalIndexId: string | null;
  foundationModelSharing: 'enabled' | 'disabled';
  mfaRequired: boolean;
  /** How long an unsent recording may wait, encrypted, in a browser before the recorder deletes it. */
  pendingRecordingMaxAgeHours: number;
  phiModeRequested: PhiMode;
}

/** What an owner may change through `updateTenantSettings` (PHI mode has its own operation). */
export const TenantSettingsPatchSchema = z
  .strictObject({
    baaExecuted: z.boolean(),
    baaEvidenceRef: DocumentRefSchema.nullable(),
    phiStorageEnabled: z.boolean(),
    recordingStorageEnabled: z.boolean(),
    reportStorageEnabled: z.boolean(),
    dataUseContractRef: DocumentRefSchema.nullable(),
    retentionPolicy: RetentionPolicySchema,
    modelProfileId: ArtifactIdSchema.nullable(),
    retrievalIndexId: ArtifactIdSchema.nullable(),
    foundationModelSharing: z.enum(['enabled', 'disabled']),
    mfaRequired: z.boolean(),
    pendingRecordingMaxAgeHours: PendingRecordingMaxAgeHoursSchema,
  })
  .partial();
export type TenantSettingsPatch = z.infer<typeof TenantSettingsPatchSchema>;

/** Setting field → the key named in `tenant.settings.updated` (contracts' TENANT_SETTING_KEYS). */
export const SETTING_KEYS: Readonly<Record<keyof TenantSettingsPatch | 'phiModeRequested', TenantSettingKey>> = {
  baaExecuted: 'baa_executed',
  baaEvidenceRef: 'baa_evidence_ref',
  phiStorageEnabled: 'phi_storage_enabled',
  recordingStorageEnabled: 'recording_storage_enabled',
  reportStorageEnabled: 'report_storage_enabled',
  dataUseContractRef: 'data_use_contract',
  retentionPolicy: 'retention_policy',
  modelProfileId: 'model_profile_id',
  retrievalIndexId: 'retrieval_index_id',
  foundationModelSharing: 'foundation_model_sharing',
  mfaRequired: 'mfa_required',
  pendingRecordingMaxAgeHours: 'pending_recording_max_age',
  phiModeRequested: 'phi_mode',
};

/** A new tenant: nothing attested, nothing enabled, sharing off, MFA required. */
export function initialTenantSettings(over: Partial<TenantSettings> = {}): TenantSettings {
  return {
    version: 1,
    baaExecuted: false,
    baaEvidenceRef: null,
    phiStorageEnabled: false,
    recordingStorageEnabled: false,
    reportStorageEnabled: false,
    dataUseContractRef: null,
    retentionPolicy: {},
    modelProfileId: null,
    retrievalIndexId: null,
    foundationModelSharing: 'disabled',
    mfaRequired: true,
    pendingRecordingMaxAgeHours: PENDING_RECORDING_MAX_AGE_HOURS.default,
    phiModeRequested: 'disabled',
    ...over,
  };
}

/**
 * The demo tenant of seed 000. Its model profile and retrieval index ids are recorded ("SMFR data
 * may only be used for the SMFR tenant model or retrieval index"), so that control is ready; all
 * else is the sandbox state the seed shows.
 */
export const DEFAULT_TENANT = {
  id: 'south-metro-fire',
  displayName: 'South Metro Fire Rescue',
  settings: initialTenantSettings({ modelProfileId: 'smfr-narrative', retrievalIndexId: 'smfr-retrieval' }),
} as const;
