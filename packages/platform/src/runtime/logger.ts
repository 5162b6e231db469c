import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths pino censors in every log line. Anything that could carry PHI (dictation text, transcript,
 * narrative, audio, patient fields) or a secret is listed here, at the top level and one level
 * deep, so a careless `log.info({ body }, …)` cannot leak it. Handlers log ids, never content.
 */
export const REDACT_PATHS: readonly string[] = [
  'password', 'totp', 'token', 'secret', 'authorization', 'cookie',
  'text', 'transcript', 'narrative', 'audio', 'body', 'content', 'patient', 'name', 'dob',
  'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]',
  '*.password', '*.totp', '*.token', '*.secret', '*.text', '*.transcript', '*.narrative',
  '*.audio', '*.body', '*.content', '*.patient', '*.name', '*.dob',
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
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    opts.destination ?? pino.destination({ sync: false }),
  );
}
