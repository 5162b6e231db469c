import { randomUUID } from 'node:crypto';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { listTenantTables, TenantBoundaryError } from '@medicdraft/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wavPcm } from './testing/audio-fixtures.js';
import { startIngestHarness, type IngestHarness } from './testing/ingest-harness.js';

// Tenant isolation in data (the tenant id is the first access-control boundary), for the ingest
// schema and the dictation objects.
const A = 'tenant-a';
const B = 'tenant-b';
const PROVIDER = '0b8e4c1a-7f3d-4e2a-9c6b-5d4e3f2a1b0c';

let h: IngestHarness;
let aDictation: { dictationId: string };
let aKey: string;

beforeAll(async () => {
  h = await startIngestHarness();
  h.setGate(A, { phiMode: 'enabled' });
  h.setGate(B, { phiMode: 'enabled' });
  const res = await h.app.inject({
    method: 'POST',
    url: `/internal/v1/tenants/${A}/dictations/audio`,
    headers: { 'x-provider-id': PROVIDER, 'content-type': 'audio/wav' },
    payload: wavPcm(),
  });
  aDictation = res.json();
  [aKey] = (await h.objects.list(A, 'input')) as [string];
});
afterAll(async () => h?.close());

describe('ingest tables: RLS enabled and forced', () => {
  it('every tenant table of the ingest schema has RLS enabled, forced and the tenant policy', async () => {
    const tables = await listTenantTables(h.db());
    expect(tables.map((t) => t.table)).toEqual(expect.arrayContaining(['dictations', 'outbox']));
    for (const t of tables) expect(t).toMatchObject({ rowSecurity: true, forceRowSecurity: true, hasTenantPolicy: true });
  });

  it('a query without app.tenant_id sees no dictation and cannot write one', async () => {
    expect(await h.db().withTenant(A, async (tx) => (await tx.query('SELECT id FROM dictations')).rowCount)).toBe(1);
    expect(await h.db().withSystem(async (tx) => (await tx.query('SELECT id FROM dictations')).rowCount)).toBe(0);
    const insert = h.db().withSystem((tx) =>
      tx.query(
        `INSERT INTO dictations (tenant_id, id, provider_id, kind, format, synthetic, status, size_bytes, sha256, ` +
          `object_bucket, object_key, created_at)
         VALUES ($1, $2, $3, 'text', 'text', true, 'stored', 1, $4, 'input', $5, now())`,
        [A, randomUUID(), PROVIDER, 'a'.repeat(64), `${A}/x/text.txt`],
      ),
    );
    await expect(insert).rejects.toThrow(/row-level security/);
  });

  it("tenant B neither reads, updates, deletes nor inserts tenant A's rows", async () => {
    const { dictationId } = aDictation;
    const asB = (sql: string, params: unknown[]) => h.db().withTenant(B, (tx) => tx.query(sql, params));
    expect((await asB('SELECT * FROM dictations WHERE id = $1', [dictationId])).rowCount).toBe(0);
    expect((await asB("UPDATE dictations SET status = 'deleted' WHERE id = $1", [dictationId])).rowCount).toBe(0);
    expect((await asB('DELETE FROM dictations WHERE id = $1', [dictationId])).rowCount).toBe(0);
    const forged = asB(
      `INSERT INTO dictations (tenant_id, id, provider_id, kind, format, synthetic, status, size_bytes, sha256, ` +
        `object_bucket, object_key, created_at)
       VALUES ($1, $2, $3, 'text', 'text', true, 'stored', 1, $4, 'input', $5, now())`,
      [A, randomUUID(), PROVIDER, 'a'.repeat(64), `${A}/forged/text.txt`],
    );
    await expect(forged).rejects.toThrow(/row-level security/);
    const row = await h
      .db()
      .withTenant(A, async (tx) => (await tx.query<{ status: string }>('SELECT status FROM dictations WHERE id = $1', [dictationId])).rows);
    expect(row).toEqual([{ status: 'stored' }]);
  });

  it("the internal API under tenant B's path does not find tenant A's dictation", async () => {
    const asA = await h.app.inject({ url: `/internal/v1/tenants/${A}/dictations/${aDictation.dictationId}` });
    expect(asA.statusCode).toBe(200);
    const asB = await h.app.inject({ url: `/internal/v1/tenants/${B}/dictations/${aDictation.dictationId}` });
    expect(asB.statusCode).toBe(404);
    expect(asB.body).not.toContain(A);
  });
});

describe('dictation objects: tenant-bound', () => {
  it("refuses tenant B a ref to tenant A's key, for every operation", async () => {
    const ref = { tenantId: B, bucket: 'input' as const, key: aKey };
    await expect(h.objects.get(ref)).rejects.toBeInstanceOf(TenantBoundaryError);
    await expect(h.objects.exists(ref)).rejects.toBeInstanceOf(TenantBoundaryError);
    await expect(h.objects.put(ref, Buffer.from('overwrite'))).rejects.toBeInstanceOf(TenantBoundaryError);
    await expect(h.objects.delete(ref)).rejects.toBeInstanceOf(TenantBoundaryError);
    expect(await h.objects.list(B, 'input')).toEqual([]);
    expect((await buffer(await h.objects.get({ tenantId: A, bucket: 'input', key: aKey }))).equals(wavPcm())).toBe(true);
  });

  it("tenant A's object copied into tenant B's folder cannot be decrypted as B (key bound to the tenant)", async () => {
    const stolenKey = `${B}/${aKey.slice(A.length + 1)}`;
    const target = join(h.objectsDir, 'input', ...stolenKey.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await copyFile(join(h.objectsDir, 'input', ...aKey.split('/')), target);
    const read = async () => buffer(await h.objects.get({ tenantId: B, bucket: 'input', key: stolenKey }));
    await expect(read()).rejects.toThrow();
  });
});
