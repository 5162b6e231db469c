import { createLogger, type Logger } from '@medicdraft/platform';
import type { DestinationStream } from 'pino';

/**
 * The embedded process's root logger. It names no service: each of the six services binds its own
 * name (`serviceLogger`), and the host's own lines go through `hostLogger`, so every line names
 * exactly one service.
 */
export function createEmbeddedLogger(opts: { level: string; destination?: DestinationStream | undefined }): Logger {
  return createLogger({ level: opts.level, ...(opts.destination && { destination: opts.destination }) });
}

/** Lines of the host itself (start-up, DATA_DIR lock, HTTP access log). */
export function hostLogger(root: Logger): Logger {
  return root.child({ service: 'embedded' });
}
