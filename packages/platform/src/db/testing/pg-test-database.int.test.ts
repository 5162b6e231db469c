import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { stackConfig } from '../../testing/stack-config.js';
import { migrate } from '../migrate.js';
import { createPgDatabase } from '../pg-database.js';
import { createPgTestDatabase, type PgTestDatabase } from './pg-test-database.js';

/**
 * A developer's stack holds other MedicDraft databases whose schemas are granted to the same
 * cluster-wide service roles the tests use. A test's teardown may remove what it made, never what
 * those databases still depend on.
 */
describe('test database teardown on a stack that holds other databases', () => {
  const role = `md_shared_${randomUUID().replaceAll('-', '').slice(0, 8)}`;
  const other: { db?: PgTestDatabase } = {};
  afterAll(async () => {
    await other.db?.drop([role]);
  });

  async function migrated(testDb: PgTestDatabase) {
    const db = createPgDatabase({ url: testDb.url, schema: 'shared', role, poolSize: 1 });
    await migrate(db, {
      schema: 'shared',
      role,
      migrations: [{ id: '0001', sql: `CREATE TABLE shared.t (v int); GRANT SELECT ON shared.t TO ${role}` }],
    });
    return db;
  }

  it('drop() keeps a role another database depends on, and that database keeps working', async () => {
    other.db = await createPgTestDatabase(stackConfig.postgres.url);
    const otherDb = await migrated(other.db);
    const mine = await createPgTestDatabase(stackConfig.postgres.url);
    await (await migrated(mine)).close();

    await mine.drop([role]);

    expect(await otherDb.withSystem(async (tx) => (await tx.query('SELECT count(*)::int AS n FROM shared.t')).rows)).toEqual([{ n: 0 }]);
    await otherDb.close();
  });

  it('drop() removes a role once nothing else depends on it', async () => {
    await other.db?.drop([role]);
    other.db = undefined;
    const probe = await createPgTestDatabase(stackConfig.postgres.url);
    const admin = createPgDatabase({ url: probe.url, schema: 'public', role: 'unused_role', poolSize: 1 });
    try {
      const { rows } = await admin.admin((tx) => tx.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]));
      expect(rows).toEqual([]);
    } finally {
      await admin.close();
      await probe.drop();
    }
  });
});
