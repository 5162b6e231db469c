import { GATE_STATE_TTL_MS } from '@medicdraft/contracts';
import { z } from 'zod';
import {
  loadConfig,
  awsConfigFrom,
  awsEnv,
  bedrockConfigFrom,
  bedrockEnv,
  serviceProcessConfigFrom,
  serviceProcessEnv,
} from '@medicdraft/platform';

/** Every variable the readiness service reads (README "Configuration"); validated together at start-up. */
const schema = z.object({
  ...serviceProcessEnv(3015, 9469),
  ...awsEnv,
  ...bedrockEnv,
  /** Issuer of the production identity provider; set = "Production auth env configured". */
  AUTH_OIDC_ISSUER: z.url().optional(),
  /** HealthScribe endpoint override (the emulator on the stack); default AWS_ENDPOINT_URL. */
  AWS_HEALTHSCRIBE_ENDPOINT_URL: z.url().optional(),
  /** Audit records not yet appended (summed over fresh heartbeats) above which the pipeline halts. */
  AUDIT_MAX_LAG: z.coerce.number().int().min(0).default(10_000),
  GATE_STATE_TTL_MS: z.coerce.number().int().min(500).max(GATE_STATE_TTL_MS).default(GATE_STATE_TTL_MS),
  GATE_PUBLISH_INTERVAL_MS: z.coerce.number().int().min(50).max(1_000).default(1_000),
  READINESS_PROBE_INTERVAL_MS: z.coerce.number().int().min(500).max(300_000).default(5_000),
  READINESS_PROBE_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(2_000),
  /** The audit checkpoint witness bucket and the least COMPLIANCE retention (days) the audit gate accepts. */
  AUDIT_WITNESS_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name')
    .optional(),
  AUDIT_WITNESS_MIN_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(2192),
});

export type ReadinessConfig = ReturnType<typeof loadReadinessConfig>;

/** The only reader of `process.env` in the readiness service. Throws ConfigError listing every bad variable. */
export function loadReadinessConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(schema, env);
  return {
    ...serviceProcessConfigFrom(e, 'readiness'),
    aws: {
      ...awsConfigFrom(e),
      healthscribeEndpoint: e.AWS_HEALTHSCRIBE_ENDPOINT_URL,
      auditWitnessBucket: e.AUDIT_WITNESS_BUCKET,
      auditWitnessMinRetentionDays: e.AUDIT_WITNESS_MIN_RETENTION_DAYS,
      bedrock: bedrockConfigFrom(e),
    },
    gates: {
      productionAuthConfigured: e.AUTH_OIDC_ISSUER !== undefined,
      auditMaxLag: e.AUDIT_MAX_LAG,
      ttlMs: e.GATE_STATE_TTL_MS,
      publishIntervalMs: e.GATE_PUBLISH_INTERVAL_MS,
      probeIntervalMs: e.READINESS_PROBE_INTERVAL_MS,
      probeTimeoutMs: e.READINESS_PROBE_TIMEOUT_MS,
    },
  };
}
