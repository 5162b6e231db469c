import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeDatabaseContract, sqlState } from './database.contract.js';
import type { Database } from './database.port.js';
import { migrate } from './migrate.js';
import { createPgliteDatabase, openPglite } from './pglite-database.js';
import { tenantTable } from './tenant-table.js';

/** Each test below boots its own PGlite (WASM), which takes seconds on a loaded 2-core machine. */
const PGLITE_TEST_TIMEOUT_MS = 60_000;

describeDatabaseContract('pglite', async () => {
  const pglite = await openPglite();
  const dbs: Database[] = [];
  return {
    async open({ schema, role }) {
      const db = createPgliteDatabase({ pglite, schema, role });
      dbs.push(db);
      return db;
    },
    async close() {
      await Promise.all(dbs.map((db) => db.close()));
      await pglite.close();
    },
  };
});

const itemsMigration = (schema: string, role: string) => ({
  id: '0001_items',
  sql: `CREATE TABLE "${schema}".items (id serial PRIMARY KEY, tenant_id text NOT NULL, label text NOT NULL);
        ${tenantTable(schema, 'items', role)}`,
});

describe('pglite database', () => {
  it(
    'lets services share one instance while each role sees only its own schema',
    async () => {
      const pglite = await openPglite();
      const ingest = createPgliteDatabase({ pglite, schema: 'ingest', role: 'ingest_svc' });
      const audit = createPgliteDatabase({ pglite, schema: 'audit', role: 'audit_svc' });
      await migrate(ingest, { schema: 'ingest', role: 'ingest_svc', migrations: [itemsMigration('ingest', 'ingest_svc')] });
      await migrate(audit, { schema: 'audit', role: 'audit_svc', migrations: [itemsMigration('audit', 'audit_svc')] });
      await Promise.all([
        ingest.withTenant('t1', (tx) => tx.query("INSERT INTO items (tenant_id, label) VALUES ('t1', 'ingest')")),
        audit.withTenant('t1', (tx) => tx.query("INSERT INTO items (tenant_id, label) VALUES ('t1', 'audit')")),
      ]);
      expect((await ingest.withTenant('t1', (tx) => tx.query('SELECT label FROM items'))).rows).toEqual([{ label: 'ingest' }]);
      expect(await sqlState(ingest.withTenant('t1', (tx) => tx.query('SELECT * FROM audit.items')))).toBe('42501');
      await ingest.close();
      // Closing one service's Database leaves the shared instance to the others.
      expect((await audit.withTenant('t1', (tx) => tx.query('SELECT label FROM items'))).rows).toEqual([{ label: 'audit' }]);
      await pglite.close();
    },
    PGLITE_TEST_TIMEOUT_MS,
  );

  it(
    'persists under dataDir across reopen',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'md-pglite-'));
      try {
        const first = createPgliteDatabase({ dataDir, schema: 'keep', role: 'keep_svc' });
        await migrate(first, { schema: 'keep', role: 'keep_svc', migrations: [itemsMigration('keep', 'keep_svc')] });
        await first.withTenant('t1', (tx) => tx.query("INSERT INTO items (tenant_id, label) VALUES ('t1', 'durable')"));
        await first.close();
        const second = createPgliteDatabase({ dataDir, schema: 'keep', role: 'keep_svc' });
        expect(
          (await migrate(second, { schema: 'keep', role: 'keep_svc', migrations: [itemsMigration('keep', 'keep_svc')] })).applied,
        ).toEqual([]);
        expect((await second.withTenant('t1', (tx) => tx.query('SELECT label FROM items'))).rows).toEqual([{ label: 'durable' }]);
        await second.close();
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    PGLITE_TEST_TIMEOUT_MS,
  );

  it(
    'delivers NOTIFY of a committed transaction to listeners',
    async () => {
      const db = createPgliteDatabase({ schema: 'n', role: 'n_svc' });
      const seen: string[] = [];
      const unlisten = await db.listen('n_chan', (p) => seen.push(p));
      await db.admin((tx) => tx.query("SELECT pg_notify('n_chan', 'hello')"));
      await expect.poll(() => seen).toEqual(['hello']);
      await unlisten();
      await db.admin((tx) => tx.query("SELECT pg_notify('n_chan', 'again')"));
      await db.ping();
      expect(seen).toEqual(['hello']);
      await db.close();
    },
    PGLITE_TEST_TIMEOUT_MS,
  );

  it('rejects schema and role names that are not plain identifiers', () => {
    expect(() => createPgliteDatabase({ schema: 'a"; DROP', role: 'r' })).toThrow(/identifier/);
    expect(() => createPgliteDatabase({ schema: 's', role: 'Robert' })).toThrow(/identifier/);
  });
});
