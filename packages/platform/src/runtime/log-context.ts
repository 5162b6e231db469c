import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What every log line written while handling one request or one record carries: the tenant, the
 * correlation id of the event or dictation, and the HTTP request id. Ids only, never content.
 */
export interface LogContext {
  tenantId?: string;
  correlationId?: string;
  requestId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with a fresh context; `annotateLogContext` inside it fills in what becomes known later. */
export function runWithLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run({ ...context }, fn);
}

/**
 * Adds ids to the current context (a consumer learns the tenant only once it parsed the record).
 * Outside any context it does nothing, so library code may call it unconditionally.
 */
export function annotateLogContext(context: LogContext): void {
  const store = storage.getStore();
  if (store === undefined) return;
  for (const [key, value] of Object.entries(context) as [keyof LogContext, string | undefined][]) {
    if (typeof value === 'string' && value !== '') store[key] = value;
  }
}

/** A copy of the current context (empty outside one). */
export function currentLogContext(): LogContext {
  return { ...storage.getStore() };
}
