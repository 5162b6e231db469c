import { z } from 'zod';
import { AccessDeniedEventSchema, AuthLoginEventSchema } from './events/auth.events.js';
import { BreakGlassAccessedEventSchema, BreakGlassGrantedEventSchema, BreakGlassRevokedEventSchema } from './events/break-glass.events.js';
import {
  AdminReferenceUpdatedEventSchema,
  AdminUserUpdatedEventSchema,
  TenantProvisionedEventSchema,
  TenantSettingsUpdatedEventSchema,
} from './events/admin.events.js';
import {
  DictationAudioCreatedEventSchema,
  DictationIncidentCorrectedEventSchema,
  DictationReprocessRequestedEventSchema,
  DictationTextCreatedEventSchema,
} from './events/dictation.events.js';
import {
  HealthscribeJobFailedEventSchema,
  HealthscribeJobStartedEventSchema,
  HealthscribeOutputReceivedEventSchema,
} from './events/healthscribe.events.js';
import {
  NarrativeCopiedEventSchema,
  NarrativesExportedEventSchema,
  NarrativeEditedEventSchema,
  NarrativeGeneratedEventSchema,
  NarrativeViewedEventSchema,
} from './events/narrative.events.js';
import {
  QaReviewApprovedEventSchema,
  QaReviewCommentedEventSchema,
  QaReviewResubmittedEventSchema,
  QaReviewReturnedEventSchema,
} from './events/qa-review.events.js';
import { ReadinessGateChangedEventSchema } from './events/readiness.events.js';
import { RetentionObjectDeletedEventSchema } from './events/retention.events.js';
import { DOMAIN_TOPICS, type DomainTopic } from './topics.js';

/** Event type → full envelope schema. Exactly one entry per domain topic (compile-checked). */
export const EventSchemas = {
  'auth.login': AuthLoginEventSchema,
  'access.denied': AccessDeniedEventSchema,
  'dictation.audio.created': DictationAudioCreatedEventSchema,
  'dictation.text.created': DictationTextCreatedEventSchema,
  'dictation.reprocess.requested': DictationReprocessRequestedEventSchema,
  'healthscribe.job.started': HealthscribeJobStartedEventSchema,
  'healthscribe.output.received': HealthscribeOutputReceivedEventSchema,
  'healthscribe.job.failed': HealthscribeJobFailedEventSchema,
  'narrative.generated': NarrativeGeneratedEventSchema,
  'narrative.viewed': NarrativeViewedEventSchema,
  'narrative.edited': NarrativeEditedEventSchema,
  'narrative.copied': NarrativeCopiedEventSchema,
  'admin.reference.updated': AdminReferenceUpdatedEventSchema,
  'admin.user.updated': AdminUserUpdatedEventSchema,
  'retention.object.deleted': RetentionObjectDeletedEventSchema,
  'readiness.gate.changed': ReadinessGateChangedEventSchema,
  'tenant.settings.updated': TenantSettingsUpdatedEventSchema,
  'tenant.provisioned': TenantProvisionedEventSchema,
  'narratives.exported': NarrativesExportedEventSchema,
  'breakglass.granted': BreakGlassGrantedEventSchema,
  'breakglass.accessed': BreakGlassAccessedEventSchema,
  'breakglass.revoked': BreakGlassRevokedEventSchema,
  'qa.review.commented': QaReviewCommentedEventSchema,
  'qa.review.returned': QaReviewReturnedEventSchema,
  'qa.review.resubmitted': QaReviewResubmittedEventSchema,
  'qa.review.approved': QaReviewApprovedEventSchema,
  'dictation.incident.corrected': DictationIncidentCorrectedEventSchema,
} as const satisfies Record<DomainTopic, z.ZodType>;

/** Every event type (= domain topic name). */
export type EventType = keyof typeof EventSchemas;
export const EVENT_TYPES: readonly EventType[] = DOMAIN_TOPICS;
/** The validated event of one type. */
export type EventOf<T extends EventType> = z.infer<(typeof EventSchemas)[T]>;
/** The payload of one event type. */
export type PayloadOf<T extends EventType> = EventOf<T>['payload'];

/** The current `version` of each event type. */
export const EVENT_VERSIONS = Object.freeze(
  Object.fromEntries(DOMAIN_TOPICS.map((t) => [t, EventSchemas[t].shape.version.value])) as Record<EventType, number>,
);

/** Every domain event, discriminated on `type`. Prefer `parseEvent` at the edge (safe errors). */
export const DomainEventSchema = z.discriminatedUnion('type', [
  AuthLoginEventSchema,
  AccessDeniedEventSchema,
  DictationAudioCreatedEventSchema,
  DictationTextCreatedEventSchema,
  DictationReprocessRequestedEventSchema,
  HealthscribeJobStartedEventSchema,
  HealthscribeOutputReceivedEventSchema,
  HealthscribeJobFailedEventSchema,
  NarrativeGeneratedEventSchema,
  NarrativeViewedEventSchema,
  NarrativeEditedEventSchema,
  NarrativeCopiedEventSchema,
  NarrativesExportedEventSchema,
  AdminReferenceUpdatedEventSchema,
  AdminUserUpdatedEventSchema,
  RetentionObjectDeletedEventSchema,
  ReadinessGateChangedEventSchema,
  TenantSettingsUpdatedEventSchema,
  TenantProvisionedEventSchema,
  BreakGlassGrantedEventSchema,
  BreakGlassAccessedEventSchema,
  BreakGlassRevokedEventSchema,
  QaReviewCommentedEventSchema,
  QaReviewReturnedEventSchema,
  QaReviewResubmittedEventSchema,
  QaReviewApprovedEventSchema,
  DictationIncidentCorrectedEventSchema,
]);
export type DomainEvent = z.infer<typeof DomainEventSchema>;

/** True when `value` is a known event type. */
export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && Object.hasOwn(EventSchemas, value);
}
