import type { Database } from '@medicdraft/platform';
import type { AuditRecord } from './audit-record.js';
import { appendAuditRecords, type AppendedLink } from './audit-store.js';

export interface AuditBatcherOptions {
  db: Database;
  /** Most records in one transaction; a tenant with nothing running flushes as soon as this many wait. */
  maxBatch: number;
  /** Otherwise a tenant flushes this long after its first waiting record (ms). */
  lingerMs: number;
  /** Called after a tenant's records committed (checkpointer, mirror, heartbeat offsets). */
  onAppended?: (tenantId: string, links: readonly AppendedLink[], records: readonly AuditRecord[]) => void;
}

export interface AuditBatcher {
  /** Resolves once the record is durably in the chain (or was a duplicate); rejects if its batch failed. */
  append(record: AuditRecord): Promise<void>;
  /** `append` for many records with one promise: resolves once all are durable, rejects with the first failed batch. */
  appendAll(records: readonly AuditRecord[]): Promise<void>;
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

/** One tenant's records: waiting for a transaction, and the transaction writing its chain now, if any. */
interface TenantQueue {
  waiting: Waiting[];
  timer: NodeJS.Timeout | undefined;
  running: Promise<void> | undefined;
}

/**
 * Consume → buffer → one transaction per tenant per batch. Each partition hands over the records
 * of one fetch (`appendAll`) and waits for them to be durable before its offsets may be committed,
 * so a batch gathers the records of every partition in flight.
 * Per tenant, at most one transaction runs at a time: a second one could only wait for the
 * first's chain lock (holding a pooled connection meanwhile), so instead its records wait here and
 * go out together, at once, when the running one ends (group commit). A tenant with nothing
 * running flushes when maxBatch records wait or lingerMs after its first waiting record. Tenants
 * never wait for each other.
 * A failed tenant transaction rejects only that batch's records: their partitions are held and
 * redelivered by the bus, and because appends dedupe on event id the retry is harmless.
 */
export function createAuditBatcher(opts: AuditBatcherOptions): AuditBatcher {
  const queues = new Map<string, TenantQueue>();
  let pending = 0;

  const flush = (tenantId: string, q: TenantQueue) => {
    clearTimeout(q.timer);
    q.timer = undefined;
    if (q.running || q.waiting.length === 0) return;
    const batch = q.waiting.splice(0, opts.maxBatch);
    q.running = writeBatch(tenantId, batch).finally(() => {
      pending -= batch.length;
      q.running = undefined;
      if (q.waiting.length > 0) flush(tenantId, q);
      else queues.delete(tenantId);
    });
  };

  async function writeBatch(tenantId: string, batch: Waiting[]): Promise<void> {
    const records = batch.map((w) => w.record);
    try {
      const links = await appendAuditRecords(opts.db, tenantId, records);
      opts.onAppended?.(tenantId, links, records);
      for (const w of batch) w.resolve();
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }

  const enqueue = (record: AuditRecord, resolve: () => void, reject: (err: unknown) => void) => {
    const tenantId = record.tenantId;
    let q = queues.get(tenantId);
    if (!q) queues.set(tenantId, (q = { waiting: [], timer: undefined, running: undefined }));
    q.waiting.push({ record, resolve, reject });
    pending++;
    if (q.running) return; // goes out when the running transaction ends
    if (q.waiting.length >= opts.maxBatch) flush(tenantId, q);
    else q.timer ??= setTimeout(() => flush(tenantId, q), opts.lingerMs);
  };

  return {
    append: (record) => new Promise<void>((resolve, reject) => enqueue(record, resolve, reject)),
    appendAll(records) {
      if (records.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        let left = records.length;
        let failed = false;
        const one = () => {
          if (--left === 0 && !failed) resolve();
        };
        const fail = (err: unknown) => {
          if (failed) return;
          failed = true;
          reject(err);
        };
        for (const record of records) enqueue(record, one, fail);
      });
    },
    pending: () => pending,
    async drain() {
      while (queues.size > 0) {
        for (const [tenantId, q] of queues) flush(tenantId, q);
        await Promise.all([...queues.values()].map((q) => q.running));
      }
    },
  };
}
