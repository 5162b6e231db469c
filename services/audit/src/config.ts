import { z } from 'zod';
import { databaseEnv, httpEnv, kafkaConfigFrom, kafkaEnv, loadConfig, logEnv, shutdownEnv, awsConfigFrom, awsEnv } from '@medicdraft/platform';

/** Every variable the audit service reads (README "Configuration"); validated together at start-up. */
const schema = z.object({ ...logEnv, ...httpEnv(3014), ...kafkaEnv, ...databaseEnv, ...shutdownEnv, ...awsEnv });

export type AuditConfig = ReturnType<typeof loadAuditConfig>;

/** The only reader of `process.env` in the audit service. Throws ConfigError listing every bad variable. */
export function loadAuditConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(schema, env);
  return {
    logLevel: e.LOG_LEVEL,
    http: { host: e.HTTP_HOST, port: e.HTTP_PORT },
    kafka: kafkaConfigFrom(e, 'audit'),
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    aws: awsConfigFrom(e),
  };
}
