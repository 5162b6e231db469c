import { z } from 'zod';

/**
 * Zod shapes of the environment variables shared by services. Each service's `src/config.ts`
 * spreads the shapes it needs into one schema, so every variable is documented once (README
 * "Configuration") and validated together.
 */
const csv = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
const port = z.coerce.number().int().min(0).max(65535);
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const logEnv = {
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};

export function httpEnv(defaultPort: number) {
  return {
    HTTP_HOST: z.string().min(1).default('127.0.0.1'),
    HTTP_PORT: port.default(defaultPort),
  };
}

/**
 * The ops listener (/healthz, /readyz, /metrics): loopback by default, so only the host (or a
 * sidecar, or the container's own healthcheck) can read the dependency list and the metrics.
 */
export function opsEnv(defaultPort: number) {
  return {
    OPS_HOST: z.string().min(1).default('127.0.0.1'),
    OPS_PORT: port.default(defaultPort),
  };
}

/** Public edge behind TLS and/or a proxy (gateway, embedded). */
export const edgeEnv = {
  /** Fastify trustProxy: `true`, or the proxies' addresses/CIDRs (comma-separated). */
  TRUST_PROXY: z.string().regex(/^[\w.:/,\s-]*$/).default('false'),
  /** Set behind TLS: the cookie gets `Secure` and the `__Host-` prefix, and HSTS is sent. */
  COOKIE_SECURE: flag.default(false),
};

/** `false`/`true` or an address list, as fastify's `trustProxy` takes them. */
export function trustProxyFrom(value: string): boolean | string {
  const v = value.trim();
  if (v === '' || v === 'false') return false;
  return v === 'true' ? true : v;
}

export const kafkaEnv = {
  KAFKA_BROKERS: csv.pipe(z.array(z.string().regex(/^[\w.-]+:\d+$/, 'expected host:port[,host:port]')).min(1)).default(['127.0.0.1:59092']),
  KAFKA_CLIENT_ID_SUFFIX: z.string().regex(/^[\w.-]*$/).default(''),
  /** Appended to every consumer group id: isolates test runs and parallel deployments on one cluster. */
  KAFKA_GROUP_SUFFIX: z.string().regex(/^[a-z0-9._-]*$/).default(''),
  /** Prepended to every topic name on the broker: a namespace per deployment or test run on one cluster. */
  KAFKA_TOPIC_PREFIX: z.string().regex(/^[a-z0-9._-]*$/).default(''),
  TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(256).default(6),
};

export const databaseEnv = {
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
};

export const redisEnv = {
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'expected a redis:// URL').default('redis://127.0.0.1:56379'),
  /** Namespace of every key (semaphores, sessions, idempotency): one per deployment or test run. */
  REDIS_KEY_PREFIX: z.string().regex(/^[\w.:-]+$/).default('medicdraft:'),
};

/** The six variables the readiness screen requires before PHI (seed 000), all optional at boot. */
export const awsEnv = {
  AWS_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected an AWS region like us-east-1').optional(),
  AWS_ENDPOINT_URL: z.url().optional(),
  AWS_HEALTHSCRIBE_INPUT_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name').optional(),
  AWS_HEALTHSCRIBE_OUTPUT_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name').optional(),
  AWS_HEALTHSCRIBE_KMS_KEY_ARN: z.string().regex(/^arn:aws[\w-]*:kms:[\w-]+:\d{12}:(key|alias)\/[\w/-]+$/, 'expected a KMS key ARN').optional(),
  AWS_HEALTHSCRIBE_DATA_ACCESS_ROLE_ARN: z.string().regex(/^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, 'expected an IAM role ARN').optional(),
  AWS_HEALTHSCRIBE_AUDIT_LOG_GROUP: z.string().regex(/^[\w#/.-]{1,512}$/, 'expected a log group name').optional(),
};

/** Sandbox storage used when the AWS storage variables are absent (seed 000: "demo storage only"). */
export const localStorageEnv = {
  DATA_DIR: z.string().min(1).default('./data'),
};

export const shutdownEnv = {
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(25_000),
};

export { csv, flag, port };

/** Output of a shape; optional variables may be absent (`exactOptionalPropertyTypes`). */
type Parsed<S extends Record<string, z.ZodType>> = z.output<z.ZodObject<S>>;

/** Maps the shared variables to the nested config objects every service passes to its adapters. */
export function kafkaConfigFrom(e: Parsed<typeof kafkaEnv>, service: string) {
  return {
    brokers: e.KAFKA_BROKERS,
    clientId: `medicdraft-${service}${e.KAFKA_CLIENT_ID_SUFFIX}`,
    partitions: e.TOPIC_PARTITIONS,
    groupSuffix: e.KAFKA_GROUP_SUFFIX,
    topicPrefix: e.KAFKA_TOPIC_PREFIX,
  };
}

export function awsConfigFrom(e: Parsed<typeof awsEnv>) {
  return {
    region: e.AWS_REGION,
    endpoint: e.AWS_ENDPOINT_URL,
    inputBucket: e.AWS_HEALTHSCRIBE_INPUT_BUCKET,
    outputBucket: e.AWS_HEALTHSCRIBE_OUTPUT_BUCKET,
    kmsKeyArn: e.AWS_HEALTHSCRIBE_KMS_KEY_ARN,
    dataAccessRoleArn: e.AWS_HEALTHSCRIBE_DATA_ACCESS_ROLE_ARN,
    auditLogGroup: e.AWS_HEALTHSCRIBE_AUDIT_LOG_GROUP,
  };
}
export type AwsConfig = ReturnType<typeof awsConfigFrom>;
