import { createHash } from 'node:crypto';
import { decodeEvent, TOPIC } from '@medicdraft/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { switchableBus } from '../testing/switchable-bus.js';
import { startGatewayHarness, TENANT_A, type GatewayHarness, type SignedIn } from '../testing/gateway-harness.js';

/** Dictations carrying a canary of every Safe Harbor identifier class a dictation can hold. */
const DICTATIONS = [
  'Dispatched at 1005 for a fall. Responded non emergent. Arrived on scene at 1020 at 4417 Juniper Hollow Road in Springfield. ' +
    'Pt is José Ramírez, a 92-year-old male, DOB 03/14/1931, found by his wife Rose. MRN 00482913, SSN 123-45-6789. ' +
    'Daughter reachable at (312) 555-0186 or jr.ramirez58@example.org. Complains of right hip pain since March 3rd. ' +
    'Vitals: BP 138/84, heart rate 92, respirations 16, SpO2 97%. No treatment was indicated. ' +
    "We transported non emergent to St. Luke's Medical Center. Care transferred to the ED RN, patient stable.",
  'Medic 14 dispatched at 2210 for a motor vehicle collision on Route 9 at mile marker 42, incident 2026-004512. ' +
    'Responded emergent. Arrived on scene at 2221. Driver Guadalupe Ortíz, 34 year old female, plate 7XKM221, complains of neck pain. ' +
    'Her care plan is at https://portal.example.org/patients/8812 and her monitor uploaded from 10.42.7.19. ' +
    'Vitals: BP 122/78, heart rate 88, respirations 18, SpO2 99%. Cervical collar applied. ' +
    'Transported non emergent to Mercy Hospital. Care transferred to the ED RN, patient stable.',
];
const CANARIES = [
  'José',
  'Ramírez',
  '4417',
  'Juniper',
  'Springfield',
  '03/14',
  '1931',
  'Rose',
  '00482913',
  '123-45-6789',
  '555-0186',
  'jr.ramirez58',
  'March 3',
  'Luke',
  'Guadalupe',
  'Ortíz',
  '004512',
  '7XKM221',
  'portal.example.org',
  '10.42.7.19',
  'Mercy',
  'mile marker 42',
];

/**
 * The owners' de-identified export through the whole gateway (RBAC, gate, audited client) and
 * the real narrative service: every canary reaches the narrative an owner may view, and none
 * survives into the export; the export starts only after `narratives.exported` is durable.
 */
describe('de-identified narrative export (owners, audited, Safe Harbor)', { timeout: 60_000 }, () => {
  let h: GatewayHarness;
  let owner: SignedIn;
  let provider: SignedIn;
  const { bus, sent, setUp, close: closeBus } = switchableBus();

  const headers = (s: SignedIn) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });
  const url = `/v1/tenants/${TENANT_A.id}/exports/deidentified-narratives`;
  const viewed: string[] = [];

  beforeAll(async () => {
    h = await startGatewayHarness({ withNarrative: true, bus });
    owner = await h.login(TENANT_A.id, 'owner');
    provider = await h.login(TENANT_A.id, 'provider');
    for (const text of DICTATIONS) {
      const created = await h.inject({
        method: 'POST',
        url: `/v1/tenants/${TENANT_A.id}/dictations`,
        headers: headers(provider),
        payload: { text, synthetic: true },
      });
      expect(created.statusCode).toBe(202);
      const { dictationId } = created.json();
      await h.narrate(dictationId, text);
      const view = await h.inject({
        method: 'GET',
        url: `/v1/tenants/${TENANT_A.id}/dictations/${dictationId}/narrative`,
        headers: headers(owner),
      });
      expect(view.statusCode).toBe(200);
      viewed.push(view.json().text);
    }
  });
  afterAll(async () => {
    await h?.close();
    await closeBus();
  });

  it('the narratives an owner may view carry every canary (so the export below has something to remove)', () => {
    for (const canary of CANARIES) expect(viewed.join('\n'), canary).toContain(canary);
  });

  it('downloads the narratives with no canary left, the clinical content kept, after narratives.exported is durable', async () => {
    const res = await h.inject({ method: 'GET', url, headers: headers(owner), remoteAddress: '::ffff:198.51.100.31' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="deidentified-narratives-\d{4}-\d{2}-\d{2}\.json"$/);
    for (const canary of CANARIES) expect(res.body, `"${canary}" survived`).not.toContain(canary);
    const body = res.json();
    expect(body.method).toBe('safe_harbor');
    expect(body.narratives).toHaveLength(DICTATIONS.length);
    expect(res.body).toMatch(/138\/84/);
    expect(res.body).toMatch(/[Cc]ervical collar/);
    for (const n of body.narratives)
      expect(Object.keys(n).sort()).toEqual(
        ['engine', 'engineVersion', 'missingElements', 'n', 'sections', 'template', 'templateVersion', 'versions', 'year'].sort(),
      );
    const [exported, ...more] = sent
      .filter((r) => r.topic === TOPIC.NARRATIVES_EXPORTED)
      .map((r) => decodeEvent(r.value, TOPIC.NARRATIVES_EXPORTED));
    expect(more).toEqual([]);
    expect(exported?.ok && exported.value.payload).toEqual({
      method: 'safe_harbor',
      narratives: DICTATIONS.length,
      redactions: body.redactions,
      sha256: createHash('sha256').update(res.body, 'utf8').digest('hex'),
    });
    expect(exported?.ok && exported.value.actor).toEqual({ type: 'user', id: owner.userId, role: 'owner' });
    // The client's address as the gateway saw it (an IPv4-mapped address written as IPv4).
    expect(exported?.ok && exported.value.sourceAddress).toBe('198.51.100.31');
    // Random ids and digests are masked first: a uuid or a sha256 holds a digit run such as "4417" by chance.
    const events = sent.map((r) => r.value.replace(/[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}|\b[0-9a-f]{64}\b/g, '<id>')).join('\n');
    for (const canary of CANARIES) expect(events, canary).not.toContain(canary);
  });

  it('with Kafka down the export fails closed (503 audit_unavailable) and nothing leaves the gateway', async () => {
    setUp(false);
    const res = await h.inject({ method: 'GET', url, headers: headers(owner) });
    setUp(true);
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toBe('audit_unavailable');
    expect(res.body).not.toMatch(/sections|Ramírez|\[NAME\]/);
  });

  it('is refused to a provider (403) and to an invalid limit (400)', async () => {
    expect((await h.inject({ method: 'GET', url, headers: headers(provider) })).statusCode).toBe(403);
    const bad = await h.inject({ method: 'GET', url: `${url}?limit=0`, headers: headers(owner) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid_request' });
  });
});
