import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EditDistanceReportSchema, NarrativeViewSchema, type NarrativeApi, type NarrativeTarget } from '@medicdraft/contracts';

export interface NarrativeApiFixture {
  client: NarrativeApi;
  /** Makes the real narrative service compose a narrative for the dictation (synthetic engine). */
  narrate(tenantId: string, dictationId: string, text: string): Promise<void>;
  setGate(tenantId: string, phiMode: 'enabled' | 'disabled', halted?: boolean): void;
  close(): Promise<void>;
}

const CANARY = 'CANARY-NARRATIVE-CLIENT-3317';
// Transported without a destination: one open prompt.
const DICTATION =
  `Dispatched at 1402 for chest pain, patient ${CANARY}. Responded emergent. Arrived on scene at 1411. 67 year old male ` +
  `complains of chest pain. ` +
  'Vitals: BP 158/92, heart rate 96, respirations 20, SpO2 94%. Gave 324 mg aspirin PO at 1415. After aspirin the pain decreased. ' +
  'We transported emergent. Care transferred to the ED RN, patient stable.';

/**
 * The narrative API's contract (contracts' `narrativeApi`), run against its HTTP and in-process
 * forms with the real narrative service behind them: review documents with evidence, the service's codes kept
 * (404, 409 version_conflict / element_not_open / unresolved_elements, 503 pipeline_halted),
 * copies in every format, the edit-distance report, no storage identifiers in any answer.
 */
export function describeNarrativeApiContract(name: string, setup: () => Promise<NarrativeApiFixture>): void {
  describe(`narrative API contract: ${name}`, { timeout: 60_000 }, () => {
    let f: NarrativeApiFixture;
    beforeAll(async () => {
      f = await setup();
    });
    afterAll(async () => f?.close());

    async function narrated() {
      const tenantId = `t-${randomUUID().slice(0, 8)}`;
      const dictationId = randomUUID();
      const actor: NarrativeTarget = {
        params: { tenantId, dictationId },
        headers: { 'x-user-id': randomUUID(), 'x-actor-role': 'provider', 'x-request-id': randomUUID() },
      };
      f.setGate(tenantId, 'disabled');
      await f.narrate(tenantId, dictationId, DICTATION);
      return { tenantId, actor, dictationId };
    }

    it('views a version with sentences, evidence, transcript segments and open prompts; 404 for unknown or foreign', async () => {
      const { actor, dictationId } = await narrated();
      const doc = await f.client.view(actor);
      expect(Object.keys(doc).sort()).toEqual(Object.keys(NarrativeViewSchema.shape).sort());
      expect(doc).toMatchObject({ dictationId, version: 1, latestVersion: 1, copyable: false, missing: [{ element: 'destination' }] });
      const { sections, segments } = doc;
      expect(sections.map((s) => s.key)).toEqual(['dispatch', 'response', 'arrival', 'assessment', 'treatment', 'transport']);
      for (const id of sections.flatMap((s) => s.sentences.flatMap((x) => x.evidence)))
        expect(segments.some((s) => s.id === id)).toBe(true);
      expect(JSON.stringify(doc)).not.toMatch(/contentRef|bucket|\.json|\/\d{4}\/\d{2}\/\d{2}\//);
      await expect(f.client.view({ ...actor, params: { ...actor.params, dictationId: randomUUID() } })).rejects.toMatchObject({
        code: 'not_found',
        status: 404,
      });
      await expect(f.client.view({ ...actor, params: { tenantId: 'north-valley-ems', dictationId } })).rejects.toMatchObject({
        code: 'not_found',
        status: 404,
      });
      await expect(f.client.view({ ...actor, query: { version: 7 } })).rejects.toMatchObject({ code: 'not_found', status: 404 });
    });

    it('resolves into a new version, keeps 409 codes, and copies ESO text only once nothing is open', async () => {
      const { actor, dictationId } = await narrated();
      await expect(f.client.copy(actor)).rejects.toMatchObject({ code: 'unresolved_elements', status: 409 });
      await expect(f.client.edit({ ...actor, body: { baseVersion: 1, resolutions: { vitals: 'BP 120/80' } } })).rejects.toMatchObject({
        code: 'element_not_open',
        status: 409,
      });
      const v2 = await f.client.edit({
        ...actor,
        body: { baseVersion: 1, resolutions: { destination: 'Transported to Mercy General “ED”' } },
      });
      expect(v2).toMatchObject({ version: 2, copyable: true, missing: [] });
      await expect(f.client.edit({ ...actor, body: { baseVersion: 1, text: 'Anything.' } })).rejects.toMatchObject({
        code: 'version_conflict',
        status: 409,
      });
      expect(await f.client.view({ ...actor, query: { version: 1 } })).toMatchObject({ version: 1, latestVersion: 2 });
      const copy = await f.client.copy({ ...actor, body: { version: 2 } });
      expect(copy).toMatchObject({
        dictationId,
        narrativeId: v2.narrativeId,
        version: 2,
        format: 'eso_plain_text',
        length: copy.text.length,
      });
      expect(copy.text).toContain('Transported to Mercy General "ED".');
      expect(copy.text).toMatch(/^[\x20-\x7E\n]+$/);
      expect(copy.sha256).toBe(createHash('sha256').update(copy.text).digest('hex'));
    });

    it('copies in every format (NEMSIS XML of the ESO text, MIST hand-off) and reports the edit distance of the copy', async () => {
      const { tenantId, actor } = await narrated();
      const mist = await f.client.copy({ ...actor, body: { format: 'mist_handoff_text' } });
      expect(mist).toMatchObject({ version: 1, format: 'mist_handoff_text', length: mist.text.length });
      expect(mist.text).toMatch(/^M: .+\nI: .+\nS: .+\nT: .*aspirin/);
      await expect(f.client.copy({ ...actor, body: { format: 'nemsis_enarrative_xml' } })).rejects.toMatchObject({
        code: 'unresolved_elements',
        status: 409,
      });
      await f.client.edit({ ...actor, body: { baseVersion: 1, resolutions: { destination: 'Mercy <ED> & bay 4' } } });
      const eso = await f.client.copy(actor);
      const xml = await f.client.copy({ ...actor, body: { version: 2, format: 'nemsis_enarrative_xml' } });
      expect(xml).toMatchObject({ version: 2, format: 'nemsis_enarrative_xml', length: xml.text.length });
      expect(xml.text).toContain(`<eNarrative.01>${eso.text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}<`);
      expect(xml.sha256).toBe(createHash('sha256').update(xml.text).digest('hex'));

      const report = await f.client.editDistances({ params: { tenantId }, headers: actor.headers, query: { sinceDays: 7 } });
      expect(EditDistanceReportSchema.safeParse(report).success).toBe(true);
      expect(report.overall.count).toBe(1);
      expect(report.overall.mean).toBeGreaterThan(0);
      expect(report.byProvider).toEqual([expect.objectContaining({ providerId: actor.headers['x-user-id'], count: 1 })]);
      const elsewhere = await f.client.editDistances({ params: { tenantId: 'north-valley-ems' }, headers: actor.headers });
      expect(elsewhere.byProvider.some((g) => g.providerId === actor.headers['x-user-id'])).toBe(false);
    });

    it('carries the QA review loop: anchors and severities both ways, the review codes kept (409, 400)', async () => {
      const { actor } = await narrated();
      const qa = { ...actor, headers: { ...actor.headers, 'x-user-id': randomUUID(), 'x-actor-role': 'qa' as const } };
      const none = { pass: 0, fail: 0, notApplicable: 0, failedRules: [] };
      expect(await f.client.reviewView(qa)).toMatchObject({ state: 'not_started', latestVersion: 1, comments: [] });
      await expect(f.client.reviewReturn({ ...qa, body: { version: 1, checks: none } })).rejects.toMatchObject({
        code: 'review_transition_refused',
        status: 409,
      });
      const anchor = { kind: 'sentence' as const, sectionKey: 'treatment', sentence: 0 };
      const thread = await f.client.reviewComment({ ...qa, body: { version: 1, anchor, severity: 'critical', text: 'Dose route?' } });
      expect(thread.comments).toEqual([expect.objectContaining({ anchor, severity: 'critical', text: 'Dose route?', blocking: true })]);
      await expect(f.client.reviewApprove({ ...qa, body: { version: 1, checks: none } })).rejects.toMatchObject({
        code: 'review_changes_required',
        status: 409,
      });
      const nowhere = { kind: 'section' as const, sectionKey: 'nowhere' };
      await expect(
        f.client.reviewComment({ ...qa, body: { version: 1, anchor: nowhere, severity: 'info', text: 'x' } }),
      ).rejects.toMatchObject({ status: 400 });
      const returned = await f.client.reviewReturn({ ...qa, body: { version: 1, checks: { ...none, fail: 1, failedRules: ['x-rule'] } } });
      expect(returned.history.map((h) => h.action)).toEqual(['commented', 'returned']);
    });

    it("keeps the gate's code: 503 pipeline_halted while the tenant is halted", async () => {
      const { tenantId, actor } = await narrated();
      f.setGate(tenantId, 'disabled', true);
      await expect(f.client.view(actor)).rejects.toMatchObject({ code: 'pipeline_halted', status: 503 });
      await expect(f.client.copy(actor)).rejects.toMatchObject({ code: 'pipeline_halted', status: 503 });
    });
  });
}
