import { createHash, randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ValidationError } from '../errors.js';

export interface LocalMasterKey {
  masterKey: Buffer;
  /** Stable, non-secret id derived from the key (a truncated SHA-256 fingerprint). */
  keyId: string;
}

/**
 * Loads the embedded mode's master key from `path`, creating it (32 random bytes, mode 0600, parent
 * directory 0700) on first start. The new key is written to a temp file and hard-linked into place,
 * so two processes starting at once agree on one complete key. Losing this file makes every stored
 * object unreadable: it belongs in the data dir backup.
 */
export async function loadOrCreateLocalMasterKey(path: string): Promise<LocalMasterKey> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, randomBytes(32), { flag: 'wx', mode: 0o600 });
    await link(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await rm(tmp, { force: true });
  }
  const masterKey = await readFile(path);
  if (masterKey.length !== 32) throw new ValidationError('local master key file must hold exactly 32 bytes');
  // Tighten a key file someone loosened by hand; a no-op on the normal path.
  await chmod(path, 0o600);
  const fingerprint = createHash('sha256').update(masterKey).digest('hex').slice(0, 16);
  return { masterKey, keyId: `local:${fingerprint}` };
}
