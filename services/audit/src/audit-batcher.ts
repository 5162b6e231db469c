import type { Database } from '@medicdraft/platform';
import type { AuditRecord } from './audit-record.js';
import { appendAuditRecords, type AppendedLink } from './audit-store.js';

export interface AuditBatcherOptions {
  db: Database;
  /** Flush as soon as this many records wait. */
  maxBatch: number;
  /** Otherwise flush this long after the first waiting record (ms). */
  lingerMs: number;
  /** Called after a tenant's records committed (checkpointer, mirror, heartbeat offsets). */
  onAppended?: (tenantId: string, links: readonly AppendedLink[], records: readonly AuditRecord[]) => void;
}

export interface AuditBatcher {
  /** Resolves once the record is durably in the chain (or was a duplicate); rejects if its batch failed. */
  append(record: AuditRecord): Promise<void>;
  /** Records waiting for or inside a flush (the embedded heartbeat's lag). */
  pending(): number;
  /** Flushes what waits and waits for running flushes. */
  drain(): Promise<void>;
}

interface Waiting {
  record: AuditRecord;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Consume → buffer → one transaction per tenant per batch. Each partition hands over one record at
 * a time and waits for it to be durable before its offset may be committed, so a batch gathers
 * the records of every partition in flight (and the consumer's concurrency bounds the batch).
 * Group commit: while a batch is being written, a partial batch is not flushed on its own but
 * goes out as soon as that write ends, so a slow transaction makes the next batch bigger instead
 * of queueing many small transactions on the tenant's chain lock. A full batch (maxBatch) is
 * written at once regardless.
 * A failed tenant transaction rejects only that tenant's records: their partitions are held and
 * redelivered by the bus, and because appends dedupe on event id the retry is harmless.
 */
export function createAuditBatcher(opts: AuditBatcherOptions): AuditBatcher {
  let waiting: Waiting[] = [];
  let timer: NodeJS.Timeout | undefined;
  let inFlight = 0;
  const running = new Set<Promise<void>>();

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = waiting;
    waiting = [];
    if (batch.length === 0) return;
    inFlight += batch.length;
    const run = writeBatch(batch).finally(() => {
      inFlight -= batch.length;
      running.delete(run);
      // Group commit: what arrived while this batch was written goes out together, at once.
      if (running.size === 0 && waiting.length > 0) flush();
    });
    running.add(run);
  };

  async function writeBatch(batch: Waiting[]): Promise<void> {
    const byTenant = new Map<string, Waiting[]>();
    for (const w of batch) {
      const list = byTenant.get(w.record.tenantId);
      if (list) list.push(w);
      else byTenant.set(w.record.tenantId, [w]);
    }
    await Promise.all(
      [...byTenant].map(async ([tenantId, items]) => {
        const records = items.map((w) => w.record);
        try {
          const links = await appendAuditRecords(opts.db, tenantId, records);
          opts.onAppended?.(tenantId, links, records);
          for (const w of items) w.resolve();
        } catch (err) {
          for (const w of items) w.reject(err);
        }
      }),
    );
  }

  return {
    append(record) {
      return new Promise<void>((resolve, reject) => {
        waiting.push({ record, resolve, reject });
        if (waiting.length >= opts.maxBatch) flush();
        else if (running.size === 0) timer ??= setTimeout(flush, opts.lingerMs);
      });
    },
    pending: () => waiting.length + inFlight,
    async drain() {
      while (waiting.length > 0 || running.size > 0) {
        flush();
        await Promise.all([...running]);
      }
    },
  };
}
