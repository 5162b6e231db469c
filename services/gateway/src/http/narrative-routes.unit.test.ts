import { decodeEvent, NarrativeCopiedPayloadSchema, TOPIC } from '@medicdraft/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { switchableBus } from '../testing/switchable-bus.js';
import { startGatewayHarness, TENANT_A, type GatewayHarness, type SignedIn } from '../testing/gateway-harness.js';

const CANARY = 'CANARY-ROUTE-REVIEW-5581';
const DICTATION =
  `Dispatched at 1005 for a fall, patient ${CANARY}. Responded non emergent. Arrived on scene at 1020. 82 year old female ` +
  `complains of right hip pain. ` +
  'Vitals: BP 138/84, heart rate 92, respirations 16, SpO2 97%. No treatment was indicated. We transported non emergent. ' +
  'Care transferred to the ED RN, patient stable.';

/**
 * The narrative routes end to end in process: the gateway (RBAC, ownership, gate) → audited
 * client → in-process adapter → the real narrative service. The gateway's bus is a memory bus
 * that the test can take down, standing in for Kafka refusing acks=all.
 */
describe('narrative routes: review, resolve, copy; audit before action through the gateway', { timeout: 60_000 }, () => {
  let h: GatewayHarness;
  let provider: SignedIn;
  let qa: SignedIn;
  let dictationId: string;
  let narrativeId: string;
  const { bus, sent, setUp, close: closeBus } = switchableBus();

  const base = () => `/v1/tenants/${TENANT_A.id}/dictations/${dictationId}/narrative`;
  const headers = (s: SignedIn) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });
  const events = (type: string) =>
    sent
      .filter((r) => r.topic === type)
      .map((r) => decodeEvent(r.value))
      .flatMap((p) => (p.ok ? [p.value] : []));

  beforeAll(async () => {
    h = await startGatewayHarness({ withNarrative: true, bus });
    provider = await h.login(TENANT_A.id, 'provider');
    qa = await h.login(TENANT_A.id, 'qa');
    const created = await h.inject({
      method: 'POST',
      url: `/v1/tenants/${TENANT_A.id}/dictations`,
      headers: headers(provider),
      payload: { text: DICTATION, synthetic: true },
    });
    expect(created.statusCode).toBe(202);
    dictationId = created.json().dictationId;
    await h.narrate(dictationId, DICTATION);
  });
  afterAll(async () => {
    await h?.close();
    await closeBus();
  });

  it('shows the narrative to its provider and to QA, each view recorded as narrative.viewed first', async () => {
    const mine = await h.inject({ method: 'GET', url: base(), headers: headers(provider) });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ dictationId, version: 1, copyable: false, missing: [{ element: 'destination' }] });
    expect(mine.body).toContain(CANARY);
    narrativeId = mine.json().narrativeId;
    const byQa = await h.inject({ method: 'GET', url: `${base()}?version=1`, headers: headers(qa) });
    expect(byQa.statusCode).toBe(200);
    expect(events(TOPIC.NARRATIVE_VIEWED).map((e) => e.actor)).toEqual([
      { type: 'user', id: provider.userId, role: 'provider' },
      { type: 'user', id: qa.userId, role: 'qa' },
    ]);
  });

  it('refuses the copy while unresolved (409), resolves with an optimistic version, refuses a stale one (409)', async () => {
    const refused = await h.inject({ method: 'POST', url: `${base()}/copy`, headers: headers(provider), payload: {} });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('unresolved_elements');
    const resolved = await h.inject({
      method: 'PATCH',
      url: base(),
      headers: headers(provider),
      payload: { baseVersion: 1, resolutions: { destination: 'Regional Medical Center' } },
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ version: 2, copyable: true });
    const stale = await h.inject({
      method: 'PATCH',
      url: base(),
      headers: headers(provider),
      payload: { baseVersion: 1, text: 'Anything.' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toBe('version_conflict');
  });

  it('with Kafka down, a view and a copy fail closed (503 audit_unavailable) and no narrative text leaves the gateway', async () => {
    setUp(false);
    const before = sent.length;
    const view = await h.inject({ method: 'GET', url: base(), headers: headers(provider) });
    const copy = await h.inject({ method: 'POST', url: `${base()}/copy`, headers: headers(provider), payload: {} });
    setUp(true);
    for (const res of [view, copy]) {
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        error: 'audit_unavailable',
        message: 'the action could not be recorded in the audit trail, so it was not performed',
      });
      expect(res.body).not.toMatch(/CANARY|Regional|DISPATCH/);
    }
    expect(sent.length).toBe(before);
  });

  it('with Kafka up, the copy answers the ESO text after narrative.copied (version, length, sha256 of that text)', async () => {
    const res = await h.inject({ method: 'POST', url: `${base()}/copy`, headers: headers(provider), payload: { version: 2 } });
    expect(res.statusCode).toBe(200);
    const { text, version, sha256 } = res.json<{ text: string; version: number; sha256: string }>();
    expect(version).toBe(2);
    expect(text).toContain('Regional Medical Center.');
    const [copied] = events(TOPIC.NARRATIVE_COPIED);
    expect(copied?.payload).toEqual({ dictationId, narrativeId, version: 2, format: 'eso_plain_text', length: text.length, sha256 });
    expect(sent.map((r) => r.value).join('\n')).not.toMatch(/CANARY|Regional|hip pain/);
  });

  it('copies as NEMSIS eNarrative.01 XML and as the MIST hand-off, each after its own narrative.copied naming the format', async () => {
    const before = events(TOPIC.NARRATIVE_COPIED).length;
    const nemsis = await h.inject({
      method: 'POST',
      url: `${base()}/copy`,
      headers: headers(provider),
      payload: { format: 'nemsis_enarrative_xml' },
    });
    expect(nemsis.statusCode).toBe(200);
    expect(nemsis.json()).toMatchObject({ format: 'nemsis_enarrative_xml', version: 2 });
    expect(nemsis.json<{ text: string }>().text).toMatch(
      /^<\?xml [^>]+>\n<eNarrative xmlns="http:\/\/www\.nemsis\.org"><eNarrative\.01>DISPATCH: /,
    );
    const mist = await h.inject({
      method: 'POST',
      url: `${base()}/copy`,
      headers: headers(provider),
      payload: { format: 'mist_handoff_text' },
    });
    expect(mist.statusCode).toBe(200);
    expect(mist.json<{ text: string }>().text).toMatch(/^M: .*\nI: .*\nS: Initial: BP 138\/84/);
    const copied = events(TOPIC.NARRATIVE_COPIED).slice(before);
    const payloads = copied.map((e) => NarrativeCopiedPayloadSchema.parse(e.payload));
    expect(payloads.map((p) => [p.format, p.length, p.sha256])).toEqual([
      ['nemsis_enarrative_xml', nemsis.json().length, nemsis.json().sha256],
      ['mist_handoff_text', mist.json().length, mist.json().sha256],
    ]);
    const unknown = await h.inject({ method: 'POST', url: `${base()}/copy`, headers: headers(provider), payload: { format: 'pdf' } });
    expect(unknown.statusCode).toBe(400);
    expect(sent.map((r) => r.value).join('\n')).not.toMatch(/CANARY|Regional|hip pain/);
  });

  it('shows QA the edit-distance distribution of copied narratives (with the provider), and refuses it to a provider (403)', async () => {
    const url = `/v1/tenants/${TENANT_A.id}/narrative-metrics/edit-distance`;
    const res = await h.inject({ method: 'GET', url, headers: headers(qa) });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    // One narrative copied (version 2, after a resolution): one value, above 0.
    expect(report.overall).toMatchObject({ count: 1 });
    expect(report.overall.mean).toBeGreaterThan(0);
    expect(report.byProvider).toEqual([
      expect.objectContaining({ providerId: provider.userId, providerEmail: expect.stringContaining('@'), count: 1 }),
    ]);
    expect(res.body).not.toMatch(/CANARY|Regional|hip pain/);
    const refused = await h.inject({ method: 'GET', url, headers: headers(provider) });
    expect(refused.statusCode).toBe(403);
  });
});
