import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createFsObjectStore, createLocalKeyService } from '@medicdraft/platform';
import { Upload } from '@tus/utils';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTRACT_TENANTS, describeUploadSpoolContract } from './upload-spool.contract.js';
import { createObjectUploadSpool } from './object-upload-spool.js';
import { uploadIdOf } from './upload-spool.port.js';

const keys = createLocalKeyService({ masterKey: randomBytes(32), keyId: 'local:test' });
const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

// The object store's filesystem adapter (envelope-encrypted) stands in for S3 here; the int test runs S3 on moto.
describeUploadSpoolContract('object store (filesystem adapter)', async () => {
  const rootDir = await mkdtemp(join(tmpdir(), 'spool-objects-'));
  const objects = createFsObjectStore({ rootDir, keys });
  return {
    // Small parts, so one request's bytes become several objects.
    instance: (now, expiryMs) =>
      createObjectUploadSpool({ objects, expiryMs, now, tenants: async () => CONTRACT_TENANTS, partBytes: 1500 }),
    close: () => rm(rootDir, { recursive: true, force: true }),
  };
});

describe('object upload spool at rest', () => {
  it('keeps no clear byte of the audio or its metadata in the stored objects', async () => {
    const rootDir = await mkdtemp(join(tmpdir(), 'spool-objects-'));
    roots.push(rootDir);
    const spool = createObjectUploadSpool({ objects: createFsObjectStore({ rootDir, keys }), expiryMs: 60_000, tenants: async () => [] });
    const canary = Buffer.from('CANARY-patient-said-chest-pain '.repeat(20));
    const u = await spool.create(
      new Upload({
        id: uploadIdOf('south-metro-fire', randomUUID())!,
        size: canary.length,
        offset: 0,
        metadata: { incident: 'CANARY-INCIDENT-77' },
      }),
    );
    await spool.write(Readable.from([canary]), u.id, 0);
    const files = (await readdir(rootDir, { recursive: true, withFileTypes: true })).filter((f) => f.isFile());
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) expect((await readFile(join(f.parentPath, f.name))).toString('latin1')).not.toMatch(/CANARY/);
  });
});
