import { createPgTestDatabase, stackConfig, type PgTestDatabase } from '@medicdraft/platform/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgCopyRowStream, inlineParams } from './pg-copy-row-stream.js';
import { describeRowStreamContract } from './row-stream.contract.js';

let testDb: PgTestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  testDb = await createPgTestDatabase(stackConfig.postgres.url);
  pool = new pg.Pool({ connectionString: testDb.url, max: 1 });
});
afterAll(async () => {
  await pool.end();
  await testDb.drop();
});

describeRowStreamContract('COPY TO STDOUT on Postgres', () => ({
  stream: () => createPgCopyRowStream(pool),
  exec: async (sql) => {
    await pool.query(sql);
  },
}));

describe('COPY params', () => {
  it('inlines each $n as a literal, and refuses a missing or non-finite value', () => {
    expect(inlineParams('SELECT $1, $2, $3, $10', ["o'k\\", 7, null, 'x', '', '', '', '', '', 'ten'])).toBe(
      "SELECT  E'o''k\\\\', 7, NULL, 'ten'",
    );
    expect(() => inlineParams('SELECT $2', ['a'])).toThrow(RangeError);
    expect(() => inlineParams('SELECT $1', [Number.NaN])).toThrow(RangeError);
  });
});
