import { z } from 'zod';
import { databaseEnv, httpEnv, kafkaConfigFrom, kafkaEnv, loadConfig, logEnv, shutdownEnv, redisEnv } from '@medicdraft/platform';

/** Every variable the gateway service reads (README "Configuration"); validated together at start-up. */
const schema = z.object({ ...logEnv, ...httpEnv(3000), ...kafkaEnv, ...databaseEnv, ...shutdownEnv, ...redisEnv });

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

/** The only reader of `process.env` in the gateway service. Throws ConfigError listing every bad variable. */
export function loadGatewayConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(schema, env);
  return {
    logLevel: e.LOG_LEVEL,
    http: { host: e.HTTP_HOST, port: e.HTTP_PORT },
    kafka: kafkaConfigFrom(e, 'gateway'),
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    redis: { url: e.REDIS_URL },
  };
}
