import { randomUUID } from 'node:crypto';
import { decodeEvent, TOPIC, type DictationIncidentCorrectedEvent } from '@medicdraft/contracts';
import { createIncidentKeyer, secret, type ConsumedRecord } from '@medicdraft/platform';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startIngestHarness, type IngestHarness } from './testing/ingest-harness.js';

const PROVIDER = '6f1c3b1e-2d4a-4c5b-9e8f-0a1b2c3d4e5f';
const OTHER = '0b7e4c1a-9d3f-4e2b-8a6c-5f1d2e3c4b5a';
const OWNER = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const keyer = createIncidentKeyer(secret('an-incident-key-secret-for-the-unit-tests'));
// Neither the numbers nor the reason may leave ingest: not in events, answers or logs.
const OLD = 'CANARY-EPCR-OLD-4410';
const NEW = 'CANARY-EPCR-NEW-4411';
const REASON = 'CANARY-REASON typo in the run number, checked against the ePCR';

let h: IngestHarness;
let bare: IngestHarness;
const corrections: ConsumedRecord[] = [];
beforeAll(async () => {
  [h, bare] = await Promise.all([startIngestHarness({ incidentKey: keyer }), startIngestHarness()]);
  await h.bus.subscribe({
    groupId: 'incident-corrections-test',
    topics: [TOPIC.DICTATION_INCIDENT_CORRECTED],
    handler: async (r) => (corrections.push(r), { action: 'done' }),
  });
});
afterAll(async () => Promise.all([h?.close(), bare?.close()]));

async function dictation(harness: IngestHarness, body: object = {}) {
  const t = `t-${randomUUID().slice(0, 8)}`;
  harness.setGate(t, { phiMode: 'disabled' });
  const res = await harness.app.inject({
    method: 'POST',
    url: `/internal/v1/tenants/${t}/dictations/text`,
    headers: { 'x-provider-id': PROVIDER },
    payload: { text: 'Synthetic patient, chest pain.', synthetic: true, ...body },
  });
  expect(res.statusCode).toBe(201);
  return { t, id: res.json<{ dictationId: string }>().dictationId };
}
const correct = (harness: IngestHarness, t: string, id: string, body: object, who = PROVIDER, role = 'provider', extra = {}) =>
  harness.app.inject({
    method: 'PUT',
    url: `/internal/v1/tenants/${t}/dictations/${id}/incident`,
    headers: { 'x-provider-id': who, 'x-actor-role': role, ...extra },
    payload: body,
  });
const correctionsOf = (id: string): DictationIncidentCorrectedEvent[] =>
  corrections.flatMap((r) => {
    const d = decodeEvent(r.value, TOPIC.DICTATION_INCIDENT_CORRECTED);
    return d.ok && d.value.payload.dictationId === id ? [d.value] : [];
  });

describe('correcting the incident number of a dictation', () => {
  it('replaces the key given at intake; the event carries both keys and the client address, never a number or the reason', async () => {
    const { t, id } = await dictation(h, { incidentNumber: OLD });
    const res = await correct(h, t, id, { incidentNumber: NEW, reason: REASON }, PROVIDER, 'provider', {
      'x-client-address': '203.0.113.9',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dictationId: id });
    const [event] = await vi.waitFor(() => {
      const found = correctionsOf(id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(event!.payload).toEqual({ dictationId: id, previousIncidentKey: keyer(t, OLD), incidentKey: keyer(t, NEW) });
    expect(event).toMatchObject({ actor: { type: 'user', id: PROVIDER, role: 'provider' }, sourceAddress: '203.0.113.9' });
    for (const leak of [OLD, NEW, 'CANARY-REASON']) {
      expect(JSON.stringify(corrections)).not.toContain(leak);
      expect(res.body).not.toContain(leak);
      expect(h.logLines.join('')).not.toContain(leak);
    }
    // The reason is kept with the correction, in the tenant's rows only.
    const rows = await h
      .db()
      .withTenant(t, async (tx) => (await tx.query<{ reason: string }>('SELECT reason FROM incident_corrections')).rows);
    expect(rows).toEqual([{ reason: REASON }]);
  });

  it('sets a number on a dictation that had none (no previous key), then an owner corrects it again', async () => {
    const { t, id } = await dictation(h);
    expect((await correct(h, t, id, { incidentNumber: OLD, reason: 'given late' })).statusCode).toBe(200);
    expect((await correct(h, t, id, { incidentNumber: NEW, reason: 'owner fix' }, OWNER, 'owner')).statusCode).toBe(200);
    const events = await vi.waitFor(() => {
      const found = correctionsOf(id);
      expect(found).toHaveLength(2);
      return found;
    });
    expect(events.map((e) => e.payload)).toEqual([
      { dictationId: id, incidentKey: keyer(t, OLD) },
      { dictationId: id, previousIncidentKey: keyer(t, OLD), incidentKey: keyer(t, NEW) },
    ]);
  });

  it('refuses another provider (404), no reason or a bad number (400), the same number (409), an unkeyed deployment (400)', async () => {
    const { t, id } = await dictation(h, { incidentNumber: OLD });
    expect((await correct(h, t, id, { incidentNumber: NEW, reason: 'x' }, OTHER, 'provider')).statusCode).toBe(404);
    expect((await correct(h, t, id, { incidentNumber: NEW, reason: 'x' }, OTHER, 'qa')).statusCode).toBe(404);
    expect((await correct(h, t, id, { incidentNumber: NEW })).statusCode).toBe(400);
    expect((await correct(h, t, id, { incidentNumber: NEW, reason: '   ' })).statusCode).toBe(400);
    expect((await correct(h, t, id, { incidentNumber: 'not a number!', reason: 'x' })).statusCode).toBe(400);
    expect((await correct(h, t, id, { incidentNumber: OLD.toLowerCase(), reason: 'x' })).statusCode).toBe(409);
    expect((await correct(h, t, randomUUID(), { incidentNumber: NEW, reason: 'x' })).statusCode).toBe(404);
    const plain = await dictation(bare);
    expect((await correct(bare, plain.t, plain.id, { incidentNumber: NEW, reason: 'x' })).statusCode).toBe(400);
    expect(correctionsOf(id)).toEqual([]);
  });
});
