import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runTransaction, transactionSetup, type SqlConnection } from './transaction-runner.js';

/** A connection that records what it was sent and answers every statement with an empty result. */
function recording(): SqlConnection & { sent: { sql: string; params?: readonly unknown[] }[] } {
  const sent: { sql: string; params?: readonly unknown[] }[] = [];
  return {
    sent,
    async query(sql, params) {
      sent.push(params === undefined ? { sql } : { sql, params });
      return { rows: [], rowCount: 0, command: sql === 'COMMIT' ? 'COMMIT' : 'SELECT' };
    },
  };
}

describe('transaction setup round trips', () => {
  it('with the driver’s literal escaping, a tenant transaction costs BEGIN+settings, its statements and COMMIT', async () => {
    const conn = recording();
    await runTransaction(conn, transactionSetup('ingest', 'ingest_rw', { kind: 'tenant', tenantId: 'tenant-a' }, pg.escapeLiteral), (tx) =>
      tx.query('SELECT 1'),
    );
    expect(conn.sent).toHaveLength(3);
    expect(conn.sent[0]!.sql).toMatch(
      /^BEGIN; SET LOCAL ROLE "ingest_rw"; SET LOCAL search_path TO "ingest"; SELECT set_config\('app.tenant_id', 'tenant-a', true\)/,
    );
    expect(conn.sent[0]!.params).toBeUndefined();
    expect(conn.sent.slice(1).map((s) => s.sql)).toEqual(['SELECT 1', 'COMMIT']);
  });

  it('system and admin transactions send BEGIN with their settings in one text too', async () => {
    for (const ctx of [{ kind: 'system' }, { kind: 'admin' }] as const) {
      const conn = recording();
      await runTransaction(conn, transactionSetup('ingest', 'ingest_rw', ctx), (tx) => tx.query('SELECT 1'));
      expect(conn.sent.map((s) => s.sql.split(';')[0])).toEqual(['BEGIN', 'SELECT 1', 'COMMIT']);
    }
  });

  it('escapes a hostile tenant id as one literal (quotes, backslashes, statement separators)', () => {
    const tenantId = `t'; RESET ROLE; SELECT '\\`;
    const [setup] = transactionSetup('ingest', 'ingest_rw', { kind: 'tenant', tenantId }, pg.escapeLiteral);
    expect(setup!.sql).toContain(`set_config('app.tenant_id', ${pg.escapeLiteral(tenantId)}, true)`);
  });

  it('without literal escaping (PGlite) the tenant id stays a bind parameter', () => {
    const steps = transactionSetup('ingest', 'ingest_rw', { kind: 'tenant', tenantId: 'tenant-a' });
    expect(steps.at(-1)).toMatchObject({ params: ['tenant-a'] });
  });

  it('rolls back when a setting fails after BEGIN went through', async () => {
    const sent: string[] = [];
    const conn: SqlConnection = {
      async query(sql) {
        sent.push(sql.split(';')[0]!);
        if (sql.startsWith('BEGIN')) throw new Error('role does not exist');
        return { rows: [], rowCount: 0 };
      },
    };
    await expect(runTransaction(conn, transactionSetup('s', 'r', { kind: 'system' }), async () => 1)).rejects.toThrow(
      'role does not exist',
    );
    expect(sent).toEqual(['BEGIN', 'ROLLBACK']);
  });
});
