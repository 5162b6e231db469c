import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Upload } from '@tus/utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SpoolUploadStore, uploadIdOf } from './spool-upload-store.js';

describe('spool upload store', () => {
  let dir: string;
  let now = Date.parse('2026-01-01T00:00:00Z');
  const store = () => new SpoolUploadStore({ directory: dir, expiryMs: 60_000, now: () => now });
  const newUpload = (size: number, tenant = 'south-metro-fire') => new Upload({ id: uploadIdOf(tenant, randomUUID())!, size, offset: 0 });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spool-store-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('keeps the bytes that arrived before a connection dropped: the offset is what is on disk', async () => {
    const s = store();
    const u = await s.create(newUpload(10_000));
    let sent = 0;
    const dropping = new Readable({
      read() {
        if (sent >= 3000) {
          this.destroy(new Error('connection reset'));
          return;
        }
        sent += 1000;
        this.push(Buffer.alloc(1000, 1));
      },
    });
    await expect(s.write(dropping, u.id, 0)).rejects.toThrow('connection reset');
    expect((await s.getUpload(u.id)).offset).toBe(3000);
    expect(await s.write(Readable.from([Buffer.alloc(7000, 2)]), u.id, 3000)).toBe(10_000);
    expect((await s.getUpload(u.id)).offset).toBe(10_000);
  });

  it('names the accepted dictation after the bytes are gone, and expires old uploads (finished or not)', async () => {
    const s = store();
    const done = await s.create(newUpload(5));
    await s.write(Readable.from([Buffer.from('hello')]), done.id, 0);
    const dictationId = randomUUID();
    await s.markAccepted(done.id, dictationId);
    expect(await s.dictationOf(done.id)).toBe(dictationId);
    expect((await s.getUpload(done.id)).offset).toBe(5);
    const open = await s.create(newUpload(5, 'north-valley-ems'));
    now += 30_000;
    const fresh = await s.create(newUpload(5));
    now += 31_000;
    expect(await s.deleteExpired()).toBe(2);
    await expect(s.getUpload(done.id)).rejects.toMatchObject({ status_code: 404 });
    await expect(s.getUpload(open.id)).rejects.toMatchObject({ status_code: 404 });
    expect((await s.getUpload(fresh.id)).offset).toBe(0);
  });

  it('resolves only tenant/uuid ids: anything else is not found, never a path', async () => {
    const s = store();
    for (const id of ['../etc/passwd', 'south-metro-fire/../../x', 'south-metro-fire', `Bad Tenant/${randomUUID()}`])
      await expect(s.getUpload(id)).rejects.toMatchObject({ status_code: 404 });
    expect(uploadIdOf('south-metro-fire', 'not-a-uuid')).toBeUndefined();
  });
});
