import type { AuditFhirBundle, AuditRecordView } from '@medicdraft/contracts';
import { toFhirAuditEvent } from './fhir-audit-event.js';

/** Extension URLs for a record's place in the chain (ours: FHIR has no element for them). */
export const FHIR_EXTENSION = {
  seq: 'urn:medicdraft:fhir:extension:audit-seq',
  hash: 'urn:medicdraft:fhir:extension:audit-hash',
  prevHash: 'urn:medicdraft:fhir:extension:audit-prev-hash',
} as const;

/** One record as an AuditEvent that keeps `seq`, `hash` and `prevHash`, so the chain can be re-walked from the bundle. */
export function toChainedAuditEvent(tenantId: string, r: AuditRecordView) {
  const resource = toFhirAuditEvent({
    seq: r.seq,
    tenantId,
    eventId: r.eventId,
    prevHash: r.prevHash,
    hash: r.hash,
    event: undefined,
    eventText: null,
    columns: {
      eventType: r.type,
      occurredAt: r.occurredAt,
      actorType: r.actor.type,
      actorId: r.actor.id,
      actorRole: r.actor.role,
      resourceIds: r.resourceIds,
      service: r.service,
      sourceAddress: r.sourceAddress,
      outcome: r.outcome,
      outcomeDetail: r.outcomeDetail,
    },
  });
  return {
    ...resource,
    extension: [
      { url: FHIR_EXTENSION.seq, valueInteger: r.seq },
      { url: FHIR_EXTENSION.hash, valueString: r.hash },
      { url: FHIR_EXTENSION.prevHash, valueString: r.prevHash },
    ],
  };
}

/**
 * A FHIR R4 `collection` Bundle of one page of records in chain order. `fullUrl` is the record's
 * event id as a URN (the resources live on no FHIR server); `total` is only allowed on search and
 * history bundles, so it is left out.
 */
export function toFhirBundle(tenantId: string, records: readonly AuditRecordView[], timestamp: Date): AuditFhirBundle {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: timestamp.toISOString(),
    ...(records.length > 0
      ? { entry: records.map((r) => ({ fullUrl: `urn:uuid:${r.eventId}`, resource: toChainedAuditEvent(tenantId, r) })) }
      : {}),
  };
}
