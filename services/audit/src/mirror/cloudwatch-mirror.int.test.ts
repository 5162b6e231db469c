import { randomUUID } from 'node:crypto';
import { CloudWatchLogsClient, DescribeLogGroupsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { DomainEvent } from '@medicdraft/contracts';
import { createLogger, migrate, outboxMigrations, type AdminDatabase } from '@medicdraft/platform';
import { createPgDatabase } from '@medicdraft/platform/pg';
import { createPgTestDatabase, stackConfig, type PgTestDatabase } from '@medicdraft/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ROLE, AUDIT_SCHEMA, auditMigrations } from '../audit-migrations.js';
import { toAuditRecord } from '../audit-record.js';
import { appendAuditRecords } from '../audit-store.js';
import { testEvent } from '../testing/audit-log-fixture.js';
import { createCloudWatchMirror } from './cloudwatch-mirror.js';

const logger = createLogger({ service: 'audit-mirror-int', level: 'silent' });
const suffix = randomUUID().slice(0, 8);
/** Free text no mirror message may ever carry: it stands for PHI that reached an event by mistake. */
const CANARY = `PHI-CANARY-${suffix} Jane Doe, 54F, chest pain`;
const MESSAGE_KEYS = [
  'tenantId',
  'seq',
  'eventId',
  'action',
  'occurredAt',
  'actor',
  'resources',
  'service',
  'outcome',
  'outcomeDetail',
  'hash',
];

/** A moto client that records every request body it sends and can simulate a crash right after a PutLogEvents. */
function recordingClient() {
  const client = new CloudWatchLogsClient(stackConfig.aws);
  const sent: { command: string; body: string }[] = [];
  const state = { failAfterPut: false };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'PutLogEventsCommand' && state.failAfterPut) {
        state.failAfterPut = false;
        throw new Error('simulated crash after PutLogEvents, before the position commits');
      }
      return result;
    },
    { step: 'initialize', name: 'simulateCrash' },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const body = (args.request as { body?: unknown }).body;
      sent.push({ command: context.commandName ?? '?', body: typeof body === 'string' ? body : '' });
      return next(args);
    },
    { step: 'build', name: 'recordRequests' },
  );
  return { client, sent, state };
}

interface Mirrored {
  timestamp: number;
  message: Record<string, unknown>;
}

async function readStream(client: CloudWatchLogsClient, logGroupName: string, logStreamName: string): Promise<Mirrored[]> {
  const out: Mirrored[] = [];
  let token: string | undefined;
  for (;;) {
    const page = await client.send(
      new GetLogEventsCommand({ logGroupName, logStreamName, startFromHead: true, ...(token ? { nextToken: token } : {}) }),
    );
    for (const e of page.events ?? [])
      out.push({ timestamp: e.timestamp ?? 0, message: JSON.parse(e.message ?? '{}') as Record<string, unknown> });
    if ((page.events ?? []).length === 0 || page.nextForwardToken === token) return out;
    token = page.nextForwardToken;
  }
}

describe('CloudWatch Logs audit mirror (moto)', () => {
  let testDb: PgTestDatabase;
  let db: AdminDatabase;
  const cw = recordingClient();

  beforeAll(async () => {
    testDb = await createPgTestDatabase(stackConfig.postgres.url);
    db = createPgDatabase({ url: testDb.url, schema: AUDIT_SCHEMA, role: AUDIT_ROLE, poolSize: 4 });
    await migrate(db, {
      schema: AUDIT_SCHEMA,
      role: AUDIT_ROLE,
      migrations: [...outboxMigrations(AUDIT_SCHEMA, AUDIT_ROLE), ...auditMigrations()],
    });
  });
  afterAll(async () => {
    cw.client.destroy();
    await db.close();
    await testDb.drop();
  });

  /** Appends `count` events of `tenantId` through the service's append path, each carrying the canary in a payload field. */
  const append = async (tenantId: string, from: number, count: number): Promise<DomainEvent[]> => {
    const events = Array.from({ length: count }, (_, i) => {
      const e = testEvent(tenantId, from + i);
      // Not a valid event any more (strict schemas have no `note`): it stands for a contract slip the mirror must not pass on.
      return { ...e, payload: { ...e.payload, note: CANARY } } as unknown as DomainEvent;
    });
    await appendAuditRecords(
      db,
      tenantId,
      events.map((e, i) => toAuditRecord(e, { topic: e.type, partition: 0, offset: String(from + i) })),
    );
    return events;
  };
  const storedHashes = async (tenantId: string) =>
    db.withTenant(
      tenantId,
      async (tx) =>
        (await tx.query<{ seq: string; event_id: string; hash: string }>('SELECT seq, event_id, hash FROM events ORDER BY seq')).rows,
    );

  it(
    'ships each tenant chain in sequence and time order to its stream of the configured group, retention set, ids and codes ' + 'only',
    async () => {
      const logGroup = `/medicdraft/audit-int/${suffix}/a`;
      const [alpha, beta] = [`mirror-a-${suffix}`, `mirror-b-${suffix}`];
      await append(alpha, 0, 40);
      await append(beta, 0, 7);
      await append(alpha, 40, 25);
      const mirror = createCloudWatchMirror({ db, logger, logGroup, retentionDays: 2192, client: cw.client, batchSize: 30 });
      mirror.start();
      mirror.noteAppended(alpha);
      mirror.noteAppended(beta);
      await mirror.stop();

      const groups = await cw.client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: logGroup }));
      expect(groups.logGroups?.map((g) => [g.logGroupName, g.retentionInDays])).toEqual([[logGroup, 2192]]);

      for (const [tenantId, n] of [
        [alpha, 65],
        [beta, 7],
      ] as const) {
        const shipped = await readStream(cw.client, logGroup, tenantId);
        const stored = await storedHashes(tenantId);
        expect(shipped.map((e) => e.message['seq'])).toEqual(Array.from({ length: n }, (_, i) => i + 1));
        expect(shipped.map((e) => [e.message['eventId'], e.message['hash']])).toEqual(stored.map((r) => [r.event_id, r.hash]));
        for (let i = 1; i < shipped.length; i++) expect(shipped[i]?.timestamp).toBeGreaterThanOrEqual(shipped[i - 1]?.timestamp ?? 0);
        for (const e of shipped) {
          expect(e.message['tenantId']).toBe(tenantId);
          expect(MESSAGE_KEYS).toEqual(expect.arrayContaining(Object.keys(e.message)));
        }
      }
      // What went over the wire: the canary (and the event payload it sits in) never did.
      const puts = cw.sent.filter((s) => s.command === 'PutLogEventsCommand');
      expect(puts.length).toBeGreaterThanOrEqual(4);
      for (const { body } of cw.sent) {
        expect(body).not.toContain(CANARY);
        expect(body).not.toContain('PHI-CANARY');
        expect(body).not.toContain('"payload"');
      }
    },
  );

  it('after a crash and a restart it resumes from the stored position: backlog shipped without new appends, nothing twice', async () => {
    const logGroup = `/medicdraft/audit-int/${suffix}/b`;
    const tenantId = `mirror-c-${suffix}`;
    const first = createCloudWatchMirror({ db, logger, logGroup, retentionDays: 30, client: cw.client, batchSize: 50 });
    await append(tenantId, 0, 20);
    first.noteAppended(tenantId);
    await first.stop();
    expect((await readStream(cw.client, logGroup, tenantId)).length).toBe(20);

    // A second instance ships 21..45, then "crashes" after PutLogEvents and before its position commits.
    await append(tenantId, 20, 25);
    const crashing = createCloudWatchMirror({ db, logger, logGroup, retentionDays: 30, client: cw.client, batchSize: 50 });
    cw.state.failAfterPut = true;
    crashing.noteAppended(tenantId);
    await crashing.stop();
    expect(cw.state.failAfterPut).toBe(false);
    expect((await readStream(cw.client, logGroup, tenantId)).length).toBe(45);

    // While no mirror runs, more records are appended; the restarted mirror hears of no append at all.
    await append(tenantId, 45, 15);
    const restarted = createCloudWatchMirror({
      db,
      logger,
      logGroup,
      retentionDays: 30,
      client: cw.client,
      batchSize: 50,
      intervalMs: 100,
    });
    restarted.start();
    let shipped: Mirrored[] = [];
    for (let i = 0; i < 100 && shipped.length < 60; i++) {
      await new Promise((r) => setTimeout(r, 100));
      shipped = await readStream(cw.client, logGroup, tenantId);
    }
    await restarted.stop();
    shipped = await readStream(cw.client, logGroup, tenantId);
    expect(shipped.map((e) => e.message['seq'])).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const position = await db.withTenant(tenantId, async (tx) => (await tx.query<{ seq: string }>('SELECT seq FROM mirror_progress')).rows);
    expect(position).toEqual([{ seq: '60' }]);
  });
});
