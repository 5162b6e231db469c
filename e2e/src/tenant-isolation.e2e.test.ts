import { randomUUID } from 'node:crypto';
import { createEvent, encodeEvent, TOPIC } from '@medicdraft/contracts';
import { dlqTopic, type EventBus, type OutgoingRecord, type Subscription } from '@medicdraft/platform';
import {
  internalReadinessClient,
  PHI_READY_SETTINGS,
  phiReadyAwsNames,
  provisionPhiReadyAws,
  type InternalReadinessClient,
  type PhiReadyAws,
} from '@medicdraft/readiness/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AwsDrill } from './aws-fixtures.js';
import { startDrill, type Drill } from './drill.js';
import { parkedRecordsGauge, postDictation, type PipelineWatch } from './pipeline-watch.js';
import type { ServiceProcess } from './service-process.js';
import { stack } from './stack-env.js';
import { randomWav } from './test-audio.js';
import { enablePhiModeOnceReady } from './phi-mode.js';

/** Dictations with junk ahead of them, and as many without; each carries this many junk records. */
const PAIRS = 100;
const JUNK_PER_DICTATION = 20;

const TEXT = 'Dispatched for a fall. 82 year old female, alert. BP 138/84, pulse 92. Transported to General, stable.';

/**
 * What a service logged (PHI-free by the logging contract), for the diagnosis of a stall: per message
 * its lines (or the records they count), and its last warnings and errors other than the Kafka client's own.
 */
function logDigest(p: ServiceProcess): string {
  const counts = new Map<string, number>();
  const recent: string[] = [];
  for (const line of p.output().split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { level?: number; msg?: string; logger?: string; code?: string; count?: number };
    const name = `${entry.level ?? '?'} ${entry.msg ?? ''}${entry.code === undefined ? '' : ` (${entry.code})`}`;
    counts.set(name, (counts.get(name) ?? 0) + (entry.count ?? 1));
    if ((entry.level ?? 0) >= 40 && entry.logger !== 'kafkajs' && entry.msg !== 'record dead-lettered') recent.push(line.slice(0, 300));
  }
  const lines = [...counts].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${n}\t${name}`);
  return [...lines, '--- last warnings:', ...recent.slice(-15)].join('\n');
}

/** p99 by nearest rank (with 100 samples: the second slowest). */
function p99(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? Number.NaN;
}

/**
 * Reads a dead-letter topic from the start, counting reason codes per original record (topic,
 * partition, offset): dead-lettering is at-least-once, so a letter published again after a lost
 * commit counts once.
 */
async function readDeadLetters(
  bus: EventBus,
  topic: string,
): Promise<{ codes: Map<string, number>; total(): number; close(): Promise<void> }> {
  const byOrigin = new Map<string, string>();
  const codes = new Map<string, number>();
  await bus.ensureTopics([{ name: topic, partitions: 6 }]);
  const sub: Subscription = await bus.subscribe({
    groupId: `e2e-dlq-${randomUUID().slice(0, 8)}`,
    topics: [topic],
    fromBeginning: true,
    handler: async (r) => {
      const origin = `${r.headers['x-original-topic']}/${r.headers['x-original-partition']}/${r.headers['x-original-offset']}`;
      if (!byOrigin.has(origin)) {
        const code = r.headers['x-error-code'] ?? '?';
        byOrigin.set(origin, code);
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
      return { action: 'done' };
    },
  });
  return { codes, total: () => byOrigin.size, close: () => sub.close() };
}

/**
 * One tenant never stalls another, on the stack with every service its own process.
 * (a) Junk — records naming tenants nobody provisioned and records that are not events at all —
 *     published ahead of a tenant's real dictations is dead-lettered with its reason at once, and
 *     the tenant's upload→narrative p99 stays within 2× of its dictations without junk, alternated
 *     with them in the same run (a record stuck behind junk, retried or parked, would cost it far more).
 */
describe('junk never stalls a tenant', () => {
  let drill: Drill;
  let watch: PipelineWatch;
  let ingestUrl: string;

  beforeAll(async () => {
    drill = await startDrill('junk', { dataDir: true });
    watch = await drill.watch([TOPIC.NARRATIVE_GENERATED]);
    for (const name of ['readiness', 'audit', 'narrative', 'scribe', 'ingest'] as const) await drill.start(name);
    await internalReadinessClient(drill.processes[0]!.url).registerTenant(drill.tenantId, 'Junk Drill EMS');
    ingestUrl = drill.processes.at(-1)!.url;
    // Intake opens once ingest has the tenant's sandbox state.
    const first = await vi.waitFor(
      async () => {
        const a = await postDictation(ingestUrl, drill.tenantId, 'text', TEXT);
        expect(a.status).toBe(201);
        return a;
      },
      { timeout: 30_000, interval: 250 },
    );
    expect(first.status).toBe(201);
    // The tenant was provisioned a moment before its first dictation: no consumer may take it
    // for a made-up tenant because the directory listing it had not reached it yet.
    expect(
      await vi.waitFor(
        async () => {
          const n = await watch.of(TOPIC.NARRATIVE_GENERATED).length;
          expect(n).toBe(1);
          return n;
        },
        { timeout: 60_000, interval: 100 },
      ),
    ).toBe(1);
  });

  afterAll(async () => {
    await drill?.close();
  });

  /**
   * Posts one dictation (again on a 503: a late heartbeat halting the pipeline for everyone on a loaded
   * box is the system failing closed, not junk) and waits for its narrative: upload→narrative ms, timed
   * from the accepted attempt. One at a time, so a sample is this record's own path and not a queue.
   */
  const narrate = async (i: number): Promise<number> => {
    const answer = await vi.waitFor(
      async () => {
        const a = await postDictation(ingestUrl, drill.tenantId, 'text', TEXT);
        expect(a.status !== 503).toBe(true);
        return a;
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(answer.status, `dictation ${i}: ${answer.error ?? ''}`).toBe(201);
    const seen = await vi.waitFor(
      () => {
        const e = watch.events.find((x) => x.event.type === TOPIC.NARRATIVE_GENERATED && x.event.correlationId === answer.dictationId);
        expect(e, `narrative of dictation ${i}`).toBeDefined();
        return e!;
      },
      { timeout: 60_000, interval: 10 },
    );
    return seen.seenAt - answer.sentAt;
  };

  /** Ten events of tenants nobody provisioned and ten records that are not events at all. */
  const junk = (i: number): OutgoingRecord[] => {
    const records: OutgoingRecord[] = [];
    for (let j = 0; j < JUNK_PER_DICTATION / 2; j++) {
      const ghost = `ghost-${i}-${j}`;
      const dictationId = randomUUID();
      const event = createEvent(
        TOPIC.DICTATION_TEXT_CREATED,
        {
          tenantId: ghost,
          actor: { type: 'user', id: randomUUID(), role: 'provider' },
          correlationId: dictationId,
          payload: {
            dictationId,
            providerId: randomUUID(),
            objectRef: { bucket: 'input', key: `${ghost}/2026/12/02/${dictationId}/dictation.txt` },
            sha256: 'a'.repeat(64),
            sizeBytes: 10,
            synthetic: true,
          },
        },
        { clock: Date.now, newId: randomUUID },
      );
      if (!event.ok) throw new Error(event.error.message);
      records.push({ topic: TOPIC.DICTATION_TEXT_CREATED, key: dictationId, value: encodeEvent(event.value) });
      records.push({
        topic: TOPIC.DICTATION_TEXT_CREATED,
        key: randomUUID(),
        value: j % 2 === 0 ? `{"junk":${i * 100 + j}}` : `not json ${i}-${j}`,
      });
    }
    return records;
  };

  it(
    '(a) 1,000 unknown-tenant and 1,000 malformed records among 100 dictations: all narratives, all junk dead-lettered ' +
      'with its reason, p99 within 2x of 100 dictations without junk in the same run',
    { timeout: 600_000 },
    async () => {
      const scribeDlq = await readDeadLetters(drill.bus, dlqTopic(`scribe${drill.env['KAFKA_GROUP_SUFFIX']}`));
      const auditDlq = await readDeadLetters(drill.bus, dlqTopic(`audit${drill.env['KAFKA_GROUP_SUFFIX']}`));
      const diagnose = async (): Promise<void> => {
        console.info(`scribe dead letters by reason: ${JSON.stringify(Object.fromEntries(scribeDlq.codes))}`);
        const parked = await drill.sql(
          'SELECT consumer, reason, count(*)::int AS n, min(parked_at) AS oldest FROM scribe.parked_records GROUP BY 1, 2',
        );
        console.info(`scribe parked records: ${JSON.stringify(parked)}`);
        const scribe = drill.processes.find((p) => p.name === 'scribe')!;
        console.info(`scribe log digest at ${new Date().toISOString()}:\n${logDigest(scribe)}`);
      };
      /** Waits until both consumers have dead-lettered every junk record published so far. */
      const junkSettled = (published: number, timeout: number) =>
        vi
          .waitFor(
            async () => {
              expect(await scribeDlq.total()).toBe(published);
              expect(await auditDlq.total()).toBe(published);
            },
            { timeout, interval: 20 },
          )
          .catch(async (err: unknown) => {
            await diagnose();
            throw err;
          });
      // Clean and junk samples alternate, so the box's load over the run weighs on both alike; a clean
      // sample starts only once the junk before it is dead-lettered, so it carries none of it.
      const clean: number[] = [];
      const withJunk: number[] = [];
      try {
        for (let i = 0; i < PAIRS; i++) {
          await junkSettled(i * JUNK_PER_DICTATION, 120_000);
          clean.push(await narrate(2 * i));
          await drill.bus.publish(junk(i));
          withJunk.push(await narrate(2 * i + 1));
        }
        await junkSettled(PAIRS * JUNK_PER_DICTATION, 120_000);
        expect(Object.fromEntries(scribeDlq.codes)).toEqual({ unknown_tenant: 1_000, malformed_event: 1_000 });
        // Audit does not chain events of tenants nobody provisioned: they go to its dead-letter topic too.
        expect(Object.fromEntries(auditDlq.codes)).toEqual({ unknown_tenant: 1_000, malformed_event: 1_000 });
        const halts = watch.gateStates.filter((g) => g.halted).map((g) => g.haltReasons.join('+'));
        if (halts.length > 0) console.info(`halted states seen: ${[...new Set(halts)].join(', ')} (${halts.length})`);
        const [p99Clean, p99Junk] = [p99(clean), p99(withJunk)];
        const spread = (xs: number[]) => [...xs].sort((x, y) => x - y).filter((_, i) => [0, 24, 49, 74, 94, 98, 99].includes(i));
        console.info(
          `upload→narrative p99: ${p99Clean} ms without junk, ${p99Junk} ms behind 20 junk records each ` +
            `(ratio ${(p99Junk / p99Clean).toFixed(2)}); ` +
            `ranks 1/25/50/75/95/99/100 without: ${spread(clean).join(' ')}, with: ${spread(withJunk).join(' ')}`,
        );
        expect(p99Junk, `p99 ${p99Junk} ms with junk vs ${p99Clean} ms without`).toBeLessThanOrEqual(2 * p99Clean);
      } finally {
        await scribeDlq.close();
        await auditDlq.close();
      }
    },
  );
});

/**
 * (b) Tenant B's gate drops (its owner withdraws the BAA: PHI mode falls for B alone) while
 *     tenant A's audio flows through HealthScribe: A is unaffected, B's records are parked; when
 *     B's gate is back, each B dictation completes once, in the order they were parked.
 * (c) The scribe is SIGKILLed while B's records are parked: after its restart nothing is lost or
 *     run twice.
 * The KMS key is one per deployment here (disabling it drops every tenant's PHI mode, which the
 * PHI drill shows), so the tenant-scoped drop is the BAA: a per-tenant input of the same gates.
 */
describe('a blocked tenant is parked, the others flow', () => {
  let drill: Drill;
  let aws: AwsDrill;
  let ready: PhiReadyAws;
  let watchA: PipelineWatch;
  let watchB: PipelineWatch;
  let readiness: InternalReadinessClient;
  let ingestUrl: string;
  let scribeEnv: Record<string, string>;
  let scribe: ServiceProcess;
  const run = randomUUID().slice(0, 8);
  const label = `park-${run}`;
  const tenantA = `a-${run}`;
  const tenantB = `b-${run}`;

  /** Posts an audio dictation, retrying while ingest's gate view still catches up with readiness. */
  const postAudio = async (tenantId: string) => {
    const wav = randomWav();
    aws.emulator.registerMedia(wav, { text: TEXT });
    const answer = await vi.waitFor(
      async () => {
        const x = await postDictation(ingestUrl, tenantId, 'audio', wav);
        expect(x.status).toBe(201);
        return x;
      },
      { timeout: 30_000, interval: 250 },
    );
    expect(answer.status, `audio intake for ${tenantId}`).toBe(201);
    return answer.dictationId!;
  };
  const outputs = (watch: PipelineWatch, ids: readonly string[]) =>
    ids.map((id) => watch.perDictation(TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED).get(id) ?? 0);
  const parkedOf = async (tenantId: string) =>
    (
      await drill.sql<{ key: string }>("SELECT key FROM scribe.parked_records WHERE tenant_id = $1 AND consumer = 'scribe' ORDER BY seq", [
        tenantId,
      ])
    ).map((r) => r.key);
  const jobsOf = async (tenantId: string) =>
    (
      await drill.sql<{ dictation_id: string }>(
        'SELECT dictation_id FROM scribe.jobs WHERE tenant_id = $1 ORDER BY created_at, dictation_id',
        [tenantId],
      )
    ).map((r) => r.dictation_id);

  beforeAll(async () => {
    drill = await startDrill('park');
    drill.defer(() => ready?.close());
    aws = await drill.aws({ inProgressMs: 200 });
    const names = phiReadyAwsNames(label);
    const awsEnv = {
      ...aws.env,
      AWS_HEALTHSCRIBE_DATA_ACCESS_ROLE_ARN: names.roleArn,
      AWS_HEALTHSCRIBE_AUDIT_LOG_GROUP: names.logGroup,
      AUDIT_WITNESS_BUCKET: names.witnessBucket,
    };
    ready = await provisionPhiReadyAws(stack.aws, {
      label,
      inputBucket: aws.env['AWS_HEALTHSCRIBE_INPUT_BUCKET']!,
      outputBucket: aws.env['AWS_HEALTHSCRIBE_OUTPUT_BUCKET']!,
      kmsKeyArn: aws.env['AWS_HEALTHSCRIBE_KMS_KEY_ARN']!,
    });
    watchA = await drill.watch([], tenantA);
    watchB = await drill.watch([], tenantB);
    const r = await drill.start('readiness', {
      ...awsEnv,
      AUTH_OIDC_ISSUER: 'https://idp.e2e.invalid/',
      READINESS_PROBE_INTERVAL_MS: '1000',
    });
    readiness = internalReadinessClient(r.url);
    await drill.start('audit', awsEnv);
    ingestUrl = (await drill.start('ingest', awsEnv)).url;
    scribeEnv = { ...awsEnv, SCRIBE_POLL_INTERVAL_MS: '200', SCRIBE_IDLE_POLL_MS: '50' };
    for (const tenant of [tenantA, tenantB]) {
      await readiness.registerTenant(tenant, `Tenant ${tenant}`);
      await readiness.updateSettings(tenant, PHI_READY_SETTINGS);
      await enablePhiModeOnceReady(readiness, tenant, 30_000);
    }
  });

  afterAll(async () => {
    await drill?.close();
  });

  it(
    "(b, c) B's BAA withdrawn: A flows, B parks; scribe SIGKILLed with B parked; B's BAA back: each B dictation once, in parked order",
    { timeout: 300_000 },
    async () => {
      // B's dictations are accepted while B is ready and wait in Kafka (no scribe yet), so they
      // are consumed only after B's gate dropped; A's share their partitions.
      const b: string[] = [];
      for (let i = 0; i < 6; i++) b.push(await postAudio(tenantB));
      const a1 = [await postAudio(tenantA), await postAudio(tenantA)];

      await readiness.updateSettings(tenantB, { baaExecuted: false });
      await vi.waitFor(
        async () => {
          const v = await readiness.readiness(tenantB);
          expect(v.phiMode).toBe('disabled');
        },
        { timeout: 30_000, interval: 250 },
      );
      expect((await readiness.readiness(tenantA)).phiMode).toBe('enabled');
      // Every consumer has B's closed gate before the scribe starts: ingest refuses B's audio now.
      const refused = await vi.waitFor(
        async () => {
          const x = await postDictation(ingestUrl, tenantB, 'audio', randomWav());
          expect(x.status).toBe(423);
          return x;
        },
        { timeout: 30_000, interval: 250 },
      );
      expect(refused.status).toBe(423);

      scribe = await drill.start('scribe', scribeEnv);
      await vi.waitFor(
        async () => {
          const n = await outputs(watchA, a1);
          expect(n.every((x) => x === 1)).toBe(true);
        },
        { timeout: 60_000, interval: 100 },
      );
      expect(outputs(watchA, a1)).toEqual([1, 1]);
      expect(
        (
          await vi.waitFor(
            async () => {
              const k = await parkedOf(tenantB);
              expect(k.length).toBe(6);
              return k;
            },
            { timeout: 30_000, interval: 250 },
          )
        ).sort(),
      ).toEqual([...b].sort());
      // The gauge follows the database at each sweep (a sweep's snapshot may predate the last park).
      await vi.waitFor(async () => expect(await parkedRecordsGauge(scribe.opsUrl, tenantB)).toBe(6), {
        timeout: 30_000,
        interval: 250,
      });
      // A keeps flowing while B waits.
      const a2 = [await postAudio(tenantA), await postAudio(tenantA)];
      await vi.waitFor(
        async () => {
          const n = await outputs(watchA, a2);
          expect(n.every((x) => x === 1)).toBe(true);
        },
        { timeout: 60_000, interval: 100 },
      );
      expect(outputs(watchA, a2)).toEqual([1, 1]);
      expect(watchB.of(TOPIC.HEALTHSCRIBE_JOB_STARTED)).toEqual([]);
      expect(aws.emulator.jobLog().jobs.filter((j) => j.tags['medicdraft:tenant-id'] === tenantB)).toEqual([]);

      // (c) The worker dies hard with B parked; its successor finds them in the database.
      await scribe.stop('SIGKILL');
      const parkedOrder = await parkedOf(tenantB);
      expect(parkedOrder).toHaveLength(6);
      scribe = await drill.start('scribe', scribeEnv);
      await vi.waitFor(
        async () => {
          const n = await parkedRecordsGauge(scribe.opsUrl, tenantB);
          expect(n).toBe(6);
        },
        { timeout: 30_000, interval: 250 },
      );

      await readiness.updateSettings(tenantB, { baaExecuted: true });
      await vi.waitFor(
        async () => {
          const v = await readiness.readiness(tenantB);
          expect(v.phiMode).toBe('enabled');
        },
        { timeout: 30_000, interval: 250 },
      );
      await vi.waitFor(
        async () => {
          const n = await outputs(watchB, b);
          expect(n.every((x) => x >= 1)).toBe(true);
        },
        { timeout: 90_000, interval: 100 },
      );
      expect(outputs(watchB, b)).toEqual(b.map(() => 1));
      expect(await parkedOf(tenantB)).toEqual([]);
      expect(await jobsOf(tenantB), 'jobs recorded in the order their records were parked').toEqual(parkedOrder);
      // Nothing twice: one HealthScribe job per accepted audio dictation, all completed.
      const { jobs } = aws.emulator.jobLog();
      expect(jobs.filter((j) => j.tags['medicdraft:tenant-id'] === tenantB)).toHaveLength(6);
      expect(jobs.filter((j) => j.tags['medicdraft:tenant-id'] === tenantA)).toHaveLength(4);
      expect(jobs.every((j) => j.status === 'COMPLETED')).toBe(true);
      expect([...watchA.terminalFailures(), ...watchB.terminalFailures()]).toEqual([]);
    },
  );
});
