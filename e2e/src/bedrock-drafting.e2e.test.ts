import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startBedrockEmulatorProcess, type BedrockEmulatorProcess } from './bedrock-emulator-process.js';
import { signInDemoUser } from './gateway-session.js';
import { startServiceProcess, type ServiceProcess } from './service-process.js';
import { createDrillEnv } from './stack-env.js';

const MODEL = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
const CANARY = 'CANARY-E2E-BEDROCK-8831';
const DICTATION =
  `Medic 12 was dispatched at 1402 for a 67 year old male with chest pain, patient ${CANARY}. We responded emergent. ` +
  'Arrived on scene at 1411. Patient complains of crushing substernal chest pain. He denies shortness of breath. ' +
  'Vitals: blood pressure 158/92, heart rate 96, respirations 20, SpO2 94 percent on room air. ' +
  'We administered 324 mg aspirin PO at 1415 and 0.4 mg nitroglycerin SL at 1418. ' +
  "We transported emergent to St. Mary's Medical Center. Care was transferred to the cath lab team at 1440, patient stable.";

interface Drafting {
  requested: string;
  drafter: string;
  modelId?: string;
  promptVersion?: string;
  fallbackReason?: string;
  verdicts?: { drafted: number; accepted: number; rejected: number; replaced: number };
}

/**
 * The Bedrock drafting path on the stack, every service its own process and the Bedrock emulator
 * its own process: a text dictation through the gateway is drafted by the model behind the
 * grounding verifier (lineage: bedrock, model id, prompt version, verdict counts, on the stored
 * version and in narrative.generated as audit recorded it); then, with the model throttling every
 * call, the next dictation is drafted by the rule engine and the lineage says why. No dictation
 * text reaches any log, the events or the emulator's call log.
 */
describe('narrative drafting on Amazon Bedrock (emulated) on the stack', () => {
  const processes: ServiceProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  let emulator: BedrockEmulatorProcess | undefined;
  afterEach(async () => {
    for (const p of processes.splice(0).reverse()) await p.stop('SIGTERM').catch(() => undefined);
    await emulator?.stop();
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  });

  it('drafts with the model when it answers and falls back to the rule engine when it throttles', { timeout: 240_000 }, async () => {
    emulator = await startBedrockEmulatorProcess([MODEL]);
    const drill = await createDrillEnv('bedrock');
    cleanups.push(() => drill.release());
    const dataDir = await mkdtemp(join(tmpdir(), 'bedrock-e2e-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const env = { ...drill.env, DATA_DIR: dataDir };
    const start = async (name: Parameters<typeof startServiceProcess>[0], extra: Record<string, string> = {}) => {
      const p = await startServiceProcess(name, { ...env, ...extra });
      processes.push(p);
      return p;
    };
    const bedrockEnv = {
      BEDROCK_MODEL_ID: MODEL,
      BEDROCK_REGION: 'us-east-1',
      BEDROCK_ENDPOINT_URL: emulator.url,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    };
    const readiness = await start('readiness', bedrockEnv);
    await start('audit');
    const narrative = await start('narrative', { ...bedrockEnv, NARRATIVE_DRAFTER: 'bedrock', BEDROCK_TIMEOUT_MS: '5000' });
    await start('scribe');
    const ingest = await start('ingest');
    const gateway = await start('gateway', {
      INGEST_INTERNAL_URL: ingest.url,
      READINESS_INTERNAL_URL: readiness.url,
      NARRATIVE_INTERNAL_URL: narrative.url,
      DEMO_TENANT_ID: drill.tenantId,
      DEMO_TENANT_NAME: 'Bedrock Drill EMS',
    });
    const { api } = await signInDemoUser(gateway, drill.tenantId, 'provider');

    // Readiness proves model access (CountTokens on the emulator) under the HealthScribe gate.
    const evidence = await vi.waitFor(
      async () => {
        const r = await fetch(`${readiness.url}/internal/readiness/tenants/${drill.tenantId}`);
        const view = (await r.json()) as { gates: { id: string; evidence: { code: string; ok: boolean }[] }[] };
        const line = view.gates.find((g) => g.id === 'healthscribe')?.evidence.find((e) => e.code === 'bedrock_model_access');
        if (line?.ok !== true) throw new Error('model access not proven yet');
        return line;
      },
      { timeout: 30_000, interval: 250 },
    );
    expect(evidence).toMatchObject({ code: 'bedrock_model_access', ok: true });

    const dictate = async () => {
      const created = await vi.waitFor(
        async () => {
          const r = await api('/dictations', { method: 'POST', body: JSON.stringify({ text: DICTATION, synthetic: true }) });
          if (r.status !== 202) throw new Error(`dictation not accepted yet: ${r.status}`);
          return r;
        },
        { timeout: 30_000, interval: 250 },
      );
      const { dictationId } = (await created.json()) as { dictationId: string };
      const view = await vi.waitFor(
        async () => {
          const r = await api(`/dictations/${dictationId}/narrative`);
          if (r.status !== 200) throw new Error(`no narrative yet: ${r.status}`);
          return (await r.json()) as { version: number; segments: { id: string }[]; sections: { sentences: { evidence: string[] }[] }[] };
        },
        { timeout: 60_000, interval: 250 },
      );
      for (const id of view.sections.flatMap((s) => s.sentences.flatMap((x) => x.evidence)))
        expect(view.segments.some((s) => s.id === id)).toBe(true);
      return dictationId;
    };
    const query = async <T extends pg.QueryResultRow>(sql: string, params: unknown[]) => {
      const client = new pg.Client({ connectionString: drill.db.url });
      await client.connect();
      try {
        return (await client.query<T>(sql, params)).rows;
      } finally {
        await client.end();
      }
    };
    const lineageOf = async (dictationId: string) => {
      const stored = await query<{ drafting: Drafting }>('SELECT drafting FROM narrative.narratives WHERE dictation_id = $1', [
        dictationId,
      ]);
      const generated = await vi.waitFor(
        async () => {
          const rows = await query<{ event: unknown }>(
            "SELECT event FROM audit.events WHERE tenant_id = $1 AND correlation_id = $2 AND event_type = 'narrative.generated'",
            [drill.tenantId, dictationId],
          );
          if (rows.length !== 1) throw new Error('narrative.generated not audited yet');
          return rows[0]!.event;
        },
        { timeout: 30_000, interval: 200 },
      );
      const payload = ((typeof generated === 'string' ? JSON.parse(generated) : generated) as { payload: { drafting: Drafting } }).payload;
      expect(stored).toEqual([{ drafting: payload.drafting }]);
      return { drafting: payload.drafting, event: JSON.stringify(generated) };
    };

    const drafted = await lineageOf(await dictate());
    expect(drafted.drafting).toMatchObject({
      requested: 'bedrock',
      drafter: 'bedrock',
      modelId: MODEL,
      promptVersion: 'narrative-draft/1',
    });
    expect(drafted.drafting.verdicts).toMatchObject({ rejected: 0 });
    expect(drafted.drafting.verdicts?.accepted).toBeGreaterThan(0);

    await emulator.setDefault({ kind: 'error', errorType: 'ThrottlingException' });
    const fallback = await lineageOf(await dictate());
    expect(fallback.drafting).toEqual({
      requested: 'bedrock',
      drafter: 'deterministic',
      modelId: MODEL,
      promptVersion: 'narrative-draft/1',
      fallbackReason: 'throttled',
    });

    const calls = await emulator.calls();
    expect(calls.filter((c) => c.operation === 'Converse' && c.behaviour === 'faithful').length).toBeGreaterThanOrEqual(1);
    expect(calls.filter((c) => c.operation === 'Converse' && c.behaviour === 'error').length).toBeGreaterThanOrEqual(1);
    expect(calls.some((c) => c.operation === 'CountTokens' && c.modelId === MODEL)).toBe(true);
    for (const text of [drafted.event, fallback.event, JSON.stringify(calls), emulator.output(), ...processes.map((p) => p.output())])
      expect(text).not.toMatch(/CANARY-E2E-BEDROCK|substernal|aspirin/);
  });
});
