import { z } from 'zod';
import { edgeEnv, httpEnv, loadConfig, logEnv, localStorageEnv, opsEnv, shutdownEnv, trustProxyFrom } from '@medicdraft/platform';

/**
 * Every variable the embedded process reads; none is required. `PORT` is accepted as the
 * conventional alias of HTTP_PORT (`PORT=4000 npm start`). TRUST_PROXY and COOKIE_SECURE mean
 * what they mean for the gateway on the stack (this process is the public port).
 */
const schema = z.object({
  ...logEnv,
  ...httpEnv(3000),
  // Same as the stack gateway's: the two are alternatives, never run side by side on one host.
  ...opsEnv(9464),
  ...edgeEnv,
  ...localStorageEnv,
  ...shutdownEnv,
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(64).default(6),
  // auto: readable lines and the demo sign-in block on a terminal, JSON lines otherwise.
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
});

export type EmbeddedConfig = ReturnType<typeof loadEmbeddedConfig>;

/** The only reader of `process.env` in the embedded app. Throws ConfigError listing every bad variable. */
export function loadEmbeddedConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(schema, env);
  return {
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    http: { host: e.HTTP_HOST, port: e.PORT ?? e.HTTP_PORT, trustProxy: trustProxyFrom(e.TRUST_PROXY) },
    ops: { host: e.OPS_HOST, port: e.OPS_PORT },
    cookieSecure: e.COOKIE_SECURE,
    dataDir: e.DATA_DIR,
    partitions: e.TOPIC_PARTITIONS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}
