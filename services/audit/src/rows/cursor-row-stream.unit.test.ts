import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import type { AdminDatabase } from '@medicdraft/platform';
import { afterAll, beforeAll } from 'vitest';
import { createCursorRowStream } from './cursor-row-stream.js';
import { describeRowStreamContract } from './row-stream.contract.js';

let pglite: PgliteHandle;
let db: AdminDatabase;
beforeAll(async () => {
  pglite = await openPglite();
  db = createPgliteDatabase({ pglite, schema: 'public', role: 'row_stream_test' });
});
afterAll(async () => {
  await pglite.close();
});

describeRowStreamContract('cursor over PGlite', () => ({
  stream: () => createCursorRowStream((fn) => db.admin(fn), 5_000),
  exec: async (sql) => {
    await db.admin((tx) => tx.query(sql));
  },
}));
