import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, TENANT_A, TENANT_B, type GatewayHarness, type SignedIn } from '../testing/gateway-harness.js';

const CANARY = 'CANARY-QA-ROUTE-7731';
// Chest pain: aspirin given (passes), 12-lead 14 minutes after arrival (fails), no stroke (not applicable).
const DICTATION =
  'Dispatched at 1402 for chest pain. Responded emergent. Arrived on scene at 1411. 67 year old male complains of substernal ' +
  'chest pain. Vitals: BP 158/92, heart rate 96, respirations 20, SpO2 94%. Gave 324 mg aspirin PO at 1415. 12 lead obtained at 1425. ' +
  'We transported emergent to Regional Medical Center. Care transferred to the ED RN, patient stable.';

/**
 * The QA review routes in process: gateway (RBAC, ownership, gate, protocol checks) → in-process
 * narrative API → the real narrative service. The whole loop, its refusals, and the checks QA sees.
 */
describe('QA review routes: comment, return, resubmit, approve, protocol checks', { timeout: 90_000 }, () => {
  let h: GatewayHarness;
  let provider: SignedIn;
  let qa: SignedIn;
  let admin: SignedIn;
  let dictationId: string;
  const headers = (s: SignedIn) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });
  const review = () => `/v1/tenants/${TENANT_A.id}/dictations/${dictationId}/review`;
  const post = (who: SignedIn, path: string, payload: Record<string, unknown>) =>
    h.inject({ method: 'POST', url: `${review()}${path}`, headers: headers(who), payload });

  beforeAll(async () => {
    h = await startGatewayHarness({ withNarrative: true });
    provider = await h.login(TENANT_A.id, 'provider');
    qa = await h.login(TENANT_A.id, 'qa');
    admin = await h.login(TENANT_A.id, 'admin');
    const created = await h.inject({
      method: 'POST',
      url: `/v1/tenants/${TENANT_A.id}/dictations`,
      headers: headers(provider),
      payload: { text: DICTATION, synthetic: true },
    });
    dictationId = created.json().dictationId;
    await h.narrate(dictationId, DICTATION);
  });
  afterAll(async () => h?.close());

  it('runs no checks until the tenant adopts a QA protocol; the admin adopts the shipped defaults', async () => {
    const before = await h.inject({ method: 'GET', url: review(), headers: headers(qa) });
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ state: 'not_started', latestVersion: 1, comments: [], checks: [] });

    const defaults = await h.inject({ method: 'GET', url: `/v1/tenants/${TENANT_A.id}/qa/protocol-defaults`, headers: headers(admin) });
    expect(defaults.statusCode).toBe(200);
    const { name, content } = defaults.json();
    const adopted = await h.inject({
      method: 'PUT',
      url: `/v1/tenants/${TENANT_A.id}/references/protocol/${name}`,
      headers: headers(admin),
      payload: { content },
    });
    expect(adopted.statusCode).toBe(200);

    const after = await h.inject({ method: 'GET', url: review(), headers: headers(qa) });
    type Check = { ruleId: string; evidence: { sentenceIds: string[] } };
    const checks = Object.fromEntries((after.json().checks as Check[]).map((c) => [c.ruleId, c]));
    expect(checks['chest-pain-aspirin']).toMatchObject({ outcome: 'pass', protocol: { name: 'qa-checks', version: 1 } });
    expect(checks['stemi-12-lead-10-minutes']).toMatchObject({ outcome: 'fail', detail: '1425 is 14 minutes after 1411 (limit 10)' });
    expect(checks['stroke-lkw-glucose']).toMatchObject({ outcome: 'not_applicable' });
    // Evidence points into the narrative QA sees: sentence ids of its sections, segment ids those sentences cite.
    const narrative = (await h.inject({ method: 'GET', url: review().replace('/review', '/narrative'), headers: headers(qa) })).json();
    for (const id of checks['stemi-12-lead-10-minutes']!.evidence.sentenceIds) {
      const [key, index] = id.split('.');
      expect(narrative.sections.find((s: { key: string }) => s.key === key).sentences[Number(index)]).toBeDefined();
    }
  });

  it('refuses what the roles may not do: provider approves or comments (403), admin reads (403), QA resubmits (403)', async () => {
    expect((await post(provider, '/approve', { version: 1 })).statusCode).toBe(403);
    const comment = { version: 1, anchor: { kind: 'section', sectionKey: 'treatment' }, severity: 'info', text: 'x' };
    expect((await post(provider, '/comments', comment)).statusCode).toBe(403);
    const byAdmin = await h.inject({ method: 'GET', url: review(), headers: headers(admin) });
    expect(byAdmin.statusCode).toBe(403);
    expect(byAdmin.json()).toEqual({ error: 'forbidden', message: expect.any(String) });
    expect((await post(qa, '/resubmit', { version: 1 })).statusCode).toBe(403);
  });

  it('keeps tenants apart: another tenant cannot read or act on the review', async () => {
    const foreignQa = await h.login(TENANT_B.id, 'qa');
    expect((await h.inject({ method: 'GET', url: review(), headers: headers(foreignQa) })).statusCode).toBe(403);
    const own = await h.inject({
      method: 'GET',
      url: `/v1/tenants/${TENANT_B.id}/dictations/${dictationId}/review`,
      headers: headers(foreignQa),
    });
    expect(own.statusCode).toBe(404);
  });

  it('walks the loop; illegal steps are 409 {error, message}; the provider sees the comment inline', async () => {
    const early = await post(qa, '/return', { version: 1 });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toEqual({ error: 'review_transition_refused', message: 'cannot return a review that is not started' });

    const anchor = { kind: 'sentence', sectionKey: 'treatment', sentence: 0 };
    const commented = await post(qa, '/comments', { version: 1, anchor, severity: 'critical', text: `12-lead was late. ${CANARY}` });
    expect(commented.statusCode).toBe(201);
    expect(commented.json()).toMatchObject({ state: 'in_review', blockingComments: 1 });
    const blocked = await post(qa, '/approve', { version: 1 });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error).toBe('review_changes_required');
    const badAnchor = await post(qa, '/comments', {
      version: 1,
      anchor: { kind: 'section', sectionKey: 'nowhere' },
      severity: 'info',
      text: 'x',
    });
    expect(badAnchor.statusCode).toBe(400);

    expect((await post(qa, '/return', { version: 1 })).json()).toMatchObject({ state: 'returned' });
    const seen = await h.inject({ method: 'GET', url: review(), headers: headers(provider) });
    expect(seen.json().comments).toEqual([expect.objectContaining({ anchor, severity: 'critical', text: `12-lead was late. ${CANARY}` })]);
    expect((await post(provider, '/resubmit', { version: 1 })).json().error).toBe('review_changes_required');

    const narrative = review().replace('/review', '/narrative');
    const view = (await h.inject({ method: 'GET', url: narrative, headers: headers(provider) })).json();
    const edited = await h.inject({
      method: 'PATCH',
      url: narrative,
      headers: headers(provider),
      payload: { baseVersion: 1, text: `${view.text} 12-lead delayed: patient refused until 1425.` },
    });
    expect(edited.statusCode).toBe(200);
    expect((await post(provider, '/resubmit', { version: 1 })).json().error).toBe('version_conflict');
    expect((await post(provider, '/resubmit', { version: 2 })).json()).toMatchObject({ state: 'resubmitted', blockingComments: 0 });
    const approved = await post(qa, '/approve', { version: 2 });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ state: 'approved', latestVersion: 2 });
    expect((await post(qa, '/approve', { version: 2 })).statusCode).toBe(409);

    const events = (await h.outbox(TENANT_A.id)).map((e) => JSON.stringify(e));
    for (const e of events) expect(e).not.toContain(CANARY);
  });
});
