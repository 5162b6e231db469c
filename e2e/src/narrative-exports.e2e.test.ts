import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbedded } from './embedded-app.js';
import { signInDemoUser, type GatewaySession } from './gateway-session.js';

type Api = GatewaySession['api'];

const CANARY = 'CANARY-E2E-EXPORTS-7714';
// Names the destination: nothing is open, so version 1 can be copied as drafted.
const COMPLETE =
  `Medic 3 was dispatched at 1402 for a 67-year-old male with chest pain, patient ${CANARY}. We responded emergent. ` +
  'Arrived on scene at 1411. Patient complains of substernal chest pain. ' +
  'Vitals: blood pressure 158/92, heart rate 96, respirations 20, SpO2 94% on room air. We administered 324 mg aspirin PO at 1415. ' +
  'After aspirin the pain decreased to 5 out of 10. We transported emergent to Mercy General Hospital. ' +
  'Care was transferred to the ED RN with the patient in stable condition.';
// No destination: the provider resolves it (version 2) before copying.
const OPEN = COMPLETE.replace(' to Mercy General Hospital.', '.');

/**
 * The exports and the edit-distance metric through the embedded app (one process, as `npm start`
 * runs it), over HTTP as the browser would: a copy in NEMSIS and in MIST format each lands in the
 * audit trail as `narrative.copied`; a narrative copied as drafted measures 0 and an edited one
 * more than 0; QA sees the distribution and a provider is refused it (403).
 */
describe('narrative exports and draft edit distance on the embedded app', { timeout: 180_000 }, () => {
  let dataDir: string;
  let app: Awaited<ReturnType<typeof startEmbedded>>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'medicdraft-exports-e2e-'));
    app = await startEmbedded(dataDir);
  });
  afterAll(async () => {
    await app?.stop('SIGTERM');
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  const signIn = (role: string) => signInDemoUser(app, app.credentials[0]!.tenant, role);

  async function narrated(api: Api, text: string): Promise<{ dictationId: string; view: { version: number; copyable: boolean } }> {
    const created = await api('/dictations', { method: 'POST', body: JSON.stringify({ text, synthetic: true }) });
    expect(created.status).toBe(202);
    const { dictationId } = (await created.json()) as { dictationId: string };
    let res: Response | undefined;
    await expect
      .poll(async () => (res = await api(`/dictations/${dictationId}/narrative`)).status, { timeout: 60_000, interval: 250 })
      .toBe(200);
    return { dictationId, view: (await res!.json()) as { version: number; copyable: boolean } };
  }

  const copy = async (api: Api, dictationId: string, body: object) => {
    const res = await api(`/dictations/${dictationId}/narrative/copy`, { method: 'POST', body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    return (await res.json()) as { text: string; format: string; length: number; version: number };
  };

  it('copies in NEMSIS and MIST format (audited), measures 0 as drafted and > 0 edited, and shows QA the distribution', async () => {
    const provider = await signIn('provider');
    const qa = await signIn('qa');

    const asDrafted = await narrated(provider.api, COMPLETE);
    expect(asDrafted.view).toMatchObject({ version: 1, copyable: true });
    const eso = await copy(provider.api, asDrafted.dictationId, { version: 1 });
    const nemsis = await copy(provider.api, asDrafted.dictationId, { version: 1, format: 'nemsis_enarrative_xml' });
    expect(nemsis).toMatchObject({ format: 'nemsis_enarrative_xml', length: nemsis.text.length });
    const parsed = new XMLParser({ parseTagValue: false, trimValues: false }).parse(nemsis.text) as {
      eNarrative: { 'eNarrative.01': string };
    };
    expect(parsed.eNarrative['eNarrative.01']).toBe(eso.text);
    expect(eso.text.length).toBeGreaterThanOrEqual(1);
    expect(eso.text.length).toBeLessThanOrEqual(10_000);
    const mist = await copy(provider.api, asDrafted.dictationId, { format: 'mist_handoff_text' });
    expect(mist.text).toMatch(/^M: .+\nI: .*\nS: Initial: BP 158\/92.*\nT: aspirin 324 mg PO at 14:15/i);

    const edited = await narrated(provider.api, OPEN);
    expect(edited.view).toMatchObject({ version: 1, copyable: false });
    const resolved = await provider.api(`/dictations/${edited.dictationId}/narrative`, {
      method: 'PATCH',
      body: JSON.stringify({ baseVersion: 1, resolutions: { destination: 'Transported to Mercy General Hospital' } }),
    });
    expect(resolved.status).toBe(200);
    await copy(provider.api, edited.dictationId, { version: 2 });

    // QA (audit:view) reads the trail: one narrative.copied per copy, whatever the format.
    const copiedFor = async (dictationId: string) => {
      const res = await qa.api('/audit?type=narrative.copied&limit=100');
      expect(res.status).toBe(200);
      const { records } = (await res.json()) as { records: { correlationId: string; actor: { id: string } }[] };
      return records.filter((r) => r.correlationId === dictationId && r.actor.id === provider.userId).length;
    };
    await expect.poll(() => copiedFor(asDrafted.dictationId), { timeout: 30_000, interval: 250 }).toBe(3);
    await expect.poll(() => copiedFor(edited.dictationId), { timeout: 30_000, interval: 250 }).toBe(1);

    const report = await qa.api('/narrative-metrics/edit-distance');
    expect(report.status).toBe(200);
    const body = (await report.json()) as {
      overall: { count: number; p90: number; histogram: { le: number; count: number }[] };
      byProvider: { providerId: string; count: number }[];
    };
    // Two narratives copied: one as drafted (0), one edited (> 0); the NEMSIS copy of the same version is no second value.
    expect(body.overall.count).toBe(2);
    expect(body.overall.histogram[0]).toEqual({ le: 0, count: 1 });
    expect(body.overall.p90).toBeGreaterThan(0);
    expect(body.byProvider).toEqual([expect.objectContaining({ providerId: provider.userId, count: 2 })]);
    expect(JSON.stringify(body)).not.toContain(CANARY);

    const refused = await provider.api('/narrative-metrics/edit-distance');
    expect(refused.status).toBe(403);
    expect(app.output()).not.toContain(CANARY);
  });
});
