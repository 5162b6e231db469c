import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

/** Who holds a DATA_DIR, recorded beside the lock so a refusal can name the other instance. */
interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

export class DataDirLockedError extends Error {
  constructor(dataDir: string, owner: LockOwner | undefined) {
    const who = owner === undefined ? 'another process' : `process ${owner.pid} on ${owner.host} (since ${owner.startedAt})`;
    super(`DATA_DIR ${dataDir} is in use by ${who}. Stop that instance, or start this one with another DATA_DIR.`);
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLockOptions {
  /**
   * A lock not refreshed for this long is stale and taken over. The holder refreshes it every
   * staleMs/2; a process that was killed stops refreshing.
   */
  staleMs?: number;
  /** Called when another process took the lock over (this one stalled past staleMs): stop writing. */
  onCompromised?: (err: Error) => void;
  /** The recorded holder has exited: this waits (up to staleMs) until its lock counts as stale. */
  onWaitForExitedHolder?: (pid: number) => void;
  /** Whether a process of this host is running; injected by tests. */
  isProcessAlive?: (pid: number) => boolean;
}

const LOCK_NAME = 'medicdraft.lock';

/**
 * Makes this process the only one using `dataDir` (PGlite, object store and keys are not safe to
 * share). A live holder — on this host or, over a shared file system, on another — refreshes its
 * lock, so a second instance is refused at once with {@link DataDirLockedError}. A holder that was
 * killed leaves a lock nobody refreshes: it is taken over once stale, and when the recorded holder
 * ran on this host and has exited, this waits for that instead of refusing. A normal exit, even on
 * a signal, removes the lock.
 */
export async function lockDataDir(dataDir: string, opts: DataDirLockOptions = {}): Promise<{ release(): Promise<void> }> {
  const staleMs = opts.staleMs ?? 10_000;
  const isProcessAlive = opts.isProcessAlive ?? processIsRunning;
  const ownerFile = join(dataDir, `${LOCK_NAME}.json`);
  await mkdir(dataDir, { recursive: true });
  const options = {
    lockfilePath: join(dataDir, LOCK_NAME),
    realpath: false,
    stale: staleMs,
    onCompromised: opts.onCompromised ?? ((err: Error) => void err),
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, options);
  } catch (err) {
    if ((err as { code?: string }).code !== 'ELOCKED') throw err;
    const owner = await readOwner(ownerFile);
    const exited = owner !== undefined && owner.host === hostname() && owner.pid !== process.pid && !isProcessAlive(owner.pid);
    if (!exited) throw new DataDirLockedError(dataDir, owner);
    opts.onWaitForExitedHolder?.(owner.pid);
    // Retry until the dead holder's last refresh is older than staleMs.
    const waitMs = 500;
    release = await lockfile.lock(dataDir, {
      ...options,
      retries: { retries: Math.ceil(staleMs / waitMs) + 2, factor: 1, minTimeout: waitMs, maxTimeout: waitMs },
    });
  }
  const owner: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  await writeFile(ownerFile, JSON.stringify(owner));
  return {
    async release() {
      await rm(ownerFile, { force: true });
      await release();
    },
  };
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const o = JSON.parse(await readFile(file, 'utf8')) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.startedAt === 'string'
      ? { pid: o.pid, host: o.host, startedAt: o.startedAt }
      : undefined;
  } catch {
    return undefined;
  }
}

function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, under another user.
    return (err as { code?: string }).code === 'EPERM';
  }
}
