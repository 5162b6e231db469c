import { createHash, randomUUID } from 'node:crypto';
import { decodeEvent, dlqTopicFor, encodeEvent, TOPIC, type DomainEvent } from '@medicdraft/contracts';
import { createLogger, DependencyUnavailableError, type AdminDatabase, type EventBus, type Logger } from '@medicdraft/platform';
import { duplicateKeys, lineSink } from '@medicdraft/platform/testing';
import { type RunningService } from '@medicdraft/platform/http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ScribeEngineError } from './engine/scribe-engine-error.js';
import type { ScribeEngine } from './engine/scribe-engine.port.js';
import { startScribeService } from './service.js';
import { createScribeHarness, silentLogger, testDocuments, type ScribeHarness } from './testing/scribe-harness.js';
import { createScriptedEngine } from './testing/scripted-engine.js';

const jobName = (dictationId: string, attempt: number) => `md-${dictationId}-${attempt}`;
const fastPolicy = { firstPollMs: 5, pollIntervalMs: 20, waitRetryMs: 20, backoffBaseMs: 5, backoffMaxMs: 20, jobLeaseMs: 300 };

describe('scribe service (PGlite, memory bus, encrypted fs objects)', { timeout: 60_000 }, () => {
  let h: ScribeHarness;
  const services: RunningService[] = [];
  const start = async (
    healthscribe?: ScribeEngine,
    bus: EventBus = h.bus,
    logger: Logger = silentLogger,
    idlePollMs = 10,
    db: AdminDatabase = h.db(),
  ) => {
    const service = await startScribeService({
      bus,
      db,
      logger,
      coordination: h.coordination,
      objects: h.objects,
      documents: testDocuments,
      ...(healthscribe === undefined ? {} : { healthscribe }),
      jobName,
      partitions: 3,
      groupSuffix: '',
      worker: { concurrency: 4, idlePollMs, policy: fastPolicy, maxTextBytes: 64 * 1024 },
      gates: h.gates,
    });
    services.push(service);
    return service;
  };
  // Distinct events, by id: a worker whose short test lease ran out under load re-publishes the
  // same job.started (same id, which audit records once) — by design, not a second event.
  const types = () => {
    const ids = new Set<string>();
    return h.seen
      .filter((r) => {
        const id = (JSON.parse(r.value) as { id: string }).id;
        return ids.has(id) ? false : (ids.add(id), true);
      })
      .map((r) => r.topic);
  };
  const jobs = () =>
    h
      .db()
      .withTenant(
        h.tenantId,
        async (tx) => (await tx.query<{ state: string; failure_reason: string | null }>('SELECT state, failure_reason FROM jobs')).rows,
      );

  beforeEach(async () => {
    h = await createScribeHarness();
  });
  afterEach(async () => {
    for (const s of services.splice(0).reverse()) await s.stop();
    await h.close();
  });

  it('drafts a synthetic text dictation: job.started first, outputs stored encrypted, output.received with their digests', async () => {
    h.openGate('disabled');
    await start();
    const dictationId = randomUUID();
    await h.publish(await h.storeText(dictationId, 'Dispatched for chest pain. BP 150/90.'));
    await vi.waitFor(
      async () => {
        const t = await types();
        expect(t.includes(TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED)).toBe(true);
      },
      { timeout: 20_000, interval: 10 },
    );
    expect(types()).toEqual([TOPIC.HEALTHSCRIBE_JOB_STARTED, TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED]);
    // By topic, not position: a re-published job.started (see `types`) may sit between them.
    const received = decodeEvent(
      h.seen.find((r) => r.topic === TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED)!.value,
      TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED,
    );
    if (!received.ok) throw new Error(received.error.message);
    const p = received.value.payload;
    expect(p).toMatchObject({ dictationId, engine: 'synthetic', segmentCount: 2, jobName: jobName(dictationId, 1) });
    expect(p.transcriptRef.key).toBe(`${h.tenantId}/2026/11/23/${dictationId}/transcript.json`);
    const stored = await h.objects.get({ tenantId: h.tenantId, ...p.transcriptRef });
    const bytes = Buffer.concat(await stored.toArray());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(p.transcriptSha256);
    // The stored sizes, for the usage report's bytes per data class.
    expect(p.transcriptSizeBytes).toBe(bytes.length);
    const document = await h.objects.get({ tenantId: h.tenantId, ...p.clinicalDocumentRef });
    expect(p.clinicalDocumentSizeBytes).toBe(Buffer.concat(await document.toArray()).length);
    expect(JSON.parse(bytes.toString())).toEqual(testDocuments.draft('Dispatched for chest pain. BP 150/90.').transcript);
    // The events carry references and digests, never the dictation's words.
    expect(h.seen.map((r) => r.value).join('')).not.toContain('chest pain');
    expect(await jobs()).toEqual([{ state: 'completed', failure_reason: null }]);
  });

  it('logs each job state change once at info, with tenantId and the dictation as correlationId, never the text', async () => {
    h.openGate('disabled');
    const { lines, sink } = lineSink();
    await start(undefined, h.bus, createLogger({ service: 'scribe', level: 'info', destination: sink }));
    const dictationId = randomUUID();
    const text = await h.storeText(dictationId, 'CANARY-PHI Dispatched for chest pain.');
    await h.publish(text);
    const changes = () =>
      lines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.msg === 'scribe job state changed' && l.dictationId === dictationId);
    await vi.waitFor(() => expect(changes().map((l) => l.to)).toContain('completed'), { timeout: 20_000, interval: 10 });
    await vi.waitFor(async () => expect(await jobs()).toEqual([{ state: 'completed', failure_reason: null }]), { timeout: 5_000 });
    expect(changes().map((l) => [l.level, l.to])).toEqual([
      [30, 'pending'],
      [30, 'running'],
      [30, 'completed'],
    ]);
    for (const l of changes()) expect(l).toMatchObject({ service: 'scribe', tenantId: h.tenantId, correlationId: text.correlationId });
    expect(lines.filter((l) => duplicateKeys(l).length > 0)).toEqual([]);
    expect(lines.join('\n')).not.toContain('CANARY-PHI');
  });

  it('records one job for a redelivered event and for a second event of the same dictation', async () => {
    h.openGate('disabled');
    await start();
    const dictationId = randomUUID();
    const event = await h.storeText(dictationId, 'Patient fell.');
    await h.publish(event);
    await h.publish(event);
    await h.publish({ ...event, id: randomUUID() });
    await vi.waitFor(
      async () => {
        const t = await types();
        expect(t.includes(TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED)).toBe(true);
      },
      { timeout: 20_000, interval: 10 },
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(types()).toEqual([TOPIC.HEALTHSCRIBE_JOB_STARTED, TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED]);
    expect(await jobs()).toHaveLength(1);
  });

  it('holds dictations while the gate is closed and drafts them once it opens; audio waits for PHI mode', async () => {
    const scripted = createScriptedEngine({ quota: 2 });
    await start(scripted.engine);
    const text = await h.storeText(randomUUID(), 'Refusal of care.');
    const audio = await h.storeAudio(randomUUID());
    await h.publish(text);
    await h.publish(audio);
    await new Promise((r) => setTimeout(r, 150));
    expect(types()).toEqual([]);
    expect(await jobs()).toEqual([]);
    h.openGate('disabled');
    await vi.waitFor(
      async () => {
        const t = await types();
        expect(t.includes(TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED)).toBe(true);
      },
      { timeout: 20_000, interval: 10 },
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(types()).toEqual([TOPIC.HEALTHSCRIBE_JOB_STARTED, TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED]);
    expect(scripted.stats.startCalls).toBe(0);
    h.openGate('enabled');
    await vi.waitFor(
      async () => {
        const t = await types();
        expect(t.filter((x) => x === TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED).length).toBe(2);
      },
      { timeout: 20_000, interval: 10 },
    );
    expect(scripted.stats.created).toBe(1);
  });

  it('polls its own running job when the poll is due, not at the next idle look for work', async () => {
    h.openGate('enabled');
    // Eight polls: far more than other wake-ups (the intake's 5 s sweep) could drive within the wait.
    const scripted = createScriptedEngine({ quota: 2, pollsToComplete: 8 });
    // An idle look longer than the test: only the worker's own schedule can advance the job.
    await start(scripted.engine, h.bus, silentLogger, 600_000);
    await h.publish(await h.storeAudio(randomUUID()));
    await vi.waitFor(() => expect(types()).toEqual([TOPIC.HEALTHSCRIBE_JOB_STARTED, TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED]), {
      timeout: 20_000,
      interval: 10,
    });
    expect(await jobs()).toEqual([{ state: 'completed', failure_reason: null }]);
  });

  it('polls a running job on the lease it keeps: claimed once to start, never again until it completes', async () => {
    h.openGate('enabled');
    const claims: string[] = [];
    // The harness database, noting the dictation ids each claim leased.
    const db = h.db();
    const watched: AdminDatabase = {
      withTenant: (tenantId, fn) => db.withTenant(tenantId, fn),
      withSystem: (fn) =>
        db.withSystem((tx) =>
          fn({
            async query<R>(sql: string, params?: readonly unknown[]) {
              const result = await tx.query<R>(sql, params);
              if (sql.includes('WITH due AS')) for (const row of result.rows) claims.push((row as { dictationId: string }).dictationId);
              return result;
            },
          }),
        ),
      withRelay: (fn) => db.withRelay(fn),
      admin: (fn) => db.admin(fn),
      ping: () => db.ping(),
      close: () => db.close(),
    };
    // Twenty polls, each of which used to be a claim and a write-back of its own.
    const scripted = createScriptedEngine({ quota: 2, pollsToComplete: 20 });
    await start(scripted.engine, h.bus, silentLogger, 10, watched);
    const dictationId = randomUUID();
    await h.publish(await h.storeAudio(dictationId));
    await vi.waitFor(() => expect(types()).toEqual([TOPIC.HEALTHSCRIBE_JOB_STARTED, TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED]), {
      timeout: 20_000,
      interval: 10,
    });
    expect(claims).toEqual([dictationId]);
    expect(await jobs()).toEqual([{ state: 'completed', failure_reason: null }]);
  });

  it('a worker that stops while polling a running job gives it back: another worker finishes it without starting it again', async () => {
    h.openGate('enabled');
    const scripted = createScriptedEngine({ quota: 2, pollsToComplete: 40 });
    const first = await start(scripted.engine);
    await h.publish(await h.storeAudio(randomUUID()));
    await vi.waitFor(() => expect(types()).toEqual([TOPIC.HEALTHSCRIBE_JOB_STARTED]), { timeout: 20_000, interval: 5 });
    await first.stop();
    services.splice(services.indexOf(first), 1);
    await start(scripted.engine);
    await vi.waitFor(() => expect(types()).toEqual([TOPIC.HEALTHSCRIBE_JOB_STARTED, TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED]), {
      timeout: 20_000,
      interval: 10,
    });
    expect(scripted.stats).toMatchObject({ startCalls: 1, created: 1 });
    expect(await jobs()).toEqual([{ state: 'completed', failure_reason: null }]);
  });

  it('retries throttling with backoff, reporting each retryable failure, then completes', async () => {
    h.openGate('enabled');
    const scripted = createScriptedEngine({ quota: 2 });
    scripted.failStartWith(
      new ScribeEngineError('limit_exceeded', 'throttled', { retryable: true }),
      new ScribeEngineError('internal_failure', 'internal', { retryable: true }),
    );
    await start(scripted.engine);
    await h.publish(await h.storeAudio(randomUUID()));
    await vi.waitFor(
      async () => {
        const t = await types();
        expect(t.includes(TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED)).toBe(true);
      },
      { timeout: 20_000, interval: 10 },
    );
    const failed = h.seen.filter((r) => r.topic === TOPIC.HEALTHSCRIBE_JOB_FAILED).map((r) => JSON.parse(r.value).payload);
    expect(failed.map((p: { reasonCode: string; retryable: boolean }) => [p.reasonCode, p.retryable])).toEqual([
      ['limit_exceeded', true],
      ['internal_failure', true],
    ]);
    // job.started goes out before every start attempt, with one id, so audit records it once.
    const started = h.seen.filter((r) => r.topic === TOPIC.HEALTHSCRIBE_JOB_STARTED).map((r) => JSON.parse(r.value).id);
    // One per start attempt (three), plus any re-publication after a test lease ran out: one id.
    expect(started.length).toBeGreaterThanOrEqual(3);
    expect(new Set(started).size).toBe(1);
    expect(scripted.stats).toMatchObject({ startCalls: 3, created: 1 });
  });

  it('reports a FAILED job with a reason the provider can read, once, and does not retry it', async () => {
    h.openGate('enabled');
    const scripted = createScriptedEngine({ quota: 2 });
    const audio = await h.storeAudio(randomUUID());
    scripted.failJob(audio.correlationId);
    await start(scripted.engine);
    await h.publish(audio);
    await vi.waitFor(
      async () => {
        const j = await jobs();
        expect(j[0]?.state).toBe('failed');
      },
      { timeout: 20_000, interval: 10 },
    );
    await vi.waitFor(() => expect(types()).toContain(TOPIC.HEALTHSCRIBE_JOB_FAILED), { timeout: 20_000, interval: 10 });
    expect(types()).toEqual([TOPIC.HEALTHSCRIBE_JOB_STARTED, TOPIC.HEALTHSCRIBE_JOB_FAILED]);
    expect(JSON.parse(h.seen.find((r) => r.topic === TOPIC.HEALTHSCRIBE_JOB_FAILED)!.value).payload).toMatchObject({
      reasonCode: 'job_failed',
      retryable: false,
    });
    expect(await jobs()).toEqual([{ state: 'failed', failure_reason: 'job_failed' }]);
  });

  it('never runs more engine jobs at once than the quota, across two workers', async () => {
    h.openGate('enabled');
    // Jobs long enough (≥ 15 polls) that a loaded machine still overlaps two of them: the test
    // shows the quota is used, not only that it is never exceeded.
    const scripted = createScriptedEngine({ quota: 2, pollsToComplete: 15 });
    await start(scripted.engine);
    await start(scripted.engine);
    for (let i = 0; i < 8; i++) await h.publish(await h.storeAudio(randomUUID()));
    await vi.waitFor(
      async () => {
        const t = await types();
        expect(t.filter((x) => x === TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED).length).toBe(8);
      },
      { timeout: 30_000, interval: 10 },
    );
    expect(scripted.stats.created).toBe(8);
    expect(scripted.stats.maxConcurrent).toBe(2);
    expect(await h.coordination.semaphore.count('scribe.engine-jobs')).toBe(0);
  });

  it('a job waiting for a quota slot sleeps while the quota stays full, and starts as soon as a slot frees', async () => {
    h.openGate('enabled');
    // One slot, jobs of ~30 polls: the two later jobs wait for the slot through dozens of the
    // first job's polls; a waiting job that retried every `waitRetryMs` would ask the quota each time.
    const scripted = createScriptedEngine({ quota: 1, pollsToComplete: 30 });
    const semaphore = h.coordination.semaphore;
    const tryAcquire = semaphore.tryAcquire.bind(semaphore);
    let refused = 0;
    semaphore.tryAcquire = async (...args) => {
      const lease = await tryAcquire(...args);
      if (lease === null) refused += 1;
      return lease;
    };
    await start(scripted.engine);
    for (let i = 0; i < 3; i++) await h.publish(await h.storeAudio(randomUUID()));
    await vi.waitFor(() => expect(types().filter((x) => x === TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED)).toHaveLength(3), {
      timeout: 30_000,
      interval: 10,
    });
    expect(scripted.stats).toMatchObject({ created: 3, maxConcurrent: 1 });
    // Each waiting job is refused when it first asks, and is woken by the slot freed before it, not
    // by a timer: at most one more refusal each if a slow machine lets its fallback wait run out.
    expect(refused).toBeLessThanOrEqual(4);
  });

  it('gives a completed job its quota slot back as its outputs are read, so the next job need not wait for the reads', async () => {
    h.openGate('enabled');
    const slotsTakenAtRead: number[] = [];
    const scripted = createScriptedEngine({
      quota: 1,
      onOutputsRead: async () => void slotsTakenAtRead.push(await h.coordination.semaphore.count('scribe.engine-jobs')),
    });
    await start(scripted.engine);
    await h.publish(await h.storeAudio(randomUUID()));
    await vi.waitFor(() => expect(types().filter((x) => x === TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED)).toHaveLength(1), {
      timeout: 30_000,
      interval: 10,
    });
    expect(slotsTakenAtRead).toEqual([0]);
  });

  it("reads a completed job's outputs while its quota slot is being given back, not after", async () => {
    h.openGate('enabled');
    // The slot's release cannot finish until the outputs are being read: a runner that waited for the release before
    // reading would never complete the job.
    let readStarted!: () => void;
    const reading = new Promise<void>((resolve) => (readStarted = resolve));
    const semaphore = h.coordination.semaphore;
    const release = semaphore.release.bind(semaphore);
    semaphore.release = async (lease) => {
      await reading;
      return release(lease);
    };
    const scripted = createScriptedEngine({ quota: 1, onOutputsRead: async () => readStarted() });
    await start(scripted.engine);
    await h.publish(await h.storeAudio(randomUUID()));
    await vi.waitFor(() => expect(types().filter((x) => x === TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED)).toHaveLength(1), {
      timeout: 20_000,
      interval: 10,
    });
    expect(await semaphore.count('scribe.engine-jobs')).toBe(0);
  });

  it('an output read that fails after the slot was given back polls again and completes once, holding no slot', async () => {
    h.openGate('enabled');
    let reads = 0;
    const scripted = createScriptedEngine({
      quota: 1,
      onOutputsRead: async () => {
        reads += 1;
        if (reads === 1) throw new ScribeEngineError('engine_unavailable', 'reading the transcript failed', { retryable: true });
      },
    });
    await start(scripted.engine);
    await h.publish(await h.storeAudio(randomUUID()));
    await vi.waitFor(() => expect(types().filter((x) => x === TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED)).toHaveLength(1), {
      timeout: 30_000,
      interval: 10,
    });
    expect(reads).toBe(2);
    expect(types().filter((x) => x === TOPIC.HEALTHSCRIBE_JOB_FAILED)).toHaveLength(0);
    expect(await h.coordination.semaphore.count('scribe.engine-jobs')).toBe(0);
  });

  it('resumes a job whose worker died mid-start on another worker, adopting the job already created', async () => {
    h.openGate('enabled');
    const scripted = createScriptedEngine({ quota: 2 });
    scripted.hangNextStart();
    await start(scripted.engine); // this worker's start never returns: as good as dead
    await h.publish(await h.storeAudio(randomUUID()));
    await vi.waitFor(
      async () => {
        const n = await scripted.stats.startCalls;
        expect(n).toBe(1);
      },
      { timeout: 20_000, interval: 10 },
    );
    await start(scripted.engine); // a second worker picks the job up once the first one's lease expires
    await vi.waitFor(
      async () => {
        const t = await types();
        expect(t.includes(TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED)).toBe(true);
      },
      { timeout: 20_000, interval: 10 },
    );
    expect(scripted.stats).toMatchObject({ startCalls: 2, created: 1 });
    expect(await jobs()).toEqual([{ state: 'completed', failure_reason: null }]);
    services.shift(); // the hung worker cannot stop cleanly; its memory goes with the test
  });

  it('audit before action: while Kafka refuses job.started, no HealthScribe job starts; once it accepts, exactly one does', async () => {
    h.openGate('enabled');
    const scripted = createScriptedEngine({ quota: 2 });
    let kafkaDown = true;
    const flaky: EventBus = {
      ...h.bus,
      subscribe: (o) => h.bus.subscribe(o),
      async publish(records) {
        if (kafkaDown && records.some((r) => r.topic === TOPIC.HEALTHSCRIBE_JOB_STARTED)) throw new DependencyUnavailableError('kafka');
        return h.bus.publish(records);
      },
    };
    await start(scripted.engine, flaky);
    await h.publish(await h.storeAudio(randomUUID()));
    await vi.waitFor(
      async () => {
        const j = await jobs();
        expect(j.length).toBe(1);
      },
      { timeout: 20_000, interval: 10 },
    );
    await new Promise((r) => setTimeout(r, 400)); // several start attempts, each refused before the engine call
    expect(scripted.stats.startCalls).toBe(0);
    expect(types()).toEqual([]);
    kafkaDown = false;
    await vi.waitFor(
      async () => {
        const t = await types();
        expect(t.includes(TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED)).toBe(true);
      },
      { timeout: 20_000, interval: 10 },
    );
    expect(scripted.stats).toMatchObject({ startCalls: 1, created: 1 });
  });

  describe('reprocessing (dictation.reprocess.requested)', () => {
    // Distinct events by id, as `types` counts them: a job.started re-published after a test lease ran out on a loaded
    // box is the same event, not a second start.
    const payloads = (topic: string) => {
      const ids = new Set<string>();
      return h.seen
        .filter((r) => r.topic === topic)
        .map((r) => JSON.parse(r.value) as { id: string; payload: Record<string, unknown> })
        .filter((e) => (ids.has(e.id) ? false : (ids.add(e.id), true)))
        .map((e) => e.payload);
    };
    const jobRow = async () =>
      (
        await h
          .db()
          .withTenant(
            h.tenantId,
            async (tx) =>
              (await tx.query<{ attempt: number; job_name: string; state: string }>('SELECT attempt, job_name, state FROM jobs')).rows,
          )
      )[0];

    it('runs attempt 2 of a completed dictation under its own job name and output folder; attempt 1 outputs stay intact', async () => {
      h.openGate('disabled');
      await start();
      const dictationId = randomUUID();
      const created = await h.storeText(dictationId, 'Dispatched for a fall. BP 120/80.');
      await h.publish(created);
      await vi.waitFor(
        async () => {
          const t = await types();
          expect(t.includes(TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED)).toBe(true);
        },
        { timeout: 20_000, interval: 10 },
      );
      const first = payloads(TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED)[0] as {
        transcriptRef: { bucket: 'output'; key: string };
        transcriptSha256: string;
      };
      await h.publish(h.reprocessOf(created, 2));
      await vi.waitFor(
        async () => {
          const t = await types();
          expect(t.filter((x) => x === TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED).length).toBe(2);
        },
        { timeout: 20_000, interval: 10 },
      );
      expect(types()).toEqual([
        TOPIC.HEALTHSCRIBE_JOB_STARTED,
        TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED,
        TOPIC.HEALTHSCRIBE_JOB_STARTED,
        TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED,
      ]);
      expect(payloads(TOPIC.HEALTHSCRIBE_JOB_STARTED).map((p) => [p['attempt'], p['jobName']])).toEqual([
        [1, jobName(dictationId, 1)],
        [2, jobName(dictationId, 2)],
      ]);
      const second = payloads(TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED)[1] as typeof first;
      expect(second.transcriptRef.key).toBe(`${h.tenantId}/2026/11/23/${dictationId}/attempt-2/transcript.json`);
      const again = Buffer.concat(await (await h.objects.get({ tenantId: h.tenantId, ...first.transcriptRef })).toArray());
      expect(createHash('sha256').update(again).digest('hex')).toBe(first.transcriptSha256);
      expect(await jobRow()).toEqual({ attempt: 2, job_name: jobName(dictationId, 2), state: 'completed' });
    });

    it(
      'a request during a running attempt waits for it to end (FAILED here), then runs once; repeated and stale requests ' + 'add nothing',
      async () => {
        h.openGate('enabled');
        const scripted = createScriptedEngine({ quota: 2, pollsToComplete: 5 });
        await start(scripted.engine);
        const created = await h.storeAudio(randomUUID());
        scripted.failJob(created.correlationId);
        await h.publish(created);
        await vi.waitFor(
          async () => {
            const t = await types();
            expect(t.includes(TOPIC.HEALTHSCRIBE_JOB_STARTED)).toBe(true);
          },
          { timeout: 20_000, interval: 10 },
        );
        const request = h.reprocessOf(created, 2);
        await h.publish(request);
        await h.publish(request); // redelivery
        await h.publish({ ...h.reprocessOf(created, 2) }); // a second request for the same attempt
        await vi.waitFor(
          async () => {
            const t = await types();
            expect(t.includes(TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED)).toBe(true);
          },
          { timeout: 30_000, interval: 10 },
        );
        await h.publish(h.reprocessOf(created, 2)); // stale: attempt 2 already ran
        await new Promise((r) => setTimeout(r, 200));
        expect(types()).toEqual([
          TOPIC.HEALTHSCRIBE_JOB_STARTED,
          TOPIC.HEALTHSCRIBE_JOB_FAILED,
          TOPIC.HEALTHSCRIBE_JOB_STARTED,
          TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED,
        ]);
        expect(scripted.stats.created).toBe(2);
        expect(await jobRow()).toMatchObject({ attempt: 2, state: 'completed' });
      },
    );

    it(
      'a request seen before its dictation.*.created records the job at that attempt, held until PHI mode allows audio; the ' +
        'late created event adds nothing',
      async () => {
        h.openGate('disabled');
        const scripted = createScriptedEngine({ quota: 2 });
        await start(scripted.engine);
        const created = await h.storeAudio(randomUUID());
        await h.publish(h.reprocessOf(created, 3));
        await new Promise((r) => setTimeout(r, 200));
        expect(await jobRow()).toBeUndefined(); // audio is PHI work: held while PHI mode is off
        h.openGate('enabled');
        await vi.waitFor(
          async () => {
            const t = await types();
            expect(t.includes(TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED)).toBe(true);
          },
          { timeout: 20_000, interval: 10 },
        );
        await h.publish(created);
        await new Promise((r) => setTimeout(r, 200));
        expect(types()).toEqual([TOPIC.HEALTHSCRIBE_JOB_STARTED, TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED]);
        expect(payloads(TOPIC.HEALTHSCRIBE_JOB_STARTED)[0]).toMatchObject({ attempt: 3, jobName: jobName(created.correlationId, 3) });
        expect(scripted.stats.created).toBe(1);
      },
    );
  });

  it('dead-letters records of a tenant the directory does not list at once, and the partition keeps flowing', async () => {
    h.openGate('disabled');
    // Readiness' global record: a fresh directory that lists only the harness tenant.
    const now = new Date(h.frozenAt).toISOString();
    h.gates.apply({
      tenantId: '*',
      version: 1,
      issuedAt: now,
      expiresAt: new Date(h.frozenAt + 3_000).toISOString(),
      halted: false,
      haltReasons: [],
      tenants: [h.tenantId],
    });
    await start();
    const real = await h.storeText(randomUUID(), 'Diabetic call.');
    // 25 valid events naming a tenant nobody provisioned, on the real dictation's partition, ahead of it.
    for (let i = 0; i < 25; i++) await h.publish({ ...real, id: randomUUID(), tenantId: 'made-up-tenant' });
    await h.publish(real);
    await vi.waitFor(
      async () => {
        const t = await types();
        expect(t.includes(TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED)).toBe(true);
      },
      { timeout: 20_000, interval: 10 },
    );
    const dead: string[] = [];
    const sub = await h.bus.subscribe({
      groupId: 'dlq-reader-unknown',
      topics: [dlqTopicFor('scribe')],
      handler: async (r) => (dead.push(r.headers['x-error-code'] ?? ''), { action: 'done' }),
    });
    await vi.waitFor(
      async () => {
        const d = await dead;
        expect(d.length).toBe(25);
      },
      { timeout: 20_000, interval: 10 },
    );
    await sub.close();
    expect(new Set(dead)).toEqual(new Set(['unknown_tenant']));
  });

  it(
    "parks a blocked tenant's dictations so another tenant on the same partition flows, and records them once each when its " +
      'gate opens',
    async () => {
      const other = `b-${randomUUID().slice(0, 8)}`;
      h.directory([h.tenantId, other]);
      h.openGate('disabled');
      h.openGate('disabled', other, { halted: true });
      await start();
      const blocked = [];
      for (let i = 0; i < 3; i++) blocked.push(await h.storeText(randomUUID(), `Call ${i}.`, other));
      const flowing = await h.storeText(randomUUID(), 'Diabetic call.');
      // One key for all four: one partition, the blocked tenant's records ahead of the other's.
      const onePartition = (e: DomainEvent) => h.bus.publish([{ topic: e.type, key: 'one-partition', value: encodeEvent(e) }]);
      for (const e of blocked) await onePartition(e);
      await onePartition(flowing);
      await vi.waitFor(
        async () => {
          const t = await types();
          expect(t.includes(TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED)).toBe(true);
        },
        { timeout: 20_000, interval: 10 },
      );
      const tenantsOf = (topic: string) => {
        const byId = new Map(
          h.seen
            .filter((r) => r.topic === topic)
            .map((r) => [(JSON.parse(r.value) as { id: string }).id, (JSON.parse(r.value) as { tenantId: string }).tenantId]),
        );
        return [...byId.values()];
      };
      expect(tenantsOf(TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED)).toEqual([h.tenantId]);
      const parked = () => h.db().withTenant(other, async (tx) => (await tx.query('SELECT 1 FROM parked_records')).rows.length);
      expect(await parked()).toBe(3);
      h.openGate('disabled', other);
      await vi.waitFor(
        async () => {
          const n = await tenantsOf(TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED).filter((t) => t === other).length;
          expect(n).toBe(3);
        },
        { timeout: 20_000, interval: 10 },
      );
      expect(await parked()).toBe(0);
      const otherJobs = await h
        .db()
        .withTenant(other, async (tx) =>
          (await tx.query<{ dictation_id: string }>('SELECT dictation_id FROM jobs')).rows.map((r) => r.dictation_id),
        );
      expect(otherJobs.sort()).toEqual(blocked.map((e) => e.correlationId).sort());
    },
  );

  it('dead-letters a malformed record with a reason and keeps consuming', async () => {
    h.openGate('disabled');
    await start();
    await h.bus.publish([{ topic: TOPIC.DICTATION_TEXT_CREATED, key: 'x', value: '{"not":"an event"}' }]);
    await h.publish(await h.storeText(randomUUID(), 'Diabetic call.'));
    await vi.waitFor(
      async () => {
        const t = await types();
        expect(t.includes(TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED)).toBe(true);
      },
      { timeout: 20_000, interval: 10 },
    );
    const dead: string[] = [];
    const sub = await h.bus.subscribe({
      groupId: 'dlq-reader',
      topics: [dlqTopicFor('scribe')],
      handler: async (r) => (dead.push(r.headers['x-error-code'] ?? ''), { action: 'done' }),
    });
    await vi.waitFor(
      async () => {
        const d = await dead;
        expect(d.length).toBe(1);
      },
      { timeout: 20_000, interval: 10 },
    );
    await sub.close();
    expect(dead).toEqual(['malformed_event']);
  });
});
