import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.js';

describe('lockDataDir', () => {
  let dataDir: string;
  const held: { release(): Promise<void> }[] = [];
  const lock = async (opts: Parameters<typeof lockDataDir>[1] = {}) => {
    const l = await lockDataDir(dataDir, opts);
    held.push(l);
    return l;
  };
  /** What a process killed with SIGKILL leaves behind: the lock directory and its owner record. */
  const leaveLockOf = async (owner: { pid: number; host: string }, mtime: Date) => {
    await mkdir(join(dataDir, 'medicdraft.lock'), { recursive: true });
    await utimes(join(dataDir, 'medicdraft.lock'), mtime, mtime);
    await writeFile(join(dataDir, 'medicdraft.lock.json'), JSON.stringify({ ...owner, startedAt: mtime.toISOString() }));
  };

  beforeEach(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'md-lock-')), 'data');
  });
  afterEach(async () => {
    for (const l of held.splice(0)) await l.release().catch(() => undefined);
    await rm(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('creates DATA_DIR and refuses a second holder, naming the first', async () => {
    await lock();
    const second = lockDataDir(dataDir);
    await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(second).rejects.toThrow(`DATA_DIR ${dataDir} is in use by process ${process.pid} on ${hostname()}`);
  });

  it('is free again once released, and leaves nothing behind', async () => {
    const first = await lock();
    await first.release();
    expect(await readdir(dataDir)).toEqual([]);
    await expect(lock()).resolves.toBeDefined();
  });

  it('takes over a lock its holder stopped refreshing (a killed process on any host)', async () => {
    await leaveLockOf({ pid: 4242, host: 'elsewhere' }, new Date(Date.now() - 60_000));
    await expect(lock({ isProcessAlive: () => true })).resolves.toBeDefined();
  });

  it('takes over a fresh lock whose holder on this host has exited, once it stops being refreshed', async () => {
    await leaveLockOf({ pid: 4242, host: hostname() }, new Date());
    const checked: number[] = [];
    const isProcessAlive = (pid: number) => (checked.push(pid), false);
    const waitedFor: number[] = [];
    await expect(lock({ staleMs: 2_000, isProcessAlive, onWaitForExitedHolder: (pid) => waitedFor.push(pid) })).resolves.toBeDefined();
    expect(checked).toEqual([4242]);
    expect(waitedFor).toEqual([4242]);
  });

  it('refuses a fresh lock whose holder is alive or on another host', async () => {
    await leaveLockOf({ pid: 4242, host: 'elsewhere' }, new Date());
    await expect(lockDataDir(dataDir, { isProcessAlive: () => false })).rejects.toThrow('in use by process 4242 on elsewhere');
    await rm(join(dataDir, 'medicdraft.lock.json'));
    await expect(lockDataDir(dataDir)).rejects.toThrow(`DATA_DIR ${dataDir} is in use by another process`);
  });
});
