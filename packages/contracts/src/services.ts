import { z } from 'zod';

/**
 * The six MedicDraft services (docs/architecture.md, "Services and what each owns"); also the
 * `actor.id` of service-originated events.
 */
export const SERVICE_NAMES = ['gateway', 'ingest', 'scribe', 'narrative', 'audit', 'readiness'] as const;
export const ServiceNameSchema = z.enum(SERVICE_NAMES);
export type ServiceName = z.infer<typeof ServiceNameSchema>;
