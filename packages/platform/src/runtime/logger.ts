import pino, { type Logger } from 'pino';
import { serializeError } from './error-serializer.js';

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
  service: string;
  level?: string;
  /** Where lines go; tests pass a sink to assert on output. Defaults to stdout. */
  destination?: pino.DestinationStream;
}

export function createLogger(opts: LoggerOptions): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      base: { service: opts.service },
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
