import { z } from 'zod';
import {
  kafkaConfigFrom,
  loadConfig,
  localStorageEnv,
  awsConfigFrom,
  awsEnv,
  serviceProcessConfigFrom,
  serviceProcessEnv,
} from '@medicdraft/platform';

/** Retention values CloudWatch Logs accepts (PutRetentionPolicy); 2192 days = six years. */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const int = (min: number, max: number, dflt: number) => z.coerce.number().int().min(min).max(max).default(dflt);

/** Audit-specific variables (README "Configuration"). */
export const auditEnv = {
  AUDIT_BATCH_MAX: int(1, 10_000, 500),
  AUDIT_BATCH_LINGER_MS: int(0, 1_000, 5),
  // Every partition of the domain topics at their default 6 partitions: with one record per partition
  // in flight, this bounds the batch (bench/README.md "Audit").
  AUDIT_CONSUMER_CONCURRENCY: int(1, 256, 96),
  AUDIT_CHECKPOINT_INTERVAL_MS: int(100, 60_000, 1_000),
  AUDIT_CHECKPOINT_EVERY: int(1, 1_000_000, 1_000),
  AUDIT_HEARTBEAT_INTERVAL_MS: int(100, 10_000, 1_000),
  AUDIT_INSTANCE_ID: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/)
    .optional(),
  AUDIT_SIGNING_KEY_DIR: z.string().min(1).optional(),
  AUDIT_SIGNING_KEY_PEM: z.string().includes('PRIVATE KEY', { message: 'expected a PKCS#8 PEM private key' }).optional(),
  AUDIT_SIGNING_KEY_ID: z
    .string()
    .regex(/^ed25519-[0-9a-f]{16}$/)
    .optional(),
  // S3 bucket with Object Lock (COMPLIANCE) where every signed checkpoint is anchored, and the
  // retention put on each checkpoint object.
  AUDIT_WITNESS_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name')
    .optional(),
  AUDIT_WITNESS_RETENTION_DAYS: int(1, 36_500, 2192),
  AUDIT_RETENTION_DAYS: z.coerce
    .number()
    .refine((d) => (CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(d), `expected one of ${CLOUDWATCH_RETENTION_DAYS.join(', ')}`)
    .default(2192),
};

const schema = z.object({
  ...serviceProcessEnv(3014, 9468),
  ...awsEnv,
  ...localStorageEnv,
  ...auditEnv,
});

export type AuditConfig = ReturnType<typeof loadAuditConfig>;

/** Tuning shared by the stack process and the embedded app (defaults from `auditEnv`). */
export interface AuditSettings {
  batchMax: number;
  batchLingerMs: number;
  checkpointIntervalMs: number;
  checkpointEvery: number;
  heartbeatIntervalMs: number;
  retentionDays: number;
}

export const DEFAULT_AUDIT_SETTINGS: AuditSettings = {
  batchMax: 500,
  batchLingerMs: 5,
  checkpointIntervalMs: 1_000,
  checkpointEvery: 1_000,
  heartbeatIntervalMs: 1_000,
  retentionDays: 2192,
};

/** The only reader of `process.env` in the audit service. Throws ConfigError listing every bad variable. */
export function loadAuditConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(schema, env);
  const settings: AuditSettings = {
    batchMax: e.AUDIT_BATCH_MAX,
    batchLingerMs: e.AUDIT_BATCH_LINGER_MS,
    checkpointIntervalMs: e.AUDIT_CHECKPOINT_INTERVAL_MS,
    checkpointEvery: e.AUDIT_CHECKPOINT_EVERY,
    heartbeatIntervalMs: e.AUDIT_HEARTBEAT_INTERVAL_MS,
    retentionDays: e.AUDIT_RETENTION_DAYS,
  };
  return {
    ...serviceProcessConfigFrom(e, 'audit'),
    kafka: { ...kafkaConfigFrom(e, 'audit'), consumerConcurrency: e.AUDIT_CONSUMER_CONCURRENCY },
    aws: awsConfigFrom(e),
    settings,
    instanceId: e.AUDIT_INSTANCE_ID,
    witness: { bucket: e.AUDIT_WITNESS_BUCKET, retentionDays: e.AUDIT_WITNESS_RETENTION_DAYS },
    /** Key source, first match wins: PEM variable, key directory, else a dev key under DATA_DIR/audit-keys. */
    signing: {
      pem: e.AUDIT_SIGNING_KEY_PEM,
      dir: e.AUDIT_SIGNING_KEY_DIR,
      activeKeyId: e.AUDIT_SIGNING_KEY_ID,
      devDir: `${e.DATA_DIR}/audit-keys`,
    },
  };
}
