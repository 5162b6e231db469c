import { hostname } from 'node:os';
import { z } from 'zod';
import { ConfigError } from './load-config.js';
import { secret, type Secret } from './secret.js';
import type { TopicReplication } from '../bus/topic-replication.js';

/**
 * Zod shapes of the environment variables shared by services. Each service's `src/config.ts`
 * spreads the shapes it needs into one schema, so every variable is documented once (README
 * "Configuration") and validated together.
 */
const csv = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);
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
  TRUST_PROXY: z
    .string()
    .regex(/^[\w.:/,\s-]*$/)
    .default('false'),
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
  KAFKA_BROKERS: csv.pipe(z.array(z.string().regex(/^[\w.-]+:\d+$/, 'expected host:port[,host:port]')).min(1)).default(['127.0.0.1:29092']),
  KAFKA_CLIENT_ID_SUFFIX: z
    .string()
    .regex(/^[\w.-]*$/)
    .default(''),
  /**
   * Appended to every consumer group id. It starts with `.`, so the group stays under the service's
   * prefixed group ACL; KAFKA_TOPIC_PREFIX (which names groups too) already separates deployments.
   */
  KAFKA_GROUP_SUFFIX: z
    .string()
    .regex(/^(\.[a-z0-9._-]+)?$/, 'expected empty or starting with "."')
    .default(''),
  /**
   * Prepended to every topic, dead-letter topic and consumer group name on the broker: a namespace
   * per deployment or test run on one cluster, and the prefix its ACLs are generated for.
   */
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[a-z0-9._-]*$/)
    .default(''),
  TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(256).default(6),
  /**
   * Replication of the topics this service creates. Unset: 3 replicas with min.insync.replicas=2
   * on a cluster of three brokers or more, the broker's defaults on a smaller one. Set, it applies
   * whatever the cluster size; KAFKA_MIN_INSYNC_REPLICAS then defaults to one less (at least 1).
   */
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(16).optional(),
  KAFKA_MIN_INSYNC_REPLICAS: z.coerce.number().int().min(1).max(16).optional(),
  /**
   * SASL mechanism of this service's Kafka principal; unset means no authentication (a broker
   * without SASL). With it, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required.
   */
  KAFKA_SASL_MECHANISM: z.enum(['scram-sha-256', 'scram-sha-512', 'plain']).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).max(255).optional(),
  /** Never logged: the parsed config holds it as a Secret. */
  KAFKA_SASL_PASSWORD: z
    .string()
    .min(1)
    .transform((v) => secret(v))
    .optional(),
  /** TLS to the brokers (verified against the system CAs); required with `plain` outside loopback. */
  KAFKA_SSL: flag.default(false),
  /**
   * Stable name of this instance (default: the host name). Consumer groups every instance needs
   * for itself (the gate view) are named after it, so a restart rejoins its group instead of
   * leaving one more behind. Two instances of one service that run at the same time need
   * different ids.
   */
  KAFKA_INSTANCE_ID: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected lower-case letters, digits, _ and -')
    .optional(),
};

/** What a Kafka client outside a service (operator commands) reads: where, which namespace, who. */
export const kafkaClientEnv = {
  KAFKA_BROKERS: kafkaEnv.KAFKA_BROKERS,
  KAFKA_TOPIC_PREFIX: kafkaEnv.KAFKA_TOPIC_PREFIX,
  KAFKA_SASL_MECHANISM: kafkaEnv.KAFKA_SASL_MECHANISM,
  KAFKA_SASL_USERNAME: kafkaEnv.KAFKA_SASL_USERNAME,
  KAFKA_SASL_PASSWORD: kafkaEnv.KAFKA_SASL_PASSWORD,
  KAFKA_SSL: kafkaEnv.KAFKA_SSL,
};

export const databaseEnv = {
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL'),
  /**
   * Postgres itself, for LISTEN (the outbox relay's wake-up), when DATABASE_URL goes through a
   * transaction-pooling PgBouncer: a pooler hands the connection to other clients after each
   * transaction, so notifications would never arrive. Default: DATABASE_URL.
   */
  DATABASE_LISTEN_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
};

export const redisEnv = {
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'expected a redis:// URL')
    .default('redis://127.0.0.1:26379'),
  /** Namespace of every key (semaphores, sessions, idempotency): one per deployment or test run. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w.:-]+$/)
    .default('medicdraft:'),
};

/** The six variables the readiness screen requires before PHI (seed 000), all optional at boot. */
export const awsEnv = {
  AWS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected an AWS region like us-east-1')
    .optional(),
  AWS_ENDPOINT_URL: z.url().optional(),
  AWS_HEALTHSCRIBE_INPUT_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name')
    .optional(),
  AWS_HEALTHSCRIBE_OUTPUT_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name')
    .optional(),
  AWS_HEALTHSCRIBE_KMS_KEY_ARN: z
    .string()
    .regex(/^arn:aws[\w-]*:kms:[\w-]+:\d{12}:(key|alias)\/[\w/-]+$/, 'expected a KMS key ARN')
    .optional(),
  AWS_HEALTHSCRIBE_DATA_ACCESS_ROLE_ARN: z
    .string()
    .regex(/^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, 'expected an IAM role ARN')
    .optional(),
  AWS_HEALTHSCRIBE_AUDIT_LOG_GROUP: z
    .string()
    .regex(/^[\w#/.-]{1,512}$/, 'expected a log group name')
    .optional(),
};

/**
 * Amazon Bedrock model used for narrative drafting: the narrative service calls it, readiness
 * probes access to it. Unset model id = no model is used or probed.
 */
export const bedrockEnv = {
  BEDROCK_MODEL_ID: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9.:_/-]{0,199}$/, 'expected a Bedrock model id, inference profile id or ARN')
    .optional(),
  BEDROCK_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected an AWS region like us-east-1')
    .optional(),
  BEDROCK_ENDPOINT_URL: z.url().optional(),
};

/** Sandbox storage used when the AWS storage variables are absent (seed 000: "demo storage only"). */
/**
 * The secret behind `incidentKey` (keys/incident-key.ts): the same value on ingest, which stamps
 * dictation events with it, and on the gateway, which looks per-incident reports up by it. At least
 * 32 characters; never logged (held as a Secret). Unset: incident numbers are refused.
 */
export const incidentKeyEnv = {
  INCIDENT_KEY_SECRET: z
    .string()
    .min(32)
    .transform((v) => secret(v))
    .optional(),
};

export const localStorageEnv = {
  DATA_DIR: z.string().min(1).default('./data'),
};

export const shutdownEnv = {
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(25_000),
};

export { csv, flag, port };

/** Output of a shape; optional variables may be absent (`exactOptionalPropertyTypes`). */
type Parsed<S extends Record<string, z.ZodType>> = z.output<z.ZodObject<S>>;

/** Credentials of a Kafka principal, as the bus takes them. */
export interface KafkaSasl {
  mechanism: 'scram-sha-256' | 'scram-sha-512' | 'plain';
  username: string;
  password: Secret;
}

type KafkaAuthVars = Pick<Parsed<typeof kafkaEnv>, 'KAFKA_SASL_MECHANISM' | 'KAFKA_SASL_USERNAME' | 'KAFKA_SASL_PASSWORD'>;

/** The SASL settings, all or none: a half-configured principal is a start-up error, not an anonymous client. */
export function kafkaSaslFrom(e: KafkaAuthVars): KafkaSasl | undefined {
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = e;
  if (mechanism === undefined) {
    if (username !== undefined || password !== undefined)
      throw new ConfigError(['KAFKA_SASL_MECHANISM: required when KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD is set']);
    return undefined;
  }
  const missing = [username === undefined ? 'KAFKA_SASL_USERNAME' : '', password === undefined ? 'KAFKA_SASL_PASSWORD' : ''].filter(
    Boolean,
  );
  if (username === undefined || password === undefined)
    throw new ConfigError(missing.map((name) => `${name}: required when KAFKA_SASL_MECHANISM is set`));
  return { mechanism, username, password };
}

/** A host name as a group-name part: lower case, anything else than [a-z0-9_-] becomes `-`. */
export function instanceIdFromHost(host: string): string {
  const id = host
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 64);
  return id === '' ? 'instance' : id;
}

/** Maps the shared variables to the nested config objects every service passes to its adapters. */
export function kafkaConfigFrom(e: Parsed<typeof kafkaEnv>, service: string) {
  const sasl = kafkaSaslFrom(e);
  return {
    brokers: e.KAFKA_BROKERS,
    clientId: `medicdraft-${service}${e.KAFKA_CLIENT_ID_SUFFIX}`,
    partitions: e.TOPIC_PARTITIONS,
    groupSuffix: e.KAFKA_GROUP_SUFFIX,
    topicPrefix: e.KAFKA_TOPIC_PREFIX,
    instanceId: e.KAFKA_INSTANCE_ID ?? instanceIdFromHost(hostname()),
    ssl: e.KAFKA_SSL,
    topicReplication: topicReplicationFrom(e),
    ...(sasl === undefined ? {} : { sasl }),
  };
}

/** KAFKA_REPLICATION_FACTOR / KAFKA_MIN_INSYNC_REPLICAS as the bus takes them; a minimum above the factor is refused. */
export function topicReplicationFrom(
  e: Pick<Parsed<typeof kafkaEnv>, 'KAFKA_REPLICATION_FACTOR' | 'KAFKA_MIN_INSYNC_REPLICAS'>,
): TopicReplication {
  const { KAFKA_REPLICATION_FACTOR: factor, KAFKA_MIN_INSYNC_REPLICAS: minInsync } = e;
  if (factor === undefined) {
    if (minInsync !== undefined) throw new ConfigError(['KAFKA_MIN_INSYNC_REPLICAS: only with KAFKA_REPLICATION_FACTOR']);
    return 'auto';
  }
  const minInsyncReplicas = minInsync ?? Math.max(1, factor - 1);
  if (minInsyncReplicas > factor) throw new ConfigError(['KAFKA_MIN_INSYNC_REPLICAS: must not exceed KAFKA_REPLICATION_FACTOR']);
  return { factor, minInsyncReplicas };
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

/** The Bedrock model, its region (BEDROCK_REGION, else AWS_REGION) and endpoint override; undefined without a model id. */
export function bedrockConfigFrom(e: Parsed<typeof bedrockEnv> & Pick<Parsed<typeof awsEnv>, 'AWS_REGION'>) {
  if (e.BEDROCK_MODEL_ID === undefined) return undefined;
  return { modelId: e.BEDROCK_MODEL_ID, region: e.BEDROCK_REGION ?? e.AWS_REGION, endpoint: e.BEDROCK_ENDPOINT_URL };
}
export type BedrockConfig = NonNullable<ReturnType<typeof bedrockConfigFrom>>;

/** The variables every service process reads: log level, its two listeners, Kafka, Postgres, shutdown. */
export function serviceProcessEnv(httpPort: number, opsPort: number) {
  return { ...logEnv, ...httpEnv(httpPort), ...opsEnv(opsPort), ...kafkaEnv, ...databaseEnv, ...shutdownEnv };
}

/** The part of a service's configuration every service process has, from `serviceProcessEnv`'s variables. */
export function serviceProcessConfigFrom(e: Parsed<ReturnType<typeof serviceProcessEnv>>, service: string) {
  return {
    logLevel: e.LOG_LEVEL,
    http: { host: e.HTTP_HOST, port: e.HTTP_PORT },
    ops: { host: e.OPS_HOST, port: e.OPS_PORT },
    kafka: kafkaConfigFrom(e, service),
    database: { url: e.DATABASE_URL, listenUrl: e.DATABASE_LISTEN_URL, poolSize: e.DATABASE_POOL_SIZE },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}
