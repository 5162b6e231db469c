import type { DomainEvent } from '@medicdraft/contracts';
import { readEventsFromKafka } from '../replay/kafka-event-source.js';
import { createReplayRoot, inRange, replayItemOf, replayRootOf, type ReplayRange, type ReplayResult } from '../replay/range-root.js';
import { recomputeCheckpointRoot } from '../replay/checkpoint-root.js';
import { readCheckpoints } from '../verify/pg-audit-source.js';
import { EXIT, writeJsonLine, type CliContext } from './cli-context.js';
import { createProgress } from './progress.js';

export interface ReplayArgs extends ReplayRange {
  source: 'postgres' | 'kafka';
  /** Print the root of records 1..N recomputed from the events instead (compare with checkpoint N). */
  checkpoint?: number;
}

/**
 * `replay --tenant T --checkpoint N`: recomputes the chain and the checkpoint tree of records 1..N
 * from the stored events and prints it beside the stored checkpoint of size N (`matches`).
 */
async function replayCheckpoint(ctx: CliContext, tenantId: string, size: number): Promise<number> {
  const cp = (await readCheckpoints(ctx.read, tenantId)).find((c) => c.treeSize === size);
  const computed = await recomputeCheckpointRoot(ctx.rows, tenantId, size);
  writeJsonLine(ctx.out, {
    tenantId,
    treeSize: size,
    records: computed.count,
    root: computed.root,
    checkpointRoot: cp?.rootHash ?? null,
    keyId: cp?.keyId ?? null,
    matches: cp?.rootHash === computed.root,
  });
  return cp?.rootHash === computed.root ? EXIT.ok : EXIT.faults;
}

/**
 * `replay --tenant --from --to [--source postgres|kafka]`: re-reads a tenant's events of a time
 * range from the audit table or from the domain topics and prints their count and replay root
 * (range-root.ts). The two sources agree exactly when the store holds what the topics hold.
 */
export async function replayCommand(ctx: CliContext, args: ReplayArgs): Promise<number> {
  if (args.checkpoint !== undefined) return replayCheckpoint(ctx, args.tenantId, args.checkpoint);
  const progress = createProgress(`replay (${args.source})`, ctx.err);
  const result =
    args.source === 'kafka'
      ? replayRootOf(
          args,
          (
            await readEventsFromKafka(
              { brokers: ctx.kafkaBrokers, topicPrefix: ctx.kafkaTopicPrefix, sasl: ctx.kafkaSasl, ssl: ctx.kafkaSsl },
              (e) => inRange(e, args),
              () => progress.tick(),
            )
          ).map(replayItemOf),
        )
      : await replayFromPostgres(ctx, args, (n) => progress.tick(n));
  progress.done();
  writeJsonLine(ctx.out, { source: args.source, ...result });
  return EXIT.ok;
}

/**
 * What replay streams ($1 tenant, $2/$3 the range's bounds or NULL); exported for the benchmark's
 * ceiling. occurred_at as epoch ms, truncated like Date.parse of the event's occurredAt.
 */
export const REPLAY_SELECT = `SELECT event_id::text AS event_id, floor(extract(epoch FROM occurred_at) * 1000)::float8::text AS t,
    event_text, CASE WHEN event_text IS NULL THEN event::text END AS event
  FROM audit.events WHERE tenant_id = $1 AND seq IS NOT NULL
    AND ($2::timestamptz IS NULL OR occurred_at >= $2::timestamptz) AND ($3::timestamptz IS NULL OR occurred_at < $3::timestamptz)`;

/**
 * The range's chained rows, in one stream and in no particular order (the replay root orders them
 * itself). A row with its canonical text (migration 0004) is used as stored — the hashed bytes, with
 * its event_id and occurred_at columns (verify checks both against the hashed event) — so nothing is
 * parsed or re-serialised; older rows are canonicalised from their jsonb.
 */
async function replayFromPostgres(ctx: CliContext, range: ReplayRange, tick: (n: number) => void): Promise<ReplayResult> {
  // Event ids are unique per tenant in the table (primary key), so no deduplication is needed.
  const out = createReplayRoot();
  const rows = ctx.rows.rows(REPLAY_SELECT, [range.tenantId, range.from ?? null, range.to ?? null]);
  for await (const batch of rows) {
    tick(batch.length);
    for (const [id, t, text, event] of batch) {
      if (text !== null && text !== undefined) out.add({ id: id as string, t: Number(t), canon: text });
      else if (event !== null && event !== undefined) {
        const parsed = JSON.parse(event) as DomainEvent;
        if (inRange(parsed, range)) out.add(replayItemOf(parsed));
      }
    }
  }
  return out.result(range);
}
