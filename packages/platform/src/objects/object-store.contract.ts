import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ObjectRef, ObjectStore } from './object-store.port.js';
import { NotFoundError, PayloadTooLargeError, TenantBoundaryError } from '../errors.js';

/** Deterministic, non-repeating bytes in uneven pieces, so chunk boundaries never line up. */
export function* patternedBytes(total: number, seed = 1): Generator<Buffer> {
  let state = seed;
  let produced = 0;
  while (produced < total) {
    const piece = Buffer.alloc(Math.min(7_919 + (produced % 5_003), total - produced));
    for (let i = 0; i < piece.length; i++) {
      state = (state * 1_103_515_245 + 12_345) >>> 0;
      piece[i] = state >>> 24;
    }
    produced += piece.length;
    yield piece;
  }
}

export function sha256Of(pieces: Iterable<Buffer>): { sha256: string; size: number } {
  const hash = createHash('sha256');
  let size = 0;
  for (const p of pieces) {
    hash.update(p);
    size += p.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * Contract of ObjectStore (see object-store.port.ts), run against every adapter. Tenant ids are
 * unique per run so adapters backed by shared servers (moto) need no cleanup between runs.
 */
export function describeObjectStoreContract(label: string, create: () => Promise<ObjectStore> | ObjectStore): void {
  describe(`ObjectStore contract: ${label}`, () => {
    let store: ObjectStore;
    const run = randomUUID().slice(0, 8);
    const tenantA = `tenant-a-${run}`;
    const tenantB = `tenant-b-${run}`;
    const ref = (tenantId: string, rest: string, bucket: ObjectRef['bucket'] = 'input'): ObjectRef => ({
      tenantId,
      bucket,
      key: `${tenantId}/${rest}`,
    });
    beforeAll(async () => {
      store = await create();
    });

    it('streams a 3 MiB binary body in and out unchanged, reporting its size and sha256', async () => {
      const total = 3 * 1024 * 1024;
      const expected = sha256Of(patternedBytes(total, 7));
      let yielded = 0;
      const body = Readable.from(
        (function* () {
          for (const piece of patternedBytes(total, 7)) {
            yielded += piece.length;
            yield piece;
          }
        })(),
      );
      expect(body).toBeInstanceOf(Readable);
      const stored = await store.put(ref(tenantA, '2024/01/02/d1/audio.bin'), body, { contentType: 'application/octet-stream' });
      expect(yielded).toBe(total);
      expect(stored).toEqual(expected);
      const out = await store.get(ref(tenantA, '2024/01/02/d1/audio.bin'));
      expect(out).toBeInstanceOf(Readable);
      expect(sha256Of([await buffer(out)])).toEqual(expected);
    });

    it('accepts Buffer bodies, including an empty one, and overwrites an existing key', async () => {
      const r = ref(tenantA, 'notes/small.txt', 'output');
      const first = await store.put(r, Buffer.from('first version'));
      expect(first).toEqual(sha256Of([Buffer.from('first version')]));
      await store.put(r, Buffer.from('second'));
      expect((await buffer(await store.get(r))).toString()).toBe('second');
      const empty = ref(tenantA, 'notes/empty.txt', 'output');
      expect(await store.put(empty, Buffer.alloc(0))).toEqual(sha256Of([]));
      expect(await buffer(await store.get(empty))).toHaveLength(0);
    });

    it('rejects keys outside the tenant prefix for every operation, touching nothing', async () => {
      const foreign: ObjectRef = { tenantId: tenantA, bucket: 'input', key: `${tenantB}/stolen.bin` };
      await expect(store.put(foreign, Buffer.from('x'))).rejects.toBeInstanceOf(TenantBoundaryError);
      await expect(store.get(foreign)).rejects.toBeInstanceOf(TenantBoundaryError);
      await expect(store.exists(foreign)).rejects.toBeInstanceOf(TenantBoundaryError);
      await expect(store.delete(foreign)).rejects.toBeInstanceOf(TenantBoundaryError);
      await expect(store.put({ tenantId: tenantA, bucket: 'input', key: `${tenantA}-evil/x` }, Buffer.from('x'))).rejects.toBeInstanceOf(
        TenantBoundaryError,
      );
      await expect(store.put({ tenantId: tenantA, bucket: 'input', key: `${tenantA}/` }, Buffer.from('x'))).rejects.toBeInstanceOf(
        TenantBoundaryError,
      );
      expect(await store.list(tenantB, 'input')).toEqual([]);
    });

    it('rejects traversal and absolute keys', async () => {
      const keys = [
        `${tenantA}/../${tenantB}/x.bin`,
        `${tenantA}/a/../../${tenantB}/x.bin`,
        `${tenantA}/./x.bin`,
        `${tenantA}//x.bin`,
        `${tenantA}/a\\..\\..\\x.bin`,
        `/${tenantA}/x.bin`,
        '/etc/passwd',
      ];
      for (const key of keys) {
        await expect(store.put({ tenantId: tenantA, bucket: 'input', key }, Buffer.from('x'))).rejects.toBeInstanceOf(TenantBoundaryError);
      }
      await expect(store.put({ tenantId: '..', bucket: 'input', key: '../x.bin' }, Buffer.from('x'))).rejects.toBeInstanceOf(
        TenantBoundaryError,
      );
      await expect(store.list(tenantA, 'input', '../')).rejects.toBeInstanceOf(TenantBoundaryError);
      expect(await store.list(tenantB, 'input')).toEqual([]);
    });

    it('aborts a body over maxBytes with PayloadTooLargeError and leaves no object behind', async () => {
      const r = ref(tenantA, 'big/over.bin');
      const put = store.put(r, Readable.from(patternedBytes(300 * 1024, 3)), { maxBytes: 200 * 1024 });
      await expect(put).rejects.toBeInstanceOf(PayloadTooLargeError);
      expect(await store.exists(r)).toBe(false);
      await expect(store.get(r)).rejects.toBeInstanceOf(NotFoundError);
      expect(await store.list(tenantA, 'input', 'big/')).toEqual([]);
      await expect(store.put(r, Buffer.alloc(1025), { maxBytes: 1024 })).rejects.toBeInstanceOf(PayloadTooLargeError);
      expect(await store.exists(r)).toBe(false);
      expect(await store.put(r, Buffer.alloc(1024), { maxBytes: 1024 })).toMatchObject({ size: 1024 });
    });

    it('reports a missing object as NotFoundError / false', async () => {
      await expect(store.get(ref(tenantA, 'missing/nothing.bin'))).rejects.toBeInstanceOf(NotFoundError);
      expect(await store.exists(ref(tenantA, 'missing/nothing.bin'))).toBe(false);
    });

    it('deletes idempotently', async () => {
      const r = ref(tenantA, 'delete/me.txt');
      await store.put(r, Buffer.from('bye'));
      expect(await store.exists(r)).toBe(true);
      await store.delete(r);
      await store.delete(r);
      await store.delete(ref(tenantA, 'delete/never-existed.txt'));
      expect(await store.exists(r)).toBe(false);
      await expect(store.get(r)).rejects.toBeInstanceOf(NotFoundError);
    });

    it("lists only the tenant's own keys, filtered by a prefix relative to the tenant root", async () => {
      await store.put(ref(tenantA, 'list/one.txt', 'output'), Buffer.from('1'));
      await store.put(ref(tenantA, 'list/sub/two.txt', 'output'), Buffer.from('2'));
      await store.put(ref(tenantA, 'other/three.txt', 'output'), Buffer.from('3'));
      await store.put(ref(tenantB, 'list/one.txt', 'output'), Buffer.from('b'));
      await store.put(ref(tenantA, 'list/input-only.txt', 'input'), Buffer.from('i'));
      expect(await store.list(tenantA, 'output', 'list/')).toEqual([`${tenantA}/list/one.txt`, `${tenantA}/list/sub/two.txt`]);
      expect(await store.list(tenantA, 'output', 'list/s')).toEqual([`${tenantA}/list/sub/two.txt`]);
      const all = await store.list(tenantA, 'output');
      expect(all).toEqual(expect.arrayContaining([`${tenantA}/list/one.txt`, `${tenantA}/other/three.txt`]));
      expect(all.every((k) => k.startsWith(`${tenantA}/`))).toBe(true);
      expect(await store.list(tenantB, 'output')).toEqual([`${tenantB}/list/one.txt`]);
    });
  });
}
