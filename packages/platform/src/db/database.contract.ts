import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../errors.js';
import type { AdminDatabase, Migration, Queryable } from './database.port.js';
import { migrate } from './migrate.js';
import { listTenantTables, tenantTable } from './tenant-table.js';

/** Opens Databases over one underlying store (a fresh pg database, or one PGlite instance). */
export interface DatabaseHarness {
  open(opts: { schema: string; role: string; poolSize?: number }): Promise<AdminDatabase>;
  /** Closes every Database opened and removes the store (and, for pg, the roles created). */
  close(): Promise<void>;
}

/** A SQL error's SQLSTATE, from either adapter. */
export async function sqlState(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return String((err as { code?: unknown }).code);
  }
  throw new Error('expected the statement to fail');
}

const countRows = async (tx: Queryable, sql: string, params: unknown[] = []) =>
  Number((await tx.query<{ n: string | number }>(`SELECT count(*) AS n FROM (${sql}) q`, params)).rows[0]?.n);

function noteMigrations(schema: string, role: string): Migration[] {
  return [
    {
      id: '0001_notes',
      sql: `CREATE TABLE "${schema}".notes (id serial PRIMARY KEY, tenant_id text NOT NULL, body text NOT NULL);
            ${tenantTable(schema, 'notes', role)}`,
    },
    {
      id: '0002_ledger',
      sql:
        `CREATE TABLE "${schema}".ledger (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tenant_id text NOT NULL, ` +
        `entry text NOT NULL);
            ${tenantTable(schema, 'ledger', role, { appendOnly: true })}`,
    },
  ];
}

/**
 * The Database port's contract (database.port.ts) plus migrate/tenantTable/listTenantTables,
 * run against every adapter. Every test works in its own schema and role.
 */
export function describeDatabaseContract(label: string, makeHarness: () => Promise<DatabaseHarness>): void {
  describe(`Database contract: ${label}`, () => {
    let harness: DatabaseHarness;
    beforeAll(async () => {
      harness = await makeHarness();
    });
    afterAll(async () => {
      await harness?.close();
    });

    /** A migrated service schema with notes (tenant table) and ledger (append-only tenant table). */
    async function service(poolSize?: number) {
      const suffix = randomUUID().replaceAll('-', '').slice(0, 10);
      const schema = `svc_${suffix}`;
      const role = `md_role_${suffix}`;
      const db = await harness.open({ schema, role, ...(poolSize === undefined ? {} : { poolSize }) });
      await migrate(db, { schema, role, migrations: noteMigrations(schema, role) });
      return { db, schema, role };
    }
    const addNote = (db: AdminDatabase, tenant: string, body: string) =>
      db.withTenant(tenant, async (tx) => {
        const { rows } = await tx.query<{ id: number }>('INSERT INTO notes (tenant_id, body) VALUES ($1, $2) RETURNING id', [tenant, body]);
        return rows[0]!.id;
      });

    it('applies migrations once; a second run is a no-op; an edited migration is refused', async () => {
      const suffix = randomUUID().replaceAll('-', '').slice(0, 10);
      const schema = `svc_${suffix}`;
      const role = `md_role_${suffix}`;
      const db = await harness.open({ schema, role });
      const migrations = noteMigrations(schema, role);
      expect((await migrate(db, { schema, role, migrations })).applied).toEqual(['0001_notes', '0002_ledger']);
      expect((await migrate(db, { schema, role, migrations })).applied).toEqual([]);
      const recorded = await db.admin((tx) => tx.query<{ id: string }>(`SELECT id FROM "${schema}".schema_migrations ORDER BY id`));
      expect(recorded.rows.map((r) => r.id)).toEqual(['0001_notes', '0002_ledger']);
      const role_ = await db.admin((tx) =>
        tx.query<{ rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean }>(
          'SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = $1',
          [role],
        ),
      );
      expect(role_.rows).toEqual([{ rolsuper: false, rolbypassrls: false, rolcanlogin: false }]);
      const edited = migrations.map((m) => (m.id === '0001_notes' ? { ...m, sql: `${m.sql} SELECT 1;` } : m));
      await expect(migrate(db, { schema, role, migrations: edited })).rejects.toBeInstanceOf(ConflictError);
    });

    it('applies each migration exactly once when instances migrate concurrently', async () => {
      const suffix = randomUUID().replaceAll('-', '').slice(0, 10);
      const schema = `svc_${suffix}`;
      const role = `md_role_${suffix}`;
      // Not idempotent on purpose (plain CREATE TABLE, an INSERT), with a sleep widening the race.
      const migrations: Migration[] = [
        {
          id: '0001_log',
          sql: `CREATE TABLE "${schema}".applied_log (id text); INSERT INTO "${schema}".applied_log VALUES ('0001'); SELECT pg_sleep(0.1);`,
        },
        { id: '0002_more', sql: `INSERT INTO "${schema}".applied_log VALUES ('0002'); SELECT pg_sleep(0.1);` },
        ...noteMigrations(schema, role).map((m) => ({ ...m, id: `0003_${m.id}` })),
      ];
      const dbs = await Promise.all([1, 2, 3].map(() => harness.open({ schema, role })));
      const results = await Promise.all(dbs.map((db) => migrate(db, { schema, role, migrations })));
      expect(results.flatMap((r) => r.applied).sort()).toEqual(migrations.map((m) => m.id).sort());
      const log = await dbs[0]!.admin((tx) => tx.query<{ id: string }>(`SELECT id FROM "${schema}".applied_log ORDER BY id`));
      expect(log.rows.map((r) => r.id)).toEqual(['0001', '0002']);
    });

    it('tenant tables have RLS enabled and forced; listTenantTables exposes an unprotected one', async () => {
      const { db, schema } = await service();
      await db.admin((tx) => tx.query(`CREATE TABLE "${schema}".loose (id int, tenant_id text); CREATE TABLE "${schema}".plain (id int)`));
      const tables = await listTenantTables(db);
      expect(tables).toEqual([
        { schema, table: 'ledger', rowSecurity: true, forceRowSecurity: true, hasTenantPolicy: true },
        { schema, table: 'loose', rowSecurity: false, forceRowSecurity: false, hasTenantPolicy: false },
        { schema, table: 'notes', rowSecurity: true, forceRowSecurity: true, hasTenantPolicy: true },
      ]);
      expect(await listTenantTables(db, schema)).toEqual(tables);
    });

    it('without a tenant (withSystem, withRelay) tenant tables return nothing and reject writes', async () => {
      const { db, role } = await service();
      await addNote(db, 'tenant-a', 'a1');
      expect(await db.withSystem((tx) => countRows(tx, 'SELECT * FROM notes'))).toBe(0);
      // The relay flag opens the outbox policies only, never a tenant table's.
      expect(await db.withRelay((tx) => countRows(tx, 'SELECT * FROM notes'))).toBe(0);
      expect(await sqlState(db.withRelay((tx) => tx.query("INSERT INTO notes (tenant_id, body) VALUES ('tenant-a', 'x')")))).toBe('42501');
      expect(await db.withSystem(async (tx) => (await tx.query<{ u: string }>('SELECT current_user AS u')).rows[0]?.u)).toBe(role);
      expect(await sqlState(db.withSystem((tx) => tx.query("INSERT INTO notes (tenant_id, body) VALUES ('tenant-a', 'x')")))).toBe('42501');
      expect(await sqlState(db.withSystem((tx) => tx.query("INSERT INTO notes (tenant_id, body) VALUES ('', 'x')")))).toBe('42501');
      expect(await db.admin((tx) => countRows(tx, 'SELECT * FROM notes'))).toBe(1);
    });

    it('a tenant cannot read, update, delete or write another tenant’s rows', async () => {
      const { db } = await service();
      const a = await addNote(db, 'tenant-a', 'a1');
      const b = await addNote(db, 'tenant-b', 'b1');
      await db.withTenant('tenant-a', async (tx) => {
        expect((await tx.query<{ id: number }>('SELECT id FROM notes')).rows.map((r) => r.id)).toEqual([a]);
        expect((await tx.query('SELECT * FROM notes WHERE id = $1', [b])).rowCount).toBe(0);
        expect((await tx.query("UPDATE notes SET body = 'hacked' WHERE tenant_id = 'tenant-b'")).rowCount).toBe(0);
        expect((await tx.query("UPDATE notes SET body = 'hacked' WHERE id = $1", [b])).rowCount).toBe(0);
        expect((await tx.query('DELETE FROM notes WHERE id = $1', [b])).rowCount).toBe(0);
      });
      expect(
        await sqlState(db.withTenant('tenant-a', (tx) => tx.query("INSERT INTO notes (tenant_id, body) VALUES ('tenant-b', 'x')"))),
      ).toBe('42501');
      expect(
        await sqlState(db.withTenant('tenant-a', (tx) => tx.query("UPDATE notes SET tenant_id = 'tenant-b' WHERE id = $1", [a]))),
      ).toBe('42501');
      const all = await db.admin((tx) =>
        tx.query<{ id: number; tenant_id: string; body: string }>('SELECT id, tenant_id, body FROM notes ORDER BY id'),
      );
      expect(all.rows).toEqual([
        { id: a, tenant_id: 'tenant-a', body: 'a1' },
        { id: b, tenant_id: 'tenant-b', body: 'b1' },
      ]);
    });

    it('rolls back and rethrows when fn throws', async () => {
      const { db } = await service();
      const boom = new Error('boom');
      await expect(
        db.withTenant('tenant-a', async (tx) => {
          await tx.query("INSERT INTO notes (tenant_id, body) VALUES ('tenant-a', 'lost')");
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await db.admin((tx) => countRows(tx, 'SELECT * FROM notes'))).toBe(0);
    });

    it('a swallowed SQL error still fails the transaction instead of committing nothing silently', async () => {
      const { db } = await service();
      const outcome = db.withTenant('tenant-a', async (tx) => {
        await tx.query("INSERT INTO notes (tenant_id, body) VALUES ('tenant-a', 'kept?')");
        await tx.query('SELECT * FROM no_such_table').catch(() => undefined);
        return 'ok';
      });
      await expect(outcome).rejects.toMatchObject({ code: 'transaction_aborted' });
      expect(await db.admin((tx) => countRows(tx, 'SELECT * FROM notes'))).toBe(0);
    });

    it('neither tenant nor role leaks into the next transaction on the same connection', async () => {
      const { db, role } = await service(1);
      await addNote(db, 'tenant-a', 'a1');
      // Even a session-level setting made inside a tenant transaction must not widen the next one.
      await db.withTenant('tenant-a', (tx) => tx.query("SELECT set_config('app.tenant_id', 'tenant-a', false)"));
      const system = await db.withSystem(async (tx) => ({
        tenant: (await tx.query<{ t: string | null }>("SELECT current_setting('app.tenant_id', true) AS t")).rows[0]?.t ?? '',
        notes: await countRows(tx, 'SELECT * FROM notes'),
      }));
      expect(system).toEqual({ tenant: '', notes: 0 });
      expect(await db.withTenant('tenant-b', (tx) => countRows(tx, 'SELECT * FROM notes'))).toBe(0);
      const admin = await db.admin(async (tx) => (await tx.query<{ u: string }>('SELECT current_user AS u')).rows[0]?.u);
      expect(admin).not.toBe(role);
    });

    it('append-only tables reject UPDATE and DELETE by the role', async () => {
      const { db } = await service();
      await db.withTenant('tenant-a', (tx) => tx.query("INSERT INTO ledger (tenant_id, entry) VALUES ('tenant-a', 'e1')"));
      expect(await sqlState(db.withTenant('tenant-a', (tx) => tx.query("UPDATE ledger SET entry = 'e2'")))).toBe('42501');
      expect(await sqlState(db.withTenant('tenant-a', (tx) => tx.query('DELETE FROM ledger')))).toBe('42501');
      // The same statements work on a regular tenant table: the refusal is the grant, not RLS.
      await addNote(db, 'tenant-a', 'n1');
      expect(await db.withTenant('tenant-a', async (tx) => (await tx.query("UPDATE notes SET body = 'n2'")).rowCount)).toBe(1);
      expect(await db.withTenant('tenant-a', async (tx) => (await tx.query('DELETE FROM notes')).rowCount)).toBe(1);
      expect(await db.admin((tx) => tx.query('SELECT entry FROM ledger'))).toMatchObject({ rows: [{ entry: 'e1' }] });
    });

    it('sets a tenant id with quotes, backslashes and separators verbatim and keeps it apart', async () => {
      const { db } = await service();
      const odd = `t'; RESET ROLE; SELECT '\\ x`;
      await addNote(db, odd, 'odd');
      await addNote(db, 'tenant-a', 'a1');
      const seen = await db.withTenant(odd, async (tx) => ({
        tenant: (await tx.query<{ t: string }>("SELECT current_setting('app.tenant_id') AS t")).rows[0]?.t,
        bodies: (await tx.query<{ body: string }>('SELECT body FROM notes')).rows.map((r) => r.body),
      }));
      expect(seen).toEqual({ tenant: odd, bodies: ['odd'] });
    });

    it('rejects an empty tenant id before touching the database', async () => {
      const { db } = await service();
      await expect(db.withTenant('', async () => 1)).rejects.toBeInstanceOf(ValidationError);
      await expect(db.withTenant('   ', async () => 1)).rejects.toBeInstanceOf(ValidationError);
    });

    it('keeps concurrent transactions of different tenants apart', async () => {
      const { db } = await service();
      const tenants = ['t1', 't2', 't3', 't4'];
      await Promise.all(tenants.flatMap((t) => [1, 2, 3].map((i) => addNote(db, t, `${t}-${i}`))));
      const seen = await Promise.all(
        tenants.map((t) =>
          db.withTenant(t, async (tx) =>
            (await tx.query<{ tenant_id: string }>('SELECT tenant_id FROM notes')).rows.map((r) => r.tenant_id),
          ),
        ),
      );
      seen.forEach((rows, i) => expect(rows).toEqual([tenants[i], tenants[i], tenants[i]]));
    });

    it('refuses queries on a transaction handle after the transaction ended', async () => {
      const { db } = await service();
      let leaked: Queryable | undefined;
      await db.withTenant('tenant-a', async (tx) => {
        leaked = tx;
      });
      await expect(leaked!.query('SELECT 1')).rejects.toMatchObject({ code: 'transaction_closed' });
    });

    it('pings, closes idempotently and refuses work after close', async () => {
      const { db } = await service();
      await db.ping();
      await db.close();
      await db.close();
      await expect(db.withSystem(async () => 1)).rejects.toMatchObject({ code: 'database_closed' });
    });
  });
}
