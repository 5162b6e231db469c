import {
  AUDIT_EVENT_TYPES_SEED,
  GATE_IDS,
  REQUIRED_ENV_VAR_NAMES,
  TENANT_CONTROL_IDS,
  type EvidenceCode,
  type EvidenceItem,
  type EvidenceValue,
  type GateEntry,
  type GateId,
  type GateStatus,
  type PhiMode,
  type RequiredEnvVarName,
  type TenantControlId,
} from '@medicdraft/contracts';
import { DATA_CLASSES, type TenantSettings } from '../settings/tenant-settings.js';
import type { EnvFacts, ProbeOutcome, ProbeResults } from './gate-inputs.js';

export interface GateInputs {
  settings: TenantSettings;
  env: EnvFacts;
  probes: ProbeResults;
  /** A fresh audit heartbeat within the lag bound (see audit-health.ts). */
  auditHealthy: boolean;
}

/** What the readiness service decides for one tenant; the content of its GateState. */
export interface GateEvaluation {
  phiMode: PhiMode;
  gates: Record<GateId, GateEntry>;
  controls: Record<TenantControlId, GateStatus>;
  missingEnv: RequiredEnvVarName[];
}

const ev = (code: EvidenceCode, ok: boolean, value?: EvidenceValue): EvidenceItem =>
  value === undefined ? { code, ok } : { code, ok, value };
const flagLine = (code: EvidenceCode, value: boolean) => ev(code, value, value);
const probeLine = (code: EvidenceCode, outcome: ProbeOutcome) => ev(code, outcome.ok, outcome.ok);
const onOff = (on: boolean) => (on ? 'enabled' : 'disabled');
const allOk = (...outcomes: ProbeOutcome[]) => outcomes.every((o) => o.ok);

/**
 * Gate and control statuses from evidence (docs/architecture.md "Gates", seed 000). Pure: same
 * inputs, same result.
 *
 * Rules, in short: a gate is `ready` only when its configuration is in place AND the live probes
 * prove it (a variable being set is never enough); otherwise `planned`, except the gates the seed
 * shows as actively prevented (`baa`, `healthscribe`, `phi_mode`), which are `blocked`.
 * Decision (display): the seed's configuration lines always show; a probe's line shows once the
 * gate's configuration is in place (before that there is nothing to probe), so the sandbox tenant
 * reproduces the seed screen line for line, and a configured gate says which check fails.
 * `phi_mode` is `ready` (PHI mode enabled) only while the owner has asked for it and the other
 * seven gates and all six controls are ready; `planned` when only the owner's request is missing.
 */
export function evaluateGates(input: GateInputs): GateEvaluation {
  const { settings: s, env, probes: p } = input;
  const cfg = env.configured;
  const gates = {} as Record<GateId, GateEntry>;

  const baaReady = s.baaExecuted && s.baaEvidenceRef !== null;
  gates.baa = {
    status: baaReady ? 'ready' : 'blocked',
    evidence: [
      ev('baa_required_before_phi', baaReady, true),
      ev('baa_evidence_outside_repo', true),
      ...(s.baaEvidenceRef === null ? [] : [flagLine('baa_evidence_recorded', true)]),
    ],
  };

  const bucketsConfigured = cfg.AWS_HEALTHSCRIBE_INPUT_BUCKET && cfg.AWS_HEALTHSCRIBE_OUTPUT_BUCKET;
  const bucketProbes = [p.bucketsExist, p.bucketsPublicAccessBlocked, p.bucketsDefaultSseKms, p.bucketsLifecycleRule];
  gates.s3_storage = {
    status: bucketsConfigured && allOk(...bucketProbes) && s.recordingStorageEnabled && s.reportStorageEnabled ? 'ready' : 'planned',
    evidence: [
      flagLine('input_bucket_env_configured', cfg.AWS_HEALTHSCRIBE_INPUT_BUCKET),
      flagLine('output_bucket_env_configured', cfg.AWS_HEALTHSCRIBE_OUTPUT_BUCKET),
      ev('tenant_recording_storage', s.recordingStorageEnabled, onOff(s.recordingStorageEnabled)),
      ev('tenant_report_storage', s.reportStorageEnabled, onOff(s.reportStorageEnabled)),
      ...(bucketsConfigured
        ? [
            probeLine('buckets_exist', p.bucketsExist),
            probeLine('buckets_public_access_blocked', p.bucketsPublicAccessBlocked),
            probeLine('buckets_default_sse_kms', p.bucketsDefaultSseKms),
            probeLine('buckets_lifecycle_rule', p.bucketsLifecycleRule),
          ]
        : []),
    ],
  };

  const kmsConfigured = cfg.AWS_HEALTHSCRIBE_KMS_KEY_ARN;
  gates.kms = {
    status: kmsConfigured && allOk(p.kmsKeyEnabled, p.kmsKeyRotation) ? 'ready' : 'planned',
    evidence: [
      flagLine('kms_key_arn_env_configured', kmsConfigured),
      ...(kmsConfigured ? [probeLine('kms_key_enabled', p.kmsKeyEnabled), probeLine('kms_key_rotation_enabled', p.kmsKeyRotation)] : []),
    ],
  };

  const databaseInPlace = env.databaseConfigured && s.phiStorageEnabled;
  gates.database = {
    status: databaseInPlace && p.databaseRlsForced.ok ? 'ready' : 'planned',
    evidence: [
      flagLine('database_env_configured', env.databaseConfigured),
      flagLine('tenant_phi_storage_enabled', s.phiStorageEnabled),
      ...(databaseInPlace ? [probeLine('database_rls_forced', p.databaseRlsForced)] : []),
    ],
  };

  const roleConfigured = cfg.AWS_HEALTHSCRIBE_DATA_ACCESS_ROLE_ARN;
  const auth = env.productionAuthConfigured;
  gates.iam_rbac = {
    status: auth && s.mfaRequired && roleConfigured && p.dataAccessRoleTrustsTranscribe.ok ? 'ready' : 'planned',
    evidence: [
      flagLine('production_auth_env_configured', auth),
      flagLine('data_access_role_env_configured', roleConfigured),
      ...(auth ? [flagLine('mfa_enforced_for_admins', s.mfaRequired)] : [ev('demo_rbac_scaffolded', false)]),
      ...(roleConfigured ? [probeLine('data_access_role_trusts_transcribe', p.dataAccessRoleTrustsTranscribe)] : []),
    ],
  };

  const logConfigured = cfg.AWS_HEALTHSCRIBE_AUDIT_LOG_GROUP;
  const guards = p.auditTablesAppendOnly;
  const guardsHold = guards.ok || guards.reason === 'not_configured';
  gates.audit = {
    // Append-only guards: not_configured only when the audit schema lives in another database.
    status:
      logConfigured && p.auditLogGroupWithRetention.ok && input.auditHealthy && guardsHold && p.auditWitnessObjectLock.ok
        ? 'ready'
        : 'planned',
    evidence: [
      flagLine('audit_log_env_configured', logConfigured),
      ev('app_audit_event_types_defined', true, AUDIT_EVENT_TYPES_SEED.length),
      ...(logConfigured
        ? [
            probeLine('audit_log_group_exists', p.auditLogGroupWithRetention),
            flagLine('audit_service_healthy', input.auditHealthy),
            ...(guards.ok || !guardsHold ? [probeLine('audit_tables_append_only', guards)] : []),
            probeLine('audit_witness_object_lock', p.auditWitnessObjectLock),
          ]
        : []),
    ],
  };

  const region = cfg.AWS_REGION;
  // A configured drafting model is part of the PHI path: its access must be proven like HealthScribe's.
  const model = p.bedrockModelAccess;
  const modelConfigured = model.ok || model.reason !== 'not_configured';
  const dependenciesReady = (['s3_storage', 'kms', 'iam_rbac', 'audit'] as const).every((g) => gates[g].status === 'ready');
  gates.healthscribe = {
    status: region && dependenciesReady && baaReady && p.healthscribeReachable.ok && (model.ok || !modelConfigured) ? 'ready' : 'blocked',
    evidence: [
      flagLine('aws_region_configured', region),
      flagLine('healthscribe_dependencies_configured', dependenciesReady),
      ...(region ? [probeLine('healthscribe_reachable', p.healthscribeReachable)] : []),
      ...(modelConfigured ? [probeLine('bedrock_model_access', model)] : []),
    ],
  };

  const controls = evaluateControls(input, gates.audit.status === 'ready');
  const othersReady =
    GATE_IDS.every((g) => g === 'phi_mode' || gates[g].status === 'ready') && TENANT_CONTROL_IDS.every((c) => controls[c] === 'ready');
  const requested = s.phiModeRequested === 'enabled';
  gates.phi_mode = {
    status: othersReady ? (requested ? 'ready' : 'planned') : 'blocked',
    evidence: [
      flagLine('tenant_phi_storage_enabled', s.phiStorageEnabled),
      ev('demo_storage_only', !env.demoStorageOnly, env.demoStorageOnly),
      ev('foundation_model_sharing', s.foundationModelSharing === 'disabled', s.foundationModelSharing),
      ...(env.demoStorageOnly ? [] : [flagLine('other_gates_ready', othersReady), flagLine('phi_mode_enabled_by_owner', requested)]),
    ],
  };

  return {
    phiMode: gates.phi_mode.status === 'ready' ? 'enabled' : 'disabled',
    gates,
    controls,
    missingEnv: REQUIRED_ENV_VAR_NAMES.filter((name) => !cfg[name]),
  };
}

/**
 * The six tenant controls. Each is ready when its enforcement is in place: tenant id boundary =
 * RLS forced everywhere AND production identity (tenant taken from a verified session); data-use
 * contract and retention = recorded by the owner; RBAC = production identity with MFA; audit
 * required = the audit gate (fail closed on audit outage is the halt); model/retrieval isolation =
 * the tenant's model profile and retrieval index ids recorded, foundation-model sharing off and,
 * when a Bedrock drafting model is configured, access to it proven (the model is called in the
 * deployment's own account and region, inside the BAA, never a shared or foreign endpoint).
 */
function evaluateControls(input: GateInputs, auditReady: boolean): Record<TenantControlId, GateStatus> {
  const { settings: s, env, probes: p } = input;
  const retentionComplete = DATA_CLASSES.every((c) => s.retentionPolicy[c] !== undefined);
  return {
    tenant_id_boundary: p.databaseRlsForced.ok && env.productionAuthConfigured ? 'ready' : 'planned',
    data_use_contract: s.dataUseContractRef !== null ? 'ready' : 'blocked',
    rbac: env.productionAuthConfigured && s.mfaRequired ? 'ready' : 'planned',
    audit_required: auditReady ? 'ready' : 'planned',
    retention_policy: retentionComplete ? 'ready' : 'planned',
    model_retrieval_isolation:
      s.modelProfileId !== null &&
      s.retrievalIndexId !== null &&
      s.foundationModelSharing === 'disabled' &&
      (p.bedrockModelAccess.ok || p.bedrockModelAccess.reason === 'not_configured')
        ? 'ready'
        : 'planned',
  };
}

/** Number of the eight gates that are ready (the seed's "0/8 ready"). */
export function readyCount(gates: Record<GateId, GateEntry>): number {
  return GATE_IDS.filter((g) => gates[g].status === 'ready').length;
}
