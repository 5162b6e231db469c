import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError } from '../errors.js';
import { isPgConnectionError, mapPgError } from './pg-connection-errors.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('pg connection errors', () => {
  it.each([
    ['refused', withCode('ECONNREFUSED')],
    ['reset', withCode('ECONNRESET')],
    ['admin shutdown', withCode('57P01', 'terminating connection due to administrator command')],
    ['starting up', withCode('57P03')],
    ['too many connections', withCode('53300')],
    ['connection exception class', withCode('08006')],
    ['dropped socket', new Error('Connection terminated unexpectedly')],
    ['connect timeout', new Error('timeout exceeded when trying to connect')],
    ['all addresses refused', new AggregateError([withCode('ECONNREFUSED')], '')],
  ])('maps %s to DependencyUnavailableError', (_, err) => {
    expect(isPgConnectionError(err)).toBe(true);
    const mapped = mapPgError(err);
    expect(mapped).toBeInstanceOf(DependencyUnavailableError);
    expect((mapped as Error).message).toBe('postgres is unavailable');
  });

  it.each([
    ['permission denied', withCode('42501')],
    ['unique violation', withCode('23505')],
    ['syntax error', withCode('42601')],
    ['not an error', 'boom'],
  ])('passes %s through unchanged', (_, err) => {
    expect(isPgConnectionError(err)).toBe(false);
    expect(mapPgError(err)).toBe(err);
  });
});
