import type { AuditCheckpoint } from '../control/audit-checkpoint.js';
import type { AuditHeartbeat } from '../control/audit-heartbeat.js';
import type { ControlMessageOf } from '../control/control-registry.js';
import type { GlobalHaltState, TenantGateState } from '../control/gate-state.js';
import type { Actor } from '../envelope.js';
import type { EventOf, EventType, PayloadOf } from '../event-registry.js';
import type { EvidenceItem } from '../gate-evidence.js';
import type { GateId } from '../gates.js';
import type { ControlTopic } from '../topics.js';

/**
 * Valid, PHI-free fixtures for every event and control message. Other packages import them from
 * `@medicdraft/contracts/testing`; fixtures are returned as fresh copies so tests may mutate them.
 */
export const FIXTURE_IDS = {
  tenantId: 'south-metro-fire',
  otherTenantId: 'north-valley-ems',
  dictationId: '3f1c2a9e-5b7d-4c21-8a10-0000000000d1',
  providerId: '3f1c2a9e-5b7d-4c21-8a10-0000000000a1',
  ownerId: '3f1c2a9e-5b7d-4c21-8a10-0000000000a4',
  adminId: '3f1c2a9e-5b7d-4c21-8a10-0000000000a3',
  narrativeId: '3f1c2a9e-5b7d-4c21-8a10-0000000000e1',
  eventId: '3f1c2a9e-5b7d-4c21-8a10-0000000000f1',
  causationId: '3f1c2a9e-5b7d-4c21-8a10-0000000000f0',
  requestId: '3f1c2a9e-5b7d-4c21-8a10-0000000000c1',
  grantId: '3f1c2a9e-5b7d-4c21-8a10-0000000000b1',
  jobName: 'medicdraft-3f1c2a9e-5b7d-4c21-8a10-0000000000d1-1',
  sha256: 'a'.repeat(64),
  otherSha256: 'b'.repeat(64),
  occurredAt: '2025-03-01T12:00:00.000Z',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
} as const;

const audioKey = `${FIXTURE_IDS.tenantId}/2025/03/01/${FIXTURE_IDS.dictationId}/audio.wav`;
const textKey = `${FIXTURE_IDS.tenantId}/2025/03/01/${FIXTURE_IDS.dictationId}/dictation.txt`;
const providerActor: Actor = { type: 'user', id: FIXTURE_IDS.providerId, role: 'provider' };
const ownerActor: Actor = { type: 'user', id: FIXTURE_IDS.ownerId, role: 'owner' };
const service = (id: 'ingest' | 'scribe' | 'narrative' | 'readiness'): Actor => ({ type: 'service', id });

const PAYLOADS: { [T in EventType]: { actor: Actor; payload: PayloadOf<T> } } = {
  'auth.login': {
    actor: providerActor,
    payload: { userId: FIXTURE_IDS.providerId, role: 'provider', method: 'password', mfa: false, outcome: 'success' },
  },
  'access.denied': {
    actor: providerActor,
    payload: {
      routeCode: 'readiness.phi_mode.update',
      method: 'PUT',
      status: 403,
      reasonCode: 'missing_permission',
      permission: 'security:manage_phi_gates',
    },
  },
  'dictation.audio.created': {
    actor: providerActor,
    payload: {
      dictationId: FIXTURE_IDS.dictationId,
      providerId: FIXTURE_IDS.providerId,
      objectRef: { bucket: 'input', key: audioKey },
      sha256: FIXTURE_IDS.sha256,
      sizeBytes: 48_000,
      mediaFormat: 'wav',
    },
  },
  'dictation.text.created': {
    actor: providerActor,
    payload: {
      dictationId: FIXTURE_IDS.dictationId,
      providerId: FIXTURE_IDS.providerId,
      objectRef: { bucket: 'input', key: textKey },
      sha256: FIXTURE_IDS.sha256,
      sizeBytes: 812,
      synthetic: true,
    },
  },
  'dictation.reprocess.requested': {
    actor: providerActor,
    payload: {
      dictationId: FIXTURE_IDS.dictationId,
      providerId: FIXTURE_IDS.providerId,
      requestedBy: FIXTURE_IDS.providerId,
      attempt: 2,
      kind: 'text',
      objectRef: { bucket: 'input', key: textKey },
      sha256: FIXTURE_IDS.sha256,
      sizeBytes: 812,
    },
  },
  'dictation.incident.corrected': {
    actor: providerActor,
    payload: { dictationId: FIXTURE_IDS.dictationId, previousIncidentKey: 'a'.repeat(64), incidentKey: 'b'.repeat(64) },
  },
  'healthscribe.job.started': {
    actor: service('scribe'),
    payload: {
      dictationId: FIXTURE_IDS.dictationId,
      jobName: FIXTURE_IDS.jobName,
      engine: 'synthetic',
      attempt: 1,
      inputRef: { bucket: 'input', key: textKey },
      inputSha256: FIXTURE_IDS.sha256,
    },
  },
  'healthscribe.output.received': {
    actor: service('scribe'),
    payload: {
      dictationId: FIXTURE_IDS.dictationId,
      jobName: FIXTURE_IDS.jobName,
      engine: 'synthetic',
      transcriptRef: { bucket: 'output', key: `${FIXTURE_IDS.jobName}/transcript.json` },
      clinicalDocumentRef: { bucket: 'output', key: `${FIXTURE_IDS.jobName}/summary.json` },
      segmentCount: 14,
      transcriptSha256: FIXTURE_IDS.sha256,
      clinicalDocumentSha256: FIXTURE_IDS.otherSha256,
    },
  },
  'healthscribe.job.failed': {
    actor: service('scribe'),
    payload: {
      dictationId: FIXTURE_IDS.dictationId,
      jobName: FIXTURE_IDS.jobName,
      engine: 'healthscribe',
      attempt: 2,
      reasonCode: 'limit_exceeded',
      retryable: true,
    },
  },
  'narrative.generated': {
    actor: service('narrative'),
    payload: {
      dictationId: FIXTURE_IDS.dictationId,
      narrativeId: FIXTURE_IDS.narrativeId,
      version: 1,
      template: 'DRAATT',
      templateVersion: 3,
      engineVersion: '1.0.0',
      sentenceCount: 9,
      missingElements: ['destination', 'condition_at_transfer'],
      sha256: FIXTURE_IDS.sha256,
    },
  },
  'narrative.viewed': {
    actor: providerActor,
    payload: { dictationId: FIXTURE_IDS.dictationId, narrativeId: FIXTURE_IDS.narrativeId, version: 1 },
  },
  'narrative.edited': {
    actor: providerActor,
    payload: {
      dictationId: FIXTURE_IDS.dictationId,
      narrativeId: FIXTURE_IDS.narrativeId,
      previousVersion: 1,
      version: 2,
      resolvedElements: ['destination', 'condition_at_transfer'],
      missingElements: [],
      sha256: FIXTURE_IDS.otherSha256,
    },
  },
  'narrative.copied': {
    actor: providerActor,
    payload: {
      dictationId: FIXTURE_IDS.dictationId,
      narrativeId: FIXTURE_IDS.narrativeId,
      version: 2,
      format: 'eso_plain_text',
      length: 1_204,
      sha256: FIXTURE_IDS.otherSha256,
    },
  },
  'admin.reference.updated': {
    actor: { type: 'user', id: FIXTURE_IDS.adminId, role: 'admin' },
    payload: { kind: 'template', referenceId: 'draatt-default', version: 3, sha256: FIXTURE_IDS.sha256 },
  },
  'admin.user.updated': {
    actor: ownerActor,
    payload: { userId: FIXTURE_IDS.adminId, action: 'role_changed', role: 'admin', previousRole: 'qa' },
  },
  'tenant.provisioned': { actor: service('readiness'), payload: {} },
  'breakglass.granted': {
    actor: providerActor,
    payload: {
      grantId: FIXTURE_IDS.grantId,
      dictationId: FIXTURE_IDS.dictationId,
      userId: FIXTURE_IDS.providerId,
      minutes: 60,
      expiresAt: '2025-03-01T13:00:00.000Z',
    },
  },
  'breakglass.accessed': {
    actor: providerActor,
    payload: { grantId: FIXTURE_IDS.grantId, dictationId: FIXTURE_IDS.dictationId, routeCode: 'narrative.view' },
  },
  'breakglass.revoked': {
    actor: ownerActor,
    payload: { grantId: FIXTURE_IDS.grantId, dictationId: FIXTURE_IDS.dictationId, userId: FIXTURE_IDS.providerId },
  },
  'narratives.exported': {
    actor: ownerActor,
    payload: {
      method: 'safe_harbor',
      narratives: 12,
      redactions: {
        person_names: 9,
        locations: 14,
        dates: 2,
        ages: 1,
        phone_numbers: 0,
        email_addresses: 0,
        urls: 0,
        ip_addresses: 0,
        record_numbers: 11,
      },
      sha256: FIXTURE_IDS.sha256,
    },
  },
  'qa.review.commented': {
    actor: { type: 'user', id: FIXTURE_IDS.ownerId, role: 'qa' },
    payload: {
      dictationId: FIXTURE_IDS.dictationId,
      narrativeId: FIXTURE_IDS.narrativeId,
      version: 1,
      commentId: FIXTURE_IDS.causationId,
      severity: 'major',
      anchor: { kind: 'sentence', sectionKey: 'treatment', sentence: 0 },
    },
  },
  'qa.review.returned': {
    actor: { type: 'user', id: FIXTURE_IDS.ownerId, role: 'qa' },
    payload: {
      dictationId: FIXTURE_IDS.dictationId,
      narrativeId: FIXTURE_IDS.narrativeId,
      version: 1,
      commentCount: 2,
      blockingCount: 1,
      checks: { pass: 1, fail: 1, notApplicable: 1, failedRules: ['stemi-12-lead-10-minutes'] },
    },
  },
  'qa.review.resubmitted': {
    actor: providerActor,
    payload: { dictationId: FIXTURE_IDS.dictationId, narrativeId: FIXTURE_IDS.narrativeId, version: 2 },
  },
  'qa.review.approved': {
    actor: { type: 'user', id: FIXTURE_IDS.ownerId, role: 'qa' },
    payload: {
      dictationId: FIXTURE_IDS.dictationId,
      narrativeId: FIXTURE_IDS.narrativeId,
      version: 2,
      checks: { pass: 2, fail: 0, notApplicable: 1, failedRules: [] },
    },
  },
  'retention.object.deleted': {
    actor: service('ingest'),
    payload: {
      objectRef: { bucket: 'input', key: audioKey },
      reason: 'retention',
      dataClass: 'audio_recording',
      dictationId: FIXTURE_IDS.dictationId,
    },
  },
  'readiness.gate.changed': {
    actor: service('readiness'),
    payload: { gateId: 'kms', from: 'planned', to: 'ready', phiMode: 'disabled', stateVersion: 42 },
  },
  'tenant.settings.updated': { actor: ownerActor, payload: { changed: ['retention_policy', 'baa_evidence_ref'], settingsVersion: 5 } },
};

/** A valid event of `type` (version 1, tenant `south-metro-fire`), as a fresh copy. */
export function eventFixture<T extends EventType>(type: T): EventOf<T> {
  const { actor, payload } = PAYLOADS[type];
  const event = {
    id: FIXTURE_IDS.eventId,
    type,
    version: 1,
    tenantId: FIXTURE_IDS.tenantId,
    occurredAt: FIXTURE_IDS.occurredAt,
    actor,
    correlationId:
      payload && 'dictationId' in payload && typeof payload.dictationId === 'string' ? payload.dictationId : FIXTURE_IDS.requestId,
    causationId: FIXTURE_IDS.causationId,
    traceparent: FIXTURE_IDS.traceparent,
    payload,
  };
  return structuredClone(event) as EventOf<T>;
}

/** One fixture per event type, keyed by type (fresh copies). */
export function allEventFixtures(): { [T in EventType]: EventOf<T> } {
  return Object.fromEntries(Object.keys(PAYLOADS).map((t) => [t, eventFixture(t as EventType)])) as { [T in EventType]: EventOf<T> };
}

const ev = (code: EvidenceItem['code'], ok: boolean, value?: EvidenceItem['value']): EvidenceItem =>
  value === undefined ? { code, ok } : { code, ok, value };

/**
 * The evidence seed `000_…` shows for its sandbox tenant (env vars unset, demo storage),
 * gate by gate, in the seed's order.
 */
export const SEED_SANDBOX_EVIDENCE: Readonly<Record<GateId, readonly EvidenceItem[]>> = {
  baa: [ev('baa_required_before_phi', false, true), ev('baa_evidence_outside_repo', true)],
  s3_storage: [
    ev('input_bucket_env_configured', false, false),
    ev('output_bucket_env_configured', false, false),
    ev('tenant_recording_storage', false, 'disabled'),
    ev('tenant_report_storage', false, 'disabled'),
  ],
  kms: [ev('kms_key_arn_env_configured', false, false)],
  database: [ev('database_env_configured', true, true), ev('tenant_phi_storage_enabled', false, false)],
  iam_rbac: [
    ev('production_auth_env_configured', false, false),
    ev('data_access_role_env_configured', false, false),
    ev('demo_rbac_scaffolded', false),
  ],
  audit: [ev('audit_log_env_configured', false, false), ev('app_audit_event_types_defined', true, 8)],
  healthscribe: [ev('aws_region_configured', false, false), ev('healthscribe_dependencies_configured', false, false)],
  phi_mode: [
    ev('tenant_phi_storage_enabled', false, false),
    ev('demo_storage_only', false, true),
    ev('foundation_model_sharing', true, 'disabled'),
  ],
};

/** The seed's sandbox readiness screen as a TenantGateState (0/8 ready, PHI mode disabled). */
export function sandboxGateStateFixture(tenantId: string = FIXTURE_IDS.tenantId): TenantGateState {
  return structuredClone({
    tenantId,
    version: 42,
    issuedAt: FIXTURE_IDS.occurredAt,
    expiresAt: '2025-03-01T12:00:03.000Z',
    halted: false,
    haltReasons: [],
    phiMode: 'disabled',
    gates: {
      baa: { status: 'blocked', evidence: [...SEED_SANDBOX_EVIDENCE.baa] },
      s3_storage: { status: 'planned', evidence: [...SEED_SANDBOX_EVIDENCE.s3_storage] },
      kms: { status: 'planned', evidence: [...SEED_SANDBOX_EVIDENCE.kms] },
      database: { status: 'planned', evidence: [...SEED_SANDBOX_EVIDENCE.database] },
      iam_rbac: { status: 'planned', evidence: [...SEED_SANDBOX_EVIDENCE.iam_rbac] },
      audit: { status: 'planned', evidence: [...SEED_SANDBOX_EVIDENCE.audit] },
      healthscribe: { status: 'blocked', evidence: [...SEED_SANDBOX_EVIDENCE.healthscribe] },
      phi_mode: { status: 'blocked', evidence: [...SEED_SANDBOX_EVIDENCE.phi_mode] },
    },
    controls: {
      tenant_id_boundary: 'planned',
      data_use_contract: 'blocked',
      rbac: 'planned',
      audit_required: 'planned',
      retention_policy: 'planned',
      model_retrieval_isolation: 'ready',
    },
    missingEnv: [
      'AWS_REGION',
      'AWS_HEALTHSCRIBE_INPUT_BUCKET',
      'AWS_HEALTHSCRIBE_OUTPUT_BUCKET',
      'AWS_HEALTHSCRIBE_KMS_KEY_ARN',
      'AWS_HEALTHSCRIBE_DATA_ACCESS_ROLE_ARN',
      'AWS_HEALTHSCRIBE_AUDIT_LOG_GROUP',
    ],
  } satisfies TenantGateState);
}

/** The global halt record (key `*`), halted because the audit heartbeat went stale. */
export function globalHaltStateFixture(): GlobalHaltState {
  return {
    tenantId: '*',
    version: 7,
    issuedAt: FIXTURE_IDS.occurredAt,
    expiresAt: '2025-03-01T12:00:03.000Z',
    halted: true,
    haltReasons: ['audit_heartbeat_stale'],
    tenants: [FIXTURE_IDS.tenantId, FIXTURE_IDS.otherTenantId],
  };
}

export function auditHeartbeatFixture(): AuditHeartbeat {
  return {
    instanceId: 'audit-host1-4242',
    issuedAt: FIXTURE_IDS.occurredAt,
    offsets: [
      { topic: 'dictation.audio.created', partition: 0, offset: '120' },
      { topic: 'narrative.copied', partition: 5, offset: '0' },
    ],
    lagTotal: 3,
  };
}

export function auditCheckpointFixture(): AuditCheckpoint {
  return {
    tenantId: FIXTURE_IDS.tenantId,
    treeSize: 1_024,
    rootHash: FIXTURE_IDS.sha256,
    keyId: 'audit-2025-01',
    algorithm: 'ed25519',
    signature: `${'A'.repeat(86)}==`,
    issuedAt: FIXTURE_IDS.occurredAt,
  };
}

/** One valid fixture per control topic (the gate state is the seed's sandbox state). */
export function controlFixture<T extends ControlTopic>(topic: T): ControlMessageOf<T> {
  const fixtures: { [K in ControlTopic]: () => ControlMessageOf<K> } = {
    'readiness.gate.state': () => sandboxGateStateFixture(),
    'audit.heartbeat': auditHeartbeatFixture,
    'audit.checkpoint': auditCheckpointFixture,
  };
  return fixtures[topic]();
}
