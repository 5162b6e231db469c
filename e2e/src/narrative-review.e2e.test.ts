import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { startDrill } from './drill.js';
import { signInDemoUser } from './gateway-session.js';

const CANARY = 'CANARY-E2E-REVIEW-6120';
// Transported, but no destination named: the narrative has one open prompt (destination).
const DICTATION =
  `Dispatched at 1005 for a fall, patient ${CANARY}. Responded non emergent. Arrived on scene at 1020. 82 year old female ` +
  `complains of right hip pain. ` +
  'Vitals: BP 138/84, heart rate 92, respirations 16, SpO2 97 percent. No treatment was indicated. We transported non ' +
  'emergent. Care transferred to the ED RN, patient stable.';
/**
 * Narrative review on the stack, every service its own process, through the gateway as a
 * provider would: text dictation → narrative → GET (audited view) → resolve the open prompt
 * (new version, narrative.edited) → ESO copy → narrative.viewed / narrative.edited /
 * narrative.copied recorded in audit.events, the copied event carrying the text's sha256 →
 * reprocess (attempt 2: a new job, narrative version 3; version 2 stays readable).
 */
describe('narrative review through the gateway on the stack', () => {
  it('dictation → narrative → view → resolve → copy, each recorded by audit', { timeout: 180_000 }, async () => {
    const drill = await startDrill('review', { dataDir: true });
    onTestFinished(() => drill.close());
    const readiness = await drill.start('readiness');
    await drill.start('audit');
    const narrative = await drill.start('narrative');
    await drill.start('scribe');
    const ingest = await drill.start('ingest');
    const gateway = await drill.start('gateway', {
      INGEST_INTERNAL_URL: ingest.url,
      READINESS_INTERNAL_URL: readiness.url,
      NARRATIVE_INTERNAL_URL: narrative.url,
      DEMO_TENANT_ID: drill.tenantId,
      DEMO_TENANT_NAME: 'Review Drill EMS',
    });
    const registered = await fetch(`${readiness.url}/internal/readiness/tenants/${drill.tenantId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'Review Drill EMS' }),
    });
    // The gateway provisions its DEMO_TENANT_ID through readiness too: whichever comes first gets 201.
    expect([200, 201]).toContain(registered.status);

    // Sign in as the seeded provider (its one-time password is logged once at first start).
    const { api } = await signInDemoUser(gateway, drill.tenantId, 'provider');

    // The gate opens once readiness has published the tenant's sandbox state and audit's heartbeat is fresh.
    const created = await vi.waitFor(
      async () => {
        const r = await api('/dictations', { method: 'POST', body: JSON.stringify({ text: DICTATION, synthetic: true }) });
        expect(r.status).toBe(202);
        return r;
      },
      { timeout: 30_000, interval: 250 },
    );
    expect(created.status).toBe(202);
    const { dictationId } = (await created.json()) as { dictationId: string };

    const viewed = await vi.waitFor(
      async () => {
        const r = await api(`/dictations/${dictationId}/narrative`);
        expect(r.status).toBe(200);
        return r;
      },
      { timeout: 60_000, interval: 250 },
    );
    expect(viewed.status).toBe(200);
    const v1 = (await viewed.json()) as {
      version: number;
      copyable: boolean;
      missing: { element: string }[];
      sections: { sentences: { evidence: string[] }[] }[];
      segments: { id: string; text: string }[];
    };
    expect(v1).toMatchObject({ version: 1, copyable: false, missing: [{ element: 'destination' }] });
    expect(v1.segments.some((s) => s.text.includes(CANARY))).toBe(true);
    for (const id of v1.sections.flatMap((s) => s.sentences.flatMap((x) => x.evidence)))
      expect(v1.segments.some((s) => s.id === id)).toBe(true);

    const refused = await api(`/dictations/${dictationId}/narrative/copy`, { method: 'POST', body: '{}' });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toBe('unresolved_elements');

    const resolved = await api(`/dictations/${dictationId}/narrative`, {
      method: 'PATCH',
      body: JSON.stringify({ baseVersion: 1, resolutions: { destination: 'Transported to Mercy General Hospital' } }),
    });
    expect(resolved.status).toBe(200);
    expect(await resolved.json()).toMatchObject({ version: 2, copyable: true, missing: [] });
    const stale = await api(`/dictations/${dictationId}/narrative`, {
      method: 'PATCH',
      body: JSON.stringify({ baseVersion: 1, text: 'Anything.' }),
    });
    expect(stale.status).toBe(409);

    const copied = await api(`/dictations/${dictationId}/narrative/copy`, { method: 'POST', body: JSON.stringify({ version: 2 }) });
    expect(copied.status).toBe(200);
    const copy = (await copied.json()) as { text: string; version: number; sha256: string };
    expect(copy.version).toBe(2);
    expect(copy.text).toContain('Transported to Mercy General Hospital.');
    expect(copy.text).toMatch(/^[\x20-\x7E\n]+$/);

    // Reprocess: a second scribe attempt drafts version 3 from the dictation again (the edit of
    // version 2 is not carried over: the open prompt is back), under a job name of its own.
    const reprocessed = await api(`/dictations/${dictationId}/reprocess`, { method: 'POST', body: '{}' });
    expect(reprocessed.status).toBe(202);
    expect(await reprocessed.json()).toMatchObject({ dictation: { dictationId }, attempt: 2 });
    const redrafted = await vi.waitFor(
      async () => {
        const n = (await await (await api(`/dictations/${dictationId}/narrative`)).json()) as {
          version: number;
          missing: { element: string }[];
        };
        expect(n.version).toBe(3);
        return n;
      },
      { timeout: 60_000, interval: 250 },
    );
    expect(redrafted).toMatchObject({ version: 3, missing: [{ element: 'destination' }] });
    const v2 = await api(`/dictations/${dictationId}/narrative?version=2`);
    expect(await v2.json()).toMatchObject({ version: 2, copyable: true });

    // Audit recorded the review (the drill's database; superuser reads past RLS), without text.
    const audited = () =>
      drill.sql<{ event_type: string; event: unknown }>(
        'SELECT event_type, event FROM audit.events WHERE tenant_id = $1 AND correlation_id = $2 ORDER BY occurred_at',
        [drill.tenantId, dictationId],
      );
    const rows = await vi.waitFor(
      async () => {
        const r = await audited();
        expect(
          r.some((x) => x.event_type === 'narrative.copied') && r.filter((x) => x.event_type === 'narrative.generated').length === 2,
        ).toBe(true);
        return r;
      },
      { timeout: 30_000, interval: 200 },
    );
    const types = rows.map((r) => r.event_type);
    expect(types).toEqual(
      expect.arrayContaining([
        'dictation.text.created',
        'narrative.generated',
        'narrative.viewed',
        'narrative.edited',
        'narrative.copied',
        'dictation.reprocess.requested',
      ]),
    );
    const payloadOf = (e: unknown) => ((typeof e === 'string' ? JSON.parse(e) : e) as { payload: Record<string, unknown> }).payload;
    expect(rows.filter((r) => r.event_type === 'healthscribe.job.started').map((r) => payloadOf(r.event)['attempt'])).toEqual([1, 2]);
    const copiedEvent = rows.find((r) => r.event_type === 'narrative.copied')!.event;
    expect(payloadOf(copiedEvent)).toMatchObject({
      dictationId,
      version: 2,
      format: 'eso_plain_text',
      length: copy.text.length,
      sha256: copy.sha256,
    });
    expect(JSON.stringify(rows)).not.toMatch(/CANARY|hip pain|Mercy/);
    for (const p of drill.processes) expect(p.output()).not.toContain(CANARY);
  });
});
