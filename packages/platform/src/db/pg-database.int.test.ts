import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError } from '../errors.js';
import { stackConfig } from '../testing/stack-config.js';
import { describeDatabaseContract } from './database.contract.js';
import { migrate } from './migrate.js';
import { createPgDatabase } from './pg-database.js';
import { createPgHarness, createPgTestDatabase } from './testing/pg-test-database.js';

describeDatabaseContract('pg', () => createPgHarness(stackConfig.postgres.url));

/** A loopback port nothing listens on: connections are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('pg database specifics', () => {
  it('reports an unreachable server as DependencyUnavailableError', async () => {
    const db = createPgDatabase({ url: `postgres://u:p@127.0.0.1:${await closedPort()}/x`, schema: 's', role: 'r', connectTimeoutMs: 500 });
    await expect(db.ping()).rejects.toBeInstanceOf(DependencyUnavailableError);
    await expect(db.withTenant('t', async () => 1)).rejects.toBeInstanceOf(DependencyUnavailableError);
    await db.close();
  });

  it('reports a connection killed by the server (57P01) as DependencyUnavailableError and recovers', async () => {
    const testDb = await createPgTestDatabase(stackConfig.postgres.url);
    const role = `md_kill_${Date.now().toString(36)}`;
    const db = createPgDatabase({ url: testDb.url, schema: 'killme', role, poolSize: 1 });
    const killer = createPgDatabase({ url: testDb.url, schema: 'killme', role, poolSize: 1 });
    try {
      await migrate(db, { schema: 'killme', role, migrations: [] });
      const outcome = db.withSystem(async (tx) => {
        const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await killer.admin((k) => k.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]));
        await tx.query('SELECT 1');
      });
      await expect(outcome).rejects.toBeInstanceOf(DependencyUnavailableError);
      // The dead client was discarded, not returned to the pool.
      expect(await db.withSystem(async (tx) => (await tx.query('SELECT 1 AS one')).rows)).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
      await killer.close();
      await testDb.drop([role]);
    }
  });

  it('re-establishes LISTEN after its connection is killed', async () => {
    const testDb = await createPgTestDatabase(stackConfig.postgres.url);
    const db = createPgDatabase({ url: testDb.url, schema: 'listen', role: 'unused_role' });
    try {
      const seen: string[] = [];
      const unlisten = await db.listen('md_chan', (p) => seen.push(p));
      await db.admin((tx) =>
        tx.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE 'LISTEN%'`),
      );
      // After reconnecting, the listener fires once with '' so callers catch up on anything missed.
      await expect.poll(() => seen.includes(''), { timeout: 10_000 }).toBe(true);
      await db.admin((tx) => tx.query("SELECT pg_notify('md_chan', 'after')"));
      await expect.poll(() => seen.includes('after'), { timeout: 10_000 }).toBe(true);
      await unlisten();
    } finally {
      await db.close();
      await testDb.drop();
    }
  });
});
