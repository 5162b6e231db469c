import type { z } from 'zod';
import type { ControlTopic } from '../topics.js';
import { AuditCheckpointSchema } from './audit-checkpoint.js';
import { AuditHeartbeatSchema } from './audit-heartbeat.js';
import { GateStateSchema } from './gate-state.js';

/** Control topic → message schema. Control messages have no envelope; they are not audited events. */
export const ControlSchemas = {
  'readiness.gate.state': GateStateSchema,
  'audit.heartbeat': AuditHeartbeatSchema,
  'audit.checkpoint': AuditCheckpointSchema,
} as const satisfies Record<ControlTopic, z.ZodType>;

/** The validated message of one control topic. */
export type ControlMessageOf<T extends ControlTopic> = z.infer<(typeof ControlSchemas)[T]>;
