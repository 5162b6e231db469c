import type { DomainEvent } from '@medicdraft/contracts';
import type { ConsumedRecord } from '@medicdraft/platform';

/** One `audit.events` row: who, what, when, where it came from. */
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
  sourceTopic: string;
  sourcePartition: number;
  sourceOffset: string;
  /** The validated event as received; by contract it holds identifiers and codes only. */
  event: DomainEvent;
}

export function toAuditRecord(event: DomainEvent, record: ConsumedRecord): AuditRecord {
  return {
    tenantId: event.tenantId,
    eventId: event.id,
    eventType: event.type,
    eventVersion: event.version,
    occurredAt: event.occurredAt,
    actorType: event.actor.type,
    actorId: event.actor.id,
    actorRole: event.actor.type === 'user' ? (event.actor.role ?? null) : null,
    correlationId: event.correlationId,
    causationId: event.causationId ?? null,
    sourceTopic: record.topic,
    sourcePartition: record.partition,
    sourceOffset: record.offset,
    event,
  };
}
