import type { AuditRecordView } from '@medicdraft/contracts';

/**
 * The events by which narrative content leaves MedicDraft, with who receives it and on what basis.
 * HIPAA §164.528(a)(1) exempts disclosures for treatment, payment and health care operations and
 * (§164.514) de-identified data from the accounting; none of today's ways out is accountable, and
 * the report says so rather than leaving them out, so an auditor sees every way out and its basis.
 */
export const DISCLOSURE_BASIS = {
  'narrative.copied': {
    recipient: "the agency's own ePCR (copied by the signed-in clinician)",
    basis: "treatment: the narrative documents the patient's care in the agency's record",
    accountable: false,
  },
  'narratives.exported': {
    recipient: 'the downloading owner (analytics)',
    basis: 'de-identified by HIPAA Safe Harbor: not PHI',
    accountable: false,
  },
} as const;

export function disclosureOf(r: AuditRecordView & { actorName: string | null }) {
  const kind = DISCLOSURE_BASIS[r.type as keyof typeof DISCLOSURE_BASIS];
  return {
    occurredAt: r.occurredAt,
    eventId: r.eventId,
    seq: r.seq,
    type: r.type,
    actorId: r.actor.id,
    actorName: r.actorName,
    sourceAddress: r.sourceAddress,
    dictationId: r.resourceIds['dictationId'] ?? null,
    recipient: kind?.recipient ?? 'unknown',
    basis: kind?.basis ?? 'unknown',
    accountable: kind?.accountable ?? true,
  };
}
