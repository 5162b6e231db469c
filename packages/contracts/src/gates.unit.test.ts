import { describe, expect, it } from 'vitest';
import { EVIDENCE_CODES, EVIDENCE_TEMPLATES, renderEvidence } from './gate-evidence.js';
import { GATE_IDS, GATE_STATUSES, GATES, REQUIRED_ENV_VARS, TENANT_CONTROL_IDS, TENANT_CONTROLS } from './gates.js';
import { sandboxGateStateFixture, SEED_SANDBOX_EVIDENCE } from './testing/fixtures.js';

describe('gates', () => {
  it("are the seed's eight gates, in order, with its titles and statuses", () => {
    expect([...GATE_STATUSES]).toEqual(['ready', 'planned', 'blocked']);
    expect(GATE_IDS.map((id) => [id, GATES[id].title, GATES[id].seedStatus])).toEqual([
      ['baa', 'BAA status', 'blocked'],
      ['s3_storage', 'S3 storage configured', 'planned'],
      ['kms', 'KMS configured', 'planned'],
      ['database', 'Database configured', 'planned'],
      ['iam_rbac', 'IAM / RBAC configured', 'planned'],
      ['audit', 'CloudTrail / audit configured', 'planned'],
      ['healthscribe', 'HealthScribe disabled / enabled', 'blocked'],
      ['phi_mode', 'PHI mode disabled / enabled', 'blocked'],
    ]);
    for (const id of GATE_IDS) expect(GATES[id].id).toBe(id);
    expect(GATES.kms.nextAction).toBe(
      'Create a customer-managed KMS key with least-privilege key policy, rotation, CloudTrail monitoring, and tenant encryption context.',
    );
  });

  it("render the seed's sandbox evidence lines verbatim", () => {
    const lines = Object.fromEntries(GATE_IDS.map((id) => [id, SEED_SANDBOX_EVIDENCE[id].map(renderEvidence)]));
    expect(lines).toEqual({
      baa: ['Tenant requires BAA before PHI: true', 'Agreement evidence must stay outside the public repo.'],
      s3_storage: [
        'Input bucket env configured: false',
        'Output bucket env configured: false',
        'Tenant recording storage: disabled',
        'Tenant report storage: disabled',
      ],
      kms: ['KMS key ARN env configured: false'],
      database: ['Database env configured: true', 'Tenant PHI storage enabled: false'],
      iam_rbac: [
        'Production auth env configured: false',
        'HealthScribe data access role env configured: false',
        'Demo RBAC roles are scaffolded but not production identity.',
      ],
      audit: ['Audit log env configured: false', '8 app audit event types defined.'],
      healthscribe: ['AWS region configured: false', 'HealthScribe storage/KMS/IAM/audit configured: false'],
      phi_mode: ['Tenant PHI storage enabled: false', 'Demo storage only: true', 'Foundation model sharing: disabled'],
    });
  });

  it('sandbox fixture shows 0/8 ready with the seed statuses', () => {
    const state = sandboxGateStateFixture();
    expect(GATE_IDS.filter((id) => state.gates[id].status === 'ready')).toHaveLength(0);
    for (const id of GATE_IDS) expect(state.gates[id].status).toBe(GATES[id].seedStatus);
    for (const id of TENANT_CONTROL_IDS) expect(state.controls[id]).toBe(TENANT_CONTROLS[id].seedStatus);
  });

  it('evidence templates have at most one placeholder', () => {
    for (const code of EVIDENCE_CODES) expect(EVIDENCE_TEMPLATES[code].split('{value}').length).toBeLessThanOrEqual(2);
  });
});

describe('tenant controls', () => {
  it("are the seed's six controls with titles, categories and enforcement", () => {
    expect(
      TENANT_CONTROL_IDS.map((id) => [id, TENANT_CONTROLS[id].title, TENANT_CONTROLS[id].category, TENANT_CONTROLS[id].seedStatus]),
    ).toEqual([
      ['tenant_id_boundary', 'Tenant ID as primary data boundary', 'Core Platform', 'planned'],
      ['data_use_contract', 'Department data-use contract', 'Compliance', 'blocked'],
      ['rbac', 'Role-based access control', 'Security', 'planned'],
      ['audit_required', 'Audit event required for PHI actions', 'Core Platform', 'planned'],
      ['retention_policy', 'Tenant retention policy', 'Department Tenant', 'planned'],
      ['model_retrieval_isolation', 'Tenant model and retrieval isolation', 'Core Platform', 'ready'],
    ]);
    expect(TENANT_CONTROLS.audit_required.enforcement).toBe('Fail closed when audit logging is unavailable.');
  });
});

describe('required environment', () => {
  it('lists the six variables with the seed descriptions', () => {
    expect(REQUIRED_ENV_VARS.map((v) => [v.name, v.description])).toEqual([
      ['AWS_REGION', 'AWS region selected for HealthScribe and tenant storage.'],
      ['AWS_HEALTHSCRIBE_INPUT_BUCKET', 'Tenant-isolated encrypted S3 bucket for source audio.'],
      ['AWS_HEALTHSCRIBE_OUTPUT_BUCKET', 'Tenant-isolated encrypted S3 bucket for HealthScribe output.'],
      ['AWS_HEALTHSCRIBE_KMS_KEY_ARN', 'Customer-managed KMS key for an added HealthScribe encryption layer.'],
      ['AWS_HEALTHSCRIBE_DATA_ACCESS_ROLE_ARN', 'Least-privilege role allowing HealthScribe access to tenant audio/output paths.'],
      ['AWS_HEALTHSCRIBE_AUDIT_LOG_GROUP', 'Central audit/log destination for PHI-touching workflow events.'],
    ]);
    for (const v of REQUIRED_ENV_VARS) expect(v.requirement).toBe('Required before PHI');
  });
});
