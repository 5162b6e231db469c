import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeKeyServiceContract } from './key-service.contract.js';
import { createLocalKeyService } from './local-key-service.js';
import { loadOrCreateLocalMasterKey } from './local-master-key.js';
import { TenantBoundaryError, ValidationError } from '../errors.js';

describeKeyServiceContract('local', () => createLocalKeyService({ masterKey: randomBytes(32), keyId: 'local:test' }));

describe('createLocalKeyService', () => {
  it('cannot unwrap a data key wrapped under another master key', async () => {
    const a = createLocalKeyService({ masterKey: randomBytes(32), keyId: 'a' });
    const b = createLocalKeyService({ masterKey: randomBytes(32), keyId: 'b' });
    const dk = await a.generateDataKey({ tenantId: 't1' });
    await expect(b.decrypt(dk.wrapped, { tenantId: 't1' })).rejects.toBeInstanceOf(TenantBoundaryError);
  });

  it('rejects a master key that is not 32 bytes and a malformed wrapped key', async () => {
    expect(() => createLocalKeyService({ masterKey: randomBytes(16), keyId: 'x' })).toThrow(ValidationError);
    const keys = createLocalKeyService({ masterKey: randomBytes(32), keyId: 'x' });
    await expect(keys.decrypt(Buffer.alloc(10), { tenantId: 't1' })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('loadOrCreateLocalMasterKey', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'md-master-key-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('creates a 0600 key file on first use and returns the same key afterwards', async () => {
    const path = join(await tempDir(), 'keys', 'master.key');
    const first = await loadOrCreateLocalMasterKey(path);
    expect(first.masterKey).toHaveLength(32);
    expect(first.keyId).toMatch(/^local:[0-9a-f]{16}$/);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const second = await loadOrCreateLocalMasterKey(path);
    expect(second.masterKey.equals(first.masterKey)).toBe(true);
    expect(second.keyId).toBe(first.keyId);
    expect((await readFile(path)).equals(first.masterKey)).toBe(true);
  });

  it('agrees on one key when several starts race', async () => {
    const path = join(await tempDir(), 'master.key');
    const results = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateLocalMasterKey(path)));
    expect(new Set(results.map((r) => r.keyId)).size).toBe(1);
  });

  it('refuses a key file of the wrong size', async () => {
    const path = join(await tempDir(), 'master.key');
    await writeFile(path, Buffer.alloc(5));
    await expect(loadOrCreateLocalMasterKey(path)).rejects.toBeInstanceOf(ValidationError);
  });
});
