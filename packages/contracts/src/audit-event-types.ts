/**
 * The eight app audit event types listed by seed `000_…` ("Audit Events"), in the seed's order,
 * with its descriptions. The readiness screen shows their count as evidence of the audit gate
 * ("8 app audit event types defined."). The audit service audits every domain topic, a superset.
 */
export const AUDIT_EVENT_TYPES_SEED = Object.freeze([
  { type: 'auth.login', description: 'User signs in under an organization tenant.' },
  { type: 'dictation.audio.created', description: 'A recording is created or uploaded for transcription.' },
  { type: 'healthscribe.job.started', description: 'AWS HealthScribe job is started for tenant audio.' },
  { type: 'healthscribe.output.received', description: 'Transcript or note output is received from AWS HealthScribe.' },
  { type: 'narrative.generated', description: 'MedicDraft generates or formats a DRAATT narrative.' },
  { type: 'narrative.copied', description: 'Provider copies an ESO-ready narrative.' },
  { type: 'admin.reference.updated', description: 'A tenant admin updates template, protocol, or rule references.' },
  { type: 'retention.object.deleted', description: 'A PHI object is deleted under retention or tenant request rules.' },
] as const);

export type AuditEventTypeSeed = (typeof AUDIT_EVENT_TYPES_SEED)[number]['type'];
