import { z } from 'zod';
import { databaseEnv, httpEnv, kafkaConfigFrom, kafkaEnv, loadConfig, logEnv, shutdownEnv, awsConfigFrom, awsEnv, localStorageEnv } from '@medicdraft/platform';

/** Every variable the ingest service reads (README "Configuration"); validated together at start-up. */
const schema = z.object({ ...logEnv, ...httpEnv(3011), ...kafkaEnv, ...databaseEnv, ...shutdownEnv, ...awsEnv, ...localStorageEnv });

export type IngestConfig = ReturnType<typeof loadIngestConfig>;

/** The only reader of `process.env` in the ingest service. Throws ConfigError listing every bad variable. */
export function loadIngestConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(schema, env);
  return {
    logLevel: e.LOG_LEVEL,
    http: { host: e.HTTP_HOST, port: e.HTTP_PORT },
    kafka: kafkaConfigFrom(e, 'ingest'),
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    aws: awsConfigFrom(e),
    dataDir: e.DATA_DIR,
  };
}
