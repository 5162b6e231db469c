import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { Clock } from '@medicdraft/platform';
import { Upload } from '@tus/utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uploadIdOf, type UploadSpool } from './upload-spool.port.js';

/** The tenants the suite uploads under; an adapter that needs a tenant list for its sweep gets these. */
export const CONTRACT_TENANTS = ['south-metro-fire', 'north-valley-ems'] as const;

/** One backing store; each `instance` is another gateway instance over it (its own clock, same bytes). */
export interface SpoolBacking {
  instance(now: Clock, expiryMs: number): UploadSpool;
  close(): Promise<void>;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * A stream that yields `bytes` in 1000-byte chunks, then fails as a reset connection does. It reads
 * only on demand (no read-ahead buffer), like a socket whose unread bytes are still in the kernel.
 */
function dropsAfter(bytes: Buffer): Readable {
  let sent = 0;
  return new Readable({
    highWaterMark: 0,
    read() {
      if (sent >= bytes.length) {
        this.destroy(new Error('connection reset'));
        return;
      }
      this.push(bytes.subarray(sent, sent + 1000));
      sent += 1000;
    },
  });
}

/** The upload-spool port's contract (`upload-spool.port.ts`), run against every adapter. */
export function describeUploadSpoolContract(name: string, open: () => Promise<SpoolBacking>): void {
  describe(`upload spool contract: ${name}`, () => {
    let backing: SpoolBacking;
    let now = Date.parse('2026-01-01T00:00:00Z');
    const spool = () => backing.instance(() => now, 60_000);
    const newUpload = (size: number, tenant: string = CONTRACT_TENANTS[0]) =>
      new Upload({ id: uploadIdOf(tenant, randomUUID())!, size, offset: 0, metadata: { sha256: 'ab', userId: 'u-1' } });

    beforeEach(async () => {
      backing = await open();
    });
    afterEach(async () => backing.close());

    it('keeps the bytes that arrived before a connection dropped: the offset counts them', async () => {
      const s = spool();
      const audio = randomBytes(10_000);
      const u = await s.create(newUpload(audio.length));
      expect((await s.getUpload(u.id)).offset).toBe(0);
      await expect(s.write(dropsAfter(audio.subarray(0, 3000)), u.id, 0)).rejects.toThrow('connection reset');
      expect((await s.getUpload(u.id)).offset).toBe(3000);
      expect(await s.write(Readable.from([audio.subarray(3000)]), u.id, 3000)).toBe(10_000);
      const done = await s.getUpload(u.id);
      expect({ offset: done.offset, size: done.size, metadata: done.metadata }).toEqual({
        offset: 10_000,
        size: 10_000,
        metadata: { sha256: 'ab', userId: 'u-1' },
      });
      expect(sha256(await buffer(await s.content(u.id)))).toBe(sha256(audio));
    });

    it('resumes through another instance, and a range written twice (a retry while the first drains) stays intact', async () => {
      const [a, b] = [spool(), spool()];
      const audio = randomBytes(9_000);
      const u = await a.create(newUpload(audio.length));
      await a.write(Readable.from([audio.subarray(0, 2000)]), u.id, 0);
      expect((await b.getUpload(u.id)).offset).toBe(2000);
      expect(await b.write(Readable.from([audio.subarray(2000)]), u.id, 2000)).toBe(9000);
      // The first instance's late write of a range the second already has.
      await a.write(Readable.from([audio.subarray(2000, 5000)]), u.id, 2000);
      expect((await a.getUpload(u.id)).offset).toBe(9000);
      expect(sha256(await buffer(await a.content(u.id)))).toBe(sha256(audio));
    });

    it('names the accepted dictation after the bytes are gone; a repeated final write changes nothing', async () => {
      const s = spool();
      const u = await s.create(newUpload(5));
      await s.write(Readable.from([Buffer.from('hello')]), u.id, 0);
      expect(await s.dictationOf(u.id)).toBeUndefined();
      const dictationId = randomUUID();
      await s.markAccepted(u.id, dictationId);
      expect(await spool().dictationOf(u.id)).toBe(dictationId);
      expect((await s.getUpload(u.id)).offset).toBe(5);
      expect(await s.write(Readable.from([Buffer.from('hello')]), u.id, 0)).toBe(0);
      expect((await s.getUpload(u.id)).offset).toBe(5);
    });

    it('expires uploads created more than expiryMs ago, finished or not, in every tenant', async () => {
      const s = spool();
      const done = await s.create(newUpload(5));
      await s.write(Readable.from([Buffer.from('hello')]), done.id, 0);
      await s.markAccepted(done.id, randomUUID());
      const open = await s.create(newUpload(5, CONTRACT_TENANTS[1]));
      await s.write(Readable.from([Buffer.from('he')]), open.id, 0);
      now += 30_000;
      const fresh = await s.create(newUpload(5));
      now += 31_000;
      expect(await s.deleteExpired()).toBe(2);
      await expect(s.getUpload(done.id)).rejects.toMatchObject({ status_code: 404 });
      await expect(s.getUpload(open.id)).rejects.toMatchObject({ status_code: 404 });
      expect((await s.getUpload(fresh.id)).offset).toBe(0);
      expect(s.expiryMs).toBe(60_000);
    });

    it('removes an abandoned upload; it is not found afterwards', async () => {
      const s = spool();
      const u = await s.create(newUpload(5));
      await s.write(Readable.from([Buffer.from('hel')]), u.id, 0);
      await s.remove(u.id);
      await expect(s.getUpload(u.id)).rejects.toMatchObject({ status_code: 404 });
      await expect(s.remove(u.id)).rejects.toMatchObject({ status_code: 404 });
    });

    it('resolves only tenant/uuid ids: anything else is not found, never a path', async () => {
      const s = spool();
      for (const id of ['../etc/passwd', 'south-metro-fire/../../x', 'south-metro-fire', `Bad Tenant/${randomUUID()}`])
        await expect(s.getUpload(id)).rejects.toMatchObject({ status_code: 404 });
      await expect(s.getUpload(uploadIdOf('south-metro-fire', randomUUID())!)).rejects.toMatchObject({ status_code: 404 });
      expect(uploadIdOf('south-metro-fire', 'not-a-uuid')).toBeUndefined();
    });
  });
}
