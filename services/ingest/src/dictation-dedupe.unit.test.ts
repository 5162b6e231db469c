import { randomUUID } from 'node:crypto';
import { TOPIC } from '@medicdraft/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { wavPcm } from './testing/audio-fixtures.js';
import { startIngestHarness, type IngestHarness } from './testing/ingest-harness.js';

const PROVIDER = '6f1c3b1e-2d4a-4c5b-9e8f-0a1b2c3d4e5f';
const OTHER_PROVIDER = '0b7e4c1a-9d3f-4e2b-8a6c-5f1d2e3c4b5a';
/** Short enough that the outbox keeps every published row for the whole test (it prunes after an hour). */
const WINDOW_MS = 10 * 60_000;
const CREATED_TOPICS: readonly string[] = [TOPIC.DICTATION_AUDIO_CREATED, TOPIC.DICTATION_TEXT_CREATED];

let h: IngestHarness;
let now = Date.now();
let TENANT: string;

beforeAll(async () => {
  h = await startIngestHarness({ limits: { dedupeWindowMs: WINDOW_MS }, clock: () => now });
});
afterAll(async () => h?.close());
beforeEach(() => {
  now = Date.now();
  TENANT = `t-${randomUUID().slice(0, 8)}`;
  h.setGate(TENANT, { phiMode: 'enabled' });
});

async function sendAudio(audio: Buffer, opts: { tenant?: string; provider?: string } = {}) {
  const res = await h.app.inject({
    method: 'POST',
    url: `/internal/v1/tenants/${opts.tenant ?? TENANT}/dictations/audio`,
    headers: { 'content-type': 'application/octet-stream', 'x-provider-id': opts.provider ?? PROVIDER },
    payload: audio,
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ dictationId: string; deduplicated: boolean; sha256: string }>();
}

/** Every `dictation.*.created` the tenant's intake ever wrote to its outbox (published or not). */
async function createdEventsInOutbox(tenant = TENANT): Promise<string[]> {
  const { rows } = await h.db().withTenant(tenant, (tx) => tx.query<{ topic: string; key: string }>('SELECT topic, key FROM outbox'));
  return rows.filter((r) => CREATED_TOPICS.includes(r.topic)).map((r) => r.key);
}

const inputObjects = async (tenant = TENANT) => (await h.objects.list(tenant, 'input')).length;

describe('a resend of the same recording by the same provider', () => {
  it('is answered with the stored dictation: no new row, no second created event, no second object', async () => {
    const audio = wavPcm({ seconds: 0.5 });
    const first = await sendAudio(audio);
    expect(first.deduplicated).toBe(false);
    now += WINDOW_MS / 2;
    const again = await sendAudio(audio);
    expect(again).toMatchObject({ dictationId: first.dictationId, deduplicated: true, sha256: first.sha256 });

    expect(await createdEventsInOutbox()).toEqual([first.dictationId]);
    await vi.waitFor(() => expect(h.events.filter((e) => e.key === first.dictationId)).toHaveLength(1));
    expect(h.events.filter((e) => e.value.includes(TENANT))).toHaveLength(1);
    expect(await inputObjects()).toBe(1);
    const listed = await h.app.inject({ url: `/internal/v1/tenants/${TENANT}/dictations` });
    expect(listed.json<{ dictations: unknown[] }>().dictations).toHaveLength(1);
  });

  it('counts the window from the first dictation: one millisecond inside maps, exactly at the window is new', async () => {
    const audio = wavPcm({ seconds: 0.3 });
    const first = await sendAudio(audio);
    const start = now;
    now = start + WINDOW_MS - 1;
    expect(await sendAudio(audio)).toMatchObject({ dictationId: first.dictationId, deduplicated: true });
    now = start + WINDOW_MS;
    const later = await sendAudio(audio);
    expect(later.deduplicated).toBe(false);
    expect(later.dictationId).not.toBe(first.dictationId);
    // The new one starts its own window.
    now += 1;
    expect(await sendAudio(audio)).toMatchObject({ dictationId: later.dictationId, deduplicated: true });
    expect(await createdEventsInOutbox()).toEqual([first.dictationId, later.dictationId]);
  });

  it('is a new dictation when another provider sends it', async () => {
    const audio = wavPcm({ seconds: 0.35 });
    const mine = await sendAudio(audio);
    const theirs = await sendAudio(audio, { provider: OTHER_PROVIDER });
    expect(theirs.deduplicated).toBe(false);
    expect(theirs.dictationId).not.toBe(mine.dictationId);
    expect(await createdEventsInOutbox()).toHaveLength(2);
  });

  it('never maps to another tenant', async () => {
    const audio = wavPcm({ seconds: 0.4 });
    const other = `t-${randomUUID().slice(0, 8)}`;
    h.setGate(other, { phiMode: 'enabled' });
    const here = await sendAudio(audio);
    const there = await sendAudio(audio, { tenant: other });
    expect(there.deduplicated).toBe(false);
    expect(there.dictationId).not.toBe(here.dictationId);
    expect(await createdEventsInOutbox(other)).toEqual([there.dictationId]);
    expect(await inputObjects(other)).toBe(1);
  });

  it('is new once the stored dictation was deleted (its content is gone)', async () => {
    const audio = wavPcm({ seconds: 0.45 });
    const first = await sendAudio(audio);
    const removed = await h.app.inject({
      method: 'DELETE',
      url: `/internal/v1/tenants/${TENANT}/dictations/${first.dictationId}`,
      headers: { 'x-provider-id': PROVIDER },
    });
    expect(removed.statusCode).toBe(204);
    const again = await sendAudio(audio);
    expect(again.deduplicated).toBe(false);
    expect(again.dictationId).not.toBe(first.dictationId);
  });

  it('creates one dictation when two copies arrive at once', async () => {
    const audio = wavPcm({ seconds: 0.55 });
    const [a, b] = await Promise.all([sendAudio(audio), sendAudio(audio)]);
    expect(a.dictationId).toBe(b.dictationId);
    expect([a.deduplicated, b.deduplicated].sort()).toEqual([false, true]);
    expect(await createdEventsInOutbox()).toHaveLength(1);
    expect(await inputObjects()).toBe(1);
  });

  it('applies to synthetic text the same way', async () => {
    const send = async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: `/internal/v1/tenants/${TENANT}/dictations/text`,
        headers: { 'x-provider-id': PROVIDER },
        payload: { text: 'Synthetic resend check, 54 year old, chest pain.', synthetic: true },
      });
      expect(res.statusCode).toBe(201);
      return res.json<{ dictationId: string; deduplicated: boolean }>();
    };
    const first = await send();
    expect(await send()).toMatchObject({ dictationId: first.dictationId, deduplicated: true });
    expect(await createdEventsInOutbox()).toEqual([first.dictationId]);
  });
});

describe('with the window set to 0', () => {
  it('stores every upload', async () => {
    const off = await startIngestHarness({ limits: { dedupeWindowMs: 0 } });
    try {
      off.setGate(TENANT, { phiMode: 'enabled' });
      const audio = wavPcm({ seconds: 0.2 });
      const ids = [];
      for (let i = 0; i < 2; i++) {
        const res = await off.app.inject({
          method: 'POST',
          url: `/internal/v1/tenants/${TENANT}/dictations/audio`,
          headers: { 'content-type': 'application/octet-stream', 'x-provider-id': PROVIDER },
          payload: audio,
        });
        expect(res.json()).toMatchObject({ deduplicated: false });
        ids.push(res.json<{ dictationId: string }>().dictationId);
      }
      expect(new Set(ids).size).toBe(2);
    } finally {
      await off.close();
    }
  });
});
