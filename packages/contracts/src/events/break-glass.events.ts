import { z } from 'zod';
import { defineEvent } from '../envelope.js';
import { CodeSchema, DictationIdSchema, TimestampSchema, UserIdSchema, UuidSchema } from '../fields.js';
import { TOPIC } from '../topics.js';

/** Shortest, default and longest emergency-access grant in minutes. */
export const BREAK_GLASS_MINUTES = Object.freeze({ min: 1, default: 60, max: 240 });
export const BreakGlassMinutesSchema = z.int().min(BREAK_GLASS_MINUTES.min).max(BREAK_GLASS_MINUTES.max);

/** Id of one emergency-access grant; the gateway keeps the typed reason under it (never an event). */
export const BreakGlassGrantIdSchema = UuidSchema.describe('Break-glass grant id (uuid)');

/**
 * `breakglass.granted` v1: a user opened emergency access to one dictation outside their normal
 * scope. It is the owners' notification. The reason the user typed is free text (possibly PHI):
 * it stays in the gateway database under `grantId` and is shown only in the owners' report.
 */
export const BreakGlassGrantedPayloadSchema = z.strictObject({
  grantId: BreakGlassGrantIdSchema,
  dictationId: DictationIdSchema,
  userId: UserIdSchema,
  minutes: BreakGlassMinutesSchema,
  expiresAt: TimestampSchema,
});
export const BreakGlassGrantedEventSchema = defineEvent(TOPIC.BREAKGLASS_GRANTED, 1, BreakGlassGrantedPayloadSchema);
export type BreakGlassGrantedEvent = z.infer<typeof BreakGlassGrantedEventSchema>;

/**
 * `breakglass.accessed` v1: one request served under a grant (audit before the data is read):
 * the gateway route id and the grant, whose reason the owners' report shows beside it.
 */
export const BreakGlassAccessedPayloadSchema = z.strictObject({
  grantId: BreakGlassGrantIdSchema,
  dictationId: DictationIdSchema,
  routeCode: CodeSchema.describe('Gateway route id'),
});
export const BreakGlassAccessedEventSchema = defineEvent(TOPIC.BREAKGLASS_ACCESSED, 1, BreakGlassAccessedPayloadSchema);
export type BreakGlassAccessedEvent = z.infer<typeof BreakGlassAccessedEventSchema>;

/** `breakglass.revoked` v1: an owner ended a grant before it expired (the actor is the owner). */
export const BreakGlassRevokedPayloadSchema = z.strictObject({
  grantId: BreakGlassGrantIdSchema,
  dictationId: DictationIdSchema,
  userId: UserIdSchema,
});
export const BreakGlassRevokedEventSchema = defineEvent(TOPIC.BREAKGLASS_REVOKED, 1, BreakGlassRevokedPayloadSchema);
export type BreakGlassRevokedEvent = z.infer<typeof BreakGlassRevokedEventSchema>;
