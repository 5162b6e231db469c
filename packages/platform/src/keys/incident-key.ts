import { createHmac, hkdfSync } from 'node:crypto';
import { INCIDENT_NUMBER_PATTERN } from '@medicdraft/contracts';
import type { Secret } from '../config/secret.js';
import { ValidationError } from '../errors.js';

/** Smallest accepted secret: the key must not be guessable, since incident numbers themselves are. */
export const MIN_INCIDENT_SECRET_LENGTH = 32;

/**
 * The incident number as compared: trimmed and upper-cased, so `ab-12` and ` AB-12 ` are the same
 * incident. Throws ValidationError (naming the rule, never the value) when it is not one.
 */
export function normaliseIncidentNumber(raw: string): string {
  const trimmed = raw.trim();
  if (!INCIDENT_NUMBER_PATTERN.test(trimmed)) {
    throw new ValidationError('incident number: 1-40 characters of letters, digits, "-", "_" and "/"');
  }
  return trimmed.toUpperCase();
}

/**
 * `incidentKey`: HMAC-SHA256 of the normalised incident number under a key derived (HKDF-SHA256)
 * from the deployment's secret and the tenant id, as lowercase hex. Events and audit records carry
 * only this: incident numbers are short and guessable, so a plain hash would give them away, and
 * the per-tenant key keeps the same number at two agencies from linking. Ingest (which stamps it on
 * dictation events) and the gateway (which looks a report up by it) both call this one function,
 * configured with the same secret.
 */
export function incidentKey(secret: string, tenantId: string, incidentNumber: string): string {
  if (secret.length < MIN_INCIDENT_SECRET_LENGTH) throw new Error('incident key secret is too short');
  const key = Buffer.from(hkdfSync('sha256', secret, tenantId, 'medicdraft/incident-key/v1', 32));
  return createHmac('sha256', key).update(normaliseIncidentNumber(incidentNumber), 'utf8').digest('hex');
}

/** `incidentKey` bound to the deployment's secret: what ingest and the gateway are given. */
export type IncidentKeyer = (tenantId: string, incidentNumber: string) => string;

export function createIncidentKeyer(configured: Secret): IncidentKeyer {
  const value = configured.reveal();
  if (value.length < MIN_INCIDENT_SECRET_LENGTH) throw new Error('incident key secret is too short');
  return (tenantId, incidentNumber) => incidentKey(value, tenantId, incidentNumber);
}
