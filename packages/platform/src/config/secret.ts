import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * A credential read from configuration. It prints, serialises and inspects as `[redacted]`, so a
 * config object can be logged or dumped in a crash report without leaking it; only `reveal()`
 * gives the value, and only the adapter that hands it to a client library should call it.
 * (A structural type, not a class: the testing entry point and the build may each load their copy.)
 */
export interface Secret {
  reveal(): string;
  toString(): string;
  toJSON(): string;
}

export function secret(value: string): Secret {
  return Object.freeze({
    reveal: () => value,
    toString: () => REDACTED,
    toJSON: () => REDACTED,
    [inspect.custom]: () => REDACTED,
  });
}
