import { GLOBAL_HALT_KEY } from '@medicdraft/contracts';
import type { Logger } from 'pino';
import { deadLetterOf, describeFailure, publishDeadLetter } from '../bus/dead-letter.js';
import type {
  BatchHandler,
  BatchRecordResult,
  ConsumedRecord,
  EventPublisher,
  HandleResult,
  RecordHandler,
} from '../bus/event-bus.port.js';
import { systemClock, type Clock } from '../clock.js';
import type { Database, Queryable } from '../db/database.port.js';
import { isAppError, UnknownTenantError } from '../errors.js';
import { runWithLogContext } from '../runtime/log-context.js';
import type { GateView } from '../gates/gate-view.js';
import {
  CONFIRMED_REASON,
  createParkedRecords,
  UNCONFIRMED_REASON as UNCONFIRMED,
  type ParkedRecord,
  type ToPark,
} from './parked-records.js';
import type { ParkingObserver } from './parking-metrics.js';

/** What a consumer learns from a record's validated envelope before any work. */
export interface RecordWork {
  tenantId: string;
  /** PHI work (audio, HealthScribe output) needs PHI mode; other work an open, unhalted tenant. */
  phi: boolean;
  /** When the event was created (epoch ms): only a directory issued later may call its tenant unknown. */
  occurredAt?: number;
}

/** What `ParkingWork.prepare` made of one record. */
export type Prepared<P> =
  /** Apply it, with this value, in the tenant's transaction. */
  | { action: 'apply'; value: P }
  /** Nothing to apply (e.g. handled before: the dedupe already knows the event). */
  | { action: 'done' }
  /** A dead letter (its error carries the reason), or any other error: a transient failure of the record. */
  | { action: 'fail'; error: unknown };

/** What `ParkingWork.apply` did with one record. */
export type Applied =
  /** Durable with the transaction; `afterCommit` runs once it committed (logs, waking a worker). */
  | { action: 'done'; afterCommit?: () => void }
  /** A dead letter: nothing of the record was written (check before writing, see `apply`). */
  | { action: 'fail'; error: unknown };

/** One runnable record of a tenant with what `prepare` made of it. */
export interface WorkItem<P> {
  record: ConsumedRecord;
  value: P;
}

/**
 * A consumer's work on the runnable records of one tenant, started only while the tenant's gate
 * allows it, idempotent per event (a record may be run again after a crash or a redelivery).
 */
export interface ParkingWork<P> {
  /**
   * Optional first step outside any transaction, for what must not hold one open (object store
   * calls, composing); one result per record, same order. A throw fails all of the records
   * transiently. The gate is checked again after it, since it may have closed meanwhile.
   */
  prepare?(tenantId: string, records: readonly ConsumedRecord[]): Promise<readonly Prepared<P>[]>;
  /**
   * The durable step, inside the tenant's one transaction of the batch (with the parking
   * bookkeeping of the same records): dedupe and writes, in order; one result per item. A record
   * it rejects must be rejected before any of its statements ran (a failed statement aborts the
   * whole transaction); a throw rolls the transaction back and fails the records transiently.
   */
  apply(tx: Queryable, tenantId: string, items: readonly WorkItem<P>[]): Promise<readonly Applied[]>;
}

export interface ParkingConsumerOptions<P = unknown> {
  /** Service name, for metrics and logs. */
  service: string;
  /** The consumer's name in `parked_records` (the group id without the deployment suffix). */
  consumer: string;
  /** The subscription's group id: resumed records that fail for good go to its `dlq.<groupId>`. */
  groupId: string;
  db: Database;
  gates: GateView;
  publisher: EventPublisher;
  logger: Pick<Logger, 'info' | 'warn'>;
  observer?: ParkingObserver;
  clock?: Clock;
  /** Validates the envelope (throw a dead-letter AppError, e.g. MalformedEventError, for a bad record). */
  classify(record: ConsumedRecord): RecordWork;
  /** The work (see ParkingWork). */
  work: ParkingWork<P>;
  /** Redelivery delay of a record held by a global block (a gate change wakes it sooner). Default 1 s. */
  holdMs?: number;
  /** How often all parked tenants are looked at: resumes after a crash, another instance's parking, a failed resume. Default 5 s. */
  sweepMs?: number;
  /** Parked records read per query while resuming. Default 50. */
  resumeBatch?: number;
}

/** A gated consumer that parks instead of stalling the partition (see `createParkingConsumer`). */
export interface ParkingConsumer {
  /** The subscription's batch handler (see `BatchHandler`). */
  batchHandler: BatchHandler;
  /** The same as a record handler: a batch of one. */
  handler: RecordHandler;
  /** Starts resuming: at once, on gate changes and every sweep. */
  start(): void;
  /** Resumes the tenant's parked records now if its gate allows; resolves when that pass ends. */
  resume(tenantId: string): Promise<void>;
  /** Stops sweeping and waits for running resumes (call after the subscription closed). */
  stop(): Promise<void>;
}

/**
 * The gate in front of a consumer's work, fail-closed without head-of-line blocking:
 * 1. the envelope is validated (`classify`) and a tenant readiness' directory does not list is
 *    dead-lettered (`unknown_tenant`);
 * 2. a block that stops every tenant (readiness silent, no directory yet, global halt) holds the
 *    partition: nothing could flow anyway, and nothing is written per record;
 * 2a. a record created after the directory in hand, of a tenant it does not list (`pending`: the
 *    tenant may have been provisioned since), is parked as `tenant_unconfirmed`, so a burst of
 *    records naming made-up tenants never holds the partition; the next directory runs them (the
 *    tenant is listed now) or dead-letters them (`unknown_tenant`), in parking order;
 * 3. a block of the tenant's own (its gate down, PHI mode off for PHI work) **parks** the record in
 *    `parked_records` and lets its offset be committed, so the partition moves on for others;
 * 4. while records with the same key (one dictation) are parked, newer ones park behind them, so
 *    a dictation's order is kept; other dictations of the tenant flow if the gate allows them
 *    (a sandbox text dictation does not wait for an audio one that needs PHI mode);
 * 5. when the gate allows, parked records are run in parking order, each removed only after its
 *    work finished; a record that still may not run keeps every later record of its key parked.
 *    A crash in between runs it again; the work dedupes by event id, so
 *    nothing is applied twice and nothing is lost. Several instances may resume one tenant at the
 *    same time: each goes in order and the dedupe makes the second run a no-op.
 * The work itself never starts while the tenant is blocked.
 *
 * A batch (a partition's fetch) is judged record by record as above, in offset order, and then
 * written per tenant in ONE transaction: which of its keys have parked records (one query), the
 * records to park (one statement) and the work's dedupe and writes for the rest (`apply`). A hold
 * (a block of everyone) stops the batch at that record: it and every later one are delivered
 * again and nothing of them is written. A tenant whose transaction fails has its records run again
 * one at a time, so a poison record is dead-lettered alone and a transient failure holds from that
 * record on (see BatchHandler: what other tenants committed after it is redelivered and absorbed by
 * the dedupe and the parking table's uniqueness).
 */
/** Unconfirmed records looked at per settling statement. */
const SETTLE_LIMIT = 500;

export function createParkingConsumer<P>(opts: ParkingConsumerOptions<P>): ParkingConsumer {
  const clock = opts.clock ?? systemClock;
  const holdMs = opts.holdMs ?? 1_000;
  const sweepMs = opts.sweepMs ?? 5_000;
  const batch = opts.resumeBatch ?? 50;
  const parked = createParkedRecords(opts.db, opts.consumer);
  const { gates, logger } = opts;
  /** Tenants this instance knows to have parked records: a gate change of one of them resumes it. */
  const waiting = new Set<string>();
  /** Whether unconfirmed records may wait (this or another instance parked some): every directory settles them then. */
  let unsettled = true;
  let settling: Promise<void> | undefined;
  let settleAgain = false;
  const running = new Map<string, { again: boolean; done: Promise<void> }>();
  /**
   * Tenant → the gate it had when a pass last ended with records that may not run yet. Another pass
   * under the same gate would find the same nothing, so gate-change and sweep triggers skip it
   * (a tenant with thousands parked is not paged through every second); a new record parked
   * behind a dictation, a different gate or a failed pass clears it.
   */
  const settled = new Map<string, string>();
  const gateSignature = (tenantId: string) =>
    `${gates.decide(tenantId, { phi: false }).allowed ? 1 : 0}${gates.decide(tenantId, { phi: true }).allowed ? 1 : 0}`;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let unwatch: (() => void) | undefined;
  let sweeping: Promise<void> | undefined;
  let globallyBlocked = gates.globalBlock() !== undefined;

  const where = (record: ConsumedRecord) => ({ topic: record.topic, partition: record.partition, offset: record.offset });

  const hold: HandleResult = { action: 'hold', retryAfterMs: holdMs };

  /** Logs and counts what `parkAll` stored now (a redelivered record was counted the first time). */
  const parkedNow = (tenantId: string, stored: readonly ToPark[], at: number) => {
    for (const { record, reason } of stored) {
      opts.observer?.parked(tenantId, at);
      logger.info({ service: opts.service, tenantId, ...where(record), reason }, 'record parked');
    }
  };

  /**
   * Runs `prepare` for records of one tenant, then checks the gate again (preparing may take long
   * enough for it to close). Per record: what to apply, a result, or a reason to park (`blocked`).
   */
  const prepareAll = async (
    tenantId: string,
    entries: readonly { record: ConsumedRecord; phi: boolean }[],
  ): Promise<({ blocked: string } | Prepared<P>)[]> => {
    const prepared: readonly Prepared<P>[] =
      opts.work.prepare === undefined || entries.length === 0
        ? entries.map(() => ({ action: 'apply', value: undefined as P }))
        : await opts.work.prepare(
            tenantId,
            entries.map((e) => e.record),
          );
    if (prepared.length !== entries.length) throw new TypeError('prepare returned a result count other than its record count');
    return prepared.map((p, i) => {
      if (p.action !== 'apply' || opts.work.prepare === undefined) return p;
      const now = gates.decide(tenantId, { phi: entries[i]!.phi });
      return now.allowed ? p : { blocked: now.reason };
    });
  };

  /** Runs `apply` and checks its answer (a wrong count rolls the transaction back). */
  const applyAll = async (tx: Queryable, tenantId: string, items: readonly WorkItem<P>[]): Promise<readonly Applied[]> => {
    if (items.length === 0) return [];
    const applied = await opts.work.apply(tx, tenantId, items);
    if (applied.length !== items.length) throw new TypeError('apply returned a result count other than its item count');
    return applied;
  };

  /** Whether the bus delivers this record again (and so every later one of its partition). */
  const stopsBatch = (r: BatchRecordResult | undefined) =>
    r === undefined || r.action === 'hold' || (r.action === 'fail' && !(isAppError(r.error) && r.error.deadLetter));

  interface Entry {
    index: number;
    record: ConsumedRecord;
    phi: boolean;
    /** Why the record parks rather than runs (the tenant's own block), if it does. */
    blocked?: string;
  }

  /** The records of one tenant in one batch: one transaction; fills `results` at their indexes. */
  const runTenant = async (tenantId: string, entries: readonly Entry[], results: BatchRecordResult[]): Promise<void> => {
    try {
      const runnable = entries.filter((e) => e.blocked === undefined);
      const prepared = await prepareAll(tenantId, runnable);
      const preparedOf = new Map(runnable.map((e, i) => [e.index, prepared[i]!]));
      // After preparing, a block of everyone holds the rest of this tenant's records (order per key).
      let holdFrom = gates.globalBlock() !== undefined && opts.work.prepare !== undefined ? runnable[0]?.index : undefined;
      const at = clock();
      let behind = false;
      const { stored, applied, items } = await opts.db.withTenant(tenantId, async (tx) => {
        const candidates = runnable.filter((e) => holdFrom === undefined || e.index < holdFrom);
        const parkedKeys =
          candidates.length === 0
            ? new Set<string | null>()
            : await parked.keysWithParked(
                tx,
                candidates.map((e) => e.record.key),
              );
        const blockedKeys = new Set<string | null>();
        const toPark: (ToPark & { index: number })[] = [];
        const items: (WorkItem<P> & { index: number })[] = [];
        for (const e of entries) {
          if (holdFrom !== undefined && e.index >= holdFrom) {
            results[e.index] = hold;
            continue;
          }
          const p = preparedOf.get(e.index);
          const key = e.record.key;
          const reason = e.blocked ?? (p !== undefined && 'blocked' in p ? p.blocked : undefined);
          if (reason !== undefined || blockedKeys.has(key) || parkedKeys.has(key)) {
            if (reason === undefined) behind = true;
            blockedKeys.add(key);
            toPark.push({ index: e.index, record: e.record, reason: reason ?? 'behind_parked' });
            results[e.index] = { action: 'done' };
            continue;
          }
          if (p === undefined || 'blocked' in p) continue;
          if (p.action === 'apply') {
            items.push({ index: e.index, record: e.record, value: p.value });
            continue;
          }
          results[e.index] = p;
          // This record comes again: later ones of the tenant must not overtake it.
          if (stopsBatch(p)) holdFrom = e.index + 1;
        }
        const stored = await parked.parkAll(tx, tenantId, toPark, at);
        return { stored, applied: await applyAll(tx, tenantId, items), items };
      });
      if (stored.length > 0 || behind) waiting.add(tenantId);
      parkedNow(tenantId, stored, at);
      items.forEach((item, i) => {
        const a = applied[i]!;
        results[item.index] = a.action === 'done' ? { action: 'done' } : a;
        // A record's own context: what its afterCommit annotates (its correlation id) stays with it.
        if (a.action === 'done' && a.afterCommit !== undefined) runWithLogContext({ tenantId }, a.afterCommit);
      });
      if (behind) {
        settled.delete(tenantId);
        void resume(tenantId);
      }
    } catch (error) {
      if (entries.length === 1) {
        results[entries[0]!.index] = { action: 'fail', error };
        return;
      }
      // Nothing of the tenant's records was written. Which record is at fault (a poison record goes
      // to the DLQ alone) shows by running them one at a time, in order, up to the first that fails
      // for a reason of its own that is not a dead letter; the rest are held.
      for (const [i, e] of entries.entries()) {
        await runTenant(tenantId, [e], results);
        if (stopsBatch(results[e.index])) {
          for (const rest of entries.slice(i + 1)) results[rest.index] = hold;
          break;
        }
      }
    }
  };

  const batchHandler: BatchHandler = async (records) => {
    const results: BatchRecordResult[] = new Array<BatchRecordResult>(records.length);
    const tenants = new Map<string, Entry[]>();
    /** Records of tenants no directory in hand could confirm: parked together, whatever their tenant. */
    const unconfirmedOnes: { index: number; tenantId: string; record: ConsumedRecord }[] = [];
    for (let index = 0; index < records.length; index++) {
      const record = records[index]!;
      let work: RecordWork;
      try {
        // What classifying learns about this record (its tenant) must not label the rest of the batch.
        work = runWithLogContext({}, () => opts.classify(record));
      } catch (error) {
        results[index] = { action: 'fail', error };
        // A dead letter goes alone; anything else is a transient failure: the batch stops there.
        if (isAppError(error) && error.deadLetter) continue;
        results.fill(hold, index + 1);
        break;
      }
      const { tenantId, phi, occurredAt } = work;
      const status = gates.tenantStatus(tenantId, occurredAt);
      if (status === 'unknown') {
        results[index] = { action: 'fail', error: new UnknownTenantError() };
        continue;
      }
      if (status === 'undecided' || gates.globalBlock() !== undefined) {
        results.fill(hold, index);
        break;
      }
      if (status === 'pending') {
        unconfirmedOnes.push({ index, tenantId, record });
        continue;
      }
      const decision = gates.decide(tenantId, { phi });
      const entries = tenants.get(tenantId) ?? [];
      entries.push({ index, record, phi, ...(decision.allowed ? {} : { blocked: decision.reason }) });
      tenants.set(tenantId, entries);
    }
    // Each tenant's work logs under that tenant; the unconfirmed ones under none.
    await Promise.all([
      runWithLogContext({}, () => parkUnconfirmed(unconfirmedOnes, results)),
      ...[...tenants].map(([tenantId, entries]) => runWithLogContext({ tenantId }, () => runTenant(tenantId, entries, results))),
    ]);
    return results;
  };

  /**
   * One statement for every unconfirmed record of the batch (the partition moves on); the next
   * directory settles them. A failure fails the batch: it is delivered again, and what other
   * tenants applied meanwhile is absorbed by their dedupe.
   */
  const parkUnconfirmed = async (
    ones: readonly { index: number; tenantId: string; record: ConsumedRecord }[],
    results: BatchRecordResult[],
  ): Promise<void> => {
    if (ones.length === 0) return;
    await parked.parkUnconfirmed(ones, clock());
    unsettled = true;
    // A pass under way may not have seen them: it must not end by calling everything settled.
    if (settling !== undefined) settleAgain = true;
    for (const one of ones) results[one.index] = { action: 'done' };
    logger.info({ service: opts.service, count: ones.length }, 'records of unconfirmed tenants parked');
  };

  /**
   * Decides the unconfirmed records with the directory in hand, oldest first: a tenant it lists
   * now → an ordinary parked record of that tenant, resumed through its gate; a tenant a directory
   * newer than the record does not list → `dlq: unknown_tenant` (all dead letters of a pass in one
   * publish, deleted only once the bus accepted them); otherwise it waits for the next directory.
   */
  const settle = (): Promise<void> => {
    if (settling !== undefined) {
      settleAgain = true;
      return settling;
    }
    // The passes may end before their first await (everyone halted): clearing the handle in a
    // reaction, not in the body, keeps it from being cleared before it is even stored, which would
    // leave a finished settle "running" and every later one waiting on it for good.
    // Across tenants: it logs under none, whatever record or gate change asked for it.
    const run = runWithLogContext({}, settlePasses).finally(() => {
      settling = undefined;
    });
    settling = run;
    return run;
  };

  const settlePasses = async (): Promise<void> => {
    try {
      do {
        settleAgain = false;
        for (;;) {
          if (stopping || gates.globalBlock() !== undefined) {
            // Not looked at: whatever waits is still unsettled (the unblocking sweep settles it).
            unsettled = true;
            return;
          }
          const reasons = new Map<string, unknown>();
          let kept = 0;
          const { seen, confirmed } = await parked.settleUnconfirmed(
            SETTLE_LIMIT,
            (item) => {
              let work: RecordWork;
              try {
                work = opts.classify(item.record);
              } catch (err) {
                reasons.set(item.seq, err);
                return 'drop';
              }
              const status = gates.tenantStatus(item.tenantId, work.occurredAt);
              if (status === 'unknown') {
                reasons.set(item.seq, new UnknownTenantError());
                return 'drop';
              }
              if (status === 'known') return 'confirm';
              kept++;
              return 'keep';
            },
            async (dropped) => {
              await opts.publisher.publish(dropped.map((d) => deadLetterOf(opts.groupId, d.record, reasons.get(d.seq)).out));
              logger.warn({ service: opts.service, count: dropped.length }, 'records of unconfirmed tenants dead-lettered');
            },
          );
          const byTenant = new Map<string, string[]>();
          for (const c of confirmed) {
            const seqs = byTenant.get(c.tenantId) ?? [];
            seqs.push(c.seq);
            byTenant.set(c.tenantId, seqs);
          }
          for (const [tenantId, seqs] of byTenant) {
            await parked.confirm(tenantId, seqs);
            waiting.add(tenantId);
            void resume(tenantId);
          }
          unsettled = kept > 0 || seen === SETTLE_LIMIT;
          if (seen < SETTLE_LIMIT || kept === seen) break;
        }
      } while (settleAgain && !stopping);
    } catch (err) {
      // The next directory or sweep tries again; the records stay parked meanwhile.
      unsettled = true;
      logger.warn({ service: opts.service, code: describeFailure(err).code }, 'settling unconfirmed records failed; retrying');
    }
  };

  const handler: RecordHandler = async (record) => {
    const [result] = await batchHandler([record]);
    if (result?.action === 'fail') throw result.error;
    return result ?? hold;
  };

  /**
   * One parked record through the same steps as a live one (prepare, the gate again, apply), its
   * removal committed with the work. `hold`: it still may not run.
   */
  const runParked = async (item: ParkedRecord, phi: boolean): Promise<HandleResult | { action: 'fail'; error: unknown }> => {
    const [p] = await prepareAll(item.tenantId, [{ record: item.record, phi }]);
    if (p === undefined || 'blocked' in p) return { action: 'hold' };
    if (gates.globalBlock() !== undefined) return { action: 'hold' };
    if (p.action === 'fail') return p;
    const applied = await opts.db.withTenant(item.tenantId, async (tx) => {
      const [a] = p.action === 'apply' ? await applyAll(tx, item.tenantId, [{ record: item.record, value: p.value }]) : [];
      if (a?.action !== 'fail') await parked.removeIn(tx, item.seq);
      return a;
    });
    if (applied?.action === 'fail') return applied;
    // Its own context, as in a batch: the correlation id its afterCommit annotates stays with this record.
    if (applied?.action === 'done' && applied.afterCommit !== undefined)
      runWithLogContext({ tenantId: item.tenantId }, applied.afterCommit);
    return { action: 'done' };
  };

  const finish = async (item: ParkedRecord, outcome: { deadLetter?: string }) => {
    await parked.remove(item.tenantId, item.seq);
    finished(item, outcome);
  };

  /** Counts and logs a parked record that left the table. */
  const finished = (item: ParkedRecord, outcome: { deadLetter?: string }) => {
    if (item.reason !== UNCONFIRMED && item.reason !== CONFIRMED_REASON) opts.observer?.resumed(item.tenantId);
    const fields = {
      service: opts.service,
      tenantId: item.tenantId,
      ...where(item.record),
      parkedMs: Math.max(0, clock() - item.parkedAt),
    };
    if (outcome.deadLetter === undefined) logger.info(fields, 'parked record resumed');
    else logger.warn({ ...fields, code: outcome.deadLetter }, 'parked record dead-lettered');
  };

  /** One pass over the tenant's parked records, in order; a key that may not run yet is skipped whole. */
  const drain = async (tenantId: string): Promise<void> => {
    const blockedKeys = new Set<string | null>();
    // A tenant no directory lists (yet) has unconfirmed records only: `settle` decides those.
    if (gates.tenantStatus(tenantId) !== 'known') return;
    const signature = gateSignature(tenantId);
    let after = '0';
    for (;;) {
      if (stopping || gates.globalBlock() !== undefined) return;
      if (signature === '00') {
        // Nothing of the tenant may run at all: no need to read a single row.
        settled.set(tenantId, signature);
        return;
      }
      const items = await parked.head(tenantId, after, batch);
      if (items.length === 0) {
        if (blockedKeys.size === 0) waiting.delete(tenantId);
        else settled.set(tenantId, signature);
        return;
      }
      for (const item of items) {
        if (stopping || gates.globalBlock() !== undefined) return;
        after = item.seq;
        const key = item.record.key;
        if (blockedKeys.has(key)) continue;
        let work: RecordWork;
        try {
          // A throwaway context: what classification annotates must not reach the next record's lines.
          work = runWithLogContext({}, () => opts.classify(item.record));
        } catch (err) {
          await finish(item, { deadLetter: await publishDeadLetter(opts.publisher, opts.groupId, item.record, err) });
          continue;
        }
        if (!gates.decide(tenantId, { phi: work.phi }).allowed) {
          blockedKeys.add(key);
          continue;
        }
        const phi = work.phi;
        const result = await runWithLogContext({ tenantId }, () => runParked(item, phi));
        if (result.action === 'hold') {
          blockedKeys.add(key);
          continue;
        }
        if (result.action === 'fail') {
          if (!isAppError(result.error) || !result.error.deadLetter) throw result.error;
          await finish(item, { deadLetter: await publishDeadLetter(opts.publisher, opts.groupId, item.record, result.error) });
          continue;
        }
        finished(item, {});
      }
    }
  };

  /** Resumes unless the last pass under this very gate already found nothing to run. */
  const resumeIfChanged = (tenantId: string): Promise<void> =>
    settled.get(tenantId) === gateSignature(tenantId) ? Promise.resolve() : resume(tenantId);

  const resume = (tenantId: string): Promise<void> => {
    settled.delete(tenantId);
    const current = running.get(tenantId);
    if (current !== undefined) {
      current.again = true;
      return current.done;
    }
    const entry = { again: false, done: Promise.resolve() };
    // Stored before the body runs: a body that ended before its first await must not leave it behind.
    running.set(tenantId, entry);
    entry.done = (async () => {
      try {
        do {
          entry.again = false;
          await drain(tenantId);
        } while (entry.again && !stopping);
      } catch (err) {
        // The sweep tries again; the record stays parked meanwhile.
        logger.warn(
          { service: opts.service, tenantId, code: describeFailure(err).code },
          'resuming parked records failed; retrying at the next sweep',
        );
      } finally {
        running.delete(tenantId);
      }
    })();
    return entry.done;
  };

  const sweep = (): Promise<void> =>
    (sweeping ??= runWithLogContext({}, async () => {
      try {
        const all = await parked.overview();
        // A tenant no directory lists yet is not a metric label (its name comes from whoever wrote the record).
        const tenants = all.filter((t) => gates.tenantStatus(t.tenantId) === 'known');
        opts.observer?.refreshed(tenants);
        if (tenants.length < all.length) unsettled = true;
        for (const t of tenants) waiting.add(t.tenantId);
        await Promise.all([...tenants.map((t) => resumeIfChanged(t.tenantId)), ...(unsettled ? [settle()] : [])]);
      } catch (err) {
        logger.warn({ service: opts.service, code: describeFailure(err).code }, 'parked records sweep failed');
      } finally {
        sweeping = undefined;
      }
    }));

  return {
    batchHandler,
    handler,
    resume,
    start() {
      unwatch = gates.onChange((tenantId) => {
        if (stopping) return;
        const blocked = gates.globalBlock() !== undefined;
        const unblocked = globallyBlocked && !blocked;
        globallyBlocked = blocked;
        if (unblocked) void sweep();
        else if (waiting.has(tenantId)) void resumeIfChanged(tenantId);
        // A new directory (the global record carries it) may vouch for tenants it could not before, or refute them.
        if (tenantId === GLOBAL_HALT_KEY && !blocked && unsettled) void settle();
      });
      timer = setInterval(() => void sweep(), sweepMs);
      timer.unref();
      void sweep();
    },
    async stop() {
      stopping = true;
      unwatch?.();
      clearInterval(timer);
      await sweeping;
      await settling;
      await Promise.all([...running.values()].map((r) => r.done));
    },
  };
}
