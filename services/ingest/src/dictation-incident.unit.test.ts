import { randomUUID } from 'node:crypto';
import { decodeEvent, TOPIC } from '@medicdraft/contracts';
import { createIncidentKeyer, secret } from '@medicdraft/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wavPcm } from './testing/audio-fixtures.js';
import { startIngestHarness, type IngestHarness } from './testing/ingest-harness.js';

const PROVIDER = '6f1c3b1e-2d4a-4c5b-9e8f-0a1b2c3d4e5f';
const keyer = createIncidentKeyer(secret('an-incident-key-secret-for-the-unit-tests'));
// Incident numbers are not PHI by themselves but link a dictation to a patient's run: they must not leak either.
const CANARY = 'CANARY-EPCR-20261202-7731';

let h: IngestHarness;
let bare: IngestHarness;
beforeAll(async () => {
  [h, bare] = await Promise.all([startIngestHarness({ incidentKey: keyer }), startIngestHarness()]);
});
afterAll(async () => Promise.all([h?.close(), bare?.close()]));

/** A fresh tenant in sandbox mode on both services. */
function tenant() {
  const t = `t-${randomUUID().slice(0, 8)}`;
  h.setGate(t, { phiMode: 'disabled' });
  bare.setGate(t, { phiMode: 'disabled' });
  return t;
}
const postText = (harness: IngestHarness, t: string, body: object) =>
  harness.app.inject({
    method: 'POST',
    url: `/internal/v1/tenants/${t}/dictations/text`,
    headers: { 'x-provider-id': PROVIDER },
    payload: { text: 'Synthetic patient, chest pain.', synthetic: true, ...body },
  });
const postAudio = (harness: IngestHarness, t: string, headers: Record<string, string>) =>
  harness.app.inject({
    method: 'POST',
    url: `/internal/v1/tenants/${t}/dictations/audio`,
    headers: { 'content-type': 'application/octet-stream', 'x-provider-id': PROVIDER, 'x-synthetic': 'true', ...headers },
    payload: wavPcm(),
  });
const createdOf = async (harness: IngestHarness, t: string, dictationId: string) => {
  await expect.poll(() => harness.events.some((e) => e.value.includes(dictationId))).toBe(true);
  const record = harness.events.find((e) => e.value.includes(dictationId) && e.value.includes(`"tenantId":"${t}"`))!;
  const parsed = decodeEvent(record.value);
  if (!parsed.ok) throw new Error('the created event does not parse');
  return { raw: record.value, event: parsed.value };
};

describe('ePCR incident number at intake', () => {
  it('text: the created event carries only the tenant-keyed hash, never the number', async () => {
    const t = tenant();
    const res = await postText(h, t, { incidentNumber: CANARY });
    expect(res.statusCode).toBe(201);
    const { dictationId } = res.json<{ dictationId: string }>();
    const { raw, event } = await createdOf(h, t, dictationId);
    expect(event.type).toBe(TOPIC.DICTATION_TEXT_CREATED);
    expect((event.payload as { incidentKey?: string }).incidentKey).toBe(keyer(t, CANARY));
    expect(raw).not.toContain(CANARY);
    expect(h.logLines.join('')).not.toContain(CANARY);
    const rows = await h.db().withTenant(t, async (tx) => (await tx.query('SELECT * FROM dictations')).rows);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(CANARY);
  });

  it('audio: the x-incident-number header is keyed the same way', async () => {
    const t = tenant();
    const res = await postAudio(h, t, { 'x-incident-number': CANARY });
    expect(res.statusCode).toBe(201);
    const { raw, event } = await createdOf(h, t, res.json<{ dictationId: string }>().dictationId);
    expect(event.type).toBe(TOPIC.DICTATION_AUDIO_CREATED);
    expect((event.payload as { incidentKey?: string }).incidentKey).toBe(keyer(t, CANARY));
    expect(raw).not.toContain(CANARY);
  });

  it('without a number the event has no incidentKey', async () => {
    const t = tenant();
    const res = await postText(h, t, {});
    const { event } = await createdOf(h, t, res.json<{ dictationId: string }>().dictationId);
    expect(event.payload).not.toHaveProperty('incidentKey');
  });

  it('refuses a malformed number before storing anything, without echoing it', async () => {
    const t = tenant();
    for (const bad of ['has space', 'x'.repeat(41), 'semi;colon']) {
      const res = await postText(h, t, { incidentNumber: bad });
      expect(res.statusCode).toBe(400);
      expect(res.body).not.toContain(bad);
    }
    expect((await postAudio(h, t, { 'x-incident-number': 'a b' })).statusCode).toBe(400);
    expect(await h.objects.list(t, 'input')).toEqual([]);
  });

  it('refuses a number when no incident key is configured', async () => {
    const t = tenant();
    const res = await postText(bare, t, { incidentNumber: 'EMS-1' });
    expect(res.statusCode).toBe(400);
    expect(await bare.objects.list(t, 'input')).toEqual([]);
  });
});
