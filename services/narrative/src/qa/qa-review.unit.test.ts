import { randomUUID } from 'node:crypto';
import { decodeEvent, type QaCheckSummary } from '@medicdraft/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startNarrativeFixture, type NarrativeFixture } from '../testing/narrative-fixture.js';
import type { ReviewActor } from '../review/narrative-review.js';

const CANARY = 'CANARY-QA-COMMENT-HOLLIS';
const DICTATION =
  'Dispatched at 1402 for chest pain. Responded emergent. Arrived on scene at 1411. 67 year old male complains of chest pain. ' +
  'Vitals: BP 158/92, heart rate 96, respirations 20, SpO2 94%. Gave 324 mg aspirin PO at 1415. ' +
  'We transported emergent to Regional Medical Center. Care transferred to the ED RN, patient stable.';
const CHECKS: QaCheckSummary = { pass: 2, fail: 1, notApplicable: 0, failedRules: ['stemi-12-lead-10-minutes'] };

describe('QA review loop in the narrative service (PGlite, encrypted fs objects)', { timeout: 60_000 }, () => {
  let f: NarrativeFixture;
  beforeAll(async () => {
    f = await startNarrativeFixture();
  });
  afterAll(async () => f?.close());

  async function narrated() {
    const tenantId = `t-${randomUUID().slice(0, 8)}`;
    const dictationId = randomUUID();
    f.setGate(tenantId, 'disabled');
    await f.narrate(tenantId, dictationId, DICTATION);
    const qa: ReviewActor = { tenantId, userId: randomUUID(), role: 'qa' };
    const provider: ReviewActor = { tenantId, userId: randomUUID(), role: 'provider' };
    return { tenantId, dictationId, qa, provider };
  }
  const eventsOf = (dictationId: string) =>
    f.published
      .filter((r) => r.key === dictationId && r.topic.startsWith('qa.review.'))
      .map((r) => decodeEvent(r.value, r.topic as 'qa.review.commented'))
      .map((d) => (d.ok ? d.value : undefined));

  it('comments, returns, takes the edit and resubmission, approves; each step is an event with ids and codes only', async () => {
    const { tenantId, dictationId, qa, provider } = await narrated();
    expect(await f.service.qa.thread(qa, dictationId)).toMatchObject({ state: 'not_started', latestVersion: 1, comments: [], history: [] });

    const sentence = { kind: 'sentence' as const, sectionKey: 'treatment', sentence: 0 };
    let t = await f.service.qa.comment(qa, dictationId, { version: 1, anchor: sentence, severity: 'major', text: `Dose time? ${CANARY}` });
    expect(t).toMatchObject({ state: 'in_review', blockingComments: 1 });
    expect(t.comments).toEqual([
      expect.objectContaining({
        version: 1,
        anchor: sentence,
        severity: 'major',
        text: `Dose time? ${CANARY}`,
        authorId: qa.userId,
        blocking: true,
      }),
    ]);
    t = await f.service.qa.returnToProvider(qa, dictationId, 1, CHECKS);
    expect(t.state).toBe('returned');

    // The provider sees the comment, cannot resubmit the unedited version, edits, then resubmits.
    expect((await f.service.qa.thread(provider, dictationId)).comments[0]?.text).toContain(CANARY);
    await expect(f.service.qa.resubmit(provider, dictationId, 1)).rejects.toMatchObject({ code: 'review_changes_required', status: 409 });
    const v1 = await f.service.review.view(provider, dictationId);
    await f.service.review.edit(provider, dictationId, { baseVersion: 1, text: v1.text.replace('324 mg', '324 mg at 1415 chewed') });
    await expect(f.service.qa.resubmit(provider, dictationId, 1)).rejects.toMatchObject({ code: 'version_conflict', status: 409 });
    t = await f.service.qa.resubmit(provider, dictationId, 2);
    expect(t).toMatchObject({ state: 'resubmitted', latestVersion: 2, blockingComments: 0 });
    expect(t.comments[0]).toMatchObject({ version: 1, blocking: false });

    t = await f.service.qa.approve(qa, dictationId, 2, { ...CHECKS, fail: 0, failedRules: [] });
    expect(t.state).toBe('approved');
    expect(t.history.map((h) => [h.action, h.version])).toEqual([
      ['commented', 1],
      ['returned', 1],
      ['resubmitted', 2],
      ['approved', 2],
    ]);
    await expect(f.service.qa.approve(qa, dictationId, 2, CHECKS)).rejects.toMatchObject({
      code: 'review_transition_refused',
      status: 409,
      message: 'cannot approve a review that is approved',
    });

    await vi.waitFor(() => expect(eventsOf(dictationId)).toHaveLength(4), { timeout: 5_000 });
    const events = eventsOf(dictationId);
    expect(events.map((e) => e?.type)).toEqual([
      'qa.review.commented',
      'qa.review.returned',
      'qa.review.resubmitted',
      'qa.review.approved',
    ]);
    expect(events[0]).toMatchObject({ tenantId, correlationId: dictationId, actor: { id: qa.userId, role: 'qa' } });
    expect(events[0]?.payload).toMatchObject({ version: 1, severity: 'major', anchor: sentence });
    expect(events[1]?.payload).toMatchObject({ version: 1, commentCount: 1, blockingCount: 1, checks: CHECKS });
    expect(events[2]).toMatchObject({ actor: { id: provider.userId, role: 'provider' }, payload: { version: 2 } });
    for (const r of f.published) expect(r.value).not.toContain(CANARY);
    expect(f.logs.join('\n')).not.toContain(CANARY);
  });

  it('refuses an anchor outside the version (400) and a stale version (409), storing nothing', async () => {
    const { dictationId, qa } = await narrated();
    const bad = [
      { kind: 'section' as const, sectionKey: 'no_such_section' },
      { kind: 'sentence' as const, sectionKey: 'treatment', sentence: 99 },
    ];
    for (const anchor of bad)
      await expect(f.service.qa.comment(qa, dictationId, { version: 1, anchor, severity: 'info', text: 'x' })).rejects.toMatchObject({
        code: 'invalid_request',
        status: 400,
      });
    const anchor = { kind: 'section' as const, sectionKey: 'treatment' };
    await expect(f.service.qa.comment(qa, dictationId, { version: 2, anchor, severity: 'info', text: 'x' })).rejects.toMatchObject({
      code: 'version_conflict',
    });
    expect((await f.service.qa.thread(qa, dictationId)).comments).toEqual([]);
  });

  it("keeps tenants apart: another tenant's actor finds neither the narrative nor its review", async () => {
    const { dictationId, qa } = await narrated();
    await f.service.qa.comment(qa, dictationId, {
      version: 1,
      anchor: { kind: 'section', sectionKey: 'treatment' },
      severity: 'info',
      text: 'ok',
    });
    const foreign: ReviewActor = { ...qa, tenantId: 'other-tenant' };
    f.setGate('other-tenant', 'disabled');
    await expect(f.service.qa.thread(foreign, dictationId)).rejects.toMatchObject({ status: 404 });
    await expect(f.service.qa.approve(foreign, dictationId, 1, CHECKS)).rejects.toMatchObject({ status: 404 });
  });

  it('re-checks the gate: a halted tenant gets 503 and no step is stored', async () => {
    const { tenantId, dictationId, qa } = await narrated();
    f.setGate(tenantId, 'disabled', true);
    await expect(f.service.qa.approve(qa, dictationId, 1, CHECKS)).rejects.toMatchObject({ code: 'pipeline_halted', status: 503 });
    f.setGate(tenantId, 'disabled');
    expect((await f.service.qa.thread(qa, dictationId)).state).toBe('not_started');
  });
});
