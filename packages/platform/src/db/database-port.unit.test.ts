import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AdminDatabase, Database } from './database.port.js';
import { createPgliteDatabase, openPglite } from './pglite-database.js';

// Handlers and repositories are typed against `Database`; if `admin` ever came back onto it, any
// handler could leave row-level security. The type checker (npm run typecheck) is what fails here.
describe('Database ports', () => {
  it('the handler-facing Database has no admin; only AdminDatabase does', () => {
    expectTypeOf<Database>().not.toHaveProperty('admin');
    expectTypeOf<AdminDatabase>().toHaveProperty('admin');
    expectTypeOf<AdminDatabase>().toExtend<Database>();
    const handlerSide = (db: Database) =>
      // @ts-expect-error a handler's Database offers no transaction outside the tenant's RLS
      db.admin;
    expect(handlerSide).toBeTypeOf('function');
  });

  it('an adapter returns an AdminDatabase, which narrows to Database when passed down', async () => {
    const pglite = await openPglite();
    try {
      const root = createPgliteDatabase({ pglite, schema: 'public', role: 'port_test' });
      expectTypeOf(root).toExtend<AdminDatabase>();
      const handlerSide: Database = root;
      expect(Object.keys(handlerSide)).toContain('withTenant');
      expect(await root.admin(async (tx) => (await tx.query<{ one: number }>('SELECT 1 AS one')).rows)).toEqual([{ one: 1 }]);
    } finally {
      await pglite.close();
    }
  });
});
