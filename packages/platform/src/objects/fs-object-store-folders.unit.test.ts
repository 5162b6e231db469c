import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFsObjectStore } from './fs-object-store.js';
import type { ObjectRef } from './object-store.port.js';
import { createLocalKeyService } from '../keys/local-key-service.js';

// Counts the store's directory creations: each is a trip through libuv's thread pool, and a busy
// embedded pipeline puts several objects per dictation into folders that already exist.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, mkdir: vi.fn(actual.mkdir) };
});
const mkdirCalls = vi.mocked(fsp.mkdir);

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => fsp.rm(d, { recursive: true, force: true })));
});
const keys = createLocalKeyService({ masterKey: randomBytes(32), keyId: 'local:test' });
const ref = (key: string): ObjectRef => ({ tenantId: 't-a', bucket: 'output', key: `t-a/${key}` });

describe('createFsObjectStore folders', () => {
  beforeEach(() => {
    mkdirCalls.mockClear();
  });

  it('creates a folder only when a put finds it missing', async () => {
    const rootDir = await fsp.mkdtemp(join(tmpdir(), 'md-fs-folders-'));
    dirs.push(rootDir);
    const store = createFsObjectStore({ rootDir, keys });
    await store.put(ref('d1/transcript.json'), Buffer.from('one'));
    const first = mkdirCalls.mock.calls.length;
    expect(first).toBeGreaterThan(0);
    mkdirCalls.mockClear();
    await store.put(ref('d1/document.json'), Buffer.from('two'));
    await store.put(ref('d1/transcript.json'), Buffer.from('three'));
    expect(mkdirCalls).not.toHaveBeenCalled();
    expect((await buffer(await store.get(ref('d1/transcript.json')))).toString()).toBe('three');
  });

  it('puts again after its folders were removed under it', async () => {
    const rootDir = await fsp.mkdtemp(join(tmpdir(), 'md-fs-folders-'));
    dirs.push(rootDir);
    const store = createFsObjectStore({ rootDir, keys });
    await store.put(ref('d2/a.json'), Buffer.from('a'));
    await fsp.rm(rootDir, { recursive: true, force: true });
    await store.put(ref('d2/b.json'), Buffer.from('b'));
    expect((await buffer(await store.get(ref('d2/b.json')))).toString()).toBe('b');
    expect(await fsp.readdir(join(rootDir, '.tmp'))).toEqual([]);
  });
});
