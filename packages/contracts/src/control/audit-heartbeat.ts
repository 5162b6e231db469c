import { z } from 'zod';
import { CountSchema, OffsetSchema, TimestampSchema } from '../fields.js';
import { DOMAIN_TOPICS } from '../topics.js';

/** Id of one audit service instance (host-pid style slug). */
export const INSTANCE_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** The audit consumer group's committed offset on one partition of a domain topic. */
export const CommittedOffsetSchema = z.strictObject({
  topic: z.enum(DOMAIN_TOPICS),
  partition: z.int().min(0),
  offset: OffsetSchema,
});
export type CommittedOffset = z.infer<typeof CommittedOffsetSchema>;

/**
 * `audit.heartbeat` (key = instanceId), published every second by each audit instance.
 * Readiness halts the pipeline when no heartbeat is newer than 3 s or `lagTotal` (records not yet
 * durably appended, summed over the partitions the instance owns) exceeds the configured bound.
 */
export const AuditHeartbeatSchema = z
  .strictObject({
    instanceId: z.string().regex(INSTANCE_ID_PATTERN),
    issuedAt: TimestampSchema,
    offsets: z.array(CommittedOffsetSchema),
    lagTotal: CountSchema,
  })
  .meta({ title: 'audit.heartbeat', description: 'Audit service liveness, committed offsets and lag' });
export type AuditHeartbeat = z.infer<typeof AuditHeartbeatSchema>;
