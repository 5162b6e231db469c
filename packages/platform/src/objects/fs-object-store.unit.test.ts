import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { describeObjectStoreContract, patternedBytes, sha256Of } from './object-store.contract.js';
import { createFsObjectStore } from './fs-object-store.js';
import type { ObjectRef } from './object-store.port.js';
import { createLocalKeyService } from '../keys/local-key-service.js';
import { AppError, PayloadTooLargeError, TenantBoundaryError } from '../errors.js';

const dirs: string[] = [];
async function tempRoot(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'md-fs-objects-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const keys = createLocalKeyService({ masterKey: randomBytes(32), keyId: 'local:test' });

describeObjectStoreContract('filesystem', async () => createFsObjectStore({ rootDir: await tempRoot(), keys }));

describe('createFsObjectStore at rest', () => {
  const refA: ObjectRef = { tenantId: 't-a', bucket: 'input', key: 't-a/2024/05/06/d1/dictation.txt' };
  const canary = 'CANARY-patient-said-chest-pain-0xC0FFEE';

  async function storeWithObject(body: Buffer | Readable = Buffer.from(`${canary} `.repeat(500))) {
    const rootDir = await tempRoot();
    const store = createFsObjectStore({ rootDir, keys });
    await store.put(refA, body);
    return { rootDir, store, path: join(rootDir, 'input', ...refA.key.split('/')) };
  }
  const readAll = async (stream: Promise<Readable>) => buffer(await stream);

  it('stores ciphertext only, readable by the owner alone (mode 0600)', async () => {
    const { path, store } = await storeWithObject();
    const onDisk = await readFile(path);
    expect(onDisk.includes(Buffer.from(canary))).toBe(false);
    expect(onDisk.includes(Buffer.from('CANARY'))).toBe(false);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await readAll(store.get(refA))).toString()).toContain(canary);
  });

  it("refuses to decrypt an object moved under another tenant's key", async () => {
    const { rootDir, path, store } = await storeWithObject();
    const refB: ObjectRef = { tenantId: 't-b', bucket: 'input', key: 't-b/2024/05/06/d1/dictation.txt' };
    const pathB = join(rootDir, 'input', ...refB.key.split('/'));
    await mkdir(dirname(pathB), { recursive: true });
    await copyFile(path, pathB);
    await expect(store.get(refB)).rejects.toBeInstanceOf(TenantBoundaryError);
  });

  it('refuses an object written under another master key', async () => {
    const { rootDir } = await storeWithObject();
    const other = createFsObjectStore({ rootDir, keys: createLocalKeyService({ masterKey: randomBytes(32), keyId: 'x' }) });
    await expect(other.get(refA)).rejects.toBeInstanceOf(TenantBoundaryError);
  });

  it('fails reading a truncated, extended or altered file', async () => {
    const total = 200 * 1024; // 3 full 64 KiB records + a final 8 KiB one
    const expectIntegrityFailure = async (mutate: (path: string, size: number) => Promise<void>) => {
      const { path, store } = await storeWithObject(Readable.from(patternedBytes(total)));
      const size = (await stat(path)).size;
      await mutate(path, size);
      const err = await readAll(store.get(refA)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('object_integrity');
    };
    await expectIntegrityFailure((p, size) => truncate(p, size - 100));
    await expectIntegrityFailure((p, size) => truncate(p, size - (5 + 8 * 1024 + 16))); // whole final record dropped
    await expectIntegrityFailure(async (p) => writeFile(p, Buffer.from([1, 0, 0, 0, 0]), { flag: 'a' }));
    await expectIntegrityFailure(async (p) => {
      const bytes = await readFile(p);
      bytes[bytes.length - 70_000] = (bytes[bytes.length - 70_000] ?? 0) ^ 0xff;
      await writeFile(p, bytes);
    });
    await expectIntegrityFailure(async (p) => {
      const bytes = await readFile(p);
      bytes[8] = (bytes[8] ?? 0) ^ 0x01; // inside the header's key id
      await writeFile(p, bytes);
    });
  });

  it('round-trips bodies that end exactly on a chunk boundary', async () => {
    for (const size of [64 * 1024, 128 * 1024, 64 * 1024 + 1]) {
      const { store } = await storeWithObject(Readable.from(patternedBytes(size, size)));
      expect(sha256Of([await readAll(store.get(refA))])).toEqual(sha256Of(patternedBytes(size, size)));
    }
  });

  it('removes the temp file of an oversized put', async () => {
    const rootDir = await tempRoot();
    const store = createFsObjectStore({ rootDir, keys });
    await expect(store.put(refA, Readable.from(patternedBytes(100_000)), { maxBytes: 50_000 })).rejects.toBeInstanceOf(
      PayloadTooLargeError,
    );
    expect(await readdir(join(rootDir, '.tmp'))).toEqual([]);
  });
});
