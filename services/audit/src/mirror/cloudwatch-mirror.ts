import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
  ResourceAlreadyExistsException,
} from '@aws-sdk/client-cloudwatch-logs';
import { advisoryKey, type AwsConfig, type Database, type Logger, type Queryable } from '@medicdraft/platform';
import { listChainHeads } from '../chain-heads.js';
import type { AuditMirror } from './audit-mirror.js';
import { toLogEventBatch } from './log-event-batch.js';

export interface CloudWatchMirrorOptions {
  db: Database;
  logger: Logger;
  logGroup: string;
  /** Retention policy set on the group (CloudWatch values; default six years = 2192). */
  retentionDays: number;
  aws?: Pick<AwsConfig, 'region' | 'endpoint'>;
  client?: CloudWatchLogsClient;
  /** Rows read per PutLogEvents call (the API's own limits cut a batch further, log-event-batch.ts). */
  batchSize?: number;
  intervalMs?: number;
  now?: () => number;
}

interface MirrorRow {
  seq: string;
  event_id: string;
  event_type: string;
  occurred_at: Date | string;
  recorded_at: Date | string;
  actor_type: string;
  actor_id: string;
  actor_role: string | null;
  resource_ids: Record<string, string>;
  service: string;
  outcome: string;
  outcome_detail: string | null;
  hash: string;
}

/**
 * Mirrors each tenant's chain to CloudWatch Logs, stream = tenant id, one log event per record in
 * sequence order, timestamps non-decreasing (log-event-batch.ts). Messages hold the
 * who/what/when/where/outcome columns plus seq and hash — ids and codes only, never the event
 * payload. Per tenant, an advisory lock lets one instance ship at a time and the position commits
 * with it.
 * Restarts: `start()` finds every tenant whose chain is ahead of its position (chain-heads.ts), so
 * a backlog left by a crash ships without waiting for that tenant's next event. A crash between
 * a put and the commit of its position would re-ship rows; so before its first put to a stream
 * (per process, and again after any failure) the mirror reads the stream's tail from the stored
 * position's timestamp and moves the position past the highest seq already there.
 */
export function createCloudWatchMirror(opts: CloudWatchMirrorOptions): AuditMirror {
  const client =
    opts.client ??
    new CloudWatchLogsClient({
      ...(opts.aws?.region ? { region: opts.aws.region } : {}),
      ...(opts.aws?.endpoint ? { endpoint: opts.aws.endpoint } : {}),
    });
  const batchSize = opts.batchSize ?? 1_000;
  const now = opts.now ?? Date.now;
  const dirty = new Set<string>();
  const streams = new Set<string>();
  const reconciled = new Set<string>();
  let scanned = false;
  let timer: NodeJS.Timeout | undefined;
  let ready: Promise<void> | undefined;
  let running: Promise<void> = Promise.resolve();

  const ignoreExists = (err: unknown) => {
    if (!(err instanceof ResourceAlreadyExistsException)) throw err;
  };
  const ensureGroup = () =>
    (ready ??= (async () => {
      await client.send(new CreateLogGroupCommand({ logGroupName: opts.logGroup })).catch(ignoreExists);
      await client.send(new PutRetentionPolicyCommand({ logGroupName: opts.logGroup, retentionInDays: opts.retentionDays }));
    })().catch((err: unknown) => {
      ready = undefined;
      throw err;
    }));

  /** Highest seq (and its timestamp) of this tenant already in the stream at or after `since`. */
  async function shippedHead(tenantId: string, since: number): Promise<{ seq: number; timestamp: number } | undefined> {
    let head: { seq: number; timestamp: number } | undefined;
    let token: string | undefined;
    for (;;) {
      const page = await client.send(
        new GetLogEventsCommand({
          logGroupName: opts.logGroup,
          logStreamName: tenantId,
          startFromHead: true,
          ...(since > 0 ? { startTime: since } : {}),
          ...(token ? { nextToken: token } : {}),
        }),
      );
      for (const e of page.events ?? []) {
        const seq = seqOf(e.message, tenantId);
        if (seq !== undefined && (!head || seq > head.seq)) head = { seq, timestamp: e.timestamp ?? since };
      }
      if ((page.events ?? []).length === 0 || page.nextForwardToken === token) return head;
      token = page.nextForwardToken;
    }
  }

  const savePosition = (tx: Queryable, tenantId: string, seq: number, lastTimestamp: number) =>
    tx.query(
      `INSERT INTO mirror_progress (tenant_id, seq, last_timestamp) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET seq = EXCLUDED.seq, last_timestamp = EXCLUDED.last_timestamp`,
      [tenantId, seq, lastTimestamp],
    );

  async function shipTenant(tenantId: string): Promise<boolean> {
    await ensureGroup();
    if (!streams.has(tenantId)) {
      await client.send(new CreateLogStreamCommand({ logGroupName: opts.logGroup, logStreamName: tenantId })).catch(ignoreExists);
      streams.add(tenantId);
    }
    return opts.db.withTenant(tenantId, async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [advisoryKey(`medicdraft.audit.mirror.${tenantId}`)]);
      const { rows: pos } = await tx.query<{ seq: string; last_timestamp: string }>(
        'SELECT seq, last_timestamp FROM mirror_progress WHERE tenant_id = $1',
        [tenantId],
      );
      let from = Number(pos[0]?.seq ?? 0);
      let last = Number(pos[0]?.last_timestamp ?? 0);
      if (!reconciled.has(tenantId)) {
        const head = await shippedHead(tenantId, last);
        if (head && head.seq > from) {
          opts.logger.warn(
            { tenantId, position: from, shipped: head.seq },
            'audit mirror: records past the stored position are already in CloudWatch; skipping them',
          );
          from = head.seq;
          last = Math.max(last, head.timestamp);
          await savePosition(tx, tenantId, from, last);
        }
        reconciled.add(tenantId);
      }
      const { rows } = await tx.query<MirrorRow>(
        `SELECT seq, event_id, event_type, occurred_at, recorded_at, actor_type, actor_id, actor_role, resource_ids, ` +
          `service, outcome, outcome_detail, hash
           FROM events WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [tenantId, from, batchSize],
      );
      if (rows.length === 0) return false;
      const batch = toLogEventBatch(
        rows.map((r) => ({ recordedAt: new Date(r.recorded_at).getTime(), message: JSON.stringify(mirrorMessage(tenantId, r)) })),
        last,
        now(),
        opts.retentionDays,
      );
      const result = await client.send(
        new PutLogEventsCommand({ logGroupName: opts.logGroup, logStreamName: tenantId, logEvents: batch.logEvents }),
      );
      if (result.rejectedLogEventsInfo)
        opts.logger.error({ tenantId, rejected: result.rejectedLogEventsInfo }, 'audit mirror: CloudWatch rejected log events');
      await savePosition(tx, tenantId, Number(rows[batch.logEvents.length - 1]?.seq), batch.lastTimestamp);
      return batch.logEvents.length < rows.length || rows.length === batchSize;
    });
  }

  const shipAll = () => {
    running = running.then(async () => {
      if (!scanned) {
        try {
          for (const h of await listChainHeads(opts.db)) if (h.lastSeq > h.mirroredSeq) dirty.add(h.tenantId);
          scanned = true;
        } catch (err) {
          opts.logger.warn({ err: errorName(err) }, 'audit mirror: backlog scan failed; retrying');
        }
      }
      for (const tenantId of [...dirty]) {
        dirty.delete(tenantId);
        try {
          while (await shipTenant(tenantId));
        } catch (err) {
          dirty.add(tenantId);
          reconciled.delete(tenantId);
          opts.logger.warn({ tenantId, err: errorName(err) }, 'audit mirror to CloudWatch failed; retrying');
        }
      }
    });
    return running;
  };

  return {
    noteAppended: (tenantId) => void dirty.add(tenantId),
    start() {
      const tick = (delay: number) => {
        timer = setTimeout(
          () =>
            void shipAll().finally(() => {
              if (timer) tick(opts.intervalMs ?? 1_000);
            }),
          delay,
        );
      };
      tick(0);
    },
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await shipAll();
    },
  };
}

function errorName(err: unknown): string {
  return (err as { name?: string }).name ?? 'unknown';
}

/** The seq of one of this tenant's mirror messages, or undefined for anything else in the stream. */
function seqOf(message: string | undefined, tenantId: string): number | undefined {
  try {
    const m = JSON.parse(message ?? '') as { tenantId?: unknown; seq?: unknown };
    return m.tenantId === tenantId && typeof m.seq === 'number' ? m.seq : undefined;
  } catch {
    return undefined;
  }
}

function mirrorMessage(tenantId: string, r: MirrorRow) {
  return {
    tenantId,
    seq: Number(r.seq),
    eventId: r.event_id,
    action: r.event_type,
    occurredAt: new Date(r.occurred_at).toISOString(),
    actor: { type: r.actor_type, id: r.actor_id, ...(r.actor_role ? { role: r.actor_role } : {}) },
    resources: r.resource_ids,
    service: r.service,
    outcome: r.outcome,
    ...(r.outcome_detail ? { outcomeDetail: r.outcome_detail } : {}),
    hash: r.hash,
  };
}
