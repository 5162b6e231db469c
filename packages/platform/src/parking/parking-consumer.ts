import { GLOBAL_HALT_KEY } from '@medicdraft/contracts';
import type { Logger } from 'pino';
import { publishDeadLetter, describeFailure } from '../bus/dead-letter.js';
import type { ConsumedRecord, EventPublisher, HandleResult, RecordHandler } from '../bus/event-bus.port.js';
import { systemClock, type Clock } from '../clock.js';
import type { Database } from '../db/database.port.js';
import { isAppError, UnknownTenantError } from '../errors.js';
import type { GateView } from '../gates/gate-view.js';
import { createParkedRecords, type ParkedRecord } from './parked-records.js';
import type { ParkingObserver } from './parking-metrics.js';

/** What a consumer learns from a record's validated envelope before any work. */
export interface RecordWork {
  tenantId: string;
  /** PHI work (audio, HealthScribe output) needs PHI mode; other work an open, unhalted tenant. */
  phi: boolean;
  /** When the event was created (epoch ms): only a directory issued later may call its tenant unknown. */
  occurredAt?: number;
}

export interface ParkingConsumerOptions {
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
  /**
   * The work, started only while the tenant's gate allows it, idempotent per event (a record may
   * be run again after a crash). May return `hold` when the gate closed while it ran.
   */
  work: RecordHandler;
  /** Redelivery delay of a record held by a global block (a gate change wakes it sooner). Default 1 s. */
  holdMs?: number;
  /** How often all parked tenants are looked at: resumes after a crash, another instance's parking, a failed resume. Default 5 s. */
  sweepMs?: number;
  /** Parked records read per query while resuming. Default 50. */
  resumeBatch?: number;
}

/** A gated consumer that parks instead of stalling the partition (see `createParkingConsumer`). */
export interface ParkingConsumer {
  /** The subscription's handler. */
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
 */
/** The parking reason of a record whose tenant no directory in hand could confirm or refute. */
const UNCONFIRMED = 'tenant_unconfirmed';

export function createParkingConsumer(opts: ParkingConsumerOptions): ParkingConsumer {
  const clock = opts.clock ?? systemClock;
  const holdMs = opts.holdMs ?? 1_000;
  const sweepMs = opts.sweepMs ?? 5_000;
  const batch = opts.resumeBatch ?? 50;
  const parked = createParkedRecords(opts.db, opts.consumer);
  const { gates, logger } = opts;
  /** Tenants this instance knows to have parked records: a gate change of one of them resumes it. */
  const waiting = new Set<string>();
  /** Tenants with records parked because no directory could vouch for them yet: every directory resumes them. */
  const unconfirmed = new Set<string>();
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

  const park = async (tenantId: string, record: ConsumedRecord, reason: string): Promise<HandleResult> => {
    waiting.add(tenantId);
    const at = clock();
    if (await parked.park(tenantId, record, reason, at)) {
      // A tenant nobody vouched for is not a metric label: its name comes from whoever wrote the record.
      if (reason !== UNCONFIRMED) opts.observer?.parked(tenantId, at);
      logger.info({ service: opts.service, tenantId, ...where(record), reason }, 'record parked');
    }
    return { action: 'done' };
  };

  const handler: RecordHandler = async (record) => {
    const { tenantId, phi, occurredAt } = opts.classify(record);
    const status = gates.tenantStatus(tenantId, occurredAt);
    if (status === 'unknown') throw new UnknownTenantError();
    if (status === 'undecided' || gates.globalBlock() !== undefined) return { action: 'hold', retryAfterMs: holdMs };
    if (status === 'pending') {
      unconfirmed.add(tenantId);
      return park(tenantId, record, UNCONFIRMED);
    }
    const decision = gates.decide(tenantId, { phi });
    if (!decision.allowed) return park(tenantId, record, decision.reason);
    if (await parked.hasAny(tenantId, record.key)) {
      const result = await park(tenantId, record, 'behind_parked');
      settled.delete(tenantId);
      void resume(tenantId);
      return result;
    }
    const result = await opts.work(record);
    if (result.action === 'done') return result;
    // The gate closed while the work ran: park unless everyone is blocked now.
    if (gates.globalBlock() !== undefined) return { action: 'hold', retryAfterMs: holdMs };
    const now = gates.decide(tenantId, { phi });
    return park(tenantId, record, now.allowed ? 'gate_changed' : now.reason);
  };

  const finish = async (item: ParkedRecord, outcome: { deadLetter?: string }) => {
    await parked.remove(item.tenantId, item.seq);
    if (item.reason !== UNCONFIRMED) opts.observer?.resumed(item.tenantId);
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
    const status = gates.tenantStatus(tenantId);
    // Without a fresh directory nothing can be decided for a tenant that has no state of its own.
    if (status === 'undecided') return;
    // The directory does not list the tenant: each record is a dead letter, or waits for a newer directory.
    const confirming = status === 'unknown';
    if (!confirming) unconfirmed.delete(tenantId);
    const signature = gateSignature(tenantId);
    let after = '0';
    for (;;) {
      if (stopping || gates.globalBlock() !== undefined) return;
      if (signature === '00' && !confirming) {
        // Nothing of the tenant may run at all: no need to read a single row.
        settled.set(tenantId, signature);
        return;
      }
      const items = await parked.head(tenantId, after, batch);
      if (items.length === 0) {
        if (blockedKeys.size === 0) {
          waiting.delete(tenantId);
          unconfirmed.delete(tenantId);
        } else settled.set(tenantId, signature);
        return;
      }
      for (const item of items) {
        if (stopping || gates.globalBlock() !== undefined) return;
        after = item.seq;
        const key = item.record.key;
        if (blockedKeys.has(key)) continue;
        let work: RecordWork;
        try {
          work = opts.classify(item.record);
        } catch (err) {
          await finish(item, { deadLetter: await publishDeadLetter(opts.publisher, opts.groupId, item.record, err) });
          continue;
        }
        if (confirming) {
          if (gates.tenantStatus(tenantId, work.occurredAt) === 'unknown') {
            await finish(item, {
              deadLetter: await publishDeadLetter(opts.publisher, opts.groupId, item.record, new UnknownTenantError()),
            });
          } else {
            // Still newer than the directory in hand: the next one decides (it resumes unconfirmed tenants).
            unconfirmed.add(tenantId);
            blockedKeys.add(key);
          }
          continue;
        }
        if (!gates.decide(tenantId, { phi: work.phi }).allowed) {
          blockedKeys.add(key);
          continue;
        }
        let result: HandleResult;
        try {
          result = await opts.work(item.record);
        } catch (err) {
          if (!isAppError(err) || !err.deadLetter) throw err;
          await finish(item, { deadLetter: await publishDeadLetter(opts.publisher, opts.groupId, item.record, err) });
          continue;
        }
        if (result.action === 'hold') {
          blockedKeys.add(key);
          continue;
        }
        await finish(item, {});
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
    running.set(tenantId, entry);
    return entry.done;
  };

  const sweep = (): Promise<void> =>
    (sweeping ??= (async () => {
      try {
        const tenants = await parked.overview();
        opts.observer?.refreshed(tenants.filter((t) => gates.tenantStatus(t.tenantId) === 'known'));
        for (const t of tenants) waiting.add(t.tenantId);
        await Promise.all(tenants.map((t) => resumeIfChanged(t.tenantId)));
      } catch (err) {
        logger.warn({ service: opts.service, code: describeFailure(err).code }, 'parked records sweep failed');
      } finally {
        sweeping = undefined;
      }
    })());

  return {
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
        if (tenantId === GLOBAL_HALT_KEY && !blocked) for (const t of unconfirmed) void resume(t);
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
      await Promise.all([...running.values()].map((r) => r.done));
    },
  };
}
