import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createPgDatabase } from '../pg-database.js';
import type { DatabaseHarness } from '../database.contract.js';
import type { AdminDatabase } from '../database.port.js';

export interface PgTestDatabase {
  /** Connection URL of the fresh database (same superuser as the admin URL). */
  url: string;
  name: string;
  /**
   * Drops the database, then each given cluster-wide role that nothing else depends on any more.
   * A role that another database (a developer's data, a concurrent test file) still holds grants or
   * objects for is kept: it is not this test's to remove.
   */
  drop(roles?: Iterable<string>): Promise<void>;
}

/**
 * A fresh `md_test_<random>` database per integration test file, so files can run against one
 * Postgres without seeing each other's schemas. Roles are cluster-wide, hence dropped explicitly,
 * after the database (which held this test's grants) and only when Postgres finds no other
 * dependent: the same service role (`medicdraft_scribe`, ...) is shared by every database on a stack.
 */
export async function createPgTestDatabase(adminUrl: string): Promise<PgTestDatabase> {
  const name = `md_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop(roles = []) {
      await withAdmin(adminUrl, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        for (const role of roles) await dropRoleUnlessUsed(c, role);
      });
    },
  };
}

/** SQLSTATE 2BP01: the role still owns objects or holds grants somewhere in the cluster. */
const DEPENDENT_OBJECTS_STILL_EXIST = '2BP01';

async function dropRoleUnlessUsed(c: pg.Client, role: string): Promise<void> {
  try {
    await c.query(`DROP ROLE IF EXISTS "${role.replaceAll('"', '""')}"`);
  } catch (err) {
    if ((err as { code?: unknown }).code !== DEPENDENT_OBJECTS_STILL_EXIST) throw err;
  }
}

async function withAdmin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A DatabaseHarness (see database.contract.ts) over a fresh pg database. */
export async function createPgHarness(adminUrl: string): Promise<DatabaseHarness & { url: string }> {
  const testDb = await createPgTestDatabase(adminUrl);
  const dbs: AdminDatabase[] = [];
  const roles = new Set<string>();
  return {
    url: testDb.url,
    async open({ schema, role, poolSize }) {
      roles.add(role);
      const db = createPgDatabase({ url: testDb.url, schema, role, ...(poolSize === undefined ? {} : { poolSize }) });
      dbs.push(db);
      return db;
    },
    async close() {
      await Promise.all(dbs.map((db) => db.close()));
      await testDb.drop(roles);
    },
  };
}
