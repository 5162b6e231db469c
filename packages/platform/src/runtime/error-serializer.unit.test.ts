import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError, ValidationError } from '../errors.js';
import { serializeError } from './error-serializer.js';
import { createLogger } from './logger.js';

const CANARY = 'CANARY-Jane-Doe-1970';

/** Shaped like node-postgres' DatabaseError (PGlite adds `query`, `params`, `queryOptions`). */
function pgError(): Error {
  return Object.assign(new Error(`new row for relation "users" violates check constraint "users_email_check" ${CANARY}`), {
    name: 'error',
    severity: 'ERROR',
    code: '23514',
    detail: `Failing row contains (${CANARY}).`,
    hint: `try ${CANARY}`,
    position: '12',
    internalQuery: `SELECT '${CANARY}'`,
    where: `PL/pgSQL function f(text) line 3 at RAISE ${CANARY}`,
    schema: 'gateway',
    table: 'users',
    column: 'email',
    dataType: 'text',
    constraint: 'users_email_check',
    file: 'execMain.c',
    line: '2081',
    routine: 'ExecConstraints',
    query: `INSERT INTO users (email) VALUES ('${CANARY}')`,
    params: [CANARY],
    parameters: [CANARY],
    values: [CANARY],
  });
}

describe('error serializer', () => {
  it("keeps a database error's class, SQLSTATE, severity, constraint and names, and nothing that holds values", () => {
    const out = serializeError(pgError());
    expect(out).toEqual({
      type: 'DatabaseError',
      code: '23514',
      severity: 'ERROR',
      constraint: 'users_email_check',
      schema: 'gateway',
      table: 'users',
      column: 'email',
      dataType: 'text',
    });
    expect(JSON.stringify(out)).not.toContain(CANARY);
  });

  it("keeps an AppError's message, drops other messages (stack frames stay), and follows causes by the same rule", () => {
    const wrapped = new DependencyUnavailableError('postgres', new Error(`cannot parse ${CANARY}`, { cause: pgError() }));
    const out = serializeError(wrapped);
    expect(out).toMatchObject({
      type: 'DependencyUnavailableError',
      code: 'dependency_unavailable',
      status: 503,
      message: 'postgres is unavailable',
      cause: { type: 'Error', cause: { type: 'DatabaseError', code: '23514' } },
    });
    expect(typeof out === 'object' && out.cause !== undefined && typeof out.cause === 'object' && out.cause.stack).toMatch(/^\s+at /);
    expect(JSON.stringify(out)).not.toContain(CANARY);
    expect(serializeError(new ValidationError('text must not be empty'))).toMatchObject({ message: 'text must not be empty' });
    expect(serializeError(new AggregateError([pgError()], CANARY))).toMatchObject({ type: 'AggregateError', errors: [{ code: '23514' }] });
    expect(serializeError('ETIMEDOUT')).toBe('ETIMEDOUT');
    expect(serializeError(`timeout for ${CANARY} at x`)).toEqual({ type: 'string' });
  });

  it('applies to every logger and its children, under err, error and cause, and to log.error(err)', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _e, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = createLogger({ service: 'test', destination: sink });
    log.error({ err: pgError() }, 'insert failed');
    log.child({ reqId: 'r-1' }).error({ error: pgError(), cause: pgError() }, 'insert failed');
    log.error(pgError());
    expect(lines).toHaveLength(3);
    expect(lines.join('')).not.toContain(CANARY);
    expect(JSON.parse(lines[0]!).err).toMatchObject({ type: 'DatabaseError', code: '23514', constraint: 'users_email_check' });
  });
});
