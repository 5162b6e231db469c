import { randomUUID } from 'node:crypto';
import { decodeEvent, TOPIC, type DomainEvent } from '@medicdraft/contracts';
import type { ConsumedRecord } from '@medicdraft/platform';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { wavPcm } from './testing/audio-fixtures.js';
import { startIngestHarness, type IngestHarness } from './testing/ingest-harness.js';

const PROVIDER = '6f1c3b1e-2d4a-4c5b-9e8f-0a1b2c3d4e5f';
const TOPICS = [
  TOPIC.DICTATION_AUDIO_CREATED,
  TOPIC.DICTATION_TEXT_CREATED,
  TOPIC.DICTATION_REPROCESS_REQUESTED,
  TOPIC.RETENTION_OBJECT_DELETED,
] as const;

let h: IngestHarness;
let TENANT: string;
const seen: ConsumedRecord[] = [];
beforeAll(async () => {
  h = await startIngestHarness();
  await h.bus.subscribe({
    groupId: 'client-address-test',
    topics: [...TOPICS],
    handler: async (r) => {
      seen.push(r);
      return { action: 'done' };
    },
  });
});
afterAll(async () => h?.close());
beforeEach(() => {
  TENANT = `t-${randomUUID().slice(0, 8)}`;
});

const who = (address?: string) => ({
  'x-provider-id': PROVIDER,
  'x-actor-role': 'provider',
  ...(address === undefined ? {} : { 'x-client-address': address }),
});
const base = () => `/internal/v1/tenants/${TENANT}/dictations`;
const postText = (address?: string) =>
  h.app.inject({
    method: 'POST',
    url: `${base()}/text`,
    headers: who(address),
    payload: { text: 'Synthetic fall, medic 12.', synthetic: true },
  });
/** The decoded events of the test's tenant, once `count` of them have arrived. */
async function tenantEvents(count: number): Promise<DomainEvent[]> {
  return vi.waitFor(
    () => {
      const mine = seen.map((r) => decodeEvent(r.value)).flatMap((p) => (p.ok && p.value.tenantId === TENANT ? [p.value] : []));
      expect(mine.length).toBe(count);
      return mine;
    },
    { timeout: 5_000, interval: 10 },
  );
}

describe("the client's address on the events a user's request causes", () => {
  it('puts it on dictation.text.created, dictation.reprocess.requested and retention.object.deleted', async () => {
    h.setGate(TENANT, { phiMode: 'disabled' });
    const created = await postText('203.0.113.7');
    expect(created.statusCode).toBe(201);
    const id = created.json<{ dictationId: string }>().dictationId;
    const again = await h.app.inject({ method: 'POST', url: `${base()}/${id}/reprocess`, headers: who('2001:db8::7') });
    expect(again.statusCode).toBe(202);
    const gone = await h.app.inject({ method: 'DELETE', url: `${base()}/${id}`, headers: who('198.51.100.9') });
    expect(gone.statusCode).toBe(204);

    const events = await tenantEvents(3);
    expect(events.map((e) => [e.type, e.sourceAddress])).toEqual([
      [TOPIC.DICTATION_TEXT_CREATED, '203.0.113.7'],
      [TOPIC.DICTATION_REPROCESS_REQUESTED, '2001:db8::7'],
      [TOPIC.RETENTION_OBJECT_DELETED, '198.51.100.9'],
    ]);
  });

  it('puts it on dictation.audio.created', async () => {
    h.setGate(TENANT, { phiMode: 'enabled' });
    const res = await h.app.inject({
      method: 'POST',
      url: `${base()}/audio`,
      headers: { ...who('192.0.2.44'), 'content-type': 'application/octet-stream' },
      payload: wavPcm(),
    });
    expect(res.statusCode).toBe(201);
    const [event] = await tenantEvents(1);
    expect(event).toMatchObject({ type: TOPIC.DICTATION_AUDIO_CREATED, sourceAddress: '192.0.2.44' });
  });

  it('leaves it out when the caller names none', async () => {
    h.setGate(TENANT, { phiMode: 'disabled' });
    expect((await postText()).statusCode).toBe(201);
    const [event] = await tenantEvents(1);
    expect(event).not.toHaveProperty('sourceAddress');
  });

  it.each([
    ['a host name', 'gateway.internal'],
    ['an address with a port', '203.0.113.7:443'],
    ['a list of hops', '203.0.113.7, 10.0.0.1'],
    ['an over-long value', `2001:db8::${'1:'.repeat(40)}1`],
  ])('refuses %s with 400 before anything is stored', async (_name, address) => {
    h.setGate(TENANT, { phiMode: 'disabled' });
    const res = await postText(address);
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain(address);
    expect(await h.objects.list(TENANT, 'input')).toEqual([]);
  });
});
