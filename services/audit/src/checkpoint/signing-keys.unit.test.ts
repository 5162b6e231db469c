import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateDevKeyRing } from './signing-keys.js';

describe('loadOrCreateDevKeyRing (embedded mode: DATA_DIR/audit-keys)', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it('creates one private key readable only by the owner, then reuses it on every later start', async () => {
    const base = await mkdtemp(join(tmpdir(), 'audit-keys-'));
    dirs.push(base);
    const dir = join(base, 'data', 'audit-keys');
    const first = await loadOrCreateDevKeyRing(dir);
    const again = await loadOrCreateDevKeyRing(dir);
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect((await stat(join(dir, files[0] as string))).mode & 0o777).toBe(0o600);
    expect(again.active.keyId).toBe(first.active.keyId);
    expect(again.all.map((k) => k.keyId)).toEqual([first.active.keyId]);
  });
});
