import { Writable } from 'node:stream';
import { createLogger } from '@medicdraft/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_SCHEMA } from '../gateway-migrations.js';
import { startGatewayHarness, TENANT_A, type GatewayHarness } from '../testing/gateway-harness.js';

const CANARY = 'CANARY-Log-Jane-Roe-1961';

/**
 * A write that fails in the database (here a CHECK constraint the test adds, violated by a bound
 * parameter that carries the canary) must log the failure by class, SQLSTATE and constraint;
 * PGlite's error also carries the statement, its parameters and the failing row, none of which
 * may reach a log line.
 */
describe('a failing database write through the gateway', { timeout: 60_000 }, () => {
  let h: GatewayHarness;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _e, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    h = await startGatewayHarness({ logger: createLogger({ service: 'gateway-db-error-test', level: 'debug', destination: sink }) });
    await h.db.admin((tx) =>
      tx.query(`ALTER TABLE ${GATEWAY_SCHEMA}."references" ADD CONSTRAINT no_canary CHECK (content::text NOT LIKE '%CANARY-Log%')`),
    );
  });
  afterAll(async () => h?.close());

  it('answers a generic 500 and logs the error code and constraint without the values', async () => {
    const admin = await h.login(TENANT_A.id, 'admin');
    const res = await h.inject({
      method: 'PUT',
      url: `/v1/tenants/${TENANT_A.id}/references/protocol/chest-pain`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { content: { note: CANARY } },
    });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: 'internal', message: 'internal error' });
    const failure = lines.find((l) => l.includes('unhandled request error'));
    expect(failure).toBeDefined();
    expect(JSON.parse(failure!).err).toMatchObject({ type: 'DatabaseError', code: '23514', constraint: 'no_canary' });
    expect(lines.filter((l) => l.includes('CANARY-Log'))).toEqual([]);
  });
});
