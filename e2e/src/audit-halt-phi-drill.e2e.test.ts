import { TOPIC, type DomainEvent } from '@medicdraft/contracts';
import type { JobLogEntry } from '@medicdraft/healthscribe-emulator';
import { internalReadinessClient, PHI_READY_SETTINGS, provisionPhiReadyAws, type PhiReadyAws } from '@medicdraft/readiness/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifiesClean } from './audit-cli.js';
import { startEmulatorProcess, type EmulatorProcess } from './emulator-process.js';
import { signInDemoUser, type GatewaySession } from './gateway-session.js';
import { startDrill, type Drill } from './drill.js';
import { postDictation, type IntakeAnswer, type PipelineWatch } from './pipeline-watch.js';
import { stack } from './stack-env.js';
import { randomWav } from './test-audio.js';
import { enablePhiModeOnceReady } from './phi-mode.js';

/**
 * The halt must be published within 3 s of the audit service dying (consumers act on it within ms).
 */
const HALT_WITHIN_MS = 3_000;
/**
 * From the moment the drill's own consumer has the halted state, how long until no PHI action may
 * land: each service's gate view gets the state from its own consumer (a peer of the drill's), and
 * an action that passed its gate just before may still complete (a narrative being composed, a
 * view whose content is on its way); on a loaded 2-core box each takes a few hundred ms.
 */
const SLACK_MS = 1_000;
/** Every DRAATT element present, so the narrative is copyable without edits. */
const DICTATION =
  'Dispatched at 1005 for a fall. Responded non emergent. Arrived on scene at 1020. 82 year old female complains of right hip pain. ' +
  'Vitals: BP 138/84, heart rate 92, respirations 16, SpO2 97 percent. Gave fentanyl 50 mcg IV at 1032, pain improved from 8 to 5. ' +
  'Transported non emergent to Mercy General Hospital. Care transferred to the ED RN, patient stable.';
const NARRATIVE_TOPICS = [TOPIC.NARRATIVE_GENERATED, TOPIC.NARRATIVE_VIEWED, TOPIC.NARRATIVE_COPIED] as const;

interface ReviewAnswer {
  action: 'view' | 'copy';
  dictationId: string;
  sentAt: number;
  answeredAt: number;
  status: number;
  error?: string;
}

/**
 * The halt drill in PHI mode (docs/operations.md, "Fault drills"): everything provisioned on moto,
 * BAA recorded, the owner enables PHI mode; readiness, audit, ingest, scribe, narrative, gateway
 * and the HealthScribe emulator each their own process. Audio dictations flow (HealthScribe jobs on
 * the emulator) and a provider views and copies narratives through the gateway (audit before
 * action). The audit service is SIGKILLed: readiness publishes a halted state within 3 s; while
 * halted the emulator accepts no job, no narrative is generated, viewed or copied (events and
 * persisted timestamps), intake and review answer 503 pipeline_halted; after the restart every
 * accepted dictation gets exactly one job and one narrative, audit holds every event once, and
 * `medicdraft-audit verify` passes.
 */
describe('drill (PHI mode): SIGKILL the audit service while audio dictations flow and narratives are reviewed', () => {
  let drill: Drill;
  let aws: PhiReadyAws | undefined;
  let emulator: EmulatorProcess | undefined;
  let watch: PipelineWatch;
  let provider: GatewaySession;
  let ingestUrl: string;
  const intake: IntakeAnswer[] = [];
  const reviews: ReviewAnswer[] = [];
  let flowing = true;

  const postAudio = async (): Promise<IntakeAnswer> => {
    const wav = randomWav();
    await emulator!.registerMedia(wav, { text: DICTATION });
    const answer = await postDictation(ingestUrl, drill.tenantId, 'audio', wav, provider.userId);
    intake.push(answer);
    return answer;
  };
  /** One view or copy through the gateway, recorded with its answer; resolves with the answer and the body. */
  const review = async (action: ReviewAnswer['action'], dictationId: string): Promise<ReviewAnswer & { body: Record<string, unknown> }> => {
    const sentAt = Date.now();
    const path = `/dictations/${dictationId}/narrative${action === 'copy' ? '/copy' : ''}`;
    const res = await provider.api(path, action === 'copy' ? { method: 'POST', body: '{}' } : {}).catch(() => undefined);
    const body = res === undefined ? {} : ((await res.json().catch(() => ({}))) as Record<string, unknown>);
    const answer: ReviewAnswer = {
      action,
      dictationId,
      sentAt,
      answeredAt: Date.now(),
      status: res?.status ?? 0,
      ...(typeof body['error'] === 'string' ? { error: body['error'] } : {}),
    };
    reviews.push(answer);
    return { ...answer, body };
  };
  const narrated = () => watch.of(TOPIC.NARRATIVE_GENERATED).map((e) => (e.payload as { dictationId: string }).dictationId);

  beforeAll(async () => {
    // Audit's dev signing key lives in DATA_DIR: the restarted instance signs with the same key.
    drill = await startDrill('auhaltphi', { dataDir: true });
    const label = drill.tenantId;
    aws = await provisionPhiReadyAws(stack.aws, { label, inputBucket: `md-${label}-in`, outputBucket: `md-${label}-out` });
    drill.defer(() => aws?.close());
    // Jobs long enough, and a quota small enough, that work is queued and in flight when the halt
    // comes: waiting jobs must not start, outputs arriving during it must not become narratives.
    emulator = await startEmulatorProcess(aws.env, { queuedMs: 50, inProgressMs: 1_500 });
    drill.defer(() => emulator?.stop('SIGKILL'));
    const awsEnv = { ...aws.env, AWS_HEALTHSCRIBE_ENDPOINT_URL: emulator.url };
    watch = await drill.watch(NARRATIVE_TOPICS);

    const readinessProcess = await drill.start('readiness', {
      ...awsEnv,
      AUTH_OIDC_ISSUER: 'https://idp.e2e.invalid/',
      READINESS_PROBE_INTERVAL_MS: '1000',
    });
    const readiness = internalReadinessClient(readinessProcess.url);
    await readiness.registerTenant(drill.tenantId, 'Audit Halt PHI Drill EMS');
    await readiness.updateSettings(drill.tenantId, PHI_READY_SETTINGS);
    await drill.start('audit', awsEnv);
    const ingest = await drill.start('ingest', awsEnv);
    ingestUrl = ingest.url;
    await drill.start('scribe', { ...awsEnv, SCRIBE_POLL_INTERVAL_MS: '200', SCRIBE_IDLE_POLL_MS: '50', HEALTHSCRIBE_JOB_QUOTA: '3' });
    const narrative = await drill.start('narrative', awsEnv);
    const gateway = await drill.start('gateway', {
      INGEST_INTERNAL_URL: ingest.url,
      READINESS_INTERNAL_URL: readinessProcess.url,
      NARRATIVE_INTERNAL_URL: narrative.url,
      DEMO_TENANT_ID: drill.tenantId,
      DEMO_TENANT_NAME: 'Audit Halt PHI Drill EMS',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    provider = await signInDemoUser(gateway, drill.tenantId, 'provider');

    // PHI mode by the owner, once every other gate is proven from live evidence.
    const seven = await enablePhiModeOnceReady(readiness, drill.tenantId);
    expect(seven.gates.filter((g) => g.status !== 'ready').map((g) => g.id)).toEqual(['phi_mode']);
  });

  afterAll(async () => {
    flowing = false;
    await drill?.close();
  });

  it('halts within 3 s, starts no PHI action while halted, and resumes losing and repeating nothing', { timeout: 240_000 }, async () => {
    // The path works before the drill: audio through HealthScribe to a narrative a provider views and copies.
    const first = await vi.waitFor(
      async () => {
        const a = await postAudio();
        expect(a.status).toBe(201);
        return a;
      },
      { timeout: 30_000, interval: 250 },
    );
    expect(first.status).toBe(201);
    await vi.waitFor(
      async () => {
        const ids = await narrated();
        expect(ids.includes(first.dictationId!)).toBe(true);
      },
      { timeout: 60_000, interval: 100 },
    );
    const firstView = await review('view', first.dictationId!);
    expect(firstView.status).toBe(200);
    const { copyable, missing } = firstView.body as { copyable: boolean; missing: { element: string }[] };
    expect(copyable, `open elements: ${missing.map((m) => m.element).join(', ')}`).toBe(true);
    expect((await review('copy', first.dictationId!)).status).toBe(200);

    const intakeLoop = (async () => {
      while (flowing) {
        await postAudio();
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    // Views and copies of the newest narrative, alternating, as a provider reviewing as they come in.
    const reviewLoop = (async () => {
      for (let i = 0; flowing; i++) {
        await review(i % 2 === 0 ? 'view' : 'copy', narrated().at(-1)!);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    await new Promise((r) => setTimeout(r, 4_000));
    const audit = drill.processes.find((p) => p.name === 'audit')!;
    const killedAt = Date.now();
    expect(await audit.stop('SIGKILL')).toBeNull();
    const halted = await vi.waitFor(
      async () => {
        const value = await watch.gateStates.find((s) => s.halted && Date.parse(s.issuedAt) > killedAt);
        expect(value).toBeDefined();
        return value;
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(halted, 'readiness published a halted state').toBeDefined();
    const haltedAt = Date.parse(halted!.issuedAt);
    expect(haltedAt - killedAt).toBeLessThanOrEqual(HALT_WITHIN_MS);
    expect(halted!.haltReasons).toContain('audit_heartbeat_stale');
    // The audit gate is down with the heartbeat, so PHI mode is off too (the owner's request stands).
    expect(halted!.phiMode).toBe('disabled');

    // The emulator's own counters at the start and the end of the halted window.
    const haltSeenAt = watch.gateStatesSeenAt[watch.gateStates.indexOf(halted!)]!;
    const blockedFrom = haltSeenAt + SLACK_MS;
    await new Promise((r) => setTimeout(r, Math.max(0, blockedFrom - Date.now())));
    const atHalt = await emulator!.jobLog();
    await new Promise((r) => setTimeout(r, 3_000));
    const beforeRestart = await emulator!.jobLog();
    const restartAt = Date.now();
    await drill.start('audit', { ...aws!.env, AWS_HEALTHSCRIBE_ENDPOINT_URL: emulator!.url });
    // Unhalted first, then PHI mode back on its own once the audit gate is ready again: PHI work
    // may resume only from the second.
    const after = (s: { issuedAt: string }) => Date.parse(s.issuedAt) > haltedAt;
    const reopened = await vi.waitFor(
      async () => {
        const value = await watch.gateStates.find((s) => after(s) && !s.halted && s.phiMode === 'enabled');
        expect(value).toBeDefined();
        return value;
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(reopened, 'readiness lifted the halt and PHI mode is back').toBeDefined();
    const reopenedAt = Date.parse(reopened!.issuedAt);
    const unhaltedAt = Date.parse(watch.gateStates.find((s) => after(s) && !s.halted)!.issuedAt);
    expect(unhaltedAt).toBeGreaterThan(restartAt);
    await vi.waitFor(
      async () => {
        const n = await {
          dictations: intake.filter((a) => a.sentAt > reopenedAt && a.status === 201).length,
          reviews: reviews.filter((a) => a.sentAt > reopenedAt && a.status === 200).length,
        };
        expect(n.dictations >= 10 && n.reviews >= 4).toBe(true);
      },
      { timeout: 60_000, interval: 100 },
    );
    flowing = false;
    await Promise.all([intakeLoop, reviewLoop]);
    const inWindow = (t: number) => t > blockedFrom && t < reopenedAt;

    // While halted, from the emulator's job log: no StartMedicalScribeJob reached it, none was
    // accepted, though accepted dictations were waiting for one.
    const waiting = intake.filter((a) => a.status === 201 && a.answeredAt < haltedAt).length - atHalt.stats.startsAccepted;
    expect(waiting, 'dictations waiting for a HealthScribe job when the halt came').toBeGreaterThan(0);
    expect(beforeRestart.stats.startRequests - atHalt.stats.startRequests, 'StartMedicalScribeJob requests while halted').toBe(0);
    const finalLog = await emulator!.jobLog();
    expect(finalLog.jobs.filter((j) => inWindow(Date.parse(j.createdAt))).map((j) => j.jobName)).toEqual([]);

    // While halted: intake, views and copies refused with 503 pipeline_halted (then, until PHI mode
    // is back, 423 phi_mode_disabled); nothing generated, viewed or copied (event times of the
    // producers, and the narrative rows' persisted created_at).
    const answer = (a: { status: number; error?: string }) => `${a.status} ${a.error}`;
    for (const answers of [intake, reviews]) {
      const refused = answers.filter((a) => a.sentAt > blockedFrom && a.answeredAt < unhaltedAt);
      expect(refused.length).toBeGreaterThan(5);
      expect(new Set(refused.map(answer))).toEqual(new Set(['503 pipeline_halted']));
      const closed = answers.filter((a) => a.sentAt > blockedFrom && a.answeredAt < reopenedAt);
      expect(closed.map(answer).filter((a) => a !== '503 pipeline_halted' && a !== '423 phi_mode_disabled')).toEqual([]);
    }
    expect(new Set(reviews.filter((a) => a.sentAt > blockedFrom && a.answeredAt < unhaltedAt).map((a) => a.action))).toEqual(
      new Set(['view', 'copy']),
    );
    const occurredInHalt = (type: DomainEvent['type']) =>
      watch
        .of(type)
        .filter((e) => inWindow(Date.parse(e.occurredAt)))
        .map((e) => {
          const d = (e.payload as { dictationId: string }).dictationId;
          const a = intake.find((x) => x.dictationId === d);
          return (
            `${e.id} at halt+${Date.parse(e.occurredAt) - haltedAt} ms (sent halt+${(a?.sentAt ?? 0) - haltedAt}, ` +
            `answered halt+${(a?.answeredAt ?? 0) - haltedAt}, reopened halt+${reopenedAt - haltedAt})`
          );
        });
    for (const type of [TOPIC.DICTATION_AUDIO_CREATED, TOPIC.HEALTHSCRIBE_JOB_STARTED, ...NARRATIVE_TOPICS])
      expect(occurredInHalt(type), type).toEqual([]);

    // After the restart: every accepted dictation exactly one HealthScribe job and one narrative.
    const ids = [...new Set(intake.filter((a) => a.status === 201).map((a) => a.dictationId!))].sort();
    const generated = await vi.waitFor(
      async () => {
        const m = await watch.perDictation(TOPIC.NARRATIVE_GENERATED);
        expect(m.size).toBeGreaterThanOrEqual(ids.length);
        return m;
      },
      { timeout: 120_000, interval: 250 },
    );
    expect([...generated.keys()].sort()).toEqual(ids);
    expect([...generated.values()].every((n) => n === 1)).toBe(true);
    const jobs = (await emulator!.jobLog()).jobs;
    const jobsPer = new Map<string, JobLogEntry[]>();
    for (const j of jobs) {
      const d = j.tags['medicdraft:dictation-id'] ?? '?';
      jobsPer.set(d, [...(jobsPer.get(d) ?? []), j]);
    }
    expect([...jobsPer.keys()].sort()).toEqual(ids);
    expect(jobs.filter((j) => j.status !== 'COMPLETED' || (jobsPer.get(j.tags['medicdraft:dictation-id']!)?.length ?? 0) !== 1)).toEqual(
      [],
    );
    expect(watch.terminalFailures()).toEqual([]);
    const rows = await drill.sql<{ dictation_id: string; version: number; created_at: Date }>(
      'SELECT dictation_id, version, created_at FROM narrative.narratives WHERE tenant_id = $1',
      [drill.tenantId],
    );
    expect(rows.map((r) => r.dictation_id).sort()).toEqual(ids);
    expect(rows.filter((r) => r.version !== 1 || inWindow(r.created_at.getTime()))).toEqual([]);

    // Every view and copy shown was recorded first; audit took in every event exactly once.
    const shown = (action: ReviewAnswer['action']) => reviews.filter((a) => a.action === action && a.status === 200).length;
    expect(shown('view')).toBeGreaterThan(2);
    expect(shown('copy')).toBeGreaterThan(2);
    // A publish whose acknowledgement timed out fails closed (503 audit_unavailable) yet may have
    // landed: such a record names content nobody saw, which errs on the safe side.
    const unacked = (action: ReviewAnswer['action']) =>
      reviews.filter((a) => a.action === action && (a.status === 0 || a.error === 'audit_unavailable')).length;
    const statuses = JSON.stringify([...new Set(reviews.map((a) => `${a.action} ${a.status} ${a.error}`))]);
    for (const [action, type] of [
      ['view', TOPIC.NARRATIVE_VIEWED],
      ['copy', TOPIC.NARRATIVE_COPIED],
    ] as const) {
      const recorded = (
        await vi.waitFor(
          async () => {
            const e = await watch.of(type);
            expect(e.length).toBeGreaterThanOrEqual(shown(action));
            return e;
          },
          { timeout: 30_000, interval: 100 },
        )
      ).length;
      expect(recorded, `${type} vs answers ${statuses}`).toBeGreaterThanOrEqual(shown(action));
      expect(recorded, `${type} vs answers ${statuses}`).toBeLessThanOrEqual(shown(action) + unacked(action));
    }
    const watched = [
      TOPIC.DICTATION_AUDIO_CREATED,
      TOPIC.HEALTHSCRIBE_JOB_STARTED,
      TOPIC.HEALTHSCRIBE_OUTPUT_RECEIVED,
      ...NARRATIVE_TOPICS,
    ].flatMap((t) => watch.of(t).map((e) => e.id));
    const audited = await vi.waitFor(
      async () => {
        const r = await drill.sql<{ event_id: string; n: string }>(
          'SELECT event_id, count(*) AS n FROM audit.events WHERE tenant_id = $1 AND event_id = ANY($2::uuid[]) GROUP BY event_id',
          [drill.tenantId, watched],
        );
        expect(r.length).toBeGreaterThanOrEqual(watched.length);
        return r;
      },
      { timeout: 30_000, interval: 500 },
    );
    expect(audited.map((r) => r.event_id).sort()).toEqual([...watched].sort());
    expect(audited.every((r) => Number(r.n) === 1)).toBe(true);

    // The checkpointer signs the backlog on its own schedule: verify until it has.

    await verifiesClean({ DATABASE_URL: drill.db.url, KAFKA_BROKERS: stack.kafka.brokers.join(',') });
  });
});
