import { z } from 'zod';
import { databaseEnv, httpEnv, kafkaConfigFrom, kafkaEnv, loadConfig, logEnv, shutdownEnv, awsConfigFrom, awsEnv, localStorageEnv, redisEnv } from '@medicdraft/platform';

/** Every variable the scribe service reads (README "Configuration"); validated together at start-up. */
const schema = z.object({ ...logEnv, ...httpEnv(3012), ...kafkaEnv, ...databaseEnv, ...shutdownEnv, ...awsEnv, ...localStorageEnv, ...redisEnv });

export type ScribeConfig = ReturnType<typeof loadScribeConfig>;

/** The only reader of `process.env` in the scribe service. Throws ConfigError listing every bad variable. */
export function loadScribeConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(schema, env);
  return {
    logLevel: e.LOG_LEVEL,
    http: { host: e.HTTP_HOST, port: e.HTTP_PORT },
    kafka: kafkaConfigFrom(e, 'scribe'),
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    aws: awsConfigFrom(e),
    dataDir: e.DATA_DIR,
    redis: { url: e.REDIS_URL },
  };
}
