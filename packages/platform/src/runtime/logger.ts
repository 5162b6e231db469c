import pino, { type Logger } from 'pino';
import { serializeError } from './error-serializer.js';
import { currentLogContext } from './log-context.js';

export type { Logger } from 'pino';

/**
 * Paths pino censors in every log line. Anything that could carry PHI (dictation text, transcript,
 * narrative, audio, patient fields) or a secret is listed here, at the top level and one level
 * deep, so a careless `log.info({ body }, …)` cannot leak it. Handlers log ids, never content.
 */
export const REDACT_PATHS: readonly string[] = [
  'password',
  'totp',
  'token',
  'secret',
  'authorization',
  'cookie',
  'text',
  'transcript',
  'narrative',
  'audio',
  'body',
  'content',
  'patient',
  'name',
  'dob',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.totp',
  '*.token',
  '*.secret',
  '*.text',
  '*.transcript',
  '*.narrative',
  '*.audio',
  '*.body',
  '*.content',
  '*.patient',
  '*.name',
  '*.dob',
];

export interface LoggerOptions {
  /**
   * Bound to every line. A host of several services (embedded mode) leaves it out and gives each
   * service `serviceLogger(root, name)`, so no line carries two `service` keys.
   */
  service?: string;
  level?: string;
  /** Where lines go; tests pass a sink to assert on output. Defaults to stdout. */
  destination?: pino.DestinationStream;
}

export function createLogger(opts: LoggerOptions): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      base: opts.service === undefined ? {} : { service: opts.service },
      // The request's or record's ids (log-context.ts), minus any a child logger already binds:
      // pino writes bindings and the mixin side by side, so a key in both would appear twice.
      mixin(_merge, _level, logger) {
        const context = currentLogContext();
        const keys = Object.keys(context);
        if (keys.length === 0) return {};
        const bound = (logger as Logger).bindings();
        for (const key of keys) if (key in bound) delete context[key as keyof typeof context];
        return context;
      },
      redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
      // Errors under any of these keys (and `log.error(err)`) lose every field that can hold
      // values; children, including fastify's request loggers, inherit the serializers.
      serializers: { err: serializeError, error: serializeError, cause: serializeError },
      hooks: {
        // `log.error(err)` would make the error's message the line's `msg`; it goes under `err`.
        logMethod(args, method) {
          if (args[0] instanceof Error && typeof args[1] !== 'string') return method.call(this, { err: args[0] }, 'error');
          return method.apply(this, args);
        },
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    opts.destination ?? pino.destination({ sync: false }),
  );
}

/**
 * The logger a service writes with: its own name on every line. A root that already names a
 * service (a service's own process) is used as it is; a child would repeat the `service` key.
 */
export function serviceLogger(root: Logger, service: string): Logger {
  return 'service' in root.bindings() ? root : root.child({ service });
}
