import { GATE_IDS, TENANT_CONTROL_IDS, type RequiredEnvVarName } from '@medicdraft/contracts';
import { SEED_SANDBOX_EVIDENCE } from '@medicdraft/contracts/testing';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TENANT, initialTenantSettings, type TenantSettings } from '../settings/tenant-settings.js';
import { evaluateGates, type GateInputs } from './evaluate-gates.js';
import { PROBE_OK, probeFailed, unprobed, type ProbeResults } from './gate-inputs.js';
import { configuredEnv, embeddedEnvFacts } from './sandbox-inputs.js';

const ALL_ENV: Record<RequiredEnvVarName, string> = {
  AWS_REGION: 'us-east-1',
  AWS_HEALTHSCRIBE_INPUT_BUCKET: 'in',
  AWS_HEALTHSCRIBE_OUTPUT_BUCKET: 'out',
  AWS_HEALTHSCRIBE_KMS_KEY_ARN: 'arn',
  AWS_HEALTHSCRIBE_DATA_ACCESS_ROLE_ARN: 'arn',
  AWS_HEALTHSCRIBE_AUDIT_LOG_GROUP: 'group',
};
const allProbesOk = (): ProbeResults => Object.fromEntries(Object.keys(unprobed()).map((k) => [k, PROBE_OK])) as unknown as ProbeResults;
const readySettings = (over: Partial<TenantSettings> = {}): TenantSettings =>
  initialTenantSettings({
    baaExecuted: true,
    baaEvidenceRef: 'vault://legal/baa/aws-2026',
    phiStorageEnabled: true,
    recordingStorageEnabled: true,
    reportStorageEnabled: true,
    dataUseContractRef: 'docusign:envelope/8841',
    retentionPolicy: { audio_recordings: 30, transcripts: 365, narratives_reports: 2555, reference_material: 3650, ai_artifacts: 365 },
    modelProfileId: 'smfr-narrative',
    retrievalIndexId: 'smfr-retrieval',
    ...over,
  });
/** A deployment with every resource in place: the only thing left is the owner's request. */
const productionInputs = (over: Partial<GateInputs> = {}): GateInputs => ({
  settings: readySettings(),
  env: { configured: configuredEnv(ALL_ENV), databaseConfigured: true, productionAuthConfigured: true, demoStorageOnly: false },
  probes: allProbesOk(),
  auditHealthy: true,
  ...over,
});

describe('evaluateGates', () => {
  it(
    'given the embedded default tenant, when evaluated, then it is the seed sandbox: 0/8 ready, PHI mode disabled, six ' +
      'missing variables',
    () => {
      const result = evaluateGates({
        settings: DEFAULT_TENANT.settings,
        env: embeddedEnvFacts(),
        probes: { ...unprobed(), databaseRlsForced: PROBE_OK },
        auditHealthy: true,
      });
      expect(result.phiMode).toBe('disabled');
      expect(GATE_IDS.filter((g) => result.gates[g].status === 'ready')).toEqual([]);
      for (const g of GATE_IDS) expect(result.gates[g].evidence, g).toEqual(SEED_SANDBOX_EVIDENCE[g]);
      expect(result.gates.baa.status).toBe('blocked');
      expect(result.controls).toEqual({
        tenant_id_boundary: 'planned',
        data_use_contract: 'blocked',
        rbac: 'planned',
        audit_required: 'planned',
        retention_policy: 'planned',
        model_retrieval_isolation: 'ready',
      });
      expect(result.missingEnv).toHaveLength(6);
    },
  );

  it(
    'given every resource proven but no owner request, when evaluated, then seven gates are ready and phi_mode is planned, ' +
      'PHI disabled',
    () => {
      const result = evaluateGates(productionInputs());
      expect(GATE_IDS.filter((g) => result.gates[g].status !== 'ready')).toEqual(['phi_mode']);
      expect(result.gates.phi_mode.status).toBe('planned');
      expect(result.phiMode).toBe('disabled');
      expect(TENANT_CONTROL_IDS.every((c) => result.controls[c] === 'ready')).toBe(true);
      expect(result.missingEnv).toEqual([]);
    },
  );

  it('given the owner asked for PHI mode and everything is ready, when evaluated, then PHI mode is enabled and 8/8 ready', () => {
    const result = evaluateGates(productionInputs({ settings: readySettings({ phiModeRequested: 'enabled' }) }));
    expect(result.phiMode).toBe('enabled');
    expect(GATE_IDS.every((g) => result.gates[g].status === 'ready')).toBe(true);
    expect(result.gates.phi_mode.evidence).toContainEqual({ code: 'phi_mode_enabled_by_owner', ok: true, value: true });
  });

  it(
    'given variables set but a bucket lost its public access block, when evaluated, then s3_storage is planned with a ' +
      'failing line and PHI mode drops',
    () => {
      const result = evaluateGates(
        productionInputs({
          settings: readySettings({ phiModeRequested: 'enabled' }),
          probes: { ...allProbesOk(), bucketsPublicAccessBlocked: probeFailed('misconfigured') },
        }),
      );
      expect(result.gates.s3_storage.status).toBe('planned');
      expect(result.gates.s3_storage.evidence).toContainEqual({ code: 'buckets_public_access_blocked', ok: false, value: false });
      expect(result.gates.healthscribe.status).toBe('blocked');
      expect(result.gates.phi_mode.status).toBe('blocked');
      expect(result.phiMode).toBe('disabled');
      expect(result.gates.phi_mode.evidence).toContainEqual({ code: 'other_gates_ready', ok: false, value: false });
    },
  );

  it('given key rotation off, when evaluated, then kms is planned and says so', () => {
    const result = evaluateGates(productionInputs({ probes: { ...allProbesOk(), kmsKeyRotation: probeFailed('misconfigured') } }));
    expect(result.gates.kms).toEqual({
      status: 'planned',
      evidence: [
        { code: 'kms_key_arn_env_configured', ok: true, value: true },
        { code: 'kms_key_enabled', ok: true, value: true },
        { code: 'kms_key_rotation_enabled', ok: false, value: false },
      ],
    });
  });

  it('given variables set but nothing probed yet, when evaluated, then no gate is ready (variables are not evidence)', () => {
    const result = evaluateGates(productionInputs({ probes: unprobed() }));
    expect(GATE_IDS.filter((g) => result.gates[g].status === 'ready')).toEqual(['baa']);
  });

  it('given an unhealthy audit service, when evaluated, then audit and the audit-required control drop', () => {
    const result = evaluateGates(productionInputs({ auditHealthy: false }));
    expect(result.gates.audit.status).toBe('planned');
    expect(result.gates.audit.evidence).toContainEqual({ code: 'audit_service_healthy', ok: false, value: false });
    expect(result.controls.audit_required).toBe('planned');
  });

  it('given a BAA marked executed without an evidence reference, when evaluated, then the BAA gate stays blocked', () => {
    const result = evaluateGates(productionInputs({ settings: readySettings({ baaEvidenceRef: null }) }));
    expect(result.gates.baa.status).toBe('blocked');
  });

  it('given an incomplete retention policy or foundation-model sharing, when evaluated, then the matching controls are not ready', () => {
    const result = evaluateGates(
      productionInputs({ settings: readySettings({ retentionPolicy: { audio_recordings: 30 }, foundationModelSharing: 'enabled' }) }),
    );
    expect(result.controls.retention_policy).toBe('planned');
    expect(result.controls.model_retrieval_isolation).toBe('planned');
    expect(result.gates.phi_mode.evidence).toContainEqual({ code: 'foundation_model_sharing', ok: false, value: 'enabled' });
  });

  it('given a Bedrock model the account cannot use, when evaluated, then HealthScribe, model isolation and PHI mode drop', () => {
    const result = evaluateGates(
      productionInputs({
        settings: readySettings({ phiModeRequested: 'enabled' }),
        probes: { ...allProbesOk(), bedrockModelAccess: probeFailed('access_denied') },
      }),
    );
    expect(result.gates.healthscribe.status).toBe('blocked');
    expect(result.gates.healthscribe.evidence).toContainEqual({ code: 'bedrock_model_access', ok: false, value: false });
    expect(result.controls.model_retrieval_isolation).toBe('planned');
    expect(result.phiMode).toBe('disabled');
  });

  it('given no Bedrock model, then nothing about it is shown or required; given access proven, the line shows ok', () => {
    const without = evaluateGates(productionInputs({ probes: { ...allProbesOk(), bedrockModelAccess: unprobed().bedrockModelAccess } }));
    expect(without.gates.healthscribe.status).toBe('ready');
    expect(without.gates.healthscribe.evidence.map((e) => e.code)).not.toContain('bedrock_model_access');
    expect(without.controls.model_retrieval_isolation).toBe('ready');
    const proven = evaluateGates(productionInputs());
    expect(proven.gates.healthscribe.evidence).toContainEqual({ code: 'bedrock_model_access', ok: true, value: true });
    expect(proven.controls.model_retrieval_isolation).toBe('ready');
  });
});
