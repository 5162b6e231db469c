import { createHash, randomUUID } from 'node:crypto';
import { decodeEvent, TOPIC } from '@medicdraft/contracts';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNarrativeFixture, type NarrativeFixture } from '../testing/narrative-fixture.js';
import type { ReviewActor } from './narrative-review.js';

const CANARY = 'CANARY-OSWALDO-PRIMROSE';
// Transported, but no destination named: exactly one open prompt (destination).
const DICTATION = [
  `Medic 3 was dispatched at 1402 for a 67-year-old male with chest pain, patient name ${CANARY}.`,
  'We responded emergent with lights and sirens.',
  'Arrived on scene at 1411 and found the patient sitting in a chair.',
  'Patient complains of substernal chest pain.',
  'Vitals: blood pressure 158/92, heart rate 96, respirations 20, SpO2 94% on room air.',
  'We administered 324 mg aspirin PO at 1415.',
  'After aspirin the pain decreased to 5 out of 10.',
  'We transported emergent.',
  'Care was transferred to the ED RN with the patient in stable condition.',
].join(' ');

describe('narrative review: view, edit/resolve, ESO copy (PGlite, encrypted fs objects)', { timeout: 60_000 }, () => {
  let f: NarrativeFixture;
  beforeAll(async () => {
    f = await startNarrativeFixture({ copyMaxChars: 2_000 });
  });
  afterAll(async () => f?.close());

  async function narrated(text = DICTATION, tenantId = `t-${randomUUID().slice(0, 8)}`) {
    const actor: ReviewActor = { tenantId, userId: randomUUID(), role: 'provider' };
    const dictationId = randomUUID();
    f.setGate(tenantId, 'disabled');
    await f.narrate(tenantId, dictationId, text);
    return { tenantId, actor, dictationId };
  }

  it('views the latest version with sentences, evidence segments and the open prompt', async () => {
    const { actor, dictationId } = await narrated();
    const v = await f.service.review.view(actor, dictationId);
    expect(v).toMatchObject({ dictationId, version: 1, latestVersion: 1, template: 'DRAATT', engine: 'synthetic', copyable: false });
    expect(v.missing.map((m) => m.element)).toEqual(['destination']);
    const cited = v.sections.flatMap((s) => s.sentences.flatMap((x) => x.evidence));
    expect(cited.length).toBe(9);
    for (const id of cited) expect(v.segments.find((s) => s.id === id)?.text).toBeTruthy();
    expect(v.segments.find((s) => s.id === 'seg-1')?.text).toContain(CANARY);
    expect(createHash('sha256').update(v.text).digest('hex')).toBe(v.sha256);
    await expect(f.service.review.view(actor, dictationId, 2)).rejects.toMatchObject({ code: 'not_found', status: 404 });
    await expect(f.service.review.view({ ...actor, tenantId: 'other-tenant' }, dictationId)).rejects.toMatchObject({ status: 404 });
  });

  it(
    'stores the review note of a spoken correction with the version and returns it (no values in the note), and keeps it on ' + 'an edit',
    async () => {
      const { actor, dictationId } = await narrated(
        DICTATION.replace('We administered 324 mg aspirin PO at 1415.', 'We administered 324 mg aspirin PO at 1415. Make that 1417.'),
      );
      const v = await f.service.review.view(actor, dictationId);
      expect(v.text).toContain('at 1417.');
      expect(v.text).not.toContain('1415');
      expect(v.reviewNotes).toEqual([{ kind: 'correction', note: expect.stringMatching(/correction/i), evidence: ['seg-6', 'seg-7'] }]);
      expect(v.reviewNotes[0]?.note).not.toMatch(/\d/);
      const v2 = await f.service.review.edit(actor, dictationId, { baseVersion: 1, resolutions: { destination: 'Mercy General' } });
      expect(v2.reviewNotes).toEqual(v.reviewNotes);
    },
  );

  it(
    'refuses a copy while an element is unresolved; resolving creates version 2 (+ narrative.edited) and the copy is ' + 'ESO-ready ASCII',
    async () => {
      const { tenantId, actor, dictationId } = await narrated();
      await expect(f.service.review.copy(actor, dictationId)).rejects.toMatchObject({ code: 'unresolved_elements', status: 409 });
      const v2 = await f.service.review.edit(actor, dictationId, {
        baseVersion: 1,
        resolutions: { destination: 'transported to St. Mary’s — ED bay 4' },
      });
      expect(v2).toMatchObject({ version: 2, latestVersion: 2, missing: [], copyable: true });
      expect(v2.resolved).toEqual([
        { element: 'destination', prompt: 'Document the destination facility.', text: "Transported to St. Mary's - ED bay 4." },
      ]);
      const transport = v2.sections.find((s) => s.key === 'transport')!;
      expect(transport.sentences.at(-1)).toEqual({
        text: "Transported to St. Mary's - ED bay 4.",
        evidence: [],
        source: 'provider',
        element: 'destination',
      });
      // Version 1 is unchanged (immutable) and still readable.
      expect((await f.service.review.view(actor, dictationId, 1)).missing.map((m) => m.element)).toEqual(['destination']);

      const copy = await f.service.review.copy(actor, dictationId, 2);
      expect(copy).toMatchObject({ dictationId, version: 2, format: 'eso_plain_text', length: copy.text.length });
      expect(copy.text).toMatch(/^DISPATCH: /);
      expect(copy.text).toContain(
        'TRANSPORT: EMS transported emergent. Care was transferred to the ED RN with the patient in stable condition. ' +
          "Transported to St. Mary's - ED bay 4.",
      );
      expect(copy.text).toMatch(/^[\x20-\x7E\n]+$/);
      expect(copy.sha256).toBe(createHash('sha256').update(copy.text).digest('hex'));
      // The view counts exactly the characters a copy produces, against the configured ePCR limit.
      expect(v2.copyLimit).toEqual({ chars: copy.length, maxChars: 2_000 });

      const until = Date.now() + 5_000;
      while (!f.published.some((r) => r.topic === TOPIC.NARRATIVE_EDITED && r.key === dictationId) && Date.now() < until)
        await new Promise((r) => setTimeout(r, 10));
      const edited = decodeEvent(
        f.published.find((r) => r.topic === TOPIC.NARRATIVE_EDITED && r.key === dictationId)?.value ?? '',
        TOPIC.NARRATIVE_EDITED,
      );
      if (!edited.ok) throw new Error(edited.error.message);
      expect(edited.value).toMatchObject({
        tenantId,
        actor: { type: 'user', id: actor.userId, role: 'provider' },
        correlationId: dictationId,
        payload: { previousVersion: 1, version: 2, resolvedElements: ['destination'], missingElements: [], sha256: v2.sha256 },
      });
      // The new version's stored content, named with its size (usage's narrative bytes).
      const ref = edited.value.payload.contentRef!;
      expect(ref.key).toMatch(new RegExp(`^${tenantId}/.*/${dictationId}/narrative/${edited.value.id}\\.json$`));
      const chunks: Buffer[] = [];
      for await (const c of await f.objects.get({ tenantId, ...ref })) chunks.push(c as Buffer);
      expect(edited.value.payload.contentBytes).toBe(Buffer.concat(chunks).length);
    },
  );

  it(
    'refuses an edit or copy based on a stale version (409 version_conflict), and a resolution of an element that is not ' + 'open',
    async () => {
      const { actor, dictationId } = await narrated();
      await f.service.review.edit(actor, dictationId, { baseVersion: 1, text: (await f.service.review.view(actor, dictationId)).text });
      await expect(
        f.service.review.edit(actor, dictationId, { baseVersion: 1, resolutions: { destination: 'Mercy' } }),
      ).rejects.toMatchObject({ code: 'version_conflict', status: 409 });
      await expect(
        f.service.review.edit(actor, dictationId, { baseVersion: 2, resolutions: { vitals: 'BP 120/80' } }),
      ).rejects.toMatchObject({ code: 'element_not_open', status: 409 });
      await expect(f.service.review.copy(actor, dictationId, 1)).rejects.toMatchObject({ code: 'version_conflict' });
      // Two concurrent edits of the same base: exactly one wins.
      const results = await Promise.allSettled([
        f.service.review.edit(actor, dictationId, { baseVersion: 2, resolutions: { destination: 'Mercy General' } }),
        f.service.review.edit(actor, dictationId, { baseVersion: 2, resolutions: { destination: 'Regional Medical Center' } }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'version_conflict' } });
      expect((await f.service.review.view(actor, dictationId)).latestVersion).toBe(3);
    },
  );

  it('keeps evidence of unchanged sentences in a text edit; changed ones become provider sentences', async () => {
    const { actor, dictationId } = await narrated();
    const v1 = await f.service.review.view(actor, dictationId);
    const text = v1.text.replace(
      'We responded emergent with lights and sirens.',
      'We responded emergent, lights and sirens, from station 3.',
    );
    const v2 = await f.service.review.edit(actor, dictationId, { baseVersion: 1, text });
    expect(v2.sections.find((s) => s.key === 'response')!.sentences).toEqual([
      { text: 'We responded emergent, lights and sirens, from station 3.', evidence: [], source: 'provider' },
    ]);
    expect(v2.sections.find((s) => s.key === 'treatment')!.sentences.map((s) => s.evidence)).toEqual([['seg-6'], ['seg-7']]);
    expect(v2.missing.map((m) => m.element)).toEqual(['destination']);
  });

  it('refuses a copy longer than the configured limit rather than truncating it', async () => {
    const { actor, dictationId } = await narrated();
    const long = `${'Patient reassessed en route with no change. '.repeat(60)}`;
    await f.service.review.edit(actor, dictationId, { baseVersion: 1, resolutions: { destination: `Mercy General. ${long}` } });
    await expect(f.service.review.copy(actor, dictationId)).rejects.toMatchObject({ code: 'narrative_too_long', status: 409 });
  });

  it('answers no content while the tenant is halted (503) or a HealthScribe narrative without PHI mode (423)', async () => {
    const { tenantId, actor, dictationId } = await narrated();
    f.setGate(tenantId, 'disabled', true);
    await expect(f.service.review.view(actor, dictationId)).rejects.toMatchObject({ code: 'pipeline_halted', status: 503 });
    await expect(f.service.review.copy(actor, dictationId)).rejects.toMatchObject({ code: 'pipeline_halted' });
    f.setGate(tenantId, 'enabled');
    const phi = randomUUID();
    await f.narrate(tenantId, phi, DICTATION, 'healthscribe');
    f.setGate(tenantId, 'disabled');
    await expect(f.service.review.view(actor, phi)).rejects.toMatchObject({ code: 'phi_mode_disabled', status: 423 });
  });

  it('copies the NEMSIS eNarrative.01 element of exactly the ESO text, XML-escaped, and the MIST hand-off with its evidence', async () => {
    const { actor, dictationId } = await narrated();
    // The hand-off reports the dictation, so an open narrative prompt does not hold it back.
    const v1 = await f.service.review.view(actor, dictationId);
    const mist = await f.service.review.copy(actor, dictationId, 1, 'mist_handoff_text');
    expect(mist).toMatchObject({ version: 1, format: 'mist_handoff_text', length: mist.text.length });
    expect(mist.text.split('\n').map((l) => l.slice(0, 2))).toEqual(['M:', 'I:', 'S:', 'T:']);
    expect(mist.text).toMatch(/^S: Initial: BP 158\/92, HR 96, RR 20, SpO2 94%/m);
    expect(mist.text).toMatch(/^T: aspirin 324 mg PO at 14:15/im);
    expect(mist.sha256).toBe(createHash('sha256').update(mist.text).digest('hex'));
    expect(v1.handoff?.signs[0]).toEqual({ text: expect.stringMatching(/^Initial: BP 158\/92/), evidence: ['seg-5'] });
    for (const id of Object.values(v1.handoff ?? {}).flatMap((lines) => lines.flatMap((l) => l.evidence)))
      expect(v1.segments.some((s) => s.id === id)).toBe(true);
    await expect(f.service.review.copy(actor, dictationId, 1, 'nemsis_enarrative_xml')).rejects.toMatchObject({
      code: 'unresolved_elements',
      status: 409,
    });

    await f.service.review.edit(actor, dictationId, { baseVersion: 1, resolutions: { destination: 'Mercy <ED> & "bay 4"' } });
    const eso = await f.service.review.copy(actor, dictationId, 2);
    const nemsis = await f.service.review.copy(actor, dictationId, 2, 'nemsis_enarrative_xml');
    expect(nemsis).toMatchObject({ version: 2, format: 'nemsis_enarrative_xml', length: nemsis.text.length });
    expect(nemsis.sha256).toBe(createHash('sha256').update(nemsis.text).digest('hex'));
    expect(nemsis.text).toContain('Mercy &lt;ED&gt; &amp;');
    expect(nemsis.text).not.toContain('<ED>');
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: false }).parse(
      nemsis.text,
    ) as { eNarrative: { '@xmlns': string; 'eNarrative.01': string } };
    expect(doc.eNarrative['@xmlns']).toBe('http://www.nemsis.org');
    expect(doc.eNarrative['eNarrative.01']).toBe(eso.text);
    expect(eso.text.length).toBeGreaterThanOrEqual(1);
    expect(eso.text.length).toBeLessThanOrEqual(10_000);
  });

  it('records the edit distance of a copy once per version (0 as drafted, > 0 edited) and reports it by provider', async () => {
    const tenantId = `t-${randomUUID().slice(0, 8)}`;
    const complete = DICTATION.replace('We transported emergent.', 'We transported emergent to Mercy General Hospital.');
    const asDrafted = await narrated(complete, tenantId);
    expect((await f.service.review.view(asDrafted.actor, asDrafted.dictationId)).copyable).toBe(true);
    await f.service.review.copy(asDrafted.actor, asDrafted.dictationId);
    // Another format of the same version measures the same texts: not a second data point; MIST is no narrative copy.
    await f.service.review.copy(asDrafted.actor, asDrafted.dictationId, undefined, 'nemsis_enarrative_xml');
    await f.service.review.copy(asDrafted.actor, asDrafted.dictationId, undefined, 'mist_handoff_text');

    const edited = await narrated(DICTATION, tenantId);
    await f.service.review.edit(edited.actor, edited.dictationId, { baseVersion: 1, resolutions: { destination: 'Mercy General' } });
    await f.service.review.copy(edited.actor, edited.dictationId);

    const report = await f.service.review.editDistances(asDrafted.actor);
    expect(report.overall.count).toBe(2);
    const byProvider = new Map(report.byProvider.map((g) => [g.providerId, g]));
    expect(byProvider.get(asDrafted.actor.userId)).toMatchObject({ count: 1, mean: 0, p50: 0, p90: 0 });
    const editedStats = byProvider.get(edited.actor.userId);
    expect(editedStats?.count).toBe(1);
    expect(editedStats?.mean).toBeGreaterThan(0);
    expect(editedStats?.mean).toBeLessThan(0.2);
    expect(report.byTemplate).toEqual([expect.objectContaining({ template: 'DRAATT', templateVersion: 1, count: 2 })]);
    expect(report.byDrafter).toEqual([
      expect.objectContaining({ engine: 'synthetic', drafter: 'deterministic', promptVersion: null, count: 2 }),
    ]);
    // Another tenant sees none of it.
    expect((await f.service.review.editDistances({ ...asDrafted.actor, tenantId: 'other-tenant' })).overall.count).toBe(0);
    expect(JSON.stringify(report)).not.toMatch(/Mercy|chest/);
  });

  it('never logs or publishes narrative text (canary)', () => {
    const logs = f.logs.join('\n');
    expect(logs).toContain('narrative edited');
    expect(logs).not.toContain(CANARY);
    expect(logs).not.toContain('chest pain');
    expect(logs).not.toContain('Mary');
    for (const r of f.published) expect(r.value).not.toMatch(/CANARY|chest pain|Mary/);
  });
});
