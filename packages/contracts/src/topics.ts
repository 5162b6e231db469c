import type { ServiceName } from './services.js';

/**
 * Kafka topic names (docs/architecture.md, "Topics"). For domain topics the topic name IS the event
 * `type`. Use these constants instead of string literals so a rename is a compile error.
 */
export const TOPIC = {
  AUTH_LOGIN: 'auth.login',
  ACCESS_DENIED: 'access.denied',
  DICTATION_AUDIO_CREATED: 'dictation.audio.created',
  DICTATION_TEXT_CREATED: 'dictation.text.created',
  DICTATION_REPROCESS_REQUESTED: 'dictation.reprocess.requested',
  HEALTHSCRIBE_JOB_STARTED: 'healthscribe.job.started',
  HEALTHSCRIBE_OUTPUT_RECEIVED: 'healthscribe.output.received',
  HEALTHSCRIBE_JOB_FAILED: 'healthscribe.job.failed',
  NARRATIVE_GENERATED: 'narrative.generated',
  NARRATIVE_VIEWED: 'narrative.viewed',
  NARRATIVE_EDITED: 'narrative.edited',
  NARRATIVE_COPIED: 'narrative.copied',
  ADMIN_REFERENCE_UPDATED: 'admin.reference.updated',
  ADMIN_USER_UPDATED: 'admin.user.updated',
  RETENTION_OBJECT_DELETED: 'retention.object.deleted',
  READINESS_GATE_CHANGED: 'readiness.gate.changed',
  TENANT_SETTINGS_UPDATED: 'tenant.settings.updated',
  TENANT_PROVISIONED: 'tenant.provisioned',
  NARRATIVES_EXPORTED: 'narratives.exported',
  BREAKGLASS_GRANTED: 'breakglass.granted',
  BREAKGLASS_ACCESSED: 'breakglass.accessed',
  BREAKGLASS_REVOKED: 'breakglass.revoked',
  QA_REVIEW_COMMENTED: 'qa.review.commented',
  QA_REVIEW_RETURNED: 'qa.review.returned',
  QA_REVIEW_RESUBMITTED: 'qa.review.resubmitted',
  QA_REVIEW_APPROVED: 'qa.review.approved',
  DICTATION_INCIDENT_CORRECTED: 'dictation.incident.corrected',
  READINESS_GATE_STATE: 'readiness.gate.state',
  AUDIT_HEARTBEAT: 'audit.heartbeat',
  AUDIT_CHECKPOINT: 'audit.checkpoint',
} as const;

/**
 * Every domain topic (= event type), in the order of the first contract set, additive topics after.
 * The audit service consumes all of them.
 */
export const DOMAIN_TOPICS = [
  TOPIC.AUTH_LOGIN,
  TOPIC.ACCESS_DENIED,
  TOPIC.DICTATION_AUDIO_CREATED,
  TOPIC.DICTATION_TEXT_CREATED,
  TOPIC.DICTATION_REPROCESS_REQUESTED,
  TOPIC.HEALTHSCRIBE_JOB_STARTED,
  TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED,
  TOPIC.HEALTHSCRIBE_JOB_FAILED,
  TOPIC.NARRATIVE_GENERATED,
  TOPIC.NARRATIVE_VIEWED,
  TOPIC.NARRATIVE_EDITED,
  TOPIC.NARRATIVE_COPIED,
  TOPIC.ADMIN_REFERENCE_UPDATED,
  TOPIC.ADMIN_USER_UPDATED,
  TOPIC.RETENTION_OBJECT_DELETED,
  TOPIC.READINESS_GATE_CHANGED,
  TOPIC.TENANT_SETTINGS_UPDATED,
  TOPIC.TENANT_PROVISIONED,
  TOPIC.NARRATIVES_EXPORTED,
  TOPIC.BREAKGLASS_GRANTED,
  TOPIC.BREAKGLASS_ACCESSED,
  TOPIC.BREAKGLASS_REVOKED,
  TOPIC.QA_REVIEW_COMMENTED,
  TOPIC.QA_REVIEW_RETURNED,
  TOPIC.QA_REVIEW_RESUBMITTED,
  TOPIC.QA_REVIEW_APPROVED,
  TOPIC.DICTATION_INCIDENT_CORRECTED,
] as const;
export type DomainTopic = (typeof DOMAIN_TOPICS)[number];

/** Control topics: not audited events but the fail-closed control plane and audit anchors. */
export const CONTROL_TOPICS = [TOPIC.READINESS_GATE_STATE, TOPIC.AUDIT_HEARTBEAT, TOPIC.AUDIT_CHECKPOINT] as const;
export type ControlTopic = (typeof CONTROL_TOPICS)[number];
export type TopicName = DomainTopic | ControlTopic;

/** Key of the global-halt record on `readiness.gate.state` (every tenant is halted while it says so). */
export const GLOBAL_HALT_KEY = '*';

/** Where a record's Kafka key comes from (a path into the message). */
export type TopicKeySource = 'tenantId' | 'payload.dictationId' | 'payload.referenceId' | 'instanceId';

/** Static description of one topic; `ensureTopics` and the AsyncAPI document are derived from it. */
export interface TopicSpec {
  readonly name: TopicName;
  readonly kind: 'domain' | 'control';
  readonly summary: string;
  readonly key: { readonly source: TopicKeySource; readonly description: string };
  /** Default partition count (configurable per deployment; pipeline topics are never below 6). */
  readonly partitions: number;
  /** `cleanup.policy=compact` (latest value per key is kept). */
  readonly compacted: boolean;
  /** The one service that publishes to the topic (through its transactional outbox). */
  readonly producer: ServiceName;
  /** Services that subscribe (each in its own consumer group). */
  readonly consumers: readonly ServiceName[];
}

/**
 * Default partitions of every domain topic (≥ 6 for pipeline topics, so several instances of a
 * service share the load).
 */
export const DEFAULT_DOMAIN_PARTITIONS = 6;

const byDictation = {
  source: 'payload.dictationId',
  description: 'Dictation id (payload.dictationId): one dictation stays in order',
} as const;
const byTenant = { source: 'tenantId', description: 'Tenant id (tenantId)' } as const;

function domain(
  name: DomainTopic,
  summary: string,
  key: TopicSpec['key'],
  producer: ServiceName,
  consumers: readonly ServiceName[],
): TopicSpec {
  // The audit service consumes every domain topic; it is appended here so no entry can forget it.
  return {
    name,
    kind: 'domain',
    summary,
    key,
    partitions: DEFAULT_DOMAIN_PARTITIONS,
    compacted: false,
    producer,
    consumers: [...consumers, 'audit'],
  };
}

/** Registry of every topic: name, kind, key, partitions, compaction, producer, consumers. */
export const TOPICS: Readonly<Record<TopicName, TopicSpec>> = Object.freeze({
  'auth.login': domain(TOPIC.AUTH_LOGIN, 'A user signs in (or fails to) under a tenant.', byTenant, 'gateway', []),
  'access.denied': domain(TOPIC.ACCESS_DENIED, 'The gateway denied a request (authn, RBAC, tenant, gate).', byTenant, 'gateway', []),
  'dictation.audio.created': domain(
    TOPIC.DICTATION_AUDIO_CREATED,
    'Dictation audio is stored and ready for transcription.',
    byDictation,
    'ingest',
    ['scribe'],
  ),
  'dictation.text.created': domain(
    TOPIC.DICTATION_TEXT_CREATED,
    'Synthetic dictation text is stored and ready for drafting.',
    byDictation,
    'ingest',
    ['scribe'],
  ),
  'dictation.reprocess.requested': domain(
    TOPIC.DICTATION_REPROCESS_REQUESTED,
    "The dictation's owner asked for transcription and drafting to run again.",
    byDictation,
    'ingest',
    ['scribe'],
  ),
  'healthscribe.job.started': domain(
    TOPIC.HEALTHSCRIBE_JOB_STARTED,
    'A transcription job is about to start (audit before action).',
    byDictation,
    'scribe',
    ['ingest'],
  ),
  'healthscribe.output.received': domain(
    TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED,
    'Transcript and clinical document output are stored.',
    byDictation,
    'scribe',
    ['narrative', 'ingest'],
  ),
  'healthscribe.job.failed': domain(
    TOPIC.HEALTHSCRIBE_JOB_FAILED,
    'A transcription job failed (reason code shown to the provider).',
    byDictation,
    'scribe',
    ['narrative', 'ingest'],
  ),
  'narrative.generated': domain(TOPIC.NARRATIVE_GENERATED, 'A narrative version was generated.', byDictation, 'narrative', ['ingest']),
  'narrative.viewed': domain(
    TOPIC.NARRATIVE_VIEWED,
    'A user viewed a narrative version (audit before action).',
    byDictation,
    'gateway',
    [],
  ),
  'narrative.edited': domain(
    TOPIC.NARRATIVE_EDITED,
    'A user edited or resolved a narrative, creating a new version.',
    byDictation,
    'narrative',
    ['ingest'],
  ),
  'narrative.copied': domain(
    TOPIC.NARRATIVE_COPIED,
    'A user copied an ESO-ready narrative (audit before action).',
    byDictation,
    'gateway',
    ['ingest'],
  ),
  'admin.reference.updated': domain(
    TOPIC.ADMIN_REFERENCE_UPDATED,
    'An admin updated a template, protocol or rule reference.',
    { source: 'payload.referenceId', description: 'Reference id (payload.referenceId)' },
    'gateway',
    ['narrative'],
  ),
  'admin.user.updated': domain(
    TOPIC.ADMIN_USER_UPDATED,
    'A user was created, enrolled, reset, given another role, deactivated or reactivated.',
    byTenant,
    'gateway',
    [],
  ),
  'retention.object.deleted': domain(
    TOPIC.RETENTION_OBJECT_DELETED,
    'A PHI object was deleted (retention or tenant request).',
    byTenant,
    'ingest',
    [],
  ),
  'readiness.gate.changed': domain(TOPIC.READINESS_GATE_CHANGED, "A gate's status changed for a tenant.", byTenant, 'readiness', []),
  'tenant.settings.updated': domain(
    TOPIC.TENANT_SETTINGS_UPDATED,
    'An owner changed tenant settings (readiness stores them; the gateway calls it).',
    byTenant,
    'readiness',
    [],
  ),
  'tenant.provisioned': domain(
    TOPIC.TENANT_PROVISIONED,
    'A tenant was provisioned (the one path: readiness internal API or the medicdraft-tenants CLI).',
    byTenant,
    'readiness',
    [],
  ),
  'narratives.exported': domain(
    TOPIC.NARRATIVES_EXPORTED,
    'An owner exported narratives de-identified for analytics (audit before action).',
    byTenant,
    'gateway',
    [],
  ),
  'breakglass.granted': domain(
    TOPIC.BREAKGLASS_GRANTED,
    "A user opened time-limited emergency access to a dictation outside their scope (the owners' notice).",
    byDictation,
    'gateway',
    [],
  ),
  'breakglass.accessed': domain(
    TOPIC.BREAKGLASS_ACCESSED,
    'A request was served under an emergency-access grant (audit before action).',
    byDictation,
    'gateway',
    [],
  ),
  'breakglass.revoked': domain(TOPIC.BREAKGLASS_REVOKED, 'An owner ended an emergency-access grant early.', byDictation, 'gateway', []),
  // The QA review loop: every step is recorded by the narrative service in the transaction that stores it.
  'qa.review.commented': domain(TOPIC.QA_REVIEW_COMMENTED, 'QA commented on a narrative section or sentence.', byDictation, 'narrative', [
    'ingest',
  ]),
  'qa.review.returned': domain(TOPIC.QA_REVIEW_RETURNED, 'QA returned a narrative to its provider for changes.', byDictation, 'narrative', [
    'ingest',
  ]),
  'qa.review.resubmitted': domain(
    TOPIC.QA_REVIEW_RESUBMITTED,
    'The provider resubmitted a returned narrative to QA.',
    byDictation,
    'narrative',
    ['ingest'],
  ),
  'qa.review.approved': domain(TOPIC.QA_REVIEW_APPROVED, 'QA approved a narrative version.', byDictation, 'narrative', ['ingest']),
  'dictation.incident.corrected': domain(
    TOPIC.DICTATION_INCIDENT_CORRECTED,
    "A dictation's ePCR incident number was set or corrected (keyed hashes only, never the number).",
    byDictation,
    'ingest',
    [],
  ),
  'readiness.gate.state': {
    name: TOPIC.READINESS_GATE_STATE,
    kind: 'control',
    summary: 'Latest gate state per tenant (and the global halt), republished at least every second.',
    key: { source: 'tenantId', description: `Tenant id, or "${GLOBAL_HALT_KEY}" for the global halt record` },
    partitions: 1,
    compacted: true,
    producer: 'readiness',
    // audit reads it for the tenant directory only (events of unknown tenants are not chained).
    consumers: ['gateway', 'ingest', 'scribe', 'narrative', 'audit'],
  },
  'audit.heartbeat': {
    name: TOPIC.AUDIT_HEARTBEAT,
    kind: 'control',
    summary: 'Audit service liveness, committed offsets and lag, every second.',
    key: { source: 'instanceId', description: 'Audit instance id (instanceId)' },
    partitions: 1,
    compacted: false,
    producer: 'audit',
    consumers: ['readiness'],
  },
  'audit.checkpoint': {
    name: TOPIC.AUDIT_CHECKPOINT,
    kind: 'control',
    summary: 'Ed25519-signed Merkle tree head of a tenant audit log (for external verifiers).',
    key: byTenant,
    partitions: 1,
    compacted: false,
    producer: 'audit',
    consumers: [],
  },
});

/** The topics a service publishes to. */
export function topicsProducedBy(service: ServiceName): TopicName[] {
  return Object.values(TOPICS)
    .filter((t) => t.producer === service)
    .map((t) => t.name);
}

/** The topics a service subscribes to. */
export function topicsConsumedBy(service: ServiceName): TopicName[] {
  return Object.values(TOPICS)
    .filter((t) => t.consumers.includes(service))
    .map((t) => t.name);
}

/** A consumer group id: lower-case letters, digits, `.`, `_`, `-` (what `dlq.<group>` may contain). */
export const CONSUMER_GROUP_PATTERN = /^[a-z0-9][a-z0-9._-]{0,199}$/;

/**
 * Dead-letter topic of a consumer group: `dlq.<group>`. Records there carry the original value
 * unchanged plus the headers in `DLQ_HEADERS`. Throws on a group id that is not a valid name,
 * since that is a programming error, not input.
 */
export function dlqTopicFor(group: string): string {
  if (!CONSUMER_GROUP_PATTERN.test(group)) throw new TypeError('invalid consumer group id');
  return `dlq.${group}`;
}

/** Headers on a dead-lettered record (mirrors the EventSubscriber port contract in platform). */
export const DLQ_HEADERS = {
  errorCode: 'x-error-code',
  errorMessage: 'x-error-message',
  originalTopic: 'x-original-topic',
  originalPartition: 'x-original-partition',
  originalOffset: 'x-original-offset',
} as const;

/** True when `value` names a domain topic (= a known event type). */
export function isDomainTopic(value: unknown): value is DomainTopic {
  return typeof value === 'string' && (DOMAIN_TOPICS as readonly string[]).includes(value);
}

/** What `EventBus.ensureTopics` needs for every topic a service publishes to or consumes. */
export function topicLayoutFor(
  service: ServiceName,
  domainPartitions = DEFAULT_DOMAIN_PARTITIONS,
): { name: TopicName; partitions: number; compacted: boolean }[] {
  const names = new Set([...topicsProducedBy(service), ...topicsConsumedBy(service)]);
  return [...names].map((name) => {
    const spec = TOPICS[name];
    return { name, partitions: spec.kind === 'domain' ? domainPartitions : spec.partitions, compacted: spec.compacted };
  });
}
