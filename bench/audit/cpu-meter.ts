import { readFileSync } from 'node:fs';
import pg from 'pg';

/** CPU time spent on a measured step: this process, and the Postgres backends of its database. */
export interface CpuUse {
  nodeMs: number;
  /** Undefined when the backends' CPU cannot be read (Postgres not on this host). */
  pgMs: number | undefined;
}

/** Linux USER_HZ: /proc/<pid>/stat reports CPU time in ticks of 1/100 s. */
const TICK_MS = 10;

/**
 * Starts measuring: CPU of this process (process.cpuUsage) and of every Postgres backend connected
 * to the database at `url` (utime + stime from /proc/<pid>/stat; backends that appear meanwhile
 * count from zero, so pools may open connections during the step; one that ends during the step
 * takes its CPU with it). Wall-clock rates on a box shared
 * with other work swing 2× with the load; CPU per event is what the code costs, whatever the load.
 * Only for the local stack, where the backends are processes of this host.
 */
export async function startCpuMeter(url: string): Promise<() => Promise<CpuUse>> {
  const before = await backendTicks(url);
  const node = process.cpuUsage();
  return async () => {
    const used = process.cpuUsage(node);
    const after = await backendTicks(url);
    let pgMs: number | undefined;
    if (before && after) {
      pgMs = 0;
      for (const [pid, ticks] of after) pgMs += (ticks - (before.get(pid) ?? 0)) * TICK_MS;
    }
    return { nodeMs: (used.user + used.system) / 1000, pgMs };
  };
}

async function backendTicks(url: string): Promise<Map<number, number> | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    const ticks = new Map<number, number>();
    for (const { pid } of rows) {
      try {
        // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
        const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
        ticks.set(pid, Number(fields[11]) + Number(fields[12]));
      } catch {
        // The backend ended since the query, or is not a process of this host.
      }
    }
    if (rows.length > 0 && ticks.size === 0) return undefined; // Postgres is not on this host
    return ticks;
  } finally {
    await client.end();
  }
}
