import { z } from 'zod';
import { databaseEnv, httpEnv, kafkaConfigFrom, kafkaEnv, loadConfig, logEnv, shutdownEnv, awsConfigFrom, awsEnv } from '@medicdraft/platform';

/** Every variable the readiness service reads (README "Configuration"); validated together at start-up. */
const schema = z.object({ ...logEnv, ...httpEnv(3015), ...kafkaEnv, ...databaseEnv, ...shutdownEnv, ...awsEnv });

export type ReadinessConfig = ReturnType<typeof loadReadinessConfig>;

/** The only reader of `process.env` in the readiness service. Throws ConfigError listing every bad variable. */
export function loadReadinessConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(schema, env);
  return {
    logLevel: e.LOG_LEVEL,
    http: { host: e.HTTP_HOST, port: e.HTTP_PORT },
    kafka: kafkaConfigFrom(e, 'readiness'),
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    aws: awsConfigFrom(e),
  };
}
