import type { DomainEvent } from '@medicdraft/contracts';
import { readEventsFromKafka } from '../replay/kafka-event-source.js';
import { inRange, replayRoot, type ReplayRange } from '../replay/range-root.js';
import { EXIT, writeJsonLine, type CliContext } from './cli-context.js';
import { createProgress } from './progress.js';

export interface ReplayArgs extends ReplayRange {
  source: 'postgres' | 'kafka';
}

/**
 * `replay --tenant --from --to [--source postgres|kafka]`: re-reads a tenant's events of a time
 * range from the audit table or from the domain topics and prints their count and replay root
 * (range-root.ts). The two sources agree exactly when the store holds what the topics hold.
 */
export async function replayCommand(ctx: CliContext, args: ReplayArgs): Promise<number> {
  const progress = createProgress(`replay (${args.source})`, ctx.err);
  const events = args.source === 'kafka' ? await readEventsFromKafka(ctx.kafkaBrokers, (e) => inRange(e, args), () => progress.tick(), ctx.kafkaTopicPrefix) : await readFromPostgres(ctx, args, () => progress.tick());
  progress.done();
  writeJsonLine(ctx.out, { source: args.source, ...replayRoot(args, events) });
  return EXIT.ok;
}

async function readFromPostgres(ctx: CliContext, range: ReplayRange, tick: () => void): Promise<DomainEvent[]> {
  const out: DomainEvent[] = [];
  let after = 0;
  for (;;) {
    const { rows } = await ctx.read((tx) =>
      tx.query<{ seq: string; event: DomainEvent }>(
        `SELECT seq, event FROM audit.events WHERE tenant_id = $1 AND seq > $2
            AND ($3::timestamptz IS NULL OR occurred_at >= $3) AND ($4::timestamptz IS NULL OR occurred_at < $4)
          ORDER BY seq LIMIT 10000`,
        [range.tenantId, after, range.from ?? null, range.to ?? null],
      ),
    );
    for (const r of rows) {
      tick();
      if (inRange(r.event, range)) out.push(r.event);
    }
    if (rows.length < 10_000) return out;
    after = Number(rows.at(-1)?.seq);
  }
}
