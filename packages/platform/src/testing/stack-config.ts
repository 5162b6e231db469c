/**
 * Endpoints of the local test stack (`bash scripts/stack/stack.sh up`) for `*.int.test.ts` and
 * `*.e2e.test.ts`. Defaults match the fixed ports in scripts/stack/stack.sh; each endpoint can be
 * pointed elsewhere (e.g. docker-compose, a CI service container) with the usual variable.
 * Test-only: this file is excluded from the build and must never be imported by runtime code.
 */
import type { ServiceName } from '@medicdraft/contracts';
import type { KafkaSasl } from '../config/env-shapes.js';
import { secret } from '../config/secret.js';

/** moto accepts any credentials; fixed dummies so a developer's real AWS keys are never sent to it. */
export const awsCredentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'test',
} as const;

/**
 * Kafka principals of the stack (SCRAM-SHA-256, created by scripts/stack/stack.sh when it formats
 * the broker's storage): `medicdraft-<service>` with password `<service>-stack-secret`.
 */
export function stackServiceSasl(service: ServiceName): KafkaSasl {
  return { mechanism: 'scram-sha-256', username: `medicdraft-${service}`, password: secret(`${service}-stack-secret`) };
}

/** The KAFKA_SASL_* variables of a process that runs as `sasl`. */
export function kafkaSaslEnv(sasl: KafkaSasl): Record<string, string> {
  return { KAFKA_SASL_MECHANISM: sasl.mechanism, KAFKA_SASL_USERNAME: sasl.username, KAFKA_SASL_PASSWORD: sasl.password.reveal() };
}

export interface StackConfig {
  /**
   * Spread into createKafkaEventBus / createKafkaClient options. `sasl` is the stack's super user
   * (tests and test-made buses act as it); service processes get their own (stackServiceSasl).
   */
  readonly kafka: { readonly brokers: string[]; readonly sasl: KafkaSasl };
  /**
   * Superuser connection (medicdraft_admin) to the `medicdraft` database; tests create their own
   * databases/schemas from it. `poolerUrl` is the same database through the stack's PgBouncer
   * (transaction pooling); `viaPooler` turns a direct database URL into its pooled twin.
   */
  readonly postgres: { readonly url: string; readonly poolerUrl: string };
  readonly redis: { readonly url: string };
  /**
   * Spread into any AWS SDK v3 client config. S3 clients additionally need `forcePathStyle: true`
   * (moto serves buckets by path, not by virtual host).
   */
  readonly aws: {
    readonly endpoint: string;
    readonly region: string;
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  };
}

type Env = Readonly<Record<string, string | undefined>>;

/** An empty variable counts as unset, so `KAFKA_BROKERS= npm run test:int` still uses the stack. */
function pick(env: Env, name: string, fallback: string): string {
  const value = env[name]?.trim();
  return value ? value : fallback;
}

/** The client ports of the stack's Kafka nodes: one, or three with STACK_KAFKA_BROKERS=3 (stack.sh). */
export function stackKafkaBrokers(env: Env = process.env): string {
  const nodes = env['STACK_KAFKA_BROKERS']?.trim() === '3' ? 3 : 1;
  return Array.from({ length: nodes }, (_, i) => `127.0.0.1:${59092 + 2 * i}`).join(',');
}

/** `directUrl` (any database of the stack's Postgres) through the pooler of `poolerUrl`: same user, password and database. */
export function viaPooler(directUrl: string, poolerUrl: string): string {
  const url = new URL(directUrl);
  const pooler = new URL(poolerUrl);
  url.hostname = pooler.hostname;
  url.port = pooler.port;
  return url.toString();
}

export function loadStackConfig(env: Env = process.env): StackConfig {
  return {
    kafka: {
      brokers: pick(env, 'KAFKA_BROKERS', stackKafkaBrokers(env))
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
      sasl: {
        mechanism: 'scram-sha-256',
        username: pick(env, 'KAFKA_ADMIN_USERNAME', 'medicdraft-admin'),
        password: secret(pick(env, 'KAFKA_ADMIN_PASSWORD', 'admin-stack-secret')),
      },
    },
    postgres: {
      url: pick(env, 'DATABASE_URL', 'postgres://medicdraft_admin:medicdraft@127.0.0.1:55432/medicdraft'),
      poolerUrl: pick(env, 'DATABASE_POOLER_URL', 'postgres://medicdraft_admin:medicdraft@127.0.0.1:56432/medicdraft'),
    },
    redis: { url: pick(env, 'REDIS_URL', 'redis://127.0.0.1:56379') },
    aws: {
      endpoint: pick(env, 'AWS_ENDPOINT_URL', 'http://127.0.0.1:55000'),
      region: pick(env, 'AWS_REGION', 'us-east-1'),
      credentials: awsCredentials,
    },
  };
}

export const stackConfig: StackConfig = loadStackConfig();
