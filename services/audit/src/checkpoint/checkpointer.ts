import { randomUUID } from 'node:crypto';
import { TOPIC, type AuditCheckpoint } from '@medicdraft/contracts';
import { appendToOutbox, type Database, type Logger } from '@medicdraft/platform';
import { CompactRange, leafHash } from '../chain/merkle-tree.js';
import { insertCheckpoint } from './checkpoint-store.js';
import { signCheckpoint } from './checkpoint-signature.js';
import type { KeyRing } from './signing-keys.js';
import type { CheckpointWitness } from '../witness/checkpoint-witness.js';

export interface CheckpointerOptions {
  db: Database;
  keys: KeyRing;
  logger: Logger;
  /** A tenant with new records gets a checkpoint at most this long after its first unsigned record. */
  intervalMs: number;
  /** …or as soon as this many records are unsigned. */
  everyEvents: number;
  now?: () => Date;
  /** Anchor outside Postgres: each checkpoint is recorded there before its transaction commits. */
  witness?: CheckpointWitness;
  /** Observer (tests, bench): a checkpoint was stored and queued for `audit.checkpoint`. */
  onCheckpoint?: (checkpoint: AuditCheckpoint) => void;
}

export interface Checkpointer {
  /** The batcher reports appended records; the tenant is signed on the next tick or at once after N. */
  noteAppended(tenantId: string, count: number): void;
  /** Signs every tenant with unsigned records now. */
  flush(): Promise<void>;
  start(): void;
  /** Stops the timer and signs what is unsigned (final checkpoint on shutdown). */
  stop(): Promise<void>;
}

interface TenantTree {
  range: CompactRange | undefined;
  unsigned: number;
  running: Promise<void> | undefined;
  /** A run is scheduled and has not started reading yet (further requests join it). */
  queued: Promise<void> | undefined;
}

/**
 * Signed tree heads per tenant. Each instance keeps, per tenant it appended to, the compact range
 * of the tenant's tree (built once from the stored chain hashes, then extended with the rows
 * after it, whichever instance wrote them), signs the root with the active key, and stores the
 * checkpoint together with its `audit.checkpoint` outbox record in one transaction (recorded in
 * the witness, when there is one, before that transaction commits). Two instances
 * signing the same size produce the same root; the (tenant, size) key keeps one of them.
 * Quiet tenants get no new checkpoints: a head only changes when the log grows.
 */
export function createCheckpointer(opts: CheckpointerOptions): Checkpointer {
  const tenants = new Map<string, TenantTree>();
  const now = opts.now ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;

  const tree = (tenantId: string) => {
    let t = tenants.get(tenantId);
    if (!t) tenants.set(tenantId, (t = { range: undefined, unsigned: 0, running: undefined, queued: undefined }));
    return t;
  };

  const checkpoint = (tenantId: string): Promise<void> => {
    const t = tree(tenantId);
    if (t.queued) return t.queued;
    // One run per tenant at a time; a request during a run is served by one follow-up run.
    const run = (t.running ?? Promise.resolve()).then(() => {
      t.queued = undefined;
      return signTenant(tenantId, t);
    });
    t.queued = run;
    t.running = run.catch(() => undefined);
    return run;
  };

  async function signTenant(tenantId: string, t: TenantTree): Promise<void> {
    if (t.unsigned === 0 && t.range) return;
    const counted = t.unsigned;
    const range = t.range ?? new CompactRange();
    const cp = await opts.db.withTenant(tenantId, async (tx) => {
      const { rows } = await tx.query<{ hash: string }>('SELECT hash FROM events WHERE tenant_id = $1 AND seq > $2 ORDER BY seq', [
        tenantId,
        range.size,
      ]);
      for (const r of rows) range.appendLeafHash(leafHash(Buffer.from(r.hash, 'hex')));
      if (range.size === 0) return undefined;
      const signed = signCheckpoint(opts.keys.active, {
        tenantId,
        treeSize: range.size,
        rootHash: range.root().toString('hex'),
        issuedAt: now().toISOString(),
      });
      if (!(await insertCheckpoint(tx, signed))) return undefined;
      // Witnessed before the commit: a checkpoint the database holds is always anchored. A commit
      // that fails after this leaves a witnessed head the next run signs again with the same root
      // and key, which the write-once witness accepts as the same head.
      await opts.witness?.record(signed);
      await appendToOutbox(tx, [
        { id: randomUUID(), tenantId, topic: TOPIC.AUDIT_CHECKPOINT, key: tenantId, value: JSON.stringify(signed) },
      ]);
      return signed;
    });
    t.range = range;
    t.unsigned = Math.max(0, t.unsigned - counted);
    if (cp) {
      opts.logger.debug({ tenantId, treeSize: cp.treeSize, keyId: cp.keyId }, 'audit checkpoint signed');
      opts.onCheckpoint?.(cp);
    }
  }

  const flush = async () => {
    const due = [...tenants].filter(([, t]) => t.unsigned > 0).map(([id]) => id);
    const results = await Promise.allSettled(due.map((id) => checkpoint(id)));
    for (const r of results)
      if (r.status === 'rejected') opts.logger.warn({ err: errorCode(r.reason) }, 'audit checkpoint failed; retried on the next tick');
  };

  return {
    noteAppended(tenantId, count) {
      const t = tree(tenantId);
      t.unsigned += count;
      if (t.unsigned >= opts.everyEvents && !t.queued) {
        checkpoint(tenantId).catch((err: unknown) => opts.logger.warn({ tenantId, err: errorCode(err) }, 'audit checkpoint failed'));
      }
    },
    flush,
    start() {
      const tick = () => {
        timer = setTimeout(
          () =>
            void flush().finally(() => {
              if (timer) tick();
            }),
          opts.intervalMs,
        );
      };
      tick();
    },
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await flush();
    },
  };
}

function errorCode(err: unknown): string {
  return (err as { code?: string }).code ?? (err instanceof Error ? err.name : 'unknown');
}
