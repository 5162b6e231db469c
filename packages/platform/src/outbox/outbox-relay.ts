import type { Logger } from 'pino';
import type { EventPublisher } from '../bus/event-bus.port.js';
import { systemClock, type Clock } from '../clock.js';
import { advisoryKey } from '../db/advisory-key.js';
import type { Database } from '../db/database.port.js';
import { hasNotifications } from '../db/notification-source.js';
import { qualified } from '../db/sql-identifier.js';
import { outboxChannel } from './outbox-migrations.js';

/** An outbox row on its way to the bus. */
export interface RelayedRecord {
  seq: string;
  id: string;
  tenantId: string;
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Fault-injection points for tests; throwing from one simulates a crash at that point. */
export interface OutboxRelayHooks {
  /** After the batch is read and locked, before anything is published. */
  beforePublish?(records: readonly RelayedRecord[]): void | Promise<void>;
  /** After the publisher acknowledged the batch, before `published_at` is written. */
  afterPublish?(records: readonly RelayedRecord[]): void | Promise<void>;
}

export interface OutboxRelayOptions {
  db: Database;
  schema: string;
  publisher: EventPublisher;
  batchSize?: number;
  /** Fallback poll; with LISTEN/NOTIFY the relay normally wakes on commit. */
  pollIntervalMs?: number;
  maxBackoffMs?: number;
  clock?: Clock;
  logger?: Pick<Logger, 'warn' | 'debug'>;
  hooks?: OutboxRelayHooks;
  /** Published rows older than this are deleted by the running relay. Default one hour. */
  retentionMs?: number;
  /** How often the running relay prunes. Default one minute. */
  pruneIntervalMs?: number;
}

export interface OutboxRelay {
  start(): Promise<void>;
  /** Stops waking up, lets an in-flight batch finish (publish + mark), stops listening. */
  stop(): Promise<void>;
  /** Relays batches until the outbox is empty; returns how many records were published. */
  drainOnce(): Promise<number>;
  /** Deletes rows published more than `retentionMs` ago; returns how many. Never touches unpublished rows. */
  pruneOnce(): Promise<number>;
  /** Rows not yet published (every tenant) and the age of the oldest, by the database's clock; one indexed query. */
  backlog(): Promise<OutboxBacklog>;
}

export interface OutboxBacklog {
  rows: number;
  /** 0 when nothing waits. */
  oldestAgeSeconds: number;
}

interface OutboxRow {
  seq: string;
  id: string;
  tenant_id: string;
  topic: string;
  key: string;
  value: string;
  headers: Record<string, unknown> | null;
}

/**
 * Moves committed outbox rows to the bus, at least once and in seq order. One batch is one
 * `withRelay` transaction: lock the oldest unpublished rows (FOR UPDATE SKIP LOCKED), publish
 * them and await the acks, then set `published_at`, then commit. A crash anywhere before the
 * commit leaves the rows unpublished, so they are published again by the next relay — consumers
 * dedupe with `processOnce`. Only one relay per schema works at a time (transaction-scoped
 * advisory lock; the others find it taken and wait for their next wake-up), because two relays
 * taking disjoint batches concurrently could reorder events of one key.
 */
export function createOutboxRelay(opts: OutboxRelayOptions): OutboxRelay {
  const table = qualified(opts.schema, 'outbox');
  const batchSize = opts.batchSize ?? 100;
  const pollMs = opts.pollIntervalMs ?? 1_000;
  const maxBackoffMs = opts.maxBackoffMs ?? 10_000;
  const clock = opts.clock ?? systemClock;
  const lockKey = advisoryKey(`medicdraft.outbox-relay.${opts.schema}`);
  const retentionMs = opts.retentionMs ?? 3_600_000;
  const pruneIntervalMs = opts.pruneIntervalMs ?? 60_000;
  const pruneBatch = 10_000;
  let lastPrune = Number.NEGATIVE_INFINITY;

  let state: 'idle' | 'running' | 'stopping' = 'idle';
  let loop: Promise<void> | undefined;
  let unlisten: (() => Promise<void>) | undefined;
  let notified = false;
  let onNotified: (() => void) | undefined;
  let interrupt: (() => void) | undefined;
  let drains: Promise<unknown> = Promise.resolve();

  const wake = () => {
    notified = true;
    onNotified?.();
  };

  function relayBatch(): Promise<number> {
    return opts.db.withRelay(async (tx) => {
      // The lock as the read's one-time filter (an uncorrelated sub-select runs once, before any
      // row is scanned): a relay that finds it taken reads nothing, in the same round trip.
      const { rows } = await tx.query<OutboxRow>(
        // Order by the bigint column, not by the text alias (which would put '10' before '9').
        `SELECT o.seq::text AS seq, o.id::text AS id, o.tenant_id, o.topic, o.key, o.value, o.headers FROM ${table} o
          WHERE (SELECT pg_try_advisory_xact_lock($2::bigint)) AND o.published_at IS NULL
          ORDER BY o.seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batchSize, lockKey],
      );
      if (rows.length === 0) return 0;
      const records = rows.map(toRecord);
      await opts.hooks?.beforePublish?.(records);
      await opts.publisher.publish(records.map(({ topic, key, value, headers }) => ({ topic, key, value, headers })));
      await opts.hooks?.afterPublish?.(records);
      await tx.query(`UPDATE ${table} SET published_at = to_timestamp($1::double precision / 1000) WHERE seq = ANY($2::bigint[])`, [
        clock(),
        records.map((r) => r.seq),
      ]);
      opts.logger?.debug({ count: records.length, lastSeq: records[records.length - 1]?.seq }, 'outbox batch relayed');
      return records.length;
    });
  }

  function drainOnce(): Promise<number> {
    const run = drains.then(async () => {
      let total = 0;
      for (;;) {
        const n = await relayBatch();
        total += n;
        if (n < batchSize || state === 'stopping') return total;
      }
    });
    drains = run.catch(() => undefined);
    return run;
  }

  async function pruneOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      // Walks the primary key from the oldest row; the restrictive policy also guarantees that
      // nothing unpublished is deleted even if this predicate were wrong.
      const deleted = await opts.db.withRelay(async (tx) => {
        const { rowCount } = await tx.query(
          `DELETE FROM ${table} WHERE seq IN (SELECT seq FROM ${table}
             WHERE published_at < to_timestamp($1::double precision / 1000) ORDER BY seq LIMIT $2)`,
          [clock() - retentionMs, pruneBatch],
        );
        return rowCount;
      });
      total += deleted;
      if (deleted < pruneBatch) return total;
    }
  }

  function sleep(ms: number, wakeOnNotify: boolean): Promise<void> {
    if (wakeOnNotify && notified) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        onNotified = undefined;
        interrupt = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      interrupt = done;
      // While backing off after a failure, commits must not turn into a hot retry loop.
      onNotified = wakeOnNotify ? done : undefined;
    });
  }

  async function run(): Promise<void> {
    let failures = 0;
    while (state === 'running') {
      notified = false;
      try {
        await drainOnce();
        failures = 0;
        if (clock() - lastPrune >= pruneIntervalMs) {
          lastPrune = clock();
          const pruned = await pruneOnce();
          if (pruned > 0) opts.logger?.debug({ pruned }, 'outbox pruned');
        }
      } catch (err) {
        failures += 1;
        const e = err as { code?: unknown; message?: unknown };
        opts.logger?.warn({ err: { code: e.code, message: e.message }, failures }, 'outbox relay failed; retrying');
      }
      if (state !== 'running') break;
      const delay = failures === 0 ? pollMs : Math.min(maxBackoffMs, pollMs * 2 ** Math.min(failures - 1, 16));
      await sleep(delay, failures === 0);
    }
  }

  async function backlog(): Promise<OutboxBacklog> {
    return opts.db.withRelay(async (tx) => {
      const { rows } = await tx.query<{ n: number; age: number | null }>(
        `SELECT count(*)::int AS n, extract(epoch FROM now() - min(created_at))::float8 AS age FROM ${table} WHERE published_at IS NULL`,
      );
      return { rows: rows[0]?.n ?? 0, oldestAgeSeconds: Math.max(0, rows[0]?.age ?? 0) };
    });
  }

  return {
    drainOnce,
    pruneOnce,
    backlog,
    async start() {
      if (state !== 'idle') return;
      state = 'running';
      if (hasNotifications(opts.db)) {
        try {
          unlisten = await opts.db.listen(outboxChannel(opts.schema), wake);
        } catch (err) {
          opts.logger?.warn({ err: { message: (err as Error).message } }, 'outbox relay cannot listen; polling only');
        }
      }
      loop = run();
    },
    async stop() {
      if (state === 'running') {
        state = 'stopping';
        interrupt?.();
        await loop;
        await unlisten?.();
        unlisten = undefined;
        loop = undefined;
        state = 'idle';
      } else if (loop) {
        await loop;
      }
    },
  };
}

function toRecord(row: OutboxRow): RelayedRecord {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(row.headers ?? {})) headers[k] = String(v);
  return { seq: row.seq, id: row.id, tenantId: row.tenant_id, topic: row.topic, key: row.key, value: row.value, headers };
}
