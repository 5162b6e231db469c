import type { StoredRow } from '../verify/stored-row.js';

/**
 * FHIR R4 AuditEvent for one audit record (hl7.org/fhir/R4/auditevent.html): `type` (required) is
 * the generic "RESTful operation"/"user authentication" coding, `subtype` carries our event type,
 * `action` C/R/U/D/E from the verb, `recorded` when it happened, `outcome` 0/4/8, one `agent` (the
 * actor, `requestor` true for users, `network` the client's address when recorded), `source`
 * (tenant as site, the producing service as observer)
 * and one `entity` per resource id (none when the event names no resource). Identifiers and codes
 * only, like the record itself. Checked against HL7's R4 JSON Schema in the unit tests.
 */
export function toFhirAuditEvent(row: StoredRow) {
  const c = row.columns as {
    eventType: string;
    occurredAt: Date | string;
    actorType: string;
    actorId: string;
    actorRole: string | null;
    resourceIds: Record<string, string> | null;
    service: string | null;
    sourceAddress?: string | null;
    outcome: string | null;
    outcomeDetail: string | null;
  };
  const login = c.eventType === 'auth.login';
  const entity = Object.entries(c.resourceIds ?? {}).map(([kind, value]) => ({
    what: { identifier: { system: `urn:medicdraft:${kind}`, value } },
  }));
  return {
    resourceType: 'AuditEvent' as const,
    id: row.eventId,
    type: login
      ? { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110114', display: 'User Authentication' }
      : { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: 'urn:medicdraft:event-type', code: c.eventType }],
    action: actionOf(c.eventType),
    recorded: new Date(c.occurredAt).toISOString(),
    outcome: c.outcome === 'success' || c.outcome === null ? '0' : c.eventType === 'healthscribe.job.failed' ? '8' : '4',
    ...(c.outcomeDetail ? { outcomeDesc: c.outcomeDetail } : {}),
    agent: [
      {
        type: { coding: [{ system: 'urn:medicdraft:actor-type', code: c.actorType }] },
        ...(c.actorRole ? { role: [{ coding: [{ system: 'urn:medicdraft:role', code: c.actorRole }] }] } : {}),
        who: { identifier: { system: `urn:medicdraft:${c.actorType}`, value: c.actorId } },
        requestor: c.actorType === 'user',
        // Network access point type 2: an IP address (the client's, as the gateway saw it).
        ...(c.sourceAddress ? { network: { address: c.sourceAddress, type: '2' } } : {}),
      },
    ],
    source: {
      site: row.tenantId,
      observer: { identifier: { system: 'urn:medicdraft:service', value: c.service ?? 'unknown' } },
      type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4', display: 'Application Server' }],
    },
    // FHIR JSON has no empty arrays: an event that names no resource has no `entity` at all.
    ...(entity.length > 0 ? { entity } : {}),
  };
}

function actionOf(type: string): 'C' | 'R' | 'U' | 'D' | 'E' {
  if (/\.(viewed|copied)$/.test(type)) return 'R';
  if (/\.(created|generated)$/.test(type)) return 'C';
  if (/\.(edited|updated|changed)$/.test(type)) return 'U';
  if (/\.deleted$/.test(type)) return 'D';
  return 'E';
}
