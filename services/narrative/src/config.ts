import { z } from 'zod';
import { databaseEnv, httpEnv, kafkaConfigFrom, kafkaEnv, loadConfig, logEnv, shutdownEnv } from '@medicdraft/platform';

/** Every variable the narrative service reads (README "Configuration"); validated together at start-up. */
const schema = z.object({ ...logEnv, ...httpEnv(3013), ...kafkaEnv, ...databaseEnv, ...shutdownEnv });

export type NarrativeConfig = ReturnType<typeof loadNarrativeConfig>;

/** The only reader of `process.env` in the narrative service. Throws ConfigError listing every bad variable. */
export function loadNarrativeConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(schema, env);
  return {
    logLevel: e.LOG_LEVEL,
    http: { host: e.HTTP_HOST, port: e.HTTP_PORT },
    kafka: kafkaConfigFrom(e, 'narrative'),
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}
