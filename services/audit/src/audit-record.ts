import { TOPICS, type DomainEvent } from '@medicdraft/contracts';
import type { ConsumedRecord } from '@medicdraft/platform';

/** Outcome of the audited action (FHIR AuditEvent.outcome maps it: success 0, failure 4/8, denied 4). */
export type AuditOutcome = 'success' | 'failure' | 'denied';

/**
 * One `audit.events` row: who (actor type/id/role), what (action = event type, resource ids),
 * when (occurredAt), where (producing service, source address when an event carries one, Kafka
 * position), outcome. Every field is derived from the validated event, so a verifier can recompute
 * them and flag a row whose columns disagree with its hashed event. No PHI: events carry ids,
 * digests and codes only, and nothing else is added here.
 */
export interface AuditRecord {
  tenantId: string;
  eventId: string;
  eventType: string;
  eventVersion: number;
  occurredAt: string;
  actorType: string;
  actorId: string;
  actorRole: string | null;
  correlationId: string;
  causationId: string | null;
  resourceIds: Record<string, string>;
  service: string;
  /** The client's address on events a request through the gateway caused (the envelope's `sourceAddress`). */
  sourceAddress: string | null;
  outcome: AuditOutcome;
  outcomeDetail: string | null;
  sourceTopic: string;
  sourcePartition: number;
  sourceOffset: string;
  /** The validated event as received; by contract it holds identifiers and codes only. */
  event: DomainEvent;
}

/** The derived "who/what/where/outcome" columns of an event (also used by the verifier). */
export function deriveAuditFields(event: DomainEvent) {
  return {
    eventType: event.type,
    eventVersion: event.version,
    occurredAt: event.occurredAt,
    actorType: event.actor.type,
    actorId: event.actor.id,
    actorRole: event.actor.type === 'user' ? (event.actor.role ?? null) : null,
    correlationId: event.correlationId,
    causationId: event.causationId ?? null,
    resourceIds: resourceIdsOf(event),
    service: TOPICS[event.type].producer,
    sourceAddress: event.sourceAddress ?? null,
    ...outcomeOf(event),
  };
}

export function toAuditRecord(event: DomainEvent, record: Pick<ConsumedRecord, 'topic' | 'partition' | 'offset'>): AuditRecord {
  return {
    tenantId: event.tenantId,
    eventId: event.id,
    ...deriveAuditFields(event),
    sourceTopic: record.topic,
    sourcePartition: record.partition,
    sourceOffset: record.offset,
    event,
  };
}

/** Identifier fields of the payload (resource ids); object refs as `bucket/key`. Never free text. */
const RESOURCE_FIELDS = [
  'dictationId',
  'narrativeId',
  'referenceId',
  'jobName',
  'gateId',
  'userId',
  'providerId',
  'requestedTenantId',
  // A keyed hash (never the incident number): lets the per-incident report find its dictations.
  'incidentKey',
  // The key a correction replaced: the previous incident's report shows the correction.
  'previousIncidentKey',
] as const;

function resourceIdsOf(event: DomainEvent): Record<string, string> {
  const payload = event.payload as Record<string, unknown>;
  const ids: Record<string, string> = {};
  for (const field of RESOURCE_FIELDS) {
    const v = payload[field];
    if (typeof v === 'string') ids[field] = v;
  }
  const ref = payload['objectRef'] ?? payload['inputRef'];
  if (ref && typeof ref === 'object') {
    const { bucket, key } = ref as { bucket: string; key: string };
    ids['object'] = `${bucket}/${key}`;
  }
  return ids;
}

function outcomeOf(event: DomainEvent): { outcome: AuditOutcome; outcomeDetail: string | null } {
  switch (event.type) {
    case 'auth.login':
      return { outcome: event.payload.outcome === 'success' ? 'success' : 'failure', outcomeDetail: event.payload.outcome };
    case 'access.denied':
      return { outcome: 'denied', outcomeDetail: event.payload.reasonCode };
    case 'healthscribe.job.failed':
      return { outcome: 'failure', outcomeDetail: event.payload.reasonCode };
    default:
      return { outcome: 'success', outcomeDetail: null };
  }
}
